#!/usr/bin/python3
"""Benchmark 3 (and 5 for it), mass migration: a data-centre evacuation in one burst.

    /usr/bin/python3 bench/mass.py [--groups 100] [--size 10] [--bursts patch,rpc] [--alternative]

100 groups of 10 VMs (1,000 VMs) registered with attachments on bare OVS bridges vmmb-b101/b102 (home,
subnet 10.64.0.0/10), no Mininet hosts (bench/synth.py). Every VM migrates to vmmb-b103/b104 and a new
address in 10.128.0.0/10, in one burst, sent in one of two ways:
  patch: one RESTCONF PATCH of the vm-mobility root carrying the 1,000 migration entries (config intent);
  rpc:   1,000 notify-migration RPCs from 8 concurrent clients.
Measured from t0 (first byte sent): the burst sent; every migration's operational phase 'active' (RESTCONF
polled every 0.25 s); every flow on the bridges (ovs-ofctl dump-aggregate flow counts polled, until they equal
the flows in the controller's config inventory for each bridge).
--alternative: then, without any group, the admin's script: for every (peer, migrated) pair, the same rewrite
flows PUT one by one through openflowplugin's RESTCONF flow API (bench/common.pair_flows); time until all are
PUT and until all are on the bridges. --alt-migrations N pushes only the flows of the first N migrations
(scaled down; the full figure is then extrapolated linearly and labelled so).
"""

import argparse
import concurrent.futures
import sys
import time

import common
import synth
from common import Bridges, Poller, banner, flow_count
from vmm.restconf import RestconfClient
from vmm.util import wait_until

HOME_DPIDS = (101, 102)
NEW_DPIDS = (103, 104)


def phases_active(restconf):
    phases = common.migration_phases(restconf)
    return sum(1 for p in phases.values() if p == 'active'), len(phases)


def counts(bridges):
    return {Bridges.node_id(d): flow_count(Bridges.name(d)) for d in bridges.dpids}


def first_match(samples, expected, t0):
    for _began, end, value in samples:
        if end >= t0 and isinstance(value, dict) and all(value.get(n) == c for n, c in expected.items()):
            return end
    return None


def settle_counts(bridges, seconds=2.0, timeout=120):
    """Wait until the bridges' flow counts stay unchanged for `seconds`; returns them."""
    last = {'value': None, 'since': time.monotonic()}

    def stable():
        now = counts(bridges)
        if now != last['value']:
            last['value'], last['since'] = now, time.monotonic()
            return False
        return time.monotonic() - last['since'] >= seconds
    wait_until(stable, timeout, interval=0.25, what='flow counts to settle')
    return last['value']


def burst(mode, restconf, layout, bridges, expected_n):
    migrations = [layout.migration(g, j) for g, j in layout.all_members()]
    flows_poll = Poller(lambda: counts(bridges), interval=0.05)
    phase_box = []
    phase_poll = Poller(lambda: phases_active(restconf), interval=0.25)
    flows_poll.start()
    phase_poll.start()
    t0 = time.monotonic()
    if mode == 'patch':
        status, body, _secs, size = synth.patch_root(restconf, {'migration': migrations})
        ok = status in (200, 201, 204)
        detail = 'PATCH %s (%.1f MB)' % (status, size / 1e6)
    else:
        def notify(entry):
            client = RestconfClient(restconf.base_url, timeout=120)
            attach = entry['new-attachment']
            return client.notify_migration(entry['vm-id'], entry['new-address'], node_id=attach['node-id'],
                                           port=attach['port'])[0]
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            statuses = list(pool.map(notify, migrations))
        ok = all(s == 200 for s in statuses)
        detail = '%d RPCs, %d not 200' % (len(statuses), sum(1 for s in statuses if s != 200))
    t_sent = time.monotonic()
    print('  burst sent in %.2f s: %s' % (t_sent - t0, detail), flush=True)
    try:
        wait_until(lambda: phase_poll.samples and phase_poll.samples[-1][2] == (expected_n, expected_n)
                   and phase_poll.samples[-1][0] > t_sent, 180, interval=0.1,
                   what='all %d migrations active' % expected_n)
    except AssertionError as exc:
        print('  %s; last %s' % (exc, phase_poll.samples[-1:]), flush=True)
        failure = 'not all migrations active within 180 s; last (active, total) %s' % (
            phase_poll.samples[-1][2] if phase_poll.samples else None,)
    else:
        failure = None
    t_all = next((end for began, end, v in phase_poll.samples if v == (expected_n, expected_n)
                  and began > t0), None)
    expected = common.config_flow_counts(restconf, [Bridges.node_id(d) for d in bridges.dpids])
    try:
        wait_until(lambda: flows_poll.samples and flows_poll.samples[-1][2] == expected,
                   120 if not failure else 5, interval=0.1,
                   what='bridge flow counts equal to the config inventory %s' % expected)
    except AssertionError as exc:
        print('  %s; last %s' % (exc, flows_poll.samples[-1:]), flush=True)
    flows = flows_poll.stop()
    phase_poll.stop()
    t_flows = first_match(flows, expected, t0)
    progress = [(round(b - t0, 2), v) for b, _e, v in phase_poll.samples if b >= t0]
    row = {'mode': mode, 'ok': ok and not failure, 'failure': failure, 'detail': detail, 'sent_s': t_sent - t0,
           'all_active_s': (t_all - t0) if t_all else None,
           'all_flows_on_switches_s': (t_flows - t0) if t_flows else None,
           'flows_per_bridge': expected, 'active_progress': progress[::4]}
    print('  %s: sent %.2f s, all active %s s, all flows on the bridges %s s, flows %s' % (
        mode, row['sent_s'], _s(row['all_active_s']), _s(row['all_flows_on_switches_s']), expected), flush=True)
    return row


def _s(value):
    return '%.2f' % value if value is not None else '-'


def reset(restconf, layout, bridges, baseline):
    common.clear_config(restconf)
    wait_until(lambda: counts(bridges) == baseline, 300, interval=0.5, what='bridges back to the miss flows')
    synth.put_subnets(restconf)
    synth.register_groups(restconf, layout, batch=1000, verbose=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[1])
    parser.add_argument('--groups', type=int, default=100)
    parser.add_argument('--size', type=int, default=10)
    parser.add_argument('--bursts', default='patch,rpc')
    parser.add_argument('--alternative', action='store_true')
    parser.add_argument('--alt-migrations', type=int, default=0, help='0: all')
    args = parser.parse_args()
    result = {'meta': common.meta('mass'), 'params': vars(args), 'rows': []}
    layout = synth.Layout(args.groups, args.size, HOME_DPIDS, NEW_DPIDS)
    n_vms = args.groups * args.size
    ctl = common.controller()
    restconf = ctl.restconf
    bridges = Bridges(HOME_DPIDS + NEW_DPIDS)
    try:
        common.clear_config(restconf)
        common.drop_alt_leftovers(restconf, [Bridges.node_id(d) for d in bridges.dpids])
        bridges.start()
        bridges.wait_connected(restconf)
        baseline = settle_counts(bridges)
        print('miss flows per bridge: %s' % baseline, flush=True)
        for index, mode in enumerate(args.bursts.split(',')):
            banner('burst %s: %d VMs in %d groups migrate at once' % (mode, n_vms, args.groups))
            reset(restconf, layout, bridges, baseline)
            result['rows'].append(burst(mode, restconf, layout, bridges, n_vms))
        if args.alternative:
            alternative(result, restconf, layout, bridges, baseline, args.alt_migrations)
    finally:
        common.clear_config(restconf)
        bridges.stop()
    banner('mass migration results (goal: all translations active on the switches <= 5 s)')
    for row in result['rows']:
        figure = row.get('all_flows_on_switches_s')
        active = row.get('all_active_s')
        worst = max(v for v in (figure, active) if v is not None) if (figure or active) else None
        met = worst is not None and worst <= 5 and not row.get('failure') and row.get('all_active_s', 0) is not None
        print('%-12s all active %s s, all flows on the bridges %s s: goal %s%s' % (
            row['mode'], _s(active), _s(figure), 'met' if met else 'MISSED',
            ' (%s)' % row['failure'] if row.get('failure') else ''))
    common.save('mass', result)
    return 0


def alternative(result, restconf, layout, bridges, baseline, limit):
    banner('alternative: the admin pushes pair flows one by one over RESTCONF')
    common.clear_config(restconf)
    wait_until(lambda: counts(bridges) == baseline, 300, interval=0.5, what='bridges back to the miss flows')
    migrated = layout.all_members()
    ordered = synth.alternative_flows(layout, migrated)
    full_n = len(ordered)
    if limit:
        keep = set(migrated[:limit])
        ordered = synth.alternative_flows(layout, migrated)
        ordered = [o for o in ordered if _migrated_of(o[1]) in {layout.vm_id(g, j) for g, j in keep}]
    expected = {n: baseline.get(n, 0) + c for n, c in synth.per_node_counts(ordered).items()}
    for node in baseline:
        expected.setdefault(node, baseline[node])
    flows_poll = Poller(lambda: counts(bridges), interval=0.25)
    flows_poll.start()
    t0 = time.monotonic()
    seconds, failures = common.push_ordered(restconf, ordered, progress_every=2000)
    t_sent = time.monotonic()
    try:
        wait_until(lambda: flows_poll.samples and flows_poll.samples[-1][2] == expected, 300, interval=0.2,
                   what='alternative flows on the bridges %s' % expected)
    except AssertionError as exc:
        print('  %s; last %s' % (exc, flows_poll.samples[-1:]), flush=True)
    flows = flows_poll.stop()
    t_flows = first_match(flows, expected, t0)
    scale = full_n / float(len(ordered)) if ordered else None
    row = {'mode': 'alternative', 'flows_pushed': len(ordered), 'flows_for_all': full_n,
           'failures': len(failures), 'failure_examples': failures[:3], 'sent_s': t_sent - t0,
           'all_flows_on_switches_s': (t_flows - t0) if t_flows else None,
           'put_per_flow_ms': 1000 * seconds / max(1, len(ordered)),
           'flows_per_bridge': expected, 'scaled_down': bool(limit)}
    if limit and row['all_flows_on_switches_s']:
        row['extrapolated_all_s'] = row['all_flows_on_switches_s'] * scale
    print('  alternative: %d flows PUT in %.1f s (%.1f ms each, %d failures); all on the bridges %s s%s' % (
        len(ordered), row['sent_s'], row['put_per_flow_ms'], len(failures), _s(row['all_flows_on_switches_s']),
        ', extrapolated to all %d flows: %.0f s' % (full_n, row['extrapolated_all_s'])
        if row.get('extrapolated_all_s') else ''), flush=True)
    result['rows'].append(row)
    dropped = common.drop_alt_leftovers(restconf, [Bridges.node_id(d) for d in bridges.dpids])
    print('  alternative flows removed from the config inventory of %s' % dropped, flush=True)


def _migrated_of(flow_id):
    # alt-<kind>-<peer>-<migrated>
    return flow_id.rsplit('-', 1)[1]


if __name__ == '__main__':
    sys.exit(main())
