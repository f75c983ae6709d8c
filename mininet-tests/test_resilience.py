"""Issue 5, resilience: translations survive switch, OVS and controller restarts, and a switch
that cannot be programmed shows in the operational state until it can.

  * SwitchReconnectTest: a switch loses its controller connection (pointed at a dead target:
    `del-controller` would make OVS flush its flows) and keeps translating (fail-mode secure
    keeps its flows); it reconnects. Then an "OVS restart that wipes the flows", done per bridge
    (del-controller, which flushes the bridge, plus ovs-ofctl del-flows, then set-controller: the
    shared ovs-vswitchd is never restarted): the translation comes back from the config
    datastore. Prints the time until traffic flows again.
  * ControllerRestartTest: Karaf is stopped (vmm.faults, same installation, lock kept) while a
    member pings the migrated VM; traffic keeps flowing while it is down; after the start the
    switches hold exactly the expected flows, none was deleted and re-added (n_packets never
    drop), no ping sent from bin/stop to bin/start was lost (the switches had no controller
    connection) and at most one across the whole restart.
  * UnprogrammableSwitchTest: a member's switch is not connected when the VM migrates: the
    migration is 'failed' with a reason naming the switch, the flows are stored, and it turns
    'active' once the switch connects; a switch whose table refuses flows (OVS flow_limit,
    overflow_policy=refuse) never shows as 'active' and names the switch, and once the limit is
    lifted the flow retrier pushes the refused flows again: active without any reconnect.

Every figure measured is printed ("reconnect recovery: 0.41 s") for the closing note.

    mininet-tests/run.sh test_resilience
"""

import time
import unittest

from vmm import faults
from vmm.base import VmmTestCase
from vmm.util import run_rc, wait_until


DOWN_SECONDS = 5.0
# FlowRetrier's longest backoff (30 s) plus the probe's confirmation
RETRY_BOUND = 40
# StaleFlowSweeper.GRACE_MS (10 s) after the probe that first sees the flow (10 s apart on a switch
# carrying translations) and the probe after it
STRAY_BOUND = 35


def say(text):
    print('\n  [figure] ' + text, flush=True)


class SwitchReconnectTest(VmmTestCase):
    """db migrates to s2 (10.0.2.3); web (s1) keeps reaching it at 10.0.1.3."""

    def setUp(self):
        super().setUp()
        self.migrate('db', 's2', '10.0.2.3')
        self.wait_until_translation_of('db')
        self.assert_ping('web', '10.0.1.3')
        self.wait_phase('db', 'active')
        faults.wait_flows_equal_config(self.net, self.restconf, self.net.switch_names())

    def test_disconnected_switch_keeps_translating_and_reconnects(self):
        before = faults.flow_table(self.net, 's1')
        probe = faults.PingProbe(self.net, 'web', '10.0.1.3', interval=0.1)
        try:
            faults.disconnect_switch(self.net, 's1')
            gone = time.time()
            faults.wait_switch_absent(self.restconf, 'openflow:1')
            state = self.wait_phase('db', 'failed', reason_contains='openflow:1')
            say('disconnected switch shown as failed after %.2f s: %s'
                % (time.time() - gone, state.get('reason')))
            self.assert_stays(lambda: faults.flow_table(self.net, 's1').keys() == before.keys(),
                              2, 'a disconnected switch (fail-mode secure) lost flows')
            back = time.time()
            faults.reconnect_switch(self.net, 's1')
            faults.wait_switch_present(self.restconf, 'openflow:1')
            self.wait_phase('db', 'active')
            active = time.time()
            faults.wait_flows_equal_config(self.net, self.restconf, ['s1'])
            say('reconnect (flows kept): in inventory and migration active again after %.2f s'
                % (active - back))
        finally:
            probe.stop()
        gap = probe.longest_gap()
        say('reconnect (flows kept): web -> db(home) pings %d/%d answered, longest gap %.2f s'
            % (probe.received, probe.sent, gap))
        self.assertLessEqual(probe.lost, 1, 'translated pings lost while s1 was disconnected '
                             'and reconnected: %d of %d' % (probe.lost, probe.sent))
        after = faults.flow_table(self.net, 's1')
        self.assertEqual(sorted(before), sorted(after))
        reset = [k for k in before if after[k].n_packets < before[k].n_packets]
        self.assertEqual([], reset, 'flow counters reset by the reconnect (deleted and re-added)')
        renewed = [k for k in before if after[k].duration < before[k].duration]
        say('reconnect (flows kept): %d of %d flows re-added in place (duration restarted, '
            'counters kept)' % (len(renewed), len(before)))
        self.assert_ping('web', '10.0.1.3')

    def test_a_flow_of_ours_the_plan_dropped_is_removed_from_the_switch(self):
        """A deletion FRM never sent (it sends from the switch's master only: one that lands while
        the switch changes master is lost) leaves a flow with our cookie that no plan has: the
        engine's probes find it and remove it; the planned flows are not touched."""
        before = faults.flow_table(self.net, 's1')
        stray = 0x564d00000000beef
        faults.add_stray_flow(self.net, 's1', 'cookie=0x%x,table=0,priority=3,ip,nw_dst=10.99.99.99,'
                              'actions=drop' % stray)
        added = time.time()
        self.assertIn(stray, {int(f.cookie, 16) for f in self.net.flows('s1')}, 'stray flow not added')
        # the sweep's grace (10 s) after the probe that first sees it (every 10 s on a switch that
        # carries translations), and one more probe
        wait_until(lambda: stray not in {int(f.cookie, 16) for f in self.net.flows('s1')},
                   STRAY_BOUND, interval=0.5, what='the stray flow to be removed from s1',
                   describe=lambda _: self.net.dump_flows_text('s1'))
        say('stray flow of ours removed from s1 %.1f s after it was added' % (time.time() - added))
        after = faults.flow_table(self.net, 's1')
        self.assertEqual(sorted(before), sorted(after), 'planned flows changed by the sweep')
        reset = [k for k in before if after[k].n_packets < before[k].n_packets
                 or after[k].duration < before[k].duration]
        self.assertEqual([], reset, 'planned flows deleted and re-added by the sweep')
        self.assertTrue(faults.flows_equal_config(self.net, self.restconf, 's1'))
        self.assert_ping('web', '10.0.1.3')

    def test_wiped_switch_gets_translation_back_from_config(self):
        expected = faults.config_flow_keys(self.restconf, 'openflow:1')
        probe = faults.PingProbe(self.net, 'web', '10.0.1.3', interval=0.05)
        try:
            wait_until(lambda: probe.proc.alive() and time.time() - probe.started_at > 0.5, 5,
                       what='ping to run')
            faults.remove_controller(self.net, 's1')
            faults.wipe_flows(self.net, 's1')
            wiped = time.time()
            self.assertEqual([], self.net.flows('s1'), 'del-flows left flows')
            faults.wait_switch_absent(self.restconf, 'openflow:1')
            dead_from = time.time()
            self.assert_no_ping('web', '10.0.1.3', count=2)
            reconnect = time.time()
            faults.reconnect_switch(self.net, 's1')
            first = wait_until(lambda: probe.first_reply_after_live(reconnect), 20,
                               interval=0.02, what='a ping reply after the reconnect')
            recovered = first - reconnect
            faults.wait_flows_equal_config(self.net, self.restconf, ['s1'])
            flows_back = time.time() - reconnect
            self.wait_phase('db', 'active')
            active = time.time() - reconnect
        finally:
            probe.stop()
        self.assertIsNotNone(dead_from and wiped)
        say('wipe + reconnect recovery: traffic flows again %.2f s after set-controller '
            '(all %d flows back in %.2f s, migration active in %.2f s)'
            % (recovered, len(expected), flows_back, active))
        self.assertEqual(expected, faults.switch_flow_keys(self.net, 's1'))
        self.assert_ping('web', '10.0.1.3')
        self.assertLess(recovered, 10)


class ControllerRestartTest(VmmTestCase):
    """Karaf stops and starts while web and app ping db (migrated) at its home address."""

    def setUp(self):
        super().setUp()
        if self.controller.external:
            self.skipTest('needs the harness-started Karaf (not VMM_CONTROLLER_URL)')

    def test_controller_restart_keeps_traffic_and_flows(self):
        self.migrate('db', 's2', '10.0.2.3')
        self.wait_until_translation_of('db')
        self.assert_ping('web', '10.0.1.3')
        self.assert_ping('app', '10.0.1.3')
        self.wait_phase('db', 'active')
        faults.wait_flows_equal_config(self.net, self.restconf, self.net.switch_names())
        config_before = self.config_text()
        probes = [faults.PingProbe(self.net, 'web', '10.0.1.3', interval=0.1),
                  faults.PingProbe(self.net, 'app', '10.0.1.3', interval=0.1)]
        try:
            time.sleep(1.0)  # a few counted packets on every translation flow
            before = {s: faults.flow_table(self.net, s) for s in self.net.switch_names()}
            config_flows = {s: faults.config_flow_keys(self.restconf, self.net.node_id(s))
                            for s in self.net.switch_names()}
            down_at = time.time()
            stop_s = faults.stop_controller(self.controller)
            stopped_at = time.time()
            # while it is down: no switch has a controller connection, they keep their flows and
            # translate on their own
            wait_until(lambda: probes[0].proc.alive(), 1, what='ping running')
            # (OVS refreshes the connection status every few seconds)
            wait_until(lambda: not self.connected_switches(), 10, interval=0.5,
                       what='no switch connected to a controller after bin/stop',
                       describe=lambda _: 'still connected: %s' % self.connected_switches())
            self.assertEqual({s: sorted(t) for s, t in before.items()},
                             {s: sorted(faults.flow_table(self.net, s))
                              for s in self.net.switch_names()},
                             'a switch lost flows while the controller was down')
            self.assert_ping('web', '10.0.1.3')
            view = self.assert_tcp('web', 'db', '10.0.1.3')
            self.assertEqual(('10.0.1.1', '10.0.2.3'), (view['peer'], view['local']))
            time.sleep(max(0.0, DOWN_SECONDS - (time.time() - stopped_at)))
            start_at = time.time()
            start_s = faults.start_controller(self.controller)
            self.net.wait_connected(self.restconf)
            connected_at = time.time()
            connected_s = connected_at - start_at
            self.wait_phase('db', 'active', timeout=60)
            active_s = time.time() - start_at
            faults.wait_flows_equal_config(self.net, self.restconf, self.net.switch_names())
            # nothing deleted late: the flows stay exactly as before for a while
            self.assert_stays(lambda: {s: sorted(faults.flow_table(self.net, s))
                                       for s in self.net.switch_names()}
                              == {s: sorted(t) for s, t in before.items()}, 5,
                              'the switches\' flows changed after the restart')
        finally:
            for probe in probes:
                probe.stop()
        down_replies = probes[0].replies_between(stopped_at, connected_at)
        down_expected = (connected_at - stopped_at) / probes[0].interval
        say('controller restart: bin/stop %.1f s, down %.1f s, bin/start to RESTCONF %.1f s, '
            'switches connected %.1f s and migration active %.1f s after bin/start'
            % (stop_s, start_at - stopped_at, start_s, connected_s, active_s))
        for name, probe in zip(('web', 'app'), probes):
            say('controller restart: %s -> db(home) pings %d/%d answered, longest gap %.2f s'
                % (name, probe.received, probe.sent, probe.longest_gap()))
        say('controller restart: %d replies to web (of about %d sent) while the switches had no '
            'controller (%.1f s, of which %.1f s with Karaf stopped)'
            % (len(down_replies), down_expected, connected_at - stopped_at,
               start_at - stopped_at))
        self.assertTrue(down_replies, 'no translated traffic while the controller was down')
        # from bin/stop (down_at), while Karaf shut down and stayed down, until bin/start: every
        # translated echo request both members sent was answered, and the probes kept running
        alone = (down_at, start_at)
        for name, probe in zip(('web', 'app'), probes):
            answered = len(probe.replies_between(*alone))
            self.assertGreaterEqual(answered, 0.5 * (alone[1] - alone[0]) / probe.interval,
                                    '%s -> db(home): only %d replies in the %.1f s from bin/stop '
                                    'to bin/start' % (name, answered, alone[1] - alone[0]))
            self.assertEqual(0, probe.lost_in([alone]),
                             '%s -> db(home): translated pings lost between bin/stop and '
                             'bin/start (the switches alone)' % name)
        self.assertEqual(config_before, self.config_text(), 'config changed by the restart')
        self.assertEqual(config_flows, {s: faults.config_flow_keys(self.restconf,
                                                                   self.net.node_id(s))
                                        for s in self.net.switch_names()},
                         'config inventory flows changed by the restart')
        problems, renewed, total = [], 0, 0
        for switch, flows in before.items():
            after = faults.flow_table(self.net, switch)
            for key, flow in flows.items():
                total += 1
                if after[key].n_packets < flow.n_packets:
                    problems.append('%s: n_packets %d -> %d: %s' % (
                        switch, flow.n_packets, after[key].n_packets, after[key]))
                if after[key].duration < flow.duration:
                    renewed += 1
        say('controller restart: %d of %d flows re-sent in place by FRM (duration restarted), '
            '%d with counters reset' % (renewed, total, len(problems)))
        self.assertEqual([], problems, 'flows deleted and re-added by the restart '
                         '(counters reset):\n%s' % '\n'.join(problems))
        for probe in probes:
            self.assertLessEqual(probe.lost, 1, 'translated pings lost across the restart: '
                                 '%d of %d' % (probe.lost, probe.sent))

    def connected_switches(self):
        """[(switch, controller target)] of the connections OVS reports as up."""
        return [(s, c['target']) for s in self.net.switch_names()
                for c in faults.controller_connections(self.net, s) if c['connected']]


class UnprogrammableSwitchTest(VmmTestCase):
    """far (10.0.3.9 on s9, linked to s3) is in 'shop': db's translation needs s9 too."""

    SWITCHES = VmmTestCase.SWITCHES + (('s9', 9),)
    SWITCH_LINKS = (('s1', 's4'), ('s3', 's9'))
    HOSTS = VmmTestCase.HOSTS + (('far', 's9', '10.0.3.9'),)
    GROUPS = {'shop': ('web', 'app', 'db', 'far')}

    def test_unconnected_switch_fails_then_activates_when_it_connects(self):
        faults.remove_controller(self.net, 's9')
        faults.wipe_flows(self.net, 's9')
        faults.wait_switch_absent(self.restconf, 'openflow:9')
        notified = time.time()
        self.migrate('db', 's2', '10.0.2.3')
        state = self.wait_phase('db', 'failed', reason_contains='openflow:9')
        say('unconnected switch: migration failed %.2f s after the notification, reason: %s'
            % (time.time() - notified, state.get('reason')))
        self.assertIn('openflow:9', state.get('switch', []))
        stored = faults.config_flow_keys(self.restconf, 'openflow:9')
        self.assertTrue([k for k in stored if k[1] > 0],
                        'the translation flows of the unconnected switch are not stored')
        # the connected switches are programmed meanwhile
        self.wait_until_translated_to('10.0.1.3', '10.0.2.3', ['s1', 's4'])
        self.assert_ping('web', '10.0.1.3')
        back = time.time()
        faults.reconnect_switch(self.net, 's9')
        self.wait_phase('db', 'active', timeout=30)
        say('unconnected switch: active %.2f s after it connected' % (time.time() - back))
        faults.wait_flows_equal_config(self.net, self.restconf, ['s9'])
        self.assert_ping('far', '10.0.1.3')
        view = self.assert_tcp('far', 'db', '10.0.1.3')
        self.assertEqual(('10.0.3.9', '10.0.2.3'), (view['peer'], view['local']))

    def test_refusing_switch_never_active_then_retrier_restores_without_reconnect(self):
        # table 0 of s9 holds one flow at most: whichever layout s9 gets (the shared pipeline's
        # classification, or per-pair translation), some of the flows it needs are refused
        base = 'vmm-s9'
        code, out, err = run_rc(['ovs-vsctl', '--', '--id=@ft', 'create', 'Flow_Table',
                                 'flow_limit=1', 'overflow_policy=refuse', '--', 'set', 'Bridge',
                                 base, 'flow_tables:0=@ft'], timeout=20)
        self.assertEqual(0, code, out + err)
        try:
            self.migrate('db', 's2', '10.0.2.3')
            self.wait_until_translated_to('10.0.1.3', '10.0.2.3', ['s1', 's4'])
            began = time.time()
            self.assert_stays(lambda: self.migration_state('db').get('phase') != 'active', 5,
                              'migration shown active although s9 refuses its flows')
            state = self.migration_state('db')
            say('refusing switch: after %.1f s phase %s, reason: %s'
                % (time.time() - began, state.get('phase'), state.get('reason')))
            self.assertIn('openflow:9', state.get('reason', ''))
        finally:
            run_rc(['ovs-vsctl', 'clear', 'Bridge', base, 'flow_tables'], timeout=20)
        # FlowRetrier (reconcile/) pushes a flow a connected switch lacks again, 1 s after it was
        # written, then with a backoff doubling up to 30 s: the refused flows arrive without any
        # reconnect of s9, within the longest backoff
        lifted = time.time()
        log_mark = len(self.controller.log_text())
        connected_since = self.s9_connected_since()
        self.wait_phase('db', 'active', timeout=RETRY_BOUND)
        active = time.time() - lifted
        # OVS refreshes a controller's status every few seconds: compare with a margin; a
        # reconnect would date the connection after the lift
        now_since = self.s9_connected_since()
        self.assertLess(now_since, lifted, 's9 reconnected after the limit was lifted (connection '
                        'made at %.0f): the flows came with a reconnect, not from the retrier'
                        % now_since)
        self.assertLessEqual(abs(now_since - connected_since), 6, 's9 reconnected meanwhile')
        say('refusing switch: active %.2f s after the limit was lifted (no reconnect)' % active)
        self.assertIn('openflow:9', self.restconf.inventory_node_ids())
        text = self.controller.log_text()
        pushed = [line for line in (text[log_mark:] if len(text) >= log_mark else text).splitlines()
                  if 'Switch openflow:9 lacks flow' in line]
        self.assertTrue(pushed, 'no flow pushed again to openflow:9 by the retrier after the limit '
                        'was lifted (karaf.log: "Switch openflow:9 lacks flow ...: pushing it '
                        'again")')
        say('refusing switch: %d flows pushed again by the retrier after the limit was lifted'
            % len(pushed))
        faults.wait_flows_equal_config(self.net, self.restconf, ['s9'])
        self.assert_ping('far', '10.0.1.3')

    def s9_connected_since(self):
        """When s9's current controller connection was made (unix time, as OVS last reported
        it); fails when OVS reports no connected controller for s9 within 10 s."""
        connections = wait_until(
            lambda: [c for c in faults.controller_connections(self.net, 's9') if c['connected']],
            10, interval=0.5, what='OVS to report s9 connected to a controller')
        return time.time() - connections[0]['sec_since_connect']


if __name__ == '__main__':
    unittest.main()
