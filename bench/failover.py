#!/usr/bin/python3
"""Failover of the three-node cluster (scripts/start-cluster.sh): what a kill -9 costs.

    /usr/bin/python3 bench/failover.py [--kills 10]

Boots a fresh cluster (each node in its own network namespace), builds the test topology with every
switch connected to the three nodes, registers web, app, db and bk in group shop and migrates db. Then,
per round: web and app ping db at its home address every 10 ms; a node is killed (kill -9): the node running
the engine, then the master (owner) of s1, web's edge switch, alternately (--kills in all; they may be the same
node); 0.5 s later bk's migration is notified to a survivor (alternating between two addresses, so
every round is a real move); a write loop through a survivor measures how long writes are unavailable.
The node is restarted and rejoins before the next round. Figures (the floor for comparison in the same
run: a ping's loss with no kill, and the write time with all nodes up):

  boot_s                    start-cluster.sh until every node answers RESTCONF 200 (fresh, 3 JVMs on this host)
  kills                     how many kills (rounds)
  pings_lost                translated pings lost over all rounds (total; per round in rounds[]) (two pingers, 10 ms): sent minus received from ping's own
                            totals, only requests sent within two round trips of the stop forgiven (in flight)
  write_unavailable_s       kill -> the first write through a survivor that commits (its answer), s
  kill_to_active_s          kill -> bk's migration 'active' as read from a survivor, s (median and max)
  rejoin_s                  restart of the killed node -> its RESTCONF 200, s
  rss_mb_per_node           resident memory of each node's JVM after the rounds, MB
  rounds[].notify_answers   each notify-migration answer of the round (status, seconds after the kill); one the
                            client's 30 s timeout cut off (status 0) is sent again, as an orchestrator would
  rounds[].state_when_not_active  bk's state and the engine's node as the survivor shows them when bk was not
                            active 60 s after the notification

Results: bench/results/failover-<stamp>.json and failover-latest.json.
"""

import argparse
import os
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import common  # noqa: E402  pylint: disable=wrong-import-position
from vmm import faults, session  # noqa: E402
from vmm.base import TopologySpec, VmmTestCase  # noqa: E402
from vmm.cluster import ADDRESSES, Cluster  # noqa: E402
from vmm.topology import Network, gateway_of  # noqa: E402
from vmm.util import LOG, wait_until  # noqa: E402

MEMBERS = ('web', 'app', 'db', 'bk')
BK_MOVES = (('s3', '10.0.3.4'), ('s2', '10.0.2.4'))


def phase(restconf, vm_id):
    state = common.migration_state(restconf, vm_id)
    return state.get('phase') if state else None


def register(restconf, net):
    for prefix, _switch in VmmTestCase.SUBNETS:
        status, body = restconf.put_subnet(prefix, gateway_of(prefix), net.gateway_mac(prefix))
        assert status in (200, 201, 204), (status, body)
    vms = [restconf.vm(h, net.home[h][1], net.host_mac(h), net.node_id(net.switch_of(h)), net.ofport(h))
           for h in MEMBERS]
    status, body = restconf.merge_intent(vms=vms, groups={'shop': MEMBERS})
    assert status in (200, 201, 204), (status, body)


class WriteProbe(threading.Thread):
    """Writes an empty group's description through one node (nothing for the engine to plan), one write after
    the other; records the answers."""

    def __init__(self, restconf):
        super().__init__(daemon=True)
        self.restconf = restconf
        self.answers = []   # (sent_at, answered_at, status)
        self.running = True

    def run(self):
        count = 0
        while self.running:
            count += 1
            sent = time.time()
            status, _ = self.restconf.put_group('write-probe', [], description='write %d' % count)
            self.answers.append((sent, time.time(), status))
            time.sleep(0.05)

    def stop(self):
        self.running = False
        self.join(timeout=60)

    def first_commit_after(self, moment):
        done = [answered for sent, answered, status in self.answers
                if sent >= moment and status in (200, 201, 204)]
        return min(done) - moment if done else None


def round_(nodes, net, index, victim_kind):
    engine = nodes.engine_node()
    owner = nodes.owner_of(net.node_name('s1'))
    victim = engine if victim_kind == 'engine' else owner
    survivor = nodes.survivor(victim)
    restconf = nodes.client(survivor)
    probes = [faults.PingProbe(net, 'web', '10.0.1.3', interval=0.01),
              faults.PingProbe(net, 'app', '10.0.1.3', interval=0.01)]
    wait_until(lambda: all(p.live_replies() > 20 for p in probes), 15, interval=0.1, what='pingers answered')
    writes = WriteProbe(restconf)
    writes.start()
    time.sleep(1.0)
    killed_at = nodes.kill(victim)
    time.sleep(0.5)
    to_switch, new_ip = BK_MOVES[index % 2]
    notified_at = time.time()
    status, body = net.migrate('bk', to_switch, new_ip, restconf=restconf, notify=True)
    answers = [{'status': status, 'after_kill_s': round(time.time() - killed_at, 3), 'body': str(body)[:300]}]
    if status == 0:
        # unanswered within the client's timeout: an orchestrator sends it again (notify-migration is idempotent)
        status, body = restconf.notify_migration('bk', new_ip, node_id=net.node_id(to_switch),
                                                 port=net.ofport('bk'))
        answers.append({'status': status, 'after_kill_s': round(time.time() - killed_at, 3),
                        'body': str(body)[:300]})
    try:
        wait_until(lambda: common.migration_state_and_address(restconf, 'bk') == ('active', new_ip), 60,
                   interval=0.05, what='bk active at %s' % new_ip)
        active_s = time.time() - killed_at
        late_state = None
    except AssertionError:
        active_s = None
        # what the survivor shows when the bound passed: the migration's state and where the engine runs
        late_state = {'bk': common.migration_state(restconf, 'bk'), 'engine_node': nodes.engine_node(via=survivor)}
        print('round %d: bk not active at %s 60 s after the notification; state %s'
              % (index + 1, new_ip, late_state), flush=True)
    time.sleep(2.0)
    writes.stop()
    for probe in probes:
        probe.stop()
    unavailable = writes.first_commit_after(killed_at)
    lost = sum(p.lost_counted for p in probes)
    rejoin = nodes.restart(victim)
    result = {'killed': victim_kind, 'killed_node': victim, 'engine_node': engine, 's1_owner': owner,
              'survivor': survivor,
              'pings_lost': lost,
              'pings_sent': sum(p.sent for p in probes), 'pings_received': sum(p.received for p in probes), 'longest_gap_s': max(p.longest_gap() for p in probes),
              'unanswered': [{'pinger': name, 'icmp_seq': seq, 'sent_after_kill_s': round(at - killed_at, 3)}
                             for name, probe in zip(('web', 'app'), probes) for seq, at in probe.missing()],
              'write_unavailable_s': unavailable, 'kill_to_active_s': active_s, 'rejoin_s': rejoin,
              'notified_after_kill_s': round(notified_at - killed_at, 3), 'notify_answers': answers,
              'state_when_not_active': late_state,
              'engine_after': nodes.engine_node(via=survivor)}
    print('round %d: member-%d killed (%s; engine was on member-%d); pings lost %d of %d (longest gap %.3f s); '
          'writes unavailable %s s; bk active %s s after the kill; member-%d rejoined in %.1f s'
          % (index + 1, victim, 'the engine node' if victim_kind == 'engine' else "s1's master",
             engine, lost, result['pings_sent'], result['longest_gap_s'],
             '%.2f' % unavailable if unavailable is not None else 'n/a',
             '%.2f' % active_s if active_s is not None else 'never (60 s)', victim, rejoin), flush=True)
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--kills', type=int, default=10, help='kills in all, engine node and s1 master alternately')
    args = parser.parse_args()
    import logging
    logging.basicConfig(level=os.environ.get('VMM_LOG_LEVEL', 'INFO'),
                        format='%(asctime)s %(levelname)s %(name)s: %(message)s', stream=sys.stderr)
    session.ensure_ovs()
    result = {'meta': common.meta('failover')}
    result['meta']['controller'] = 'fresh 3-node cluster started by this benchmark (scripts/start-cluster.sh)'
    nodes = Cluster()
    net = None
    try:
        common.banner('booting three nodes')
        nodes.start()
        result['boot_s'] = nodes.boot_seconds
        print('cluster boot: %.1f s' % nodes.boot_seconds, flush=True)
        spec = TopologySpec(VmmTestCase.SWITCHES, VmmTestCase.SWITCH_LINKS, VmmTestCase.SUBNETS,
                            VmmTestCase.HOSTS)
        net = Network(spec, controller_ips=list(ADDRESSES))
        net.build()
        net.wait_connected(nodes.restconf)
        register(nodes.restconf, net)
        net.migrate('db', 's2', '10.0.2.3', restconf=nodes.restconf, notify=True)
        wait_until(lambda: phase(nodes.restconf, 'db') == 'active', 60, what='db active')
        floor = faults.PingProbe(net, 'web', '10.0.1.3', interval=0.01)
        time.sleep(5)
        floor.stop()
        result['floor_pings_lost_no_kill'] = floor.lost_counted
        result['floor_pings_sent'], result['floor_pings_received'] = floor.sent, floor.received
        print('floor: %d of %d pings lost in 5 s without a kill (%d received)'
              % (floor.lost_counted, floor.sent, floor.received), flush=True)
        writes = WriteProbe(nodes.restconf)
        writes.start()
        time.sleep(3)
        writes.stop()
        write_times = [answered - sent for sent, answered, status in writes.answers if status in (200, 201, 204)]
        result['floor_write_s'] = common.summary(write_times)
        print('floor: a write with all nodes up %s' % common.fmt(result['floor_write_s'], 's', digits=3), flush=True)
        kinds = [('engine', 'switch-owner')[index % 2] for index in range(args.kills)]
        rounds = [round_(nodes, net, index, kind) for index, kind in enumerate(kinds)]
        result['rounds'] = rounds
        result['rss_mb_per_node'] = {'member-%d' % n: nodes.rss_mb(n) for n in (1, 2, 3)}
        result['kills'] = len(rounds)
        result['pings_lost'] = sum(r['pings_lost'] for r in rounds)
        result['pings_sent'] = sum(r['pings_sent'] for r in rounds)
        result['pings_received'] = sum(r['pings_received'] for r in rounds)
        result['pings_lost_per_kill'] = common.summary([r['pings_lost'] for r in rounds])
        for key in ('kill_to_active_s', 'rejoin_s', 'write_unavailable_s'):
            result[key] = common.summary([r[key] for r in rounds])
        common.banner('failover: %d kills, the engine node and s1\'s master alternately (fresh cluster)'
                      % len(rounds))
        print('boot %.1f s; pings lost %d of %d sent (%d received) over %d kills; writes unavailable %s; '
              'kill -> active %s; rejoin %s; RSS %s'
              % (result['boot_s'], result['pings_lost'], result['pings_sent'], result['pings_received'],
                 len(rounds),
                 common.fmt(result['write_unavailable_s'], 's', digits=2),
                 common.fmt(result['kill_to_active_s'], 's', digits=2), common.fmt(result['rejoin_s'], 's'),
                 ', '.join('%s %.0f MB' % (k, v or 0) for k, v in sorted(result['rss_mb_per_node'].items()))),
              flush=True)
        common.save('failover', result)
    finally:
        if net is not None:
            net.stop()
        nodes.stop()
    return 0


if __name__ == '__main__':
    LOG.debug('failover benchmark')
    sys.exit(main())
