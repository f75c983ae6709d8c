#!/usr/bin/python3
"""Benchmark 3 (and 5 for it), mass migration: a data-centre evacuation in one burst.

    /usr/bin/python3 bench/mass.py [--groups 100] [--size 10] [--bursts patch,rpc,batch] [--floor] [--alternative]

1,000 VMs registered once each (model v2 vm list) with attachments on bare OVS bridges vmmb-b101/b102 (home,
subnet 10.64.0.0/10) and 100 groups of 10 member references, no Mininet hosts (bench/synth.py). Every VM
migrates to vmmb-b103/b104 and a new address in 10.128.0.0/10, in one burst, sent in one of three ways:
  patch: one RESTCONF PATCH of the vm-mobility root carrying the 1,000 migration entries (config intent);
  rpc:   1,000 notify-migration RPCs from --clients (8) concurrent clients (rpc_per_second: RPCs answered per
         second over the whole burst);
  batch: ONE notify-migrations RPC (model v2 batch) carrying the 1,000 entries; its answer's outcome per VM
         (migrated / returned-home / refused) is counted.
Measured from t0 (just before the first byte is sent): sent_s = the request(s) answered (the last answer for
rpc); all_flows_on_switches_s = every flow on the bridges (ovs-ofctl dump-aggregate flow counts polled every
0.05 s, until they equal the flows in the controller's config inventory for each bridge); all_active_s = every
migration's operational phase 'active': the metrics' vmm_migrations gauge (counted by a listener on the operational
view) polled every 0.25 s, then confirmed by one RESTCONF read of every migration's phase (a 10,000-entry read
every 0.25 s loaded the controller more than the burst's own work); the time is the gauge's first sample that saw all. Over time, for the
figures (bench/pictures.py): active_progress = (s, [active, listed]) of every fourth phase sample, flows_progress
= (s, {bridge: flows}) of the flow-count samples, one per 0.25 s (1 s for the alternative).
--floor: the platform's floor for the same work, without the application: the flows the application wrote for
the last burst (read from the config inventory, ids renamed vmm-* -> flr-*, otherwise unchanged) written by one
RESTCONF PATCH of opendaylight-inventory:nodes, i.e. one config transaction (--floor-chunk N: N flows per
PATCH instead); sent_s and all_flows_on_switches_s as above, no phase. Runs last: a single multi-MB inventory
transaction is what once wedged the controller's journal (BENCHMARKS.md F1); then removed flow by flow.
--alternative: then, without any group, the admin's script: for every (peer, migrated) pair, the same rewrite
flows PUT one by one through openflowplugin's RESTCONF flow API (bench/common.pair_flows); time until all are
PUT and until all are on the bridges. --alt-migrations N pushes only the flows of the first N migrations
(scaled down; the full figure is then extrapolated linearly and labelled so).
--put-floor: after the bursts, the RESTCONF floor of the rpc burst: from the state the rpc burst started from (the
VMs and groups registered afresh, no migration, no flow), as many requests from --clients clients, each a PUT of
one new subnet (a config write the application only indexes: no VM is in it, nothing to plan), answered per second
(row mode 'put-floor').
--floor-fresh: then the same floor once more on a fresh controller (stopped and started again from the same
distribution, the bridges re-created): the bursts ran on a fresh controller and paid the JIT's compilation of the
platform's paths (yangtools' codecs and data tree, mdsal, openflowplugin, netty: 33 s of compile time over a 10k
burst, BENCHMARKS.md section 22), which the floor written after them on the same controller finds compiled (row
mode 'floor-fresh').
--name: the results' name (default mass for 1,000 VMs, mass-<vms> otherwise: mass-10000 for --groups 1000).
Order: the bursts, the put floor, then the alternative, then the floor, then the fresh floor.
"""

import argparse
import concurrent.futures
import json
import sys
import time

import common
import model
import rpc_floor
import synth
from common import Bridges, Poller, banner
from vmm.restconf import RestconfClient
from vmm.util import wait_until

INVENTORY = '/rests/data/opendaylight-inventory:nodes'
APP_PREFIX = 'vmm-'
FLOOR_PREFIX = 'flr-'

HOME_DPIDS = (101, 102)
NEW_DPIDS = (103, 104)


def phases_active(restconf):
    """(active, listed) of the migrations in the operational view, read over RESTCONF (every migration's entry)."""
    phases = common.migration_phases(restconf)
    return sum(1 for p in phases.values() if p == 'active'), len(phases)


def published_active():
    """(active, listed) of the migrations as the controller's metrics count them (the vmm_migrations gauge: the
    phases of the operational view, counted by a listener on it). A few lines of text per sample: polling the
    10,000 entries over RESTCONF every 0.25 s took about a fifth of the controller's CPU samples during the burst
    (JFR, 2026-12-05), work the floor's run does not have."""
    phases = common.metrics_migrations()
    return phases.get('active', 0), sum(phases.values())


def counts(bridges):
    return common.bridge_flow_counts(bridges.dpids)


def thinned(samples, t0, step):
    """[(s from t0, value)] of a Poller's samples begun at or after t0, at most one per `step` s (the last one
    always kept), failed samples left out: the flow counts over time that bench/pictures.py draws."""
    points = [(began - t0, value) for began, _end, value in samples
              if began >= t0 and not isinstance(value, Exception)]
    kept = []
    for index, (when, value) in enumerate(points):
        if not kept or when - kept[-1][0] >= step or index == len(points) - 1:
            kept.append((when, value))
    return [(round(when, 3), value) for when, value in kept]


def first_match(samples, expected, t0):
    for _began, end, value in samples:
        if end >= t0 and isinstance(value, dict) and all(value.get(n) == c for n, c in expected.items()):
            return end
    return None


def burst(mode, restconf, layout, bridges, expected_n, clients=8, ctl=None):
    migrations = [layout.migration(g, j) for g, j in layout.all_members()]
    cpu = common.ThreadCpu(ctl).start() if ctl is not None else None
    flows_poll = Poller(lambda: counts(bridges), interval=0.05)
    phase_poll = Poller(published_active, interval=0.25)
    extra = {}
    flows_poll.start()
    phase_poll.start()
    t0 = time.monotonic()
    if mode == 'patch':
        status, body, _secs, size = synth.patch_root(restconf, {'migration': migrations})
        ok = status in (200, 201, 204)
        detail = 'PATCH %s (%.1f MB)' % (status, size / 1e6)
        if not ok:
            extra['error'] = str(body)[:500]
    elif mode == 'batch':
        status, body, _secs, size = model.notify_migrations(restconf, migrations, timeout=600)
        results = model.results_of(body)
        outcomes = model.outcome_counts(results)
        ok = status == 200 and outcomes.get('migrated') == len(migrations)
        detail = 'notify-migrations %s (%.1f MB, %d entries): %s' % (
            status, size / 1e6, len(migrations), ', '.join('%s %d' % kv for kv in sorted(outcomes.items())))
        extra.update({'outcomes': outcomes, 'refused_examples': model.refused_examples(results),
                      'request_bytes': size})
        if status != 200:
            extra['error'] = str(body)[:500]
    elif mode == 'rpc':
        def notify(entry):
            client = RestconfClient(restconf.base_url, timeout=120)
            attach = entry['new-attachment']
            return client.notify_migration(entry['vm-id'], entry['new-address'], node_id=attach['node-id'],
                                           port=attach['port'])[0]
        with concurrent.futures.ThreadPoolExecutor(clients) as pool:
            statuses = list(pool.map(notify, migrations))
        ok = all(s == 200 for s in statuses)
        detail = '%d RPCs from %d clients, %d not 200' % (len(statuses), clients,
                                                          sum(1 for s in statuses if s != 200))
        extra.update({'clients': clients, 'rpcs': len(statuses),
                      'rpcs_ok': sum(1 for s in statuses if s == 200)})
    else:
        raise ValueError('unknown burst %r (patch, rpc, batch)' % mode)
    t_sent = time.monotonic()
    if cpu is not None:
        # the controller's CPU until the last answer: what answering the burst cost (the rate's window)
        extra['jvm_cpu_answered'] = cpu.stop()
    if mode == 'rpc':
        # answered RPCs (200) per second over the whole burst, all clients together
        extra['rpc_per_second'] = extra['rpcs_ok'] / (t_sent - t0) if t_sent > t0 else None
    print('  burst sent in %.2f s: %s' % (t_sent - t0, detail), flush=True)
    if cpu is not None:
        print('  until answered: %s' % common.thread_cpu_line(extra['jvm_cpu_answered'], per=expected_n,
                                                             unit='VM'), flush=True)
    confirmed = []

    def all_active():
        # the gauge said all active: the operational view, read over RESTCONF once, must say so too
        if not (phase_poll.samples and phase_poll.samples[-1][2] == (expected_n, expected_n)
                and phase_poll.samples[-1][0] > t_sent):
            return False
        confirmed.append(phases_active(restconf))
        return confirmed[-1] == (expected_n, expected_n)
    try:
        wait_until(all_active, 180, interval=0.1, what='all %d migrations active' % expected_n)
    except AssertionError as exc:
        print('  %s; last %s' % (exc, phase_poll.samples[-1:]), flush=True)
        failure = 'not all migrations active within 180 s; last (active, total) %s' % (
            phase_poll.samples[-1][2] if phase_poll.samples else None,)
    else:
        failure = None
    # the first gauge sample that saw them all (its listener follows the datastore: never ahead of it)
    t_all = next((end for began, end, v in phase_poll.samples if v == (expected_n, expected_n)
                  and began > t0), None) if not failure else None
    if cpu is not None:
        # and until every migration was seen active (or the wait gave up): the burst's whole work
        extra['jvm_cpu_active'] = cpu.stop()
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
           'flows_per_bridge': expected, 'active_progress': progress[::4],
           'flows_progress': thinned(flows, t0, 0.25), 'active_source': 'metrics vmm_migrations, 0.25 s',
           'restconf_confirmations': confirmed}
    row.update(extra)
    print('  %s: sent %.2f s, all active %s s, all flows on the bridges %s s, flows %s%s' % (
        mode, row['sent_s'], _s(row['all_active_s']), _s(row['all_flows_on_switches_s']), expected,
        ', %.1f RPC/s' % row['rpc_per_second'] if row.get('rpc_per_second') else ''), flush=True)
    return row


def _s(value):
    return '%.2f' % value if value is not None else '-'


def reset(restconf, layout, bridges, baseline):
    """No intent, bridges back to the miss flows, then the subnets, the 1,000 VMs and the 100 groups (one PATCH
    of the root per 1,000 VMs: VMs and their groups together), until the operational view shows the last of them."""
    common.clear_config(restconf)
    wait_until(lambda: counts(bridges) == baseline, 300, interval=0.5, what='bridges back to the miss flows')
    # no state of the previous burst's migrations (same VM ids) may count as 'active' for the next one
    wait_until(lambda: not common.migration_phases(restconf), 120, interval=0.5,
               what='operational state of the previous migrations removed')
    synth.put_subnets(restconf)
    synth.register_groups(restconf, layout, batch=1000, verbose=False)
    # the registration settled before the burst (an evacuation moves VMs registered long before): the last VM's
    # state published with its group (the engine works in order); untimed
    last = layout.groups - 1
    if synth.wait_published(restconf, layout.vm_id(last, layout.size - 1), layout.group_name(last),
                            timeout=600) is None:
        raise AssertionError('the registration of %d VMs was not published within 600 s'
                             % (layout.groups * layout.size))


# ------------------------------------------------------------------ the floor: the same flows, one transaction

def config_flow_ids(restconf, nodes):
    """{node: set of flow ids} in the config inventory."""
    return {node: {f.get('id') for flows in restconf.config_flows(node).values() for f in flows}
            for node in nodes}


def app_flows_since(restconf, nodes, before_ids):
    """{node: {table: [flow]}}: the application's flows (ids vmm-*) in the config inventory that were not
    there before (before_ids: config_flow_ids at the start, i.e. the pipeline's miss flows)."""
    captured = {}
    for node in nodes:
        for table, flows in restconf.config_flows(node).items():
            mine = [f for f in flows if str(f.get('id', '')).startswith(APP_PREFIX)
                    and f.get('id') not in before_ids.get(node, ())]
            if mine:
                captured.setdefault(node, {})[table] = mine
    return captured


APP_COOKIE_PREFIX = 0x564D
FLOOR_COOKIE_PREFIX = 0x464C


def floor_cookie(cookie):
    """The application's cookie (top 16 bits 0x564D) with the floor's prefix 0x464C instead, the rest kept; any
    other cookie unchanged. The application follows the removal of its translations by asking the switches for the
    flows with its cookie prefix: floor flows carrying its cookies kept it asking for the removed flows while the
    floor ran (they were still 'on the switch'), work the floor must not pay for. Keeps RESTCONF's form (uint64 as a
    JSON string or number)."""
    value = int(cookie)
    if value >> 48 != APP_COOKIE_PREFIX:
        return cookie
    value = (FLOOR_COOKIE_PREFIX << 48) | (value & ((1 << 48) - 1))
    return str(value) if isinstance(cookie, str) else value


def floor_flows(captured):
    """The captured flows with ids vmm-X renamed flr-X (the application's writer touches only vmm-* ids; the
    same length keeps the request size) and the application's cookie prefix replaced (floor_cookie), everything
    else unchanged. Pure: {node: {table: [flow]}} in, the same shape out."""
    renamed = {}
    for node, tables in captured.items():
        for table, flows in tables.items():
            out = renamed.setdefault(node, {}).setdefault(table, [])
            for flow in flows:
                copy = json.loads(json.dumps(flow))
                fid = str(flow['id'])
                copy['id'] = FLOOR_PREFIX + (fid[len(APP_PREFIX):] if fid.startswith(APP_PREFIX) else fid)
                if 'cookie' in copy:
                    copy['cookie'] = floor_cookie(copy['cookie'])
                out.append(copy)
    return renamed


def flow_list(flows_by_node):
    """[(node, table, flow)] in node, table order."""
    return [(node, table, flow) for node, tables in sorted(flows_by_node.items())
            for table, flows in sorted(tables.items()) for flow in flows]


def inventory_body(entries):
    """One PATCH body of opendaylight-inventory:nodes carrying [(node, table, flow)] (merge: one transaction)."""
    nodes = {}
    for node, table, flow in entries:
        nodes.setdefault(node, {}).setdefault(table, []).append(flow)
    return {'opendaylight-inventory:nodes': {'node': [
        {'id': node, 'flow-node-inventory:table': [{'id': table, 'flow': flows}
                                                   for table, flows in sorted(tables.items())]}
        for node, tables in sorted(nodes.items())]}}


def chunks(entries, size):
    if not size or size <= 0:
        return [entries] if entries else []
    return [entries[i:i + size] for i in range(0, len(entries), size)]


def connect(bridges, restconf):
    """The bridges created and connected to the controller, their flow counts (the miss flows) settled."""
    bridges.start()
    bridges.wait_connected(restconf)
    baseline = common.settle_flow_counts(bridges.dpids, seconds=2.0)
    print('miss flows per bridge: %s' % baseline, flush=True)
    return baseline


def floor(result, restconf, bridges, captured, chunk=0, name='mass', mode='floor'):
    banner('%s: the application\'s flows for this burst written in %s without the application'
           % (mode, 'one transaction (one PATCH)' if not chunk else 'PATCHes of %d flows' % chunk))
    entries = flow_list(floor_flows(captured))
    if not entries:
        print('  no application flows captured (no application burst ran?): floor skipped', flush=True)
        return
    common.clear_config(restconf)
    settled = common.settle_flow_counts(bridges.dpids, seconds=2.0)
    # The baseline is what the bridges must come back to: the config inventory once the application has removed
    # its flows, not a count that held still for 2 s. Series 11's r3: after the 40,000 deletions one bridge held one
    # flow more than the config inventory through the 2 s settle and lost it later (FRM's deletion came late; the
    # application's sweeper logged no removal), and the floor waited for a count it could no longer reach.
    before = common.config_flow_counts(restconf, sorted(settled))
    wait_until(lambda: counts(bridges) == before, 120, interval=0.2,
               what='the bridges holding what the config inventory holds after the clear %s' % before)
    added = {}
    for node, _table, _flow in entries:
        added[node] = added.get(node, 0) + 1
    expected = {node: count + added.get(node, 0) for node, count in before.items()}
    requests = [inventory_body(part) for part in chunks(entries, chunk)]
    flows_poll = Poller(lambda: counts(bridges), interval=0.05)
    flows_poll.start()
    statuses = []
    size = 0
    saved = restconf.timeout
    restconf.timeout = 600
    t0 = time.monotonic()
    try:
        for body in requests:
            data = json.dumps(body).encode()
            size += len(data)
            status, reply = restconf.patch(INVENTORY, data)
            statuses.append(status)
            if status not in (200, 201, 204):
                print('  PATCH inventory: %s %s' % (status, str(reply)[:500]), flush=True)
                break
    finally:
        restconf.timeout = saved
    t_sent = time.monotonic()
    ok = bool(statuses) and all(s in (200, 201, 204) for s in statuses) and len(statuses) == len(requests)
    failure = None
    try:
        wait_until(lambda: flows_poll.samples and flows_poll.samples[-1][2] == expected, 300 if ok else 10,
                   interval=0.1, what='floor flows on the bridges %s' % expected)
    except AssertionError as exc:
        failure = 'flows not on the bridges: %s; last %s' % (str(exc).split('\n')[0], flows_poll.samples[-1:])
        print('  %s (a stuck inventory shard is BENCHMARKS.md F1)' % failure, flush=True)
    samples = flows_poll.stop()
    t_flows = first_match(samples, expected, t0)
    row = {'mode': mode, 'ok': ok and not failure, 'failure': failure,
           'detail': '%d flows in %d PATCH(es) of opendaylight-inventory:nodes (%.1f MB), statuses %s' % (
               len(entries), len(requests), size / 1e6, sorted(set(statuses))),
           'flows': len(entries), 'transactions': len(requests), 'request_bytes': size,
           'sent_s': t_sent - t0, 'all_active_s': None,
           'all_flows_on_switches_s': (t_flows - t0) if t_flows else None,
           'flows_per_bridge': expected, 'flows_added_per_bridge': added,
           'flows_progress': thinned(samples, t0, 0.25)}
    print('  %s: %d flows, sent %.2f s, all on the bridges %s s' % (
        mode, len(entries), row['sent_s'], _s(row['all_flows_on_switches_s'])), flush=True)
    result['rows'].append(row)
    common.save(name, result)
    if failure or not ok:
        print('  floor flows NOT removed (the inventory may not accept writes; restart the controller); '
              'a later run removes flr-* leftovers at its start', flush=True)
        return
    remove_floor(restconf, entries, bridges, before)


def floor_leftovers(restconf, nodes):
    """[(node, table, flow)] of flr-* flows left in the config inventory by an earlier interrupted run."""
    return [(node, table, flow) for node in nodes for table, flows in restconf.config_flows(node).items()
            for flow in flows if str(flow.get('id', '')).startswith(FLOOR_PREFIX)]


def remove_floor(restconf, entries, bridges, before, clients=4):
    """DELETE the floor's flows one by one (a few clients): deleting whole tables would take the application's
    miss flows with them (BENCHMARKS.md F5)."""
    began = time.monotonic()

    def delete(entry):
        node, table, flow = entry
        client = RestconfClient(restconf.base_url, timeout=60)
        return client.delete(common.flow_path(node, table, flow['id']))[0]
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        statuses = list(pool.map(delete, entries))
    bad = sum(1 for s in statuses if s not in (200, 204, 404))
    print('  floor flows deleted in %.1f s (%d failures)' % (time.monotonic() - began, bad), flush=True)
    if before is None:
        return
    try:
        wait_until(lambda: counts(bridges) == before, 120, interval=0.5, what='floor flows gone from the bridges')
    except AssertionError as exc:
        print('  %s' % str(exc).split('\n')[0], flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[1])
    parser.add_argument('--groups', type=int, default=100)
    parser.add_argument('--size', type=int, default=10)
    parser.add_argument('--bursts', default='patch,rpc,batch', help='any of patch, rpc, batch, in order')
    parser.add_argument('--clients', type=int, default=8, help='concurrent clients of the rpc burst')
    parser.add_argument('--floor', action='store_true',
                        help='the same flows written in one transaction without the application (runs last)')
    parser.add_argument('--floor-fresh', action='store_true',
                        help='the floor once more, on a fresh controller (row mode floor-fresh)')
    parser.add_argument('--floor-chunk', type=int, default=0,
                        help='flows per floor PATCH (0: all in one PATCH, one transaction)')
    parser.add_argument('--put-floor', action='store_true',
                        help='after the bursts, the RESTCONF PUT floor of the rpc burst: as many subnet PUTs '
                             'from as many clients (row mode put-floor)')
    parser.add_argument('--name', default=None,
                        help='results name (default: mass for 1,000 VMs, mass-<vms> otherwise)')
    parser.add_argument('--alternative', action='store_true')
    parser.add_argument('--alt-migrations', type=int, default=0, help='0: all')
    args = parser.parse_args()
    modes = [m for m in args.bursts.split(',') if m]
    unknown = [m for m in modes if m not in ('patch', 'rpc', 'batch')]
    if unknown:
        parser.error('unknown burst(s) %s: patch, rpc, batch' % ','.join(unknown))
    n_vms = args.groups * args.size
    name = args.name or ('mass' if n_vms == 1000 else 'mass-%d' % n_vms)
    result = {'meta': common.meta(name), 'params': vars(args), 'rows': []}
    layout = synth.Layout(args.groups, args.size, HOME_DPIDS, NEW_DPIDS)
    ctl = common.controller()
    restconf = ctl.restconf
    bridges = Bridges(HOME_DPIDS + NEW_DPIDS)
    nodes = [Bridges.node_id(d) for d in HOME_DPIDS + NEW_DPIDS]
    captured = {}
    try:
        common.clear_config(restconf)
        common.drop_alt_leftovers(restconf, nodes)
        leftovers = floor_leftovers(restconf, nodes)
        if leftovers:
            print('removing %d flr-* flows left by an earlier run' % len(leftovers), flush=True)
            remove_floor(restconf, leftovers, bridges, None)
        baseline = connect(bridges, restconf)
        baseline_ids = config_flow_ids(restconf, nodes)
        for index, mode in enumerate(modes):
            banner('burst %s: %d VMs in %d groups migrate at once' % (mode, n_vms, args.groups))
            reset(restconf, layout, bridges, baseline)
            profile = common.Profile(ctl, '%s-%s' % (name, mode)).start()
            row = burst(mode, restconf, layout, bridges, n_vms, clients=args.clients, ctl=ctl)
            row['profile'] = profile.stop('%s burst %s: %d VMs (controller CPU samples, JFR)' % (name, mode, n_vms))
            result['rows'].append(row)
            if (args.floor or args.floor_fresh) and row['all_flows_on_switches_s'] is not None:
                captured = app_flows_since(restconf, nodes, baseline_ids)
            common.save(name, result)
        if args.put_floor:
            banner('RESTCONF PUT floor: %d subnet PUTs from %d clients (no application work)' % (n_vms, args.clients))
            # the state the rpc burst started from: the VMs and groups registered, no migration, no flows
            reset(restconf, layout, bridges, baseline)
            result['rows'].append(put_floor(restconf, n_vms, args.clients, bridges, ctl=ctl))
            common.save(name, result)
        if args.alternative:
            alternative(result, restconf, layout, bridges, baseline, args.alt_migrations)
            common.save(name, result)
        if args.floor:
            floor(result, restconf, bridges, captured, args.floor_chunk, name)
        if args.floor_fresh:
            banner('a fresh controller for the floor: nothing the bursts ran is compiled in it')
            common.clear_config(restconf)
            bridges.stop()
            ctl = common.fresh_controller()
            restconf = ctl.restconf
            connect(bridges, restconf)
            floor(result, restconf, bridges, captured, args.floor_chunk, name, mode='floor-fresh')
    finally:
        common.clear_config(restconf)
        bridges.stop()
    report(result)
    common.save(name, result)
    return 0


def put_floor(restconf, requests, clients, bridges, ctl=None):
    """The platform floor of the rpc burst: the same number of RESTCONF requests from the same number of clients,
    each a PUT of one subnet (one config write the application only indexes: no flows, no state), answered per
    second. Each client opens its own connection per request, like the rpc burst's.

    Measured twice: first watched as the rpc burst is watched (the bridges' flow counts every 0.05 s, the metrics
    gauge every 0.25 s: ovs-ofctl processes and scrapes on the same 2 cores), which is the figure the burst is
    compared with, then unwatched (the figure of series 1-5, which compared a watched burst with an unwatched
    floor)."""
    def put(index, third):
        client = RestconfClient(restconf.base_url, timeout=120)
        prefix = '10.%d.%d.0/24' % (third + index // 250, index % 250)
        return client.request('PUT', '/rests/data/vm-mobility:vm-mobility/subnet=%s' % prefix.replace('/', '%2F'),
                              json.dumps({'vm-mobility:subnet': [{'prefix': prefix,
                                                                  'gateway-address': prefix[:-4] + '254',
                                                                  'gateway-mac': '02:00:00:3c:00:fe'}]}))[0]
    watchers = [Poller(lambda: counts(bridges), interval=0.05), Poller(published_active, interval=0.25)]
    for watcher in watchers:
        watcher.start()
    cpu = common.ThreadCpu(ctl).start() if ctl is not None else None
    try:
        watched = rpc_floor.rate(restconf, clients, requests, lambda index: put(index, 60))
    finally:
        for watcher in watchers:
            watcher.stop()
    if cpu is not None:
        watched['jvm_cpu_answered'] = cpu.stop()
        cpu = common.ThreadCpu(ctl).start()
    unwatched = rpc_floor.rate(restconf, clients, requests, lambda index: put(index, 20))
    if cpu is not None:
        unwatched['jvm_cpu_answered'] = cpu.stop()
    # counted as answered: a PUT refused is no floor
    row = dict(watched, mode='put-floor', per_second=watched['answered_ok'] / watched['seconds'],
               watched_as_the_burst=True,
               unwatched={**unwatched, 'per_second': unwatched['answered_ok'] / unwatched['seconds']})
    print('  put-floor: %d PUTs from %d clients, watched as the burst: %.2f s, %.1f /s (statuses %s); unwatched: '
          '%.2f s, %.1f /s (statuses %s)' % (requests, clients, watched['seconds'], row['per_second'],
                                             watched['statuses'], unwatched['seconds'],
                                             row['unwatched']['per_second'], unwatched['statuses']), flush=True)
    for label, part in (('watched', watched), ('unwatched', unwatched)):
        if part.get('jvm_cpu_answered'):
            print('  put-floor %s: %s' % (label, common.thread_cpu_line(part['jvm_cpu_answered'], per=requests,
                                                                       unit='PUT')), flush=True)
    return row


def report(result):
    banner('mass migration results (goal: all translations active on the switches <= 5 s; s from t0)')
    print('%-12s %8s %10s %10s  %s' % ('mode', 'answer', 'on bridges', 'all active', 'goal'))
    for row in result['rows']:
        if row['mode'] == 'put-floor':
            print('%-12s %8s %s PUTs from %s clients: %.1f /s' % (row['mode'], _s(row['seconds']), row['requests'],
                                                                 row['clients'], row['per_second']))
            continue
        figure = row.get('all_flows_on_switches_s')
        active = row.get('all_active_s')
        # the application's bursts need both; the alternative and the floor have no phase: flows only
        needed = (figure, active) if row['mode'] in ('patch', 'rpc', 'batch') else (figure,)
        met = all(v is not None and v <= 5 for v in needed) and not row.get('failure')
        print('%-12s %8s %10s %10s  %s%s%s' % (
            row['mode'], _s(row.get('sent_s')), _s(figure),
            _s(active) if not row['mode'].startswith('floor') else 'n/a',
            'met' if met else 'MISSED',
            ' (%.1f RPC/s)' % row['rpc_per_second'] if row.get('rpc_per_second') else '',
            ' (%s)' % row['failure'] if row.get('failure') else ''))


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
           'flows_per_bridge': expected, 'scaled_down': bool(limit),
           'flows_progress': thinned(flows, t0, 1.0)}
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
