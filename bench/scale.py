#!/usr/bin/python3
"""Benchmark 4 (and 5 for it), scale: flows per switch against group size, registration of 100,000 VMs in 10,000
groups, controller heap, and the time one migration takes with that configuration loaded (model v2).

    /usr/bin/python3 bench/scale.py [--parts sweep,big] [--groups 10000] [--size 10] [--batch 500]
    /usr/bin/python3 bench/scale.py --parts big --groups 10000,100000   (100,000 then 1,000,000 VMs, issue 19)

sweep: one group of n members (n = 10, 20, 50, 100, 200) attached to bridge vmmb-b111; k of them (k = 1 and
       k = n/2) migrate to vmmb-b112 and another subnet. Flows per bridge of the application (ovs-ofctl
       dump-aggregate minus the pipeline's miss flows, once every migration is active) against the
       alternative's (one set of pair flows per (peer, migrated) pair, bench/synth.alternative_flows: counted
       from the flows the admin's script would PUT; actually PUT, timed and checked on bridges vmmb-b121/b122
       up to --alt-push-max flows per size).
big:   --groups groups of --size members (attachments on vmmb-b101..b104, and b131.. where ports would pass 65,000): model v2 registers every VM once in
       the vm list and a group lists only member references (vm-id), so 10,000 groups of 10 are 100,000 VMs +
       10,000 groups of 10 references. Registered by PATCHes of the vm-mobility root (merge), each carrying
       --batch groups together with exactly their VMs (500: 5,000 VMs + 500 groups, ~0.8 MB, 20 requests);
       registration time per request and in total (registration_requests_s: first byte of the first request
       to the answer of the last), until the operational view shows the last VM (vm=X/state);
       heap after a full GC (jcmd GC.class_histogram forces it; the GC's own log line, jcmd GC.heap_info too) before and after; then, one at a
       time, --migrations single notify-migrations (VMs of different groups, to vmmb-b105): time to phase
       'active' (vm=X/state/translation) and to flows on the bridge. This is the application's whole path (RPC, datastore, re-plan of
       the whole intent, flow write, FRM, switch confirmation), not the planner alone: the planner is not timed
       in isolation. The alternative's time per migration: the same migrations' pair flows PUT one by one.
--groups may list counts (10000,100000): each is registered in turn on the same controller, everything deleted
between them; kept as result['big'] (100,000 VMs) and result['big_<vms>'] (others), with heap_bytes_per_vm
(heap used after a full GC, after minus before, per VM registered) and heap_over_time: (s, heap used without a
GC, committed, RSS) every --heap-every s from the first PATCH until the operational view showed the last VM.
--max-seconds bounds the registration: batches stop once it is exceeded (scaled down; reported).
"""

import argparse
import sys
import time

import common
import summary
import synth
from common import Bridges, Poller, banner, flow_count
from vmm.util import wait_until

SWEEP_HOME, SWEEP_NEW = 111, 112
ALT_HOME, ALT_NEW = 121, 122
BIG_NEW = synth.BIG_NEW_DPIDS


def count_on(dpid):
    return flow_count(Bridges.name(dpid))


def wait_active(restconf, expected, timeout=300):
    wait_until(lambda: sum(1 for p in common.migration_phases(restconf).values() if p == 'active') >= expected,
               timeout, interval=0.2, what='%d migrations active' % expected)


def settle(dpids):
    """{dpid: flows} of these bare bridges once their counts stay unchanged for 1.5 s."""
    counts = common.settle_flow_counts(dpids, seconds=1.5)
    return {dpid: counts[Bridges.node_id(dpid)] for dpid in dpids}


# ------------------------------------------------------------------ sweep

def sweep(result, restconf, sizes, alt_push_max):
    bridges = Bridges((SWEEP_HOME, SWEEP_NEW, ALT_HOME, ALT_NEW))
    common.drop_alt_leftovers(restconf, [Bridges.node_id(d) for d in bridges.dpids])
    bridges.start()
    try:
        bridges.wait_connected(restconf)
        common.clear_config(restconf)
        baseline = settle(bridges.dpids)
        print('miss flows per bridge: %s' % baseline, flush=True)
        rows = []
        vm_base = 0
        for n in sizes:
            for k in sorted({1, n // 2}):
                layout = synth.Layout(1, n, [SWEEP_HOME], [SWEEP_NEW], first_vm=vm_base, prefix='sweep%d-%d-' % (n, k))
                vm_base += n
                common.clear_config(restconf)
                settle(bridges.dpids)
                synth.put_subnets(restconf)
                synth.register_groups(restconf, layout, verbose=False)
                migrated = layout.all_members()[:k]
                t0 = time.monotonic()
                synth.patch_root(restconf, {'migration': [layout.migration(g, j) for g, j in migrated]})
                wait_active(restconf, k)
                t_active = time.monotonic() - t0
                now = settle(bridges.dpids)
                app = {'home_switch': now[SWEEP_HOME] - baseline[SWEEP_HOME],
                       'new_switch': now[SWEEP_NEW] - baseline[SWEEP_NEW]}
                alt_layout = synth.Layout(1, n, [ALT_HOME], [ALT_NEW], first_vm=layout.first_vm,
                                          prefix=layout.prefix)
                ordered = synth.alternative_flows(alt_layout, migrated)
                alt_counts = synth.per_node_counts(ordered)
                alt = {'home_switch': alt_counts.get('openflow:%d' % ALT_HOME, 0),
                       'new_switch': alt_counts.get('openflow:%d' % ALT_NEW, 0)}
                row = {'group_size': n, 'migrated': k, 'app_flows': app, 'alt_flows': alt,
                       'app_active_s': t_active}
                if len(ordered) <= alt_push_max:
                    before = {d: count_on(d) for d in (ALT_HOME, ALT_NEW)}
                    seconds, failures = common.push_ordered(restconf, ordered)
                    after = settle((ALT_HOME, ALT_NEW))
                    row['alt_pushed'] = {'seconds': seconds, 'failures': len(failures),
                                         'on_switch': {'home_switch': after[ALT_HOME] - before[ALT_HOME],
                                                       'new_switch': after[ALT_NEW] - before[ALT_NEW]}}
                rows.append(row)
                result['sweep'] = rows
                common.save('scale', result)
                print('n=%4d k=%3d  application: %5d + %5d flows  alternative: %6d + %6d flows%s' % (
                    n, k, app['home_switch'], app['new_switch'], alt['home_switch'], alt['new_switch'],
                    '  (alternative PUT %d flows in %.1f s, on the switches %s)' % (
                        len(ordered), row['alt_pushed']['seconds'], row['alt_pushed']['on_switch'])
                    if 'alt_pushed' in row else ''), flush=True)
        result['sweep'] = rows
    finally:
        common.clear_config(restconf)
        common.drop_alt_leftovers(restconf, [Bridges.node_id(d) for d in bridges.dpids])
        bridges.stop()


# ------------------------------------------------------------------ big

def big_key(groups, size):
    """Where a registration of groups x size VMs is kept in the result: 'big' for the 100,000 VMs of the earlier
    results, 'big_<vms>' for any other count (bench/summary.py reads 'big' and 'big_1000000')."""
    return 'big' if groups * size == 100000 else 'big_%d' % (groups * size)


def big(result, restconf, ctl, args, groups):
    # every count of --groups on the same bridges (the largest count's), so that their times compare
    home = synth.big_home_dpids(max(int(g) for g in args.groups.split(',')) * args.size)
    bridges = Bridges(home + BIG_NEW)
    bridges.start()
    out = {'groups_requested': groups, 'size': args.size, 'batch': args.batch, 'home_bridges': len(home)}
    result[big_key(groups, args.size)] = out
    try:
        bridges.wait_connected(restconf)
        common.clear_config(restconf)
        time.sleep(2)
        out['heap_before'] = common.java_heap(common.karaf_pid(ctl))
        print('heap before: used %.0f MB (RSS %.0f MB)' % (out['heap_before'].get('used_mb', -1),
                                                          out['heap_before'].get('rss_mb', -1)), flush=True)
        synth.put_subnets(restconf)
        layout = synth.Layout(groups, args.size, home, BIG_NEW)
        pid = common.karaf_pid(ctl)
        heap_poll = Poller(lambda: common.heap_now(pid), interval=args.heap_every)
        t0 = time.monotonic()
        heap_poll.start()
        batches = synth.register_groups(restconf, layout, batch=args.batch, max_seconds=args.max_seconds,
                                        strict=False)
        t_sent = time.monotonic()
        registered = synth.registered_groups(batches)
        out.update(synth.register_figures(batches, registered, args.size, t_sent - t0, groups))
        if registered:
            waited = synth.wait_published(restconf, layout.vm_id(registered - 1, args.size - 1),
                                          layout.group_name(registered - 1), timeout=600)
            if waited is not None:
                out['registration_until_operational_s'] = time.monotonic() - t0
        print('registered %d VMs in %d groups (%d PATCHes, %.1f MB): requests %.1f s, operational view %s s' % (
            out['vms_registered'], registered, len(batches), out['registration_request_mb'],
            out['registration_requests_s'], _s(out.get('registration_until_operational_s'))), flush=True)
        if registered < groups:
            print('  SCALED DOWN: %d of %d groups registered' % (registered, args.groups), flush=True)
        heap_poll.stop()
        out['heap_over_time'] = [(round(began - t0, 2), value) for began, _end, value in heap_poll.samples
                                 if isinstance(value, dict)]
        out['heap_after'] = common.java_heap(common.karaf_pid(ctl))
        # the heap the full GC left (its GC log line); jcmd's 'used' after the histogram only where that is missing
        used = summary.heap_after_gc(out['heap_after'])
        before = summary.heap_after_gc(out['heap_before'])
        if used is not None and before is not None and out['vms_registered']:
            out['heap_bytes_per_vm'] = (used - before) * 1048576 / out['vms_registered']
        print('heap after: %s MB left by the full GC (used %.0f MB once the histogram was printed; live objects '
              '%s MB; RSS %.0f MB), %s bytes per VM registered' % (
                  _s(out['heap_after'].get('after_full_gc_mb')), out['heap_after'].get('used_mb', -1),
                  _s(out['heap_after'].get('histogram_total_mb')), out['heap_after'].get('rss_mb', -1),
                  '%.0f' % out['heap_bytes_per_vm'] if 'heap_bytes_per_vm' in out else '-'), flush=True)
        migrations = []
        step = max(1, registered // max(1, args.migrations))
        for index in range(args.migrations):
            g = min(registered - 1, index * step)
            migrations.append(one_migration(restconf, layout, g, index))
        out['migrations'] = migrations
        alt = []
        for index in range(args.migrations):
            g = min(registered - 1, index * step)
            ordered = synth.alternative_flows(layout, [(g, 1)])
            seconds, failures = common.push_ordered(restconf, ordered)
            alt.append({'group': g, 'flows': len(ordered), 'seconds': seconds, 'failures': len(failures)})
            print('  alternative migration %d: %d flows PUT in %.2f s' % (index + 1, len(ordered), seconds),
                  flush=True)
        out['alternative_migrations'] = alt
    finally:
        t_clear = time.monotonic()
        common.clear_config(restconf)
        out['delete_all_s'] = time.monotonic() - t_clear
        bridges.stop()


def one_migration(restconf, layout, g, index):
    entry = layout.migration(g, 1)
    vm = entry['vm-id']
    home = Bridges.name(int(layout.home_node(g).split(':')[1]))
    before = flow_count(home)
    phases = Poller(lambda: common.migration_state_and_address(restconf, vm), interval=0.02)
    flows = Poller(lambda: flow_count(home), interval=0.02)
    phases.start()
    flows.start()
    t0 = time.monotonic()
    status, body = restconf.notify_migration(vm, entry['new-address'], node_id=entry['new-attachment']['node-id'],
                                             port=entry['new-attachment']['port'])
    t_rpc = time.monotonic()
    try:
        wait_until(lambda: phases.samples and phases.samples[-1][2][0] == 'active', 300, interval=0.05,
                   what='migration of %s active' % vm)
    except AssertionError as exc:
        print('  %s' % exc, flush=True)
    time.sleep(0.3)
    after = flow_count(home)
    phases.stop()
    samples = flows.stop()
    t_active = next((end for _b, end, v in phases.samples if v[0] == 'active'), None)
    t_flows = next((end for _b, end, v in samples if v == after and end >= t0), None)
    row = {'vm': vm, 'group': layout.group_name(g), 'status': status, 'rpc_s': t_rpc - t0,
           'active_s': (t_active - t0) if t_active else None,
           'flows_on_switch_s': (t_flows - t0) if t_flows and after != before else None,
           'flows_added_on_home_switch': (after or 0) - (before or 0)}
    print('  migration %d (%s): RPC %.2f s, active %s s, flows on %s %s s (+%d flows)' % (
        index + 1, vm, row['rpc_s'], _s(row['active_s']), home, _s(row['flows_on_switch_s']),
        row['flows_added_on_home_switch']), flush=True)
    if status != 200:
        print('  notify-migration: %s %s' % (status, str(body)[:300]), flush=True)
    return row


def _s(value):
    return '%.2f' % value if value is not None else '-'


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[1])
    parser.add_argument('--parts', default='sweep,big')
    parser.add_argument('--sizes', default='10,20,50,100,200')
    parser.add_argument('--alt-push-max', type=int, default=2500)
    parser.add_argument('--groups', default='10000',
                        help='groups to register; a list (10000,100000) registers each count in turn on the same '
                             'controller, deleting everything between them (the linearity of issue 19)')
    parser.add_argument('--size', type=int, default=10)
    parser.add_argument('--batch', type=int, default=500,
                        help='groups per registration PATCH, sent with exactly their VMs (500: 5,000 VMs, ~0.8 MB)')
    parser.add_argument('--migrations', type=int, default=5)
    parser.add_argument('--heap-every', type=float, default=5.0,
                        help='s between heap samples (jcmd GC.heap_info, no GC) during a registration')
    parser.add_argument('--max-seconds', type=float, default=600)
    args = parser.parse_args()
    result = {'meta': common.meta('scale'), 'params': vars(args)}
    ctl = common.controller()
    restconf = ctl.restconf
    parts = args.parts.split(',')
    if 'sweep' in parts:
        banner('flows per switch against group size')
        sweep(result, restconf, [int(s) for s in args.sizes.split(',')], args.alt_push_max)
        common.save('scale', result)
    if 'big' in parts:
        for groups in [int(g) for g in args.groups.split(',')]:
            banner('%d VMs in %d groups of %d (model v2: VMs once, groups of references)'
                   % (groups * args.size, groups, args.size))
            try:
                big(result, restconf, ctl, args, groups)
            finally:
                common.save('scale', result)
    report(result)
    common.save('scale', result)
    return 0


def report(result):
    banner('scale results')
    for row in result.get('sweep', []):
        app = row['app_flows']['home_switch'] + row['app_flows']['new_switch']
        alt = row['alt_flows']['home_switch'] + row['alt_flows']['new_switch']
        print('group %4d, %3d migrated: application %6d flows, alternative %7d flows (max per switch %d vs %d)'
              % (row['group_size'], row['migrated'], app, alt, max(row['app_flows'].values()),
                 max(row['alt_flows'].values())))
    for key in sorted(k for k in result if k == 'big' or k.startswith('big_')):
        report_big(result[key])


def report_big(out):
    if out:
        print('registered %s VMs in %s groups in %s s (%s PATCHes; operational view after %s s)%s, heap used after '
              'full GC %s -> %s MB' % (
                  out.get('vms_registered', out.get('members_registered')), out.get('groups_registered'),
                  _s(out.get('registration_requests_s')), out.get('registration_requests', '?'),
                  _s(out.get('registration_until_operational_s')),
                  '' if out.get('registration_complete', True) else ' (SCALED DOWN: not all groups)',
                  _s(out.get('heap_before', {}).get('used_mb')), _s(out.get('heap_after', {}).get('used_mb'))))
        times = [m['active_s'] for m in out.get('migrations', [])]
        print('one migration with that configuration: active after %s' % common.fmt(common.summary(times), 's', 1, 2))
        alt = [m['seconds'] for m in out.get('alternative_migrations', [])]
        print('alternative, one migration: %s' % common.fmt(common.summary(alt), 's', 1, 2))


if __name__ == '__main__':
    sys.exit(main())
