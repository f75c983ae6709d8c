#!/usr/bin/python3
"""Benchmark 2 (and 5 for it), convergence: from the migration notification to traffic at the old address.

    /usr/bin/python3 bench/convergence.py [--migrations 20] [--modes app,alternative] [--floor 20] [--warmup 1]
    /usr/bin/python3 bench/convergence.py --loaded [--migrations 20] [--floor 20]
    /usr/bin/python3 bench/convergence.py --ipv6 [--migrations 20] [--floor 20]

Network of bench/netbench.py, group 'shop' = web (s1), app (s4), db (model v2: three VMs in the vm list and the
group's member references, one PATCH). web runs a 1 kHz UDP prober towards db's
home address 10.0.1.3 (bench/prober.py; only replies coming from 10.0.1.3 count); db runs a silent UDP echo.
db migrates back and forth between s2 (10.0.2.3) and s3 (10.0.3.3), keeping its MAC and processes (the harness's
Network.migrate: 40-80 ms, not timed); after each move db pings its new gateway once (a hypervisor's
post-migration announcement; also not timed). Then, at t0 (client send time):
  app:         POST notify-migration (new address, new attachment);
  alternative: the admin's script: for each peer P of db (app, web), PUT 3 flows (dst rewrite, reverse src
               rewrite, ARP reply; bench/common.pair_flows) one by one through openflowplugin's RESTCONF flow
               API into table 0.
Measured per migration, from t0:
  reply:  first reply from 10.0.1.3 seen by web's prober (1 ms probes);
  flows:  every translation flow that is on s1 and s4 once settled is there (ovs-ofctl dump-flows polled in a
          loop; the figure is the end of the first complete poll, so it includes up to one poll period);
  active: (app) db's translation is 'active' for the new address: vm=db/state/translation phase 'active' with
          current-address = the new address (model v2: the operational migration entry no longer carries the
          address; RESTCONF polled ~every 10 ms);
  call:   the notify-migration RPC (app) or the whole PUT sequence (alternative) returned.
floor (--floor N): the platform's own latency, without the application: one flow PUT through openflowplugin's
RESTCONF flow API until ovs-ofctl shows it on s1; N samples 'floor' observed like the application's moves (the
same flow-dump loop on s1 and s4 and the same 10 ms RESTCONF poll of db's translation run meanwhile: the
observers' load on the 2 cores is the same on both sides) alternating with N 'floor-bare' (nothing else runs).
The floor samples are taken between the measured application moves (one observed and one bare after each), so the
moves and the floor see the same JIT warmth and the same machine; --floor-after takes them all after the moves
(as before issue 19: the floor then ran on a JVM the moves had warmed, the moves on a fresh one).
warmup (--warmup N, default 1): the application mode first makes N moves that are recorded apart (mode
'app-warmup') and left out of the 'app' statistics, so the 20 measured moves are all s2 <-> s3 moves on a
warm path. The first move of the run, measured the same way, is also kept as 'first_after_boot' together with
whether this benchmark started the controller (fresh Karaf: the figure is the first move after boot, cold JIT)
and the JVM's uptime; with an external controller (VMM_CONTROLLER_URL) it is recorded but not fresh.
loaded (--loaded): first register the scale benchmark's load, --load-groups groups of --load-size VMs (default
100,000 VMs in 10,000 groups, attachments on bare bridges vmmb-b101..b104, PATCHes of --load-batch groups with
their VMs) and wait until the operational view shows its last VM; then the same measurement (default modes:
app) and the floor, in the same run, with that configuration in place. Written as convergence-loaded-*.json
(convergence-1m-*.json for a load of 1,000,000 VMs: --load-groups 100000; the first move after the load as
'first_after_load'); the plain run writes convergence-*.json.
ipv6 (--ipv6): the same for an IPv6-only move (mode app): the network is dual stack, db is registered with its IPv6
home address 2001:db8:1::3 only and moves between 2001:db8:2::3 and 2001:db8:3::3 (notify-migration with
new-address6), web's prober probes 2001:db8:1::3, 'active' is vm=db/state/translation current-address6; the floor
is the same IPv4 flow PUT. Written as convergence6-*.json.
"""

import argparse
import os
import subprocess
import sys
import threading
import time

import common
import model
import netbench
import synth
from common import Bridges, Poller, banner, summary
from vmm.topology import PYTHON, HostProcess, LineReader, gateway6_of, gateway_of, ipv6_of
from vmm.util import wait_until

PROBER = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'prober.py')
ECHO_PORT = 7001
TARGETS = (('s2', '10.0.2.3'), ('s3', '10.0.3.3'))
WATCHED = ('s1', 's4')
HOME = '10.0.1.3'
HOME6 = '2001:db8:1::3'
# --ipv6: the address family the moves are about (set in main)
FAMILY = {'ipv6': False}


class ProberEvents(threading.Thread):
    def __init__(self, proc):
        super().__init__(daemon=True)
        self.reader = LineReader(proc.proc.stdout)
        self.events = []
        self.running = True

    def run(self):
        while self.running and not self.reader.eof:
            for line in self.reader.lines(0.05):
                parts = line.split()
                if parts and parts[0] in ('up', 'down'):
                    self.events.append((parts[0], float(parts[1])))
                elif parts:
                    self.events.append((parts[0], time.monotonic()))

    def state_at_end(self):
        ups = [e for e in self.events if e[0] in ('up', 'down')]
        return ups[-1][0] if ups else 'down'

    def first_up_after(self, t0):
        for kind, stamp in self.events:
            if kind == 'up' and stamp >= t0:
                return stamp
        return None


def start_processes(net):
    echo = HostProcess(net, net.host('db'), [PYTHON, '-u', PROBER, 'echo', str(ECHO_PORT)],
                       stderr=subprocess.DEVNULL)
    reader = LineReader(echo.proc.stdout)
    wait_until(lambda: any('ready' in l for l in reader.lines(0.2)), 10, what='echo ready')
    home = HOME6 if FAMILY['ipv6'] else HOME
    prober = HostProcess(net, net.host('web'), [PYTHON, '-u', PROBER, 'probe', home, str(ECHO_PORT), '1'],
                         stderr=subprocess.DEVNULL)
    events = ProberEvents(prober)
    events.start()
    return echo, prober, events


def alt_push(restconf, net, switch, new_ip):
    """The admin's script for one migration of db: 3 flows per peer, PUT one by one."""
    migrated = {'vm': 'db', 'home': HOME, 'current': new_ip}
    total = 0.0
    failures = []
    for peer in ('app', 'web'):
        ip = net.home[peer][1]
        info = {'vm': peer, 'ip': ip, 'mac': net.host_mac(peer), 'port': net.ofport(peer)}
        nh = net.gateway_mac('10.0.1.0/24')  # new address is outside the peer's subnet: the gateway
        node = net.node_id(net.switch_of(peer))
        seconds, failed = common.push_flows(restconf, node, common.pair_flows(info, migrated, nh, node_id=node))
        total += seconds
        failures += failed
    if failures:
        print('alternative PUT failures: %s' % failures[:3], flush=True)
    return total


def settled_flows(net):
    return {s: common.flow_lines(net.node_name(s)) or set() for s in WATCHED}


def one_migration(mode, index, net, restconf, events, label=None, timeout=15):
    switch, new_ip = TARGETS[index % 2]
    net.migrate('db', switch, new_ip, notify=False)
    port = net.ofport('db')
    node = net.node_id(switch)
    prefix = '10.0.%s.0/24' % new_ip.split('.')[2]
    net.host('db').cmd('ping -n -c1 -W1 %s >/dev/null 2>&1' % (gateway6_of(prefix) if FAMILY['ipv6']
                                                               else gateway_of(prefix)))
    expected = ipv6_of(new_ip) if FAMILY['ipv6'] else new_ip
    wait_until(lambda: events.state_at_end() == 'down', 5, interval=0.01, what='prober to see db gone')
    flows_poll = Poller(lambda: settled_flows(net), interval=0.0)
    phase_poll = None
    if mode == 'app':
        phase_poll = Poller(lambda: common.migration_state_and_address(restconf, 'db'), interval=0.01)
    flows_poll.start()
    if phase_poll:
        phase_poll.start()
    time.sleep(0.05)
    t0 = time.monotonic()
    wall_t0 = time.time()
    if mode == 'app':
        if FAMILY['ipv6']:
            status, body = restconf.notify_migration('db', None, node_id=node, port=port, new_address6=expected)
        else:
            status, body = restconf.notify_migration('db', new_ip, node_id=node, port=port)
        if status != 200:
            print('notify-migration failed: %s %s' % (status, body), flush=True)
    else:
        alt_push(restconf, net, switch, new_ip)
    t_call = time.monotonic()

    def done():
        if events.first_up_after(t0) is None:
            return False
        if phase_poll:
            return any(v == ('active', expected) for _, _, v in phase_poll.samples)
        return True
    try:
        wait_until(done, timeout, interval=0.01, what='migration %d converged' % index)
    except AssertionError as exc:
        print('migration %d: %s' % (index, exc), flush=True)
    time.sleep(0.3)
    target = settled_flows(net)
    flows = flows_poll.stop()
    phases = phase_poll.stop() if phase_poll else []
    t_flows = next((end for _, end, value in flows if isinstance(value, dict)
                    and all(target[s] <= value.get(s, set()) for s in WATCHED) and end >= t0), None)
    t_active = next((end for _, end, value in phases if value == ('active', expected) and end >= t0), None)
    t_reply = events.first_up_after(t0)
    gaps = [b[0] - a[0] for a, b in zip(flows, flows[1:])]
    row = {'index': index, 'mode': label or mode, 'target': new_ip,
           't0_utc': time.strftime('%H:%M:%S', time.gmtime(wall_t0)) + ('%.3f' % (wall_t0 % 1))[1:],
           'call_ms': (t_call - t0) * 1000,
           'reply_ms': (t_reply - t0) * 1000 if t_reply else None,
           'flows_ms': (t_flows - t0) * 1000 if t_flows else None,
           'active_ms': (t_active - t0) * 1000 if t_active else None,
           'flow_poll_period_ms': 1000 * sorted(gaps)[len(gaps) // 2] if gaps else None,
           'translation_flows': {s: len(target[s]) for s in WATCHED}}
    print('%-11s #%2d -> %-9s t0 %s call %6.1f  reply %s  flows %s  active %s ms (flow poll %.1f ms)' % (
        label or mode, index + 1, new_ip, row['t0_utc'], row['call_ms'], _ms(row['reply_ms']), _ms(row['flows_ms']),
        _ms(row['active_ms']), row['flow_poll_period_ms'] or -1), flush=True)
    time.sleep(0.2)
    return row


def frm_floor(restconf, net, samples):
    """The platform's floor: one flow PUT into the config inventory (openflowplugin RESTCONF flow API) until it
    is on the switch (ovs-ofctl), without the application. The flow matches only TEST-NET-1 (192.0.2.x)
    destinations and drops them: it touches no benchmark traffic. Samples alternate between 'floor', observed as
    the application's moves are (the same two pollers run: ovs-ofctl dump-flows of s1 and s4 in a loop and
    RESTCONF GET of db's translation every 10 ms, which load the same 2 cores), and 'floor-bare' (no poller but
    the one that sees the flow)."""
    rows = []
    for index in range(2 * samples):
        rows.append(floor_sample(restconf, net, index, observed=index % 2 == 0))
    return rows


def floor_sample(restconf, net, index, observed):
    """One floor sample (see frm_floor)."""
    node = net.node_id('s1')
    bridge = net.node_name('s1')
    fid = 'bench-floor-%d' % index
    addr = '192.0.2.%d' % (index + 1)
    observers = [Poller(lambda: settled_flows(net), interval=0.0),
                 Poller(lambda: common.migration_state_and_address(restconf, 'db'), interval=0.01)] \
        if observed else []
    for observer in observers:
        observer.start()
    body = {'flow-node-inventory:flow': [{
        'id': fid, 'table_id': 0, 'priority': 3, 'flow-name': fid,
        'match': {'ethernet-match': {'ethernet-type': {'type': 2048}}, 'ipv4-destination': addr + '/32'},
        'instructions': {'instruction': [{'order': 0, 'apply-actions': {'action': [
            {'order': 0, 'drop-action': {}}]}}]}}]}
    poll = Poller(lambda: any(addr in line for line in (common.flow_lines(bridge) or ())), interval=0.0)
    poll.start()
    time.sleep(0.02)
    t0 = time.monotonic()
    status, _ = restconf.put(common.flow_path(node, 0, fid), body)
    t_put = time.monotonic()
    try:
        wait_until(lambda: any(v is True and b >= t0 for b, _e, v in poll.samples), 10, interval=0.005,
                   what='floor flow on the switch')
    except AssertionError:
        pass
    samples_ = poll.stop()
    for observer in observers:
        observer.stop()
    t_on = next((e for b, e, v in samples_ if v is True and e >= t0), None)
    restconf.delete(common.flow_path(node, 0, fid))
    row = {'mode': 'floor' if observed else 'floor-bare', 'index': index, 'status': status,
           'call_ms': (t_put - t0) * 1000, 'flows_ms': (t_on - t0) * 1000 if t_on else None}
    print('%-11s #%2d PUT %6.1f ms, on the switch %s ms' % (row['mode'], index + 1, (t_put - t0) * 1000,
                                                           _ms(row['flows_ms'])), flush=True)
    time.sleep(0.2)
    return row


def _ms(value):
    return '%6.1f' % value if value is not None else '     -'


def register_load(result, restconf, args):
    """The scale benchmark's load (bench/scale.py big): VMs and groups on bare bridges, registered by PATCHes of
    the root; waits until the operational view shows the last VM. Returns the bridges (stopped by the caller)."""
    home = synth.big_home_dpids(args.load_groups * args.load_size)
    bridges = Bridges(home)
    bridges.start()
    bridges.wait_connected(restconf)
    synth.put_subnets(restconf)
    layout = synth.Layout(args.load_groups, args.load_size, home, synth.BIG_NEW_DPIDS)
    banner('load: %d VMs in %d groups of %d (PATCHes of %d groups with their VMs)' % (
        args.load_groups * args.load_size, args.load_groups, args.load_size, args.load_batch))
    t0 = time.monotonic()
    batches = synth.register_groups(restconf, layout, batch=args.load_batch)
    seconds = time.monotonic() - t0
    registered = synth.registered_groups(batches)
    load = {'groups_requested': args.load_groups, 'size': args.load_size, 'batch': args.load_batch}
    load.update(synth.register_figures(batches, registered, args.load_size, seconds, args.load_groups))
    result['load'] = load
    waited = synth.wait_published(restconf, layout.vm_id(registered - 1, args.load_size - 1),
                                  layout.group_name(registered - 1), timeout=900)
    if waited is not None:
        load['registration_until_operational_s'] = time.monotonic() - t0
    print('load registered: %d VMs in %.1f s (requests), operational view after %s s' % (
        load['vms_registered'], seconds, _ms(load.get('registration_until_operational_s'))), flush=True)
    time.sleep(args.load_settle)
    return bridges


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[1])
    parser.add_argument('--migrations', type=int, default=20)
    parser.add_argument('--modes', default=None, help='default app,alternative (with --loaded: app)')
    parser.add_argument('--floor', type=int, default=20, help='samples of the FRM floor (0: none)')
    parser.add_argument('--floor-after', action='store_true',
                        help='sample the floor after all the moves (before issue 19: then the floor ran on a JVM '
                             'the moves had warmed); default: one observed and one bare sample after each '
                             'measured application move')
    parser.add_argument('--warmup', type=int, default=1,
                        help="moves before the measured ones of the application mode, recorded as 'app-warmup'")
    parser.add_argument('--cpu-moves', type=int, default=1,
                        help="the controller's CPU per thread group of each of the first N moves of the "
                             "application mode, each alone (row 'jvm_cpu'; reading the thread names between moves "
                             "costs the JVM some CPU there: for diagnosis)")
    parser.add_argument('--move-timeout', type=float, default=None,
                        help='s to wait for each move to converge (default 15, with --loaded 120)')
    parser.add_argument('--loaded', action='store_true',
                        help='register --load-groups x --load-size VMs first (results: convergence-loaded-*)')
    parser.add_argument('--load-groups', type=int, default=10000)
    parser.add_argument('--load-size', type=int, default=10)
    parser.add_argument('--load-batch', type=int, default=500, help='groups per registration PATCH')
    parser.add_argument('--load-settle', type=float, default=5.0,
                        help='s to wait after the load is published, before the first move')
    parser.add_argument('--ipv6', action='store_true',
                        help='an IPv6-only move (mode app; results: convergence6-*)')
    args = parser.parse_args()
    FAMILY['ipv6'] = args.ipv6
    if args.ipv6 and (args.loaded or (args.modes and args.modes != 'app')):
        parser.error('--ipv6 measures mode app only, without --loaded')
    if args.modes is None:
        args.modes = 'app' if args.loaded or args.ipv6 else 'app,alternative'
    if args.move_timeout is None:
        args.move_timeout = 120.0 if args.loaded else 15.0
    modes = args.modes.split(',')
    name = ('convergence-1m' if args.loaded and args.load_groups * args.load_size == 1000000
            else 'convergence-loaded' if args.loaded else 'convergence6' if args.ipv6 else 'convergence')
    result = {'meta': common.meta(name), 'params': vars(args), 'rows': []}
    ctl = common.controller()
    restconf = ctl.restconf
    net = netbench.build(restconf, group=netbench.GROUP if 'app' in modes else None, ipv6=args.ipv6,
                         ipv6_only=('db',) if args.ipv6 else ())
    load_bridges = None
    try:
        if args.loaded:
            load_bridges = register_load(result, restconf, args)
            summarize(result)
            common.save(name, result)
        _echo, prober, events = start_processes(net)
        wait_until(lambda: events.state_at_end() == 'up', 10, what='prober reaching db at home')
        done_modes = []
        for mode in modes:
            warmup = args.warmup if mode == 'app' else 0
            banner('%s: %d migrations of db between s2 and s3%s' % (
                mode, args.migrations, ' (after %d warm-up move(s))' % warmup if warmup else ''))
            profile = common.Profile(ctl, '%s-%s' % (name, mode)).start() if mode == 'app' else None
            # the controller's CPU per thread group over the first move and over all the moves (and floor samples)
            phase_cpu = common.ThreadCpu(ctl).start() if mode == 'app' else None
            for index in range(warmup + args.migrations):
                label = mode + '-warmup' if index < warmup else mode
                facts = common.controller_facts(ctl) if mode == 'app' and index == 0 else None
                # the first move's CPU per thread group (--cpu-moves N: the first N moves', each alone)
                first_cpu = common.ThreadCpu(ctl).start() if mode == 'app' and index < args.cpu_moves else None
                # with VMM_PROFILE, a recording of the first move alone (JFR's start costs CPU: not for figures)
                first_profile = common.Profile(ctl, '%s-first' % name).start() if facts is not None else None
                row = one_migration(mode, index, net, restconf, events, label=label, timeout=args.move_timeout)
                if first_profile is not None:
                    result['profile_first'] = first_profile.stop('%s: the first move after %s (controller CPU '
                                                                 'samples, JFR)' % (name, 'the load' if args.loaded
                                                                                     else 'boot'))
                if first_cpu is not None:
                    row['jvm_cpu'] = first_cpu.stop()
                    print('  move %d: %s' % (index + 1, common.thread_cpu_line(row['jvm_cpu'])), flush=True)
                result['rows'].append(row)
                if mode == 'app' and index >= warmup and args.floor and not args.floor_after:
                    # the floor between the moves: both see the same JIT warmth and the same machine
                    floor_index = 2 * (index - warmup)
                    if floor_index < 2 * args.floor:
                        result['rows'] += [floor_sample(restconf, net, floor_index, observed=True),
                                           floor_sample(restconf, net, floor_index + 1, observed=False)]
                if facts is not None:
                    first = {key: row.get(key) for key in ('reply_ms', 'flows_ms', 'active_ms', 'call_ms',
                                                             'target')}
                    first.update({'controller_fresh': facts['fresh'], 'controller': facts,
                                  'modes_before': list(done_modes), 'in_app_statistics': warmup == 0})
                    result['first_after_load' if args.loaded else 'first_after_boot'] = first
            if phase_cpu is not None:
                result['jvm_cpu_' + mode] = phase_cpu.stop()
                print('  %s, all moves and floor samples: %s' % (mode, common.thread_cpu_line(result['jvm_cpu_' + mode])),
                      flush=True)
            if profile is not None:
                result['profile_' + mode] = profile.stop('%s: %d moves of db (controller CPU samples, JFR)'
                                                         % (name, warmup + args.migrations))
            done_modes.append(mode)
            summarize(result)
            common.save(name, result)
            # db returns home; the translation is removed (app) or deleted by the admin (alternative)
            if mode == 'app':
                net.migrate('db', 's1', HOME, restconf=restconf, family=6 if args.ipv6 else 4)
                wait_until(lambda: not common.migration_state(restconf, 'db'), args.move_timeout,
                           what='migration of db removed')
            else:
                net.migrate('db', 's1', HOME, notify=False)
                common.delete_alt_flows(restconf, [net.node_id(s) for s in WATCHED])
            net.host('db').cmd('ping -n -c1 -W1 %s >/dev/null 2>&1' % ('2001:db8:1::fe' if args.ipv6
                                                                       else '10.0.1.254'))
            if 'alternative' in modes and mode == 'app':
                # the alternative runs without the group: the application must not translate (the VMs stay
                # registered; without a group nothing is translated for them)
                model.delete_group(restconf, 'shop')
            wait_until(lambda: events.state_at_end() == 'up', 15, interval=0.05,
                       what='prober reaching db at home again')
        prober.stop()
        if args.floor and (args.floor_after or 'app' not in modes):
            banner('floor: one flow PUT through RESTCONF until it is on the switch (no application)%s'
                   % (', load still registered' if args.loaded else ''))
            result['rows'] += frm_floor(restconf, net, args.floor)
    finally:
        netbench.teardown(net, restconf)
        if load_bridges is not None:
            load_bridges.stop()
    report(result)
    common.save(name, result)
    return 0


def summarize(result):
    """result['summary'] = {mode: {figure: statistics}} from the rows (also before intermediate saves)."""
    result['summary'] = {}
    for mode in sorted({r['mode'] for r in result['rows']}):
        rows = [r for r in result['rows'] if r['mode'] == mode]
        result['summary'][mode] = {key: summary([r.get(key) for r in rows])
                                   for key in ('reply_ms', 'flows_ms', 'active_ms', 'call_ms')}
    return result['summary']


def report(result):
    banner('%s results (ms from t0)' % result['meta']['benchmark'])
    for key in ('first_after_boot', 'first_after_load'):
        first = result.get(key)
        if first:
            print('%s: reply %s ms, flows %s ms, active %s ms (controller %s, JVM up %s s)' % (
                key, _ms(first.get('reply_ms')), _ms(first.get('flows_ms')), _ms(first.get('active_ms')),
                'fresh' if first.get('controller_fresh') else 'NOT fresh (external or reused)',
                _ms((first.get('controller') or {}).get('jvm_uptime_s'))))
    for mode, summ in sorted(summarize(result).items()):
        for key, stats in summ.items():
            if stats.get('n'):
                print('%-11s %-9s %s' % (mode, key, common.fmt(stats, 'ms')))
        reply = summ['reply_ms']
        if reply.get('n') and mode in ('app', 'alternative'):
            print('%-11s goal reply median <= 50 ms: %s; p95 <= 150 ms: %s' % (
                mode, 'met' if reply['median'] <= 50 else 'MISSED',
                'met' if reply['p95'] <= 150 else 'MISSED'))


if __name__ == '__main__':
    sys.exit(main())
