/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.shell;

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
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Vm;

/**
 * {@code vmm:vms}: the registered VMs (configuration) with where the application sees them now (their state).
 */
@Service
@Command(scope = "vmm", name = "vms", description = "Lists the registered VMs: home address, MAC, attachment, "
    + "groups, and their status and current address and attachment")
public final class VmsCommand implements Action {
    @Reference
    DataBroker broker;

    @Reference
    Session session;

    @Override
    public Object execute() {
        DatastoreReads.printTable(broker, session.getConsole(), "vmm:vms", VmsCommand::render);
        return null;
    }

    /**
     * The table of VMs.
     *
     * @param config the configuration, null if there is none
     * @param state the state, null if there is none
     * @return the table, or a sentence if no VM is registered
     */
    static String render(final @Nullable VmMobility config, final @Nullable VmMobility state) {
        if (config == null || config.nonnullVm().isEmpty()) {
            return "no VMs registered\n";
        }
        final Map<String, TreeSet<String>> groups = new TreeMap<>();
        config.nonnullApplicationGroup().values().forEach(group -> group.nonnullMember().keySet().forEach(
            member -> groups.computeIfAbsent(member.getVmId().getValue(), key -> new TreeSet<>())
                .add(group.requireName().getValue())));
        final Map<String, Vm> states = new TreeMap<>();
        if (state != null) {
            state.nonnullVm().values().forEach(vm -> states.put(vm.requireVmId().getValue(), vm));
        }
        final TextTable table = new TextTable("VM", "HOME ADDRESS", "MAC", "ATTACHMENT", "GROUPS", "STATUS",
            "CURRENT ADDRESS", "CURRENT ATTACHMENT");
        final Map<String, Vm> vms = new TreeMap<>();
        config.nonnullVm().values().forEach(vm -> vms.put(vm.requireVmId().getValue(), vm));
        vms.forEach((vmId, vm) -> {
            final Vm published = states.get(vmId);
            final var now = published == null ? null : published.getState();
            table.row(vmId, vm.requireHomeAddress().getValue(), vm.requireMac().getValue(),
                attachment(vm),
                TextTable.list(groups.getOrDefault(vmId, new TreeSet<>())),
                now == null || now.getStatus() == null ? "" : now.getStatus().getName(),
                now == null || now.getCurrentAddress() == null ? "" : now.getCurrentAddress().getValue(),
                now == null || now.getCurrentAttachment() == null ? "" : TextTable.port(
                    now.getCurrentAttachment().getNodeId(), now.getCurrentAttachment().getPort()));
        });
        return table.render();
    }

    private static String attachment(final Vm vm) {
        if (vm.getInterfaceName() != null) {
            return "interface " + vm.getInterfaceName();
        }
        final var at = vm.getAttachment();
        return at == null ? "" : TextTable.port(at.getNodeId(), at.getPort());
    }
}
