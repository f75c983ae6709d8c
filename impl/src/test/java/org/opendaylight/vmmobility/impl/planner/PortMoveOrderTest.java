/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.planner;

import static org.junit.Assert.assertEquals;

import com.google.common.collect.Collections2;
import com.google.common.collect.ImmutableSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.opendaylight.vmmobility.impl.intent.ChangeReader;
import org.opendaylight.vmmobility.impl.testing.Intents;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.VmMobility;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.Vm;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.VmBuilder;

/**
 * The changes of the fault suite's seed 17 (a VM registered by interface name whose port moves to another switch
 * while it migrates with an attachment of its own, a peer that moves, groups rewritten) in every order and batching
 * the listeners could deliver them: the incremental plan always ends at the plan from scratch. The random
 * differential test does not move ports; the engine applies port and intent changes as two listeners deliver them.
 */
public class PortMoveOrderTest {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PortMoveOrderTest.class);

    private static VmMobility world(final boolean v2moved, final boolean g1, final boolean g3, final String v1to,
            final boolean v5) {
        final List<Vm> vms = new ArrayList<>();
        vms.add(new VmBuilder(Intents.vm("v1", "10.0.1.1", "02:00:00:00:00:01", "openflow:1", 1)).setAttachment(null)
            .setInterfaceName("tapv1").build());
        vms.add(Intents.vm("v2", "10.0.1.2", "02:00:00:00:00:02", v2moved ? "openflow:2" : "openflow:1",
            v2moved ? 42 : 2));
        vms.add(Intents.vm("v3", "10.0.1.3", "02:00:00:00:00:03", "openflow:2", 3));
        vms.add(Intents.vm("v4", "10.0.1.4", "02:00:00:00:00:04", "openflow:2", 4));
        vms.add(Intents.vm("v5", "10.0.1.5", "02:00:00:00:00:05", "openflow:2", 5));
        final var groups = new ArrayList<>(List.of(g1 ? Intents.group("g1", "v1", "v3")
            : Intents.group("g1", "v2", "v5", "v1"), Intents.group("g2", "v4", "v5", "v1", "v2", "v3")));
        if (g3) {
            groups.add(Intents.group("g3", "v1", "v3", "v4"));
        }
        final var migrations = new ArrayList<>(List.of(Intents.migration("v1", v1to, "openflow:2", 31)));
        if (v5) {
            migrations.add(Intents.migration("v5", "10.0.2.51", "openflow:3", 35));
        }
        return Intents.intent(List.of(
            Intents.subnet("10.0.1.0/24", "10.0.1.254", "02:00:00:00:01:fe"),
            Intents.subnet("10.0.2.0/24", "10.0.2.254", "02:00:00:00:02:fe")), vms, groups, migrations);
    }

    private static IncrementalPlanner scratch(final VmMobility intent, final List<Change> ports) {
        final IncrementalPlanner planner = new IncrementalPlanner(PipelineConfig.DEFAULT);
        ChangeReader.readAll(intent).forEach(planner::apply);
        ports.forEach(planner::apply);
        planner.apply(new Change.SetConnected(ImmutableSet.of("openflow:1", "openflow:2")));
        planner.replan();
        return planner;
    }

    @Test
    public void everyOrderOfAPortMoveAMigrationAndAPeerMoveEndsAtThePlanFromScratch() {
        for (long port : new long[] {21, 31}) {
            final VmMobility last = world(true, true, true, "10.0.2.16", true);
            final var expected = scratch(last, List.of(new Change.PutPort("openflow:1", port, "tapv1"))).plan()
                .flowsBySwitch();
            final List<List<Change>> steps = new ArrayList<>();
            final Change put = new Change.PutPort("openflow:1", port, "tapv1");
            final Change remove = new Change.RemovePort("openflow:2", 21);
            steps.add(List.of(remove, put));
            steps.add(List.of(put, remove));
            steps.add(ChangeReader.readAll(last).stream().filter(c -> c instanceof Change.PutMigration).toList());
            steps.add(ChangeReader.readAll(last).stream().filter(c -> c instanceof Change.PutGroup).toList());
            steps.add(ChangeReader.readAll(last).stream().filter(c -> c instanceof Change.PutVm).toList());
            int orders = 0;
            int wrong = 0;
            for (List<List<Change>> order : Collections2.permutations(steps)) {
                for (int batch = 0; batch < 2; batch++) {
                    final IncrementalPlanner planner = scratch(world(false, false, false, "10.0.2.10", false),
                        List.of(new Change.PutPort("openflow:2", 21, "tapv1")));
                    for (List<Change> step : order) {
                        step.forEach(planner::apply);
                        if (batch == 0) {
                            planner.replan();
                        }
                    }
                    planner.replan();
                    orders++;
                    if (!expected.equals(planner.plan().flowsBySwitch())) {
                        wrong++;
                        LOG.warn("WRONG port {} batch {} order {}", port, batch, order);
                    }
                }
            }
            assertEquals("of " + orders, 0, wrong);
        }
    }
}
