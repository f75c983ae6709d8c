/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.shell;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.RpcService;
import org.opendaylight.vmmobility.impl.config.VmMobilitySettings;
import org.opendaylight.vmmobility.impl.intent.ChangeReader;
import org.opendaylight.vmmobility.impl.state.SwitchFlowProbe;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.VmMobility;

/**
 * {@code vmm:trace [--nd] VM-OR-ADDRESS ADDRESS}: what the edge switch of a VM does with its IPv4 or IPv6 packets to an
 * address: the flows the plan puts in their way, whether each is on the switch now (the switch is asked directly,
 * through openflowplugin's direct statistics, unless the operational inventory lists the flow already), and what the
 * packet becomes, or why it is not translated.
 */
@Service
@Command(scope = "vmm", name = "trace", description = "Traces an IPv4 or IPv6 packet (or with --nd a Neighbor "
    + "Solicitation) from a VM to an address through the "
    + "flows of the VM's edge switch: each flow (table, id, priority, match, actions) and whether it is on the "
    + "switch, then the rewritten destination and MAC, or why it is not translated")
public final class TraceCommand implements Action {
    private static final long ASK_SECONDS = 5;

    @Argument(index = 0, name = "source", required = true,
        description = "The sending VM: its vm-id, its home address or its current address")
    String source;

    @Argument(index = 1, name = "destination", required = true,
        description = "The destination IPv4 or IPv6 address (a vm-id stands for its home address); with --nd the "
            + "IPv6 address resolved (a vm-id stands for its IPv6 home address)")
    String destination;

    @Option(name = "--nd", description = "Trace a Neighbor Solicitation for the destination instead of a packet to it")
    boolean solicitation;

    @Reference
    DataBroker broker;

    @Reference
    RpcService rpcService;

    @Reference
    Session session;

    /** The configuration the application runs with: the very object it parsed. */
    @Reference
    VmMobilitySettings settings;

    @Override
    public Object execute() {
        final var out = session.getConsole();
        try {
            final VmMobility config = DatastoreReads.config(broker);
            final VmMobility state = DatastoreReads.state(broker);
            final SwitchInventory read = SwitchInventory.of(DatastoreReads.switches(broker));
            final Map<String, String> unanswered = new TreeMap<>();
            final SwitchInventory inventory = read.askingSwitches(asking(read, unanswered));
            out.print(solicitation ? PacketTrace.traceSolicitation(ChangeReader.readAll(config), settings.pipeline(),
                inventory, statuses(state), source, destination) : PacketTrace.trace(ChangeReader.readAll(config),
                settings.pipeline(), inventory, statuses(state), source, destination));
            unanswered.forEach((nodeId, why) -> out.println("note: " + nodeId + " did not say which flows it holds ("
                + why + "): its flows are shown as not on the switch"));
        } catch (DatastoreReads.ReadFailure e) {
            out.println("vmm:trace: " + e.getMessage());
        }
        return null;
    }

    /** Asks each connected switch once, when the trace first needs it, for at most {@value #ASK_SECONDS} s. */
    private SwitchInventory.SwitchFlows asking(final SwitchInventory read, final Map<String, String> unanswered) {
        final SwitchFlowProbe probe = new SwitchFlowProbe(rpcService);
        final Map<String, Optional<Set<Long>>> asked = new HashMap<>();
        return nodeId -> asked.computeIfAbsent(nodeId, node -> {
            if (!read.connected().contains(node)) {
                return Optional.empty();
            }
            try {
                return Optional.of(Set.copyOf(probe.flows(node).get(ASK_SECONDS, TimeUnit.SECONDS).keySet()));
            } catch (ExecutionException e) {
                unanswered.put(node, String.valueOf(e.getCause()));
            } catch (TimeoutException e) {
                unanswered.put(node, "no answer within " + ASK_SECONDS + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unanswered.put(node, "interrupted");
            }
            return Optional.empty();
        });
    }

    /**
     * The migrations' published phases.
     *
     * @param state the application's state, null if there is none
     * @return phase and reason by VM
     */
    static Map<String, PacketTrace.Status> statuses(final @Nullable VmMobility state) {
        final Map<String, PacketTrace.Status> statuses = new TreeMap<>();
        if (state != null) {
            state.nonnullMigration().values().forEach(migration -> {
                final var now = migration.getState();
                if (now != null && now.getPhase() != null) {
                    statuses.put(migration.requireVmId().getValue(), new PacketTrace.Status(now.getPhase().getName(),
                        now.getReason() == null ? "" : now.getReason()));
                }
            });
        }
        return statuses;
    }
}
