/*
 * Copyright (c) 2026 VM Mobility authors and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.vmmobility.impl.reconcile;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.opendaylight.vmmobility.impl.testing.Intents.migration;
import static org.opendaylight.vmmobility.impl.testing.Intents.shop;

import com.google.common.collect.ImmutableSet;
import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.SettableFuture;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.opendaylight.mdsal.binding.api.NotificationPublishService;
import org.opendaylight.mdsal.binding.api.ReadWriteTransaction;
import org.opendaylight.mdsal.binding.api.RpcService;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.vmmobility.impl.flows.FlowConverter;
import org.opendaylight.vmmobility.impl.intent.ChangeReader;
import org.opendaylight.vmmobility.impl.intent.ConfigPaths;
import org.opendaylight.vmmobility.impl.listener.IntentListener;
import org.opendaylight.vmmobility.impl.metrics.MetricsText;
import org.opendaylight.vmmobility.impl.metrics.VmmMetrics;
import org.opendaylight.vmmobility.impl.planner.Change;
import org.opendaylight.vmmobility.impl.planner.FlowLayout;
import org.opendaylight.vmmobility.impl.planner.IncrementalPlanner;
import org.opendaylight.vmmobility.impl.planner.PipelineConfig;
import org.opendaylight.vmmobility.impl.state.SwitchFlowProbe;
import org.opendaylight.vmmobility.impl.testing.ConfigBackedSwitches;
import org.opendaylight.vmmobility.impl.testing.ConfigFlows;
import org.opendaylight.vmmobility.impl.writer.FlowPusher;
import org.opendaylight.vmmobility.impl.writer.InventoryPaths;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.SetFieldCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetFlowStatistics;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetFlowStatisticsInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetFlowStatisticsOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetFlowStatisticsOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.FlowBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.ApplyActionsCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._3.match.Ipv4Match;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.MemberStatus;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.MigrationActivated;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.MigrationPhase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.MigrationRemoved;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.Name;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.VmMobility;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.MigrationKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.vm.mobility.rev261205.vm.mobility.VmKey;
import org.opendaylight.yangtools.binding.DataObject;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.Notification;
import org.opendaylight.yangtools.binding.Rpc;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * The listener-to-writer path against the real in-memory datastore: the exact flows under the config inventory,
 * the operational view and the notifications.
 */
public class ReconcilerTest extends AbstractConcurrentDataBrokerTest {
    private static final Set<String> SWITCHES = Set.of("openflow:1", "openflow:2");
    /** The exact-flow checks below pin the shared pipeline (PlannerCorrectnessTest covers the per-pair layout). */
    private static final PipelineConfig CONFIG = PipelineConfig.DEFAULT.withLayout(FlowLayout.SHARED);

    private final List<Notification<?>> notifications = new ArrayList<>();
    private final VmmMetrics metrics = new VmmMetrics("member-1");
    private ConfigBackedSwitches switches;
    private Reconciler reconciler;
    private Registration listener;
    private NotificationPublishService publisher;

    @Before
    public void startReconciler() {
        publisher = mock(NotificationPublishService.class);
        org.mockito.Mockito.doAnswer(invocation -> {
            synchronized (notifications) {
                notifications.add(invocation.getArgument(0));
            }
            return Futures.immediateFuture(null);
        }).when(publisher).offerNotification(any());
        switches = new ConfigBackedSwitches(getDataBroker(), SWITCHES);
        reconciler = reconciler(getDataBroker());
        listener = listen();
    }

    private Reconciler reconciler(final org.opendaylight.mdsal.binding.api.DataBroker broker) {
        return new Reconciler(broker, new org.opendaylight.vmmobility.impl.state.SwitchFlowProbe(switches),
            new FlowPusher(switches), new Notifier(publisher), CONFIG, EngineStepHook.NONE, EngineLimits.DEFAULT,
            metrics);
    }

    @After
    public void stopReconciler() {
        listener.close();
        reconciler.close();
    }

    private void write(final VmMobility config) throws Exception {
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, ConfigPaths.ROOT, config);
        tx.commit().get();
    }

    private Map<String, Map<String, Flow>> configFlows() throws Exception {
        return ConfigFlows.read(getDataBroker(), SWITCHES);
    }

    private VmMobility operational() throws Exception {
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.OPERATIONAL, ConfigPaths.ROOT).get().orElse(null);
        }
    }

    private static void await(final String what, final CheckedCondition condition) throws Exception {
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (!holds(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static boolean holds(final CheckedCondition condition) throws Exception {
        try {
            return condition.holds();
        } catch (NullPointerException e) {
            // the entry is not there yet
            return false;
        }
    }

    @FunctionalInterface
    private interface CheckedCondition {
        boolean holds() throws Exception;
    }

    private Map<String, Map<String, Flow>> expected(final VmMobility config) {
        final var planner = new IncrementalPlanner(CONFIG);
        ChangeReader.readAll(config).forEach(planner::apply);
        planner.apply(new Change.SetConnected(ImmutableSet.copyOf(SWITCHES)));
        planner.replan();
        final var plan = planner.plan();
        final var result = new TreeMap<String, Map<String, Flow>>();
        plan.flowsBySwitch().forEach((node, flows) -> flows.forEach((id, flow) ->
            result.computeIfAbsent(node, key -> new TreeMap<>()).put(id, FlowConverter.toFlow(node, flow))));
        return result;
    }

    @Test
    public void migrationWritesExactlyThePlannedFlowsAndActivates() throws Exception {
        final var config = shop(migration("db", "10.0.2.33", "openflow:2", 1));
        reconciler.switchesChanged(SWITCHES);
        write(config);
        final var expected = expected(config);
        await("flows in the config inventory", () -> configFlows().equals(expected));

        // the peers' edge switch rewrites packets to db's home address to its current address
        final var toCurrent = expected.get("openflow:1").values().stream()
            .filter(flow -> flow.requireId().getValue().startsWith("vmm-xlate-to-db-")).toList();
        assertEquals(1, toCurrent.size());
        final var match = (Ipv4Match) toCurrent.get(0).getMatch().getLayer3Match();
        assertEquals("10.0.1.3/32", match.getIpv4Destination().getValue());
        final var apply = toCurrent.get(0).getInstructions().nonnullInstruction().values().stream()
            .map(instruction -> instruction.getInstruction()).filter(ApplyActionsCase.class::isInstance)
            .map(ApplyActionsCase.class::cast).findFirst().orElseThrow();
        assertTrue(apply.getApplyActions().nonnullAction().values().stream()
            .map(action -> action.getAction()).filter(SetFieldCase.class::isInstance)
            .map(action -> ((SetFieldCase) action).getSetField().getLayer3Match())
            .anyMatch(l3 -> l3 instanceof Ipv4Match ipv4 && ipv4.getIpv4Destination() != null
                && "10.0.2.33/32".equals(ipv4.getIpv4Destination().getValue())));
        // nothing for db's own switch: no peer of db sits there
        assertEquals(Set.of("openflow:1"), configFlows().keySet());

        await("migration active", () -> operational() != null && operational().nonnullMigration()
            .get(new MigrationKey(new Name("db"))).getState().getPhase() == MigrationPhase.Active);
        final var db = operational().nonnullVm().get(new VmKey(new Name("db"))).getState();
        assertEquals(MemberStatus.Migrated, db.getStatus());
        assertEquals("10.0.2.33", db.getCurrentAddress().getValue());
        final var state = operational().nonnullMigration().get(new MigrationKey(new Name("db"))).getState();
        assertEquals(Set.of("openflow:1"), new TreeSet<>(state.getSwitch().stream().map(id -> id.getValue())
            .toList()));
        assertTrue(state.nonnullTranslation().values().stream().allMatch(translation ->
            translation.getPacketCount().getValue().longValue() == 7L * translation.getFlowCount().longValue()));
        await("activation notification", () -> notificationsOf(MigrationActivated.class).size() == 1);
        assertEquals("10.0.1.3", notificationsOf(MigrationActivated.class).get(0).getHomeAddress().getValue());
    }

    @Test
    public void returnHomeRemovesEveryFlowAndNotifies() throws Exception {
        reconciler.switchesChanged(SWITCHES);
        write(shop(migration("db", "10.0.2.33", "openflow:2", 1)));
        await("flows written", () -> !configFlows().isEmpty());
        await("activation notification", () -> notificationsOf(MigrationActivated.class).size() == 1);
        write(shop());
        await("no flow left", () -> configFlows().isEmpty());
        await("removal notification", () -> notificationsOf(MigrationRemoved.class).size() == 1);
        await("db at home", () -> operational().nonnullVm().get(new VmKey(new Name("db"))).getState().getStatus()
            == MemberStatus.AtHome);
    }

    @Test
    public void migratingAgainReplacesThePreviousTranslation() throws Exception {
        reconciler.switchesChanged(SWITCHES);
        write(shop(migration("db", "10.0.2.33", "openflow:2", 1)));
        await("first translation", () -> !configFlows().isEmpty());
        final var again = shop(migration("db", "10.0.2.44", "openflow:2", 2));
        write(again);
        final var expected = expected(again);
        await("second translation only", () -> configFlows().equals(expected));
    }

    @Test
    public void unreachableSwitchFailsWithReasonAndRecovers() throws Exception {
        switches.setReachable(Set.of("openflow:2"));
        reconciler.switchesChanged(Set.of("openflow:2"));
        write(shop(migration("db", "10.0.2.33", "openflow:2", 1)));
        await("failed with reason", () -> operational() != null && operational().nonnullMigration()
            .get(new MigrationKey(new Name("db"))).getState().getPhase() == MigrationPhase.Failed);
        final String reason = operational().nonnullMigration().get(new MigrationKey(new Name("db"))).getState()
            .getReason();
        assertTrue(reason, reason.contains("switch openflow:1 cannot be programmed now"));
        switches.setReachable(SWITCHES);
        reconciler.switchesChanged(SWITCHES);
        await("active once the switch is back", () -> operational().nonnullMigration()
            .get(new MigrationKey(new Name("db"))).getState().getPhase() == MigrationPhase.Active);
    }

    @Test
    public void staleFlowsFromBeforeARestartAreRemovedAndOthersKept() throws Exception {
        final var tx = getDataBroker().newWriteOnlyTransaction();
        final var stale = new FlowBuilder().setId(new FlowId("vmm-stale-1")).setTableId(Uint8.ONE).build();
        final var foreign = new FlowBuilder().setId(new FlowId("someone-else")).setTableId(Uint8.ONE).build();
        tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION,
            InventoryPaths.flow("openflow:1", (short) 1, "vmm-stale-1"), stale);
        tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION,
            InventoryPaths.flow("openflow:1", (short) 1, "someone-else"), foreign);
        tx.commit().get();
        reconciler.switchesChanged(SWITCHES);
        write(shop());
        await("stale flow removed", () -> !configFlows().getOrDefault("openflow:1", Map.of())
            .containsKey("vmm-stale-1"));
        assertEquals(Set.of("someone-else"), configFlows().get("openflow:1").keySet());
    }

    private <N> List<N> notificationsOf(final Class<N> type) {
        synchronized (notifications) {
            return notifications.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    @Test
    public void refusedFlowsFailWithTheSwitchsReasonAndAreRetried() throws Exception {
        switches.refuse("vmm-xlate-to-db-");
        reconciler.switchesChanged(SWITCHES);
        write(shop(migration("db", "10.0.2.33", "openflow:2", 1)));
        await("failed with the switch's reason", () -> operational() != null && operational().nonnullMigration()
            .get(new MigrationKey(new Name("db"))).getState().getPhase() == MigrationPhase.Failed);
        final String reason = operational().nonnullMigration().get(new MigrationKey(new Name("db"))).getState()
            .getReason();
        assertTrue(reason, reason.contains("switch openflow:1 refused flow vmm-xlate-to-db-"));
        assertTrue(reason, reason.contains("table is full"));
        final int pushes = switches.pushes();
        assertTrue(pushes > 0);
        switches.refuse(null);
        await("active once the switch takes the flow", () -> operational().nonnullMigration()
            .get(new MigrationKey(new Name("db"))).getState().getPhase() == MigrationPhase.Active);
    }

    @Test
    public void aRoundOfAskingTheSwitchesForTheirFlowsRestsAsLongAsTheLastRoundTook() throws Exception {
        // switches that answer 300 ms after being asked for their flows, and do not show db's translation for now:
        // db's migration waits for confirmation, so the rounds follow one another (100 ms apart, but for the rest)
        final long answerMs = 300;
        final AtomicBoolean hidden = new AtomicBoolean(true);
        final List<long[]> asksOfSwitch1 = Collections.synchronizedList(new ArrayList<>());
        final ScheduledExecutorService answers = Executors.newSingleThreadScheduledExecutor();
        useSwitches(answeringStatistics((input, direct) -> {
            final long asked = System.nanoTime();
            final SettableFuture<RpcResult<GetFlowStatisticsOutput>> answer = SettableFuture.create();
            answers.schedule(() -> {
                if (input.getNode().getValue().toString().contains("openflow:1")) {
                    asksOfSwitch1.add(new long[] {asked, System.nanoTime()});
                }
                final var held = direct.invoke(input);
                answer.setFuture(hidden.get() ? Futures.transform(held, ReconcilerTest::withoutDbTranslation,
                    MoreExecutors.directExecutor()) : held);
            }, answerMs, TimeUnit.MILLISECONDS);
            return answer;
        }));
        try {
            reconciler.switchesChanged(SWITCHES);
            write(shop(migration("db", "10.0.2.33", "openflow:2", 1)));
            await("four rounds of asking", () -> asksOfSwitch1.size() >= 4);
            hidden.set(false);
            await("active once the switch shows the flows", () -> operational().nonnullMigration()
                .get(new MigrationKey(new Name("db"))).getState().getPhase() == MigrationPhase.Active);
            final List<long[]> asks;
            synchronized (asksOfSwitch1) {
                asks = List.copyOf(asksOfSwitch1);
            }
            for (int i = 1; i < asks.size(); i++) {
                // the round ended after its answer; it took at least answerMs; the next waits that long after its end
                final long restMs = TimeUnit.NANOSECONDS.toMillis(asks.get(i)[0] - asks.get(i - 1)[1]);
                assertTrue("round " + i + " asked " + restMs + " ms after the last answer", restMs >= answerMs - 2);
            }
        } finally {
            answers.shutdownNow();
        }
    }

    @Test
    public void aSwitchThatDoesNotAnswerDoesNotHoldUpTheNextRound() throws Exception {
        // openflow:2 never answers a request for its flows (the engine gives up after 5 s); openflow:1 answers at once
        final List<Long> asksOfSwitch1 = Collections.synchronizedList(new ArrayList<>());
        useSwitches(answeringStatistics((input, direct) -> {
            if (input.getNode().getValue().toString().contains("openflow:2")) {
                return SettableFuture.create();
            }
            asksOfSwitch1.add(System.nanoTime());
            return direct.invoke(input);
        }));
        reconciler.switchesChanged(SWITCHES);
        write(shop(migration("db", "10.0.2.33", "openflow:2", 1)));
        // the first round asks both and ends when openflow:2's ask times out; openflow:1's migration then waits for
        // confirmation: the next round comes 100 ms later, not after a rest as long as the timeout
        await("a second round for openflow:1", () -> asksOfSwitch1.size() >= 2);
        final long gapMs = TimeUnit.NANOSECONDS.toMillis(asksOfSwitch1.get(1) - asksOfSwitch1.get(0));
        assertTrue("openflow:1 asked again after " + gapMs + " ms", gapMs < 8_000);
        await("active on openflow:1", () -> operational().nonnullMigration()
            .get(new MigrationKey(new Name("db"))).getState().getPhase() == MigrationPhase.Active);
    }

    @Test
    public void aSlowSwitchIsLoggedWithItsOwnTimeAndAQuickOneIsNot() throws Exception {
        // openflow:2 answers a request for its flows after 1,100 ms, openflow:1 at once: only openflow:2 took long
        final ScheduledExecutorService answers = Executors.newSingleThreadScheduledExecutor();
        useSwitches(answeringStatistics((input, direct) -> {
            if (!input.getNode().getValue().toString().contains("openflow:2")) {
                return direct.invoke(input);
            }
            final SettableFuture<RpcResult<GetFlowStatisticsOutput>> answer = SettableFuture.create();
            answers.schedule(() -> answer.setFuture(direct.invoke(input)), 1_100, TimeUnit.MILLISECONDS);
            return answer;
        }));
        try (var log = new EngineHarness.LogCapture()) {
            reconciler.switchesChanged(SWITCHES);
            write(shop(migration("db", "10.0.2.33", "openflow:2", 1)));
            final Pattern slow = Pattern.compile("Asking openflow:2 for its flows took (\\d+) ms");
            await("openflow:2's slow answer logged", () -> slow.matcher(log.text()).find());
            final var matcher = slow.matcher(log.text());
            assertTrue(matcher.find());
            assertTrue("openflow:2 logged with " + matcher.group(1) + " ms", Long.parseLong(matcher.group(1)) >= 1_000);
            // the round took as long, but openflow:1's own answer did not: it is not logged as slow
            assertFalse(log.text(), log.text().contains("Asking openflow:1 for its flows took"));
        } finally {
            answers.shutdownNow();
        }
    }

    /** How the switches answer a request for their flows, given the request and the in-memory switches. */
    @FunctionalInterface
    private interface StatisticsAnswer {
        ListenableFuture<RpcResult<GetFlowStatisticsOutput>> answer(GetFlowStatisticsInput input,
            GetFlowStatistics direct);
    }

    /** The in-memory switches, but for their answers to a request for flows. */
    private RpcService answeringStatistics(final StatisticsAnswer statistics) {
        return new RpcService() {
            @Override
            public <R extends Rpc<?, ?>> R getRpc(final Class<R> type) {
                final R direct = switches.getRpc(type);
                if (type != GetFlowStatistics.class) {
                    return direct;
                }
                final GetFlowStatistics answered = input -> statistics.answer(input, (GetFlowStatistics) direct);
                return type.cast(answered);
            }
        };
    }

    /** Replaces the engine with one whose switches (flow pushes and flow statistics) are these. */
    private void useSwitches(final RpcService rpcs) {
        replaceEngine(new Reconciler(getDataBroker(), new SwitchFlowProbe(rpcs), new FlowPusher(rpcs),
            new Notifier(publisher), CONFIG, EngineStepHook.NONE, EngineLimits.DEFAULT, metrics));
    }

    /** Closes the engine and its subscription to the intent, and subscribes this one instead. */
    private void replaceEngine(final Reconciler next) {
        listener.close();
        reconciler.close();
        reconciler = next;
        listener = listen();
    }

    private Registration listen() {
        return getDataBroker().registerTreeChangeListener(LogicalDatastoreType.CONFIGURATION, ConfigPaths.ROOT,
            new IntentListener(changes -> reconciler.configChanged(changes),
                cause -> reconciler.intentUnreadable(cause)));
    }

    private static RpcResult<GetFlowStatisticsOutput> withoutDbTranslation(
            final RpcResult<GetFlowStatisticsOutput> result) {
        return RpcResultBuilder.success(new GetFlowStatisticsOutputBuilder(result.getResult())
            .setFlowAndStatisticsMapList(result.getResult().nonnullFlowAndStatisticsMapList().stream()
                .filter(flow -> !flow.getFlowId().getValue().startsWith("vmm-xlate-to-db-")).toList())
            .build()).build();
    }

    @Test
    public void aDelayedFlowWriteNeverLandsAfterANewerOne() throws Exception {
        // a broker whose commits are held while the gate is closed: the first flow write stays outstanding
        final Gate gate = new Gate();
        replaceEngine(reconciler(gated(gate)));
        reconciler.switchesChanged(SWITCHES);
        await("baseline read", () -> true);
        gate.closed = true;
        write(shop(migration("db", "10.0.2.33", "openflow:2", 1)));
        await("first flow write outstanding", () -> gate.flowCommits.get() == 1);
        final var newer = shop(migration("db", "10.0.2.44", "openflow:2", 2));
        write(newer);
        Thread.sleep(1_000);
        // the newer intent is not written while the older write is outstanding
        assertEquals(1, gate.flowCommits.get());
        assertTrue(configFlows().isEmpty());
        gate.open();
        final var expected = expected(newer);
        await("the newer intent's flows, exactly", () -> configFlows().equals(expected));
        // the older write, then the newer one: its new flows, then (after them) the removal of the older ones
        assertEquals(3, gate.flowCommits.get());
        Thread.sleep(500);
        assertEquals(expected, configFlows());
    }

    @Test
    public void activationIsAnnouncedAfterEveryMove() throws Exception {
        reconciler.switchesChanged(SWITCHES);
        write(shop(migration("db", "10.0.2.33", "openflow:2", 1)));
        await("first activation", () -> notificationsOf(MigrationActivated.class).size() == 1);
        write(shop(migration("db", "10.0.2.44", "openflow:2", 2)));
        await("second activation", () -> notificationsOf(MigrationActivated.class).size() == 2);
        assertEquals("10.0.2.44", notificationsOf(MigrationActivated.class).get(1).getCurrentAddress().getValue());
        // each announced move is one observation of the notify -> active latency; the switch's flows all confirmed
        final String scrape = MetricsText.of(metrics);
        assertTrue(scrape, scrape.contains("vmm_migration_activation_seconds_count 2\n"));
        final int planned = configFlows().get("openflow:1").size();
        await("openflow:1's flows confirmed in the metrics", () -> MetricsText.of(metrics).contains(
            "vmm_flows_confirmed{switch=\"openflow:1\"} " + planned + ".0"));
        assertTrue(MetricsText.of(metrics).contains("vmm_flows_planned{switch=\"openflow:1\"} " + planned + ".0"));
        assertTrue(MetricsText.of(metrics).matches("(?s).*vmm_flow_writes_total\\{result=\"ok\"\\} [1-9].*"));
    }

    @Test
    public void removalIsAnnouncedOnlyOnceTheSwitchesNoLongerHoldTheFlows() throws Exception {
        reconciler.switchesChanged(SWITCHES);
        write(shop(migration("db", "10.0.2.33", "openflow:2", 1)));
        await("activation", () -> notificationsOf(MigrationActivated.class).size() == 1);
        // the peers' switch is disconnected: nobody can tell whether it still holds the translation
        switches.setReachable(Set.of("openflow:2"));
        reconciler.switchesChanged(Set.of("openflow:2"));
        write(shop());
        await("no flow left in the datastore", () -> configFlows().isEmpty());
        Thread.sleep(1_000);
        assertEquals(List.of(), notificationsOf(MigrationRemoved.class));
        switches.setReachable(SWITCHES);
        reconciler.switchesChanged(SWITCHES);
        await("removal notification", () -> notificationsOf(MigrationRemoved.class).size() == 1);
    }

    @Test
    public void aMoveRepeatedBeforeTheReturnHomeWasConfirmedIsAnnouncedAgain() throws Exception {
        // seen in the cluster system test: db returned home (the test's clean-up) while the switches could not
        // confirm it, then moved to the same place again: its second activation was taken for the first one's
        reconciler.switchesChanged(SWITCHES);
        final var moved = shop(migration("db", "10.0.2.33", "openflow:2", 1));
        write(moved);
        await("activation", () -> notificationsOf(MigrationActivated.class).size() == 1);
        switches.setReachable(Set.of("openflow:2"));
        reconciler.switchesChanged(Set.of("openflow:2"));
        write(shop());
        await("no flow left in the datastore", () -> configFlows().isEmpty());
        assertEquals(List.of(), notificationsOf(MigrationRemoved.class));
        // the same move again, before any switch confirmed the return home
        write(moved);
        await("flows written again", () -> !configFlows().isEmpty());
        switches.setReachable(SWITCHES);
        reconciler.switchesChanged(SWITCHES);
        await("a second activation", () -> notificationsOf(MigrationActivated.class).size() == 2);
    }

    /** Holds commits while closed. */
    private static final class Gate {
        private final List<Runnable> held = new ArrayList<>();
        private final java.util.concurrent.atomic.AtomicInteger flowCommits =
            new java.util.concurrent.atomic.AtomicInteger();
        private volatile boolean closed;

        synchronized FluentFuture<? extends CommitInfo> commit(final WriteTransaction tx) {
            if (!closed) {
                return tx.commit();
            }
            final SettableFuture<CommitInfo> result = SettableFuture.create();
            held.add(() -> result.setFuture(tx.commit()));
            return FluentFuture.from(result);
        }

        synchronized void open() {
            closed = false;
            held.forEach(Runnable::run);
            held.clear();
        }
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private org.opendaylight.mdsal.binding.api.DataBroker gated(final Gate gate) {
        final var real = getDataBroker();
        final var broker = mock(org.opendaylight.mdsal.binding.api.DataBroker.class, delegatesTo(real));
        doAnswer(invocation -> {
            final WriteTransaction realTx = real.newWriteOnlyTransaction();
            final WriteTransaction tx = mock(WriteTransaction.class, delegatesTo(realTx));
            final AtomicBoolean flows = new AtomicBoolean();
            doAnswer(call -> {
                flows.compareAndSet(false, call.getArgument(0) == LogicalDatastoreType.CONFIGURATION);
                realTx.merge((LogicalDatastoreType) call.getArgument(0), (DataObjectIdentifier) call.getArgument(1),
                    (DataObject) call.getArgument(2));
                return null;
            }).when(tx).merge(any(LogicalDatastoreType.class), any(DataObjectIdentifier.class), any());
            doAnswer(call -> {
                flows.compareAndSet(false, call.getArgument(0) == LogicalDatastoreType.CONFIGURATION);
                realTx.delete((LogicalDatastoreType) call.getArgument(0), (DataObjectIdentifier) call.getArgument(1));
                return null;
            }).when(tx).delete(any(LogicalDatastoreType.class), any(DataObjectIdentifier.class));
            doAnswer(call -> {
                if (flows.get()) {
                    gate.flowCommits.incrementAndGet();
                }
                return gate.commit(realTx);
            }).when(tx).commit();
            return tx;
        }).when(broker).newWriteOnlyTransaction();
        // the flow writes: read-write transactions that read and move the flow-write fence
        doAnswer(invocation -> {
            final ReadWriteTransaction realTx = real.newReadWriteTransaction();
            final ReadWriteTransaction tx = mock(ReadWriteTransaction.class, delegatesTo(realTx));
            doAnswer(call -> {
                gate.flowCommits.incrementAndGet();
                return gate.commit(realTx);
            }).when(tx).commit();
            return tx;
        }).when(broker).newReadWriteTransaction();
        return broker;
    }
}
