/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.VmMobility;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Migration;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.migration.State;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.migration.state.Translation;

/**
 * {@code vmm:migrations}: every migration (configuration) with where its translation stands (its state): phase,
 * switches, flows and the packets its flows matched, per direction, and the reason while it is not active.
 */
@Service
@Command(scope = "vmm", name = "migrations", description = "Lists the migrations: new address, phase, switches, "
    + "flow and packet counts per direction, cut-over peers and the reason")
public final class MigrationsCommand implements Action {
    @Reference
    DataBroker broker;

    @Reference
    Session session;

    @Override
    public Object execute() {
        DatastoreReads.printTable(broker, session.getConsole(), "vmm:migrations", MigrationsCommand::render);
        return null;
    }

    /**
     * The table of migrations.
     *
     * @param config the configuration, null if there is none
     * @param state the state, null if there is none
     * @return the table, or a sentence if there is no migration
     */
    static String render(final @Nullable VmMobility config, final @Nullable VmMobility state) {
        if (config == null || config.nonnullMigration().isEmpty()) {
            return "no migrations\n";
        }
        final Map<String, State> states = new TreeMap<>();
        if (state != null) {
            state.nonnullMigration().values().forEach(migration -> {
                if (migration.getState() != null) {
                    states.put(migration.requireVmId().getValue(), migration.getState());
                }
            });
        }
        final Map<String, Migration> migrations = new TreeMap<>();
        config.nonnullMigration().values().forEach(migration -> migrations.put(migration.requireVmId().getValue(),
            migration));
        final TextTable table = new TextTable("VM", "NEW ADDRESS", "NEW ATTACHMENT", "PHASE", "SWITCHES", "FLOWS",
            "PACKETS", "CUT OVER", "REASON");
        migrations.forEach((vmId, migration) -> {
            final State now = states.get(vmId);
            final var at = migration.getNewAttachment();
            final var cutOver = new TreeSet<String>();
            if (migration.getCutOver() != null) {
                migration.getCutOver().forEach(peer -> cutOver.add(peer.getValue()));
            }
            table.row(vmId, migration.requireNewAddress().getValue(),
                at == null ? "" : TextTable.port(at.getNodeId(), at.getPort()),
                now == null || now.getPhase() == null ? "not yet planned" : now.getPhase().getName(),
                now == null || now.getSwitch() == null ? "" : TextTable.list(new TreeSet<>(now.getSwitch().stream()
                    .map(node -> node.getValue()).toList())),
                now == null ? "" : flows(now), now == null ? "" : perDirection(now, true),
                TextTable.list(cutOver), now == null ? "" : now.getReason());
        });
        return table.render();
    }

    /** The flow count and the flows per direction over all switches, e.g. {@code 5 (to=2 from=2 arp=1)}. */
    private static String flows(final State state) {
        final long total = state.getFlowCount() == null ? 0 : state.getFlowCount().longValue();
        final String perDirection = perDirection(state, false);
        return perDirection.isEmpty() ? String.valueOf(total) : total + " (" + perDirection + ")";
    }

    /**
     * Flows or packets per direction over all switches, IPv6 ones apart, e.g. {@code to=2 from=2 arp=1 to6=2 from6=2
     * nd=2}; empty without any.
     */
    private static String perDirection(final State state, final boolean packets) {
        final Map<String, Long> sums = new LinkedHashMap<>();
        for (String name : List.of("to", "from", "arp", "to6", "from6", "nd")) {
            sums.put(name, null);
        }
        state.nonnullTranslation().values().forEach(translation -> {
            final long value;
            if (packets) {
                value = translation.getPacketCount() == null ? 0 : translation.getPacketCount().getValue().longValue();
            } else {
                value = translation.getFlowCount() == null ? 0 : translation.getFlowCount().longValue();
            }
            final String family = translation.getFamily() == Translation.Family.Ipv6 ? "6" : "";
            final String name = switch (translation.requireDirection()) {
                case ToCurrent -> "to" + family;
                case FromCurrent -> "from" + family;
                case ArpReply -> "arp";
                case NdReply -> "nd";
            };
            sums.merge(name, value, (before, more) -> before == null ? more : before + more);
        });
        final StringBuilder text = new StringBuilder();
        sums.forEach((name, sum) -> {
            if (sum != null) {
                text.append(text.isEmpty() ? "" : " ").append(name).append('=').append(sum);
            }
        });
        return text.toString();
    }
}
