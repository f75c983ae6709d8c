/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.shell;

import java.util.ArrayList;
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
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.ApplicationGroup;

/**
 * {@code vmm:groups}: the application groups, their members, and which members are migrated (with their
 * migration's phase).
 */
@Service
@Command(scope = "vmm", name = "groups", description = "Lists the application groups: members, and the migrated "
    + "members with their migration's phase")
public final class GroupsCommand implements Action {
    @Reference
    DataBroker broker;

    @Reference
    Session session;

    @Override
    public Object execute() {
        DatastoreReads.printTable(broker, session.getConsole(), "vmm:groups", GroupsCommand::render);
        return null;
    }

    /**
     * The table of groups.
     *
     * @param config the configuration, null if there is none
     * @param state the state, null if there is none
     * @return the table, or a sentence if there is no group
     */
    static String render(final @Nullable VmMobility config, final @Nullable VmMobility state) {
        if (config == null || config.nonnullApplicationGroup().isEmpty()) {
            return "no groups configured\n";
        }
        final var registered = new TreeSet<String>();
        config.nonnullVm().keySet().forEach(key -> registered.add(key.getVmId().getValue()));
        final var migrated = new TreeSet<String>();
        config.nonnullMigration().keySet().forEach(key -> migrated.add(key.getVmId().getValue()));
        final Map<String, String> phases = new TreeMap<>();
        if (state != null) {
            state.nonnullMigration().values().forEach(migration -> {
                if (migration.getState() != null && migration.getState().getPhase() != null) {
                    phases.put(migration.requireVmId().getValue(), migration.getState().getPhase().getName());
                }
            });
        }
        final Map<String, ApplicationGroup> groups = new TreeMap<>();
        config.nonnullApplicationGroup().values().forEach(group -> groups.put(group.requireName().getValue(), group));
        final TextTable table = new TextTable("GROUP", "MEMBERS", "MIGRATED", "DESCRIPTION");
        groups.forEach((name, group) -> {
            final List<String> members = new ArrayList<>();
            final List<String> moved = new ArrayList<>();
            for (String vmId : new TreeSet<>(group.nonnullMember().keySet().stream()
                    .map(key -> key.getVmId().getValue()).toList())) {
                // a member whose VM was deleted is ignored by the application: say so
                members.add(registered.contains(vmId) ? vmId : vmId + "(not registered)");
                if (migrated.contains(vmId)) {
                    moved.add(vmId + "(" + phases.getOrDefault(vmId, "not yet planned") + ")");
                }
            }
            table.row(name, TextTable.list(members), TextTable.list(moved), group.getDescription());
        });
        return table.render();
    }
}
