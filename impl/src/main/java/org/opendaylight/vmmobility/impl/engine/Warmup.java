/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.engine;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.opendaylight.vmmobility.impl.flows.FlowConverter;
import org.opendaylight.vmmobility.impl.intent.ChangeReader;
import org.opendaylight.vmmobility.impl.intent.ConfigPaths;
import org.opendaylight.vmmobility.impl.planner.Change;
import org.opendaylight.vmmobility.impl.planner.FlowLayout;
import org.opendaylight.vmmobility.impl.planner.IncrementalPlanner;
import org.opendaylight.vmmobility.impl.planner.Migration;
import org.opendaylight.vmmobility.impl.planner.PipelineConfig;
import org.opendaylight.vmmobility.impl.planner.PlannedFlow;
import org.opendaylight.vmmobility.impl.state.MigrationStates;
import org.opendaylight.vmmobility.impl.state.MigrationStatus;
import org.opendaylight.vmmobility.impl.state.VmStates;
import org.opendaylight.vmmobility.impl.writer.InventoryPaths;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.SetFieldCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.ApplyActionsCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.general.rev140714.GeneralAugMatchNodesNodeTableFlow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.general.rev140714.GeneralAugMatchNodesNodeTableFlowApplyActionsSetField;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.MigrationActivated;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.MigrationActivatedBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.MigrationPhase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Name;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.NotifyMigration;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.NotifyMigrationInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.NotifyMigrationInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.NotifyMigrationOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.NotifyMigrationOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.NotifyMigrations;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.NotifyMigrationsOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.NotifyMigrationsOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.NotifyOutcome;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.OpenflowNodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.VmMobility;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.migration.notice.NewAttachmentBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.notify.migrations.output.ResultBuilder;
import org.opendaylight.yangtools.binding.DataObject;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.data.codec.api.BindingNormalizedNodeSerializer;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.model.api.stmt.SchemaNodeIdentifier.Absolute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs, once while the controller starts, what a node's first migration runs: the planner and the flow conversion
 * (in both layouts) on a made-up intent of three VMs and one migration, and the binding codec both ways on what that
 * produces (flows, asked for the general-extension augmentations openflowjava asks of every flow it sends; a
 * migration state entry; the VM's operational entry with its translation; the migration-activated notification;
 * notify-migration's input with an attachment and the RPCs' outputs), so that the first real move does not pay for
 * class loading, codec class generation and interpretation. Nothing is written anywhere.
 */
public final class Warmup {
    private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);
    private static final String SWITCH = WarmupIntent.SWITCH;

    private final BindingNormalizedNodeSerializer codec;
    private final PipelineConfig pipeline;
    private int extensionLookups;
    private int violations;

    /**
     * Creates the warm-up.
     *
     * @param codec the binding codec
     * @param pipeline the pipeline in use
     */
    public Warmup(final BindingNormalizedNodeSerializer codec, final PipelineConfig pipeline) {
        this.codec = requireNonNull(codec);
        this.pipeline = requireNonNull(pipeline);
    }

    /**
     * Runs it.
     *
     * @return how many flows it converted
     */
    public int run() {
        final long start = System.nanoTime();
        extensionLookups = 0;
        int flows = 0;
        // the configuration as the engine's reader and the commit cohort's validator see it
        final VmMobility config = WarmupIntent.config();
        final List<Change> intent = new ArrayList<>(ChangeReader.readAll(config));
        intent.add(new Change.SetConnected(ImmutableSet.of(SWITCH, "openflow:2")));
        violations = WarmupIntent.checkMigration(config).size();
        for (FlowLayout layout : List.of(pipeline.layout(), FlowLayout.SHARED, FlowLayout.PER_PAIR)) {
            flows += planAndConvert(new PipelineConfig(pipeline.baseTable(), pipeline.priority(),
                pipeline.nextTable(), pipeline.installDefaultForwarding(), layout), intent);
        }
        // notify-migration as bench/convergence.py and vmmctl call it: with the new attachment
        final var input = new NotifyMigrationInputBuilder().setVmId(WarmupIntent.MIGRATED)
            .setNewAddress("10.255.2.3").setNewMac("02:00:00:ff:02:03")
            .setNewAttachment(new NewAttachmentBuilder().setNodeId("openflow:2").setPort(Uint32.valueOf(7)).build())
            .build();
        codec.fromNormalizedNodeRpcData(Absolute.of(NotifyMigration.QNAME, NotifyMigrationInput.QNAME),
            codec.toNormalizedNodeRpcData(input));
        codec.fromNormalizedNodeRpcData(Absolute.of(NotifyMigration.QNAME, NotifyMigrationOutput.QNAME),
            codec.toNormalizedNodeRpcData(new NotifyMigrationOutputBuilder().setOutcome(NotifyOutcome.Migrated)
                .build()));
        // the RPCs answer through the batch's per-VM result
        codec.fromNormalizedNodeRpcData(Absolute.of(NotifyMigrations.QNAME, NotifyMigrationsOutput.QNAME),
            codec.toNormalizedNodeRpcData(new NotifyMigrationsOutputBuilder().setResult(BindingMap.of(
                new ResultBuilder().setVmId(WarmupIntent.MIGRATED).setOutcome(NotifyOutcome.Migrated).build()))
                .build()));
        LOG.info("Warm-up: read and checked a made-up configuration ({} violations), planned, converted and "
            + "serialized {} flows ({} extension lookups), a migration state, a VM state, a notification and the "
            + "RPCs' input and output in {} ms", violations, flows, extensionLookups,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return flows;
    }

    private int planAndConvert(final PipelineConfig config, final List<Change> changes) {
        final IncrementalPlanner planner = new IncrementalPlanner(config);
        for (Change change : changes) {
            planner.apply(change);
        }
        planner.replan();
        int count = 0;
        for (Map.Entry<String, PlannedFlow> entry : planner.flows(SWITCH).entrySet()) {
            final PlannedFlow flow = entry.getValue();
            askedBySwitchSerializer(roundTrip(InventoryPaths.flow(SWITCH, flow.table(), flow.flowId()),
                FlowConverter.toFlow(SWITCH, flow)));
            count++;
        }
        final Migration intent = planner.migrationIntent(WarmupIntent.MIGRATED).orElseThrow();
        final var status = MigrationStatus.of(MigrationPhase.Active, "warm-up");
        final var entry = MigrationStates.entry(intent, planner.migration(WarmupIntent.MIGRATED).orElse(null), status);
        roundTrip(ConfigPaths.migration(WarmupIntent.MIGRATED), entry);
        // the VM's operational entry with its translation, and the notification of its activation
        final var view = planner.vm(WarmupIntent.MIGRATED).orElseThrow();
        roundTrip(ConfigPaths.vm(WarmupIntent.MIGRATED), VmStates.entry(view, Optional.of(status)));
        final var activated = new MigrationActivatedBuilder().setVmId(new Name(WarmupIntent.MIGRATED))
            .setHomeAddress(VmStates.host4(view.vm().home4().orElseThrow()))
            .setCurrentAddress(view.address4().map(VmStates::host4).orElse(null))
            .setSwitch(Set.of(new OpenflowNodeId(SWITCH))).build();
        codec.fromNormalizedNodeNotification(Absolute.of(MigrationActivated.QNAME),
            codec.toNormalizedNodeNotification(activated)).hashCode();
        return count;
    }

    /**
     * How many general-extension augmentations the last run asked of its flows (matches and set-field actions).
     *
     * @return the number
     */
    int extensionLookups() {
        return extensionLookups;
    }

    /**
     * How many violations the commit cohort's validator found in the made-up migration (none: it is valid).
     *
     * @return the number
     */
    int violations() {
        return violations;
    }

    @SuppressWarnings("unchecked")
    private <T extends DataObject> T roundTrip(final DataObjectIdentifier<T> path, final T data) {
        final var normalized = codec.toNormalizedDataObject(path, data);
        // reading back builds the lazy binding view the listeners see; hashCode walks every leaf of it
        final var view = codec.fromNormalizedNode(normalized.path(), normalized.node()).getValue();
        view.hashCode();
        // the codec reads back what it was given at the same path: the same type
        return (T) view;
    }

    /**
     * Asks a flow, as FRM hands it over from the datastore, what openflowjava asks each flow it sends to a switch:
     * the general-extension augmentation of its match and of each set-field action. For a flow read from the
     * datastore each is a codec class generated on first use: the first translation flow paid for it on the switch
     * connection's thread, on the way to the first reply (a JFR recording of the first move after boot).
     */
    private void askedBySwitchSerializer(final Flow flow) {
        final var match = flow.getMatch();
        if (match != null) {
            match.augmentation(GeneralAugMatchNodesNodeTableFlow.class);
            extensionLookups++;
        }
        final var instructions = flow.getInstructions();
        if (instructions == null) {
            return;
        }
        for (var instruction : instructions.nonnullInstruction().values()) {
            if (instruction.getInstruction() instanceof ApplyActionsCase apply && apply.getApplyActions() != null) {
                for (var action : apply.getApplyActions().nonnullAction().values()) {
                    if (action.getAction() instanceof SetFieldCase setField && setField.getSetField() != null) {
                        setField.getSetField().augmentation(
                            GeneralAugMatchNodesNodeTableFlowApplyActionsSetField.class);
                        extensionLookups++;
                    }
                }
            }
        }
    }
}
