#!/usr/bin/python3
"""Build bench/results/summary.json, the headline figures, from the latest results and print them as a table.

    /usr/bin/python3 bench/summary.py [--results bench/results] [--output bench/results/summary.json]
                                      [--allow-mixed] [--dry-run]

Reads convergence-latest.json, convergence-loaded-latest.json, mass-latest.json and scale-latest.json (the
files bench/convergence.py, convergence.py --loaded, mass.py and scale.py write; older files of model v1 are
read too) and writes one flat JSON object, numbers only (null where the figure is not in the results or does not
measure what the key says; the reason is printed), plus 'commit':

  convergence.reply_median_ms, convergence.reply_p95_ms   notify-migration -> first reply at the old address,
                                                          mode 'app' (warm-up moves excluded), ms
  convergence.floor_median_ms                             one flow PUT until on the switch, no application, ms
  convergence.floor_p95_ms                                the same floor's p95, ms (the floor is sampled between
                                                          the moves, under the moves' observers; before issue 19's
                                                          series: after the moves, see BENCHMARKS.md section 7)
  convergence.floor_bare_median_ms                        the floor without the observers (mode floor-bare), ms
  convergence.first_after_boot_ms                         the first move's reply on a controller this benchmark
                                                          started (fresh Karaf), ms
  convergence_loaded.reply_median_ms                      mode 'app' of convergence.py --loaded (100,000 VMs
                                                          registered), ms
  convergence_1m.reply_median_ms, convergence_1m.reply_p95_ms
                                                          convergence.py --loaded --load-groups 100000: the same
                                                          move with 1,000,000 VMs in 100,000 groups registered, ms
  evacuation.batch_all_active_s                           mass.py burst 'batch' (one notify-migrations RPC,
                                                          1,000 VMs): t0 -> every migration 'active', s
  evacuation.floor_s                                      mass.py --floor: the same flows in one transaction
                                                          without the application, t0 -> all on the bridges, s
  evacuation.batch_10k_all_active_s, evacuation.floor_10k_s
                                                          the same two with 10,000 VMs (mass.py --groups 1000), s,
                                                          the floor on its own fresh controller as the burst
                                                          (--floor-fresh; before 2026-12-07 the floor ran after the
                                                          burst on the controller the burst had warmed):
                                                          of the pairs mass-10000-r1/r2/r3-latest.json (each its
                                                          own fresh controller, bench/issue19.sh), the pair whose
                                                          ratio is the median (of two: the higher); without them,
                                                          mass-10000-latest.json
  evacuation.floor_10k_warm_s                             the same floor written after the burst on the burst's
                                                          controller (the JIT warmed by the burst), s
  evacuation.runs_10k                                     how many 10k pairs the median was taken from
  rpc.per_second                                          mass.py burst 'rpc': 1,000 notify-migration RPCs from
                                                          8 clients, answered per second
  rpc.restconf_put_floor_per_second                       mass.py --put-floor: as many subnet PUTs from 8 clients,
                                                          answered per second (the rpc burst's floor, same run)
  rpc.jvm_cpu_ms_per_rpc, rpc.jvm_cpu_ms_per_put           the controller JVM's CPU (kernel accounting of all its
                                                          threads) from the first request to the last answer, per
                                                          answered RPC of the rpc burst and per PUT of its floor
                                                          (watched as the burst), ms
  rpc.application_threads_cpu_ms_per_rpc                  of the burst's, the threads the application owns
                                                          (vmmobility-*: the engine, the state publisher, ...), ms
  rpc.jit_cpu_ms_per_rpc, rpc.jit_cpu_ms_per_put          of each, the JIT compiler threads', ms
  scale.register_100k_s                                   scale.py big: the PATCHes registering 100,000 VMs in
                                                          10,000 groups, first byte to last answer, s
  scale.heap_after_gc_mb                                  scale.py big: the heap a full GC left once registered
                                                          (the GC's log line; MB)
  scale.register_1m_s, scale.heap_after_gc_1m_mb          scale.py --groups 10000,100000: the same for 1,000,000
  scale.rss_1m_mb, scale.heap_bytes_per_vm_1m             VMs in 100,000 groups, on the controller that registered
                                                          (and deleted) the 100,000 first; RSS; heap per VM, bytes
  scale.heap_used_after_histogram_1m_mb,                  the same full GC: jcmd GC.heap_info once its histogram
  scale.heap_live_objects_1m_mb                           was printed (the key until series 3; adds what was
                                                          allocated meanwhile), and the histogram's live objects
  dataplane.tcp_ratio, dataplane.udp_ratio                bench/dataplane.py: IPv4 translated / plain, medians of
                                                          the same run (TCP throughput, UDP packets/s)
  cluster.kills                                           bench/failover.py: kill -9 rounds (engine node and s1's
                                                          master alternately)
  cluster.pings_lost                                      failover.py: translated pings lost over all the kills
                                                          (two pingers, 10 ms; sent - received), total
  cluster.write_unavailable_s                             failover.py: kill -> first write committed through a
                                                          survivor, median of the rounds, s
  cluster.kill_to_active_s                                failover.py: kill -> a migration notified 0.5 s after it
                                                          'active', median of the rounds, s
  cluster.kill_to_active_max_s                            the same, the slowest round, s
  cluster.rss_mb_per_node                                 failover.py: resident memory of the largest node, MB
  engine.runs, engine.faults_injected                     bench/engine_faults.py (the unit tests' seeded fault
  engine.runs_converged, engine.silent_stalls             suite, nightly form): scenarios, faults injected, runs
                                                          whose flows equal the plan after the faults stopped,
                                                          runs that did not converge and logged nothing
  dataplane6.tcp_ratio, dataplane6.udp_ratio              bench/dataplane.py --ipv6: IPv6 translated / plain,
                                                          medians of the same run (TCP throughput, UDP packets/s)
  convergence6.reply_median_ms, convergence6.reply_p95_ms bench/convergence.py --ipv6: an IPv6-only move,
                                                          notify-migration -> first reply at the old address, ms
  convergence6.floor_median_ms                            the same run's floor (one flow PUT until on the switch)
  dual_stack.commit                                       the build the IPv6 figures come from (their own table)
  engine.commit                                           the commit the fault suite ran on (its own table too)
  cluster.commit                                          the build the cluster figures come from (their own table:
                                                          not part of the one-build check of the figures above)
  commit                                                  the application commit the distribution was built
                                                          from (meta.distribution.app_commit_built), '-dirty'
                                                          appended when uncommitted application changes older
                                                          than the tarball were in the worktree.

When the figures come from different builds the script refuses to write (exit 2) unless --allow-mixed, which
writes the commits joined by '+'.
"""

import argparse
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RESULTS = os.path.join(HERE, 'results')

KEYS = ('convergence.reply_median_ms', 'convergence.reply_p95_ms', 'convergence.floor_median_ms',
        'convergence.floor_p95_ms', 'convergence.floor_bare_median_ms', 'convergence.first_after_boot_ms',
        'convergence_loaded.reply_median_ms',
        'convergence_1m.reply_median_ms', 'convergence_1m.reply_p95_ms', 'evacuation.batch_all_active_s',
        'evacuation.floor_s', 'evacuation.batch_10k_all_active_s', 'evacuation.floor_10k_s',
        'evacuation.floor_10k_warm_s', 'evacuation.runs_10k',
        'rpc.per_second',
        'rpc.restconf_put_floor_per_second', 'rpc.jvm_cpu_ms_per_rpc', 'rpc.application_threads_cpu_ms_per_rpc',
        'rpc.jit_cpu_ms_per_rpc', 'rpc.jvm_cpu_ms_per_put', 'rpc.jit_cpu_ms_per_put', 'scale.register_100k_s', 'scale.heap_after_gc_mb',
        'scale.register_1m_s', 'scale.heap_after_gc_1m_mb', 'scale.rss_1m_mb', 'scale.heap_bytes_per_vm_1m',
        'scale.heap_used_after_histogram_1m_mb', 'scale.heap_live_objects_1m_mb', 'dataplane.tcp_ratio', 'dataplane.udp_ratio',
        'cluster.kills', 'cluster.pings_lost', 'cluster.write_unavailable_s', 'cluster.kill_to_active_s',
        'cluster.kill_to_active_max_s', 'cluster.rss_mb_per_node', 'engine.runs', 'engine.faults_injected',
        'engine.runs_converged', 'engine.silent_stalls', 'dataplane6.tcp_ratio', 'dataplane6.udp_ratio',
        'convergence6.reply_median_ms', 'convergence6.reply_p95_ms', 'convergence6.floor_median_ms')
SOURCES = {'cluster': 'failover', 'convergence': 'convergence', 'convergence_loaded': 'convergence-loaded', 'evacuation': 'mass',
           'rpc': 'mass', 'scale': 'scale', 'engine': 'engine-faults', 'dataplane6': 'dataplane6',
           'convergence6': 'convergence6', 'convergence_1m': 'convergence-1m', 'dataplane': 'dataplane'}
# keys whose file is not their prefix's
KEY_SOURCES = {'evacuation.batch_10k_all_active_s': 'mass-10000', 'evacuation.floor_10k_s': 'mass-10000',
               'evacuation.floor_10k_warm_s': 'mass-10000', 'evacuation.runs_10k': 'mass-10000'}
EVACUATION_10K_RUNS = ('mass-10000-r1', 'mass-10000-r2', 'mass-10000-r3')
UNITS = {'_ms': 'ms', '_ms_per_rpc': 'ms', '_ms_per_put': 'ms', '_s': 's', '_mb': 'MB', '_mb_per_node': 'MB', 'per_second': '1/s', '_ratio': ''}
DUAL_STACK = ('dataplane6', 'convergence6')
FULL_LOAD_VMS = 100000
EVACUATION_VMS = 1000
EVACUATION_10K_VMS = 10000
MILLION_VMS = 1000000
RPC_CLIENTS = 8


def heap_after_gc(heap):
    """MB the full GC left (its GC log line, bench/common.java_heap's after_full_gc_mb), else jcmd's later
    used_mb (files from before that reading); None if neither."""
    value = heap.get('after_full_gc_mb')
    return value if value is not None else heap.get('used_mb')


def source(key):
    return KEY_SOURCES.get(key) or SOURCES[key.split('.')[0]]


def load(name, directory=RESULTS):
    path = os.path.join(directory, '%s-latest.json' % name)
    if not os.path.exists(path):
        return None
    with open(path) as handle:
        return json.load(handle)


def unit(key):
    return next((u for suffix, u in UNITS.items() if key.endswith(suffix)), '')


def _stat(result, mode, figure, key):
    """A statistic of result['summary'][mode][figure], computed from the rows when the summary is absent."""
    summ = ((result.get('summary') or {}).get(mode) or {}).get(figure)
    if summ is None:
        values = sorted(r[figure] for r in result.get('rows', []) if r.get('mode') == mode
                        and r.get(figure) is not None)
        if not values:
            return None
        if key == 'median':
            middle = len(values) // 2
            return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2.0
        if key == 'p95':  # the benchmarks' rule (bench/common.summary)
            return values[min(len(values) - 1, max(0, int(round(0.95 * len(values) + 0.5)) - 1))]
        return None
    return summ.get(key) if summ.get('n') else None


def _row(result, mode):
    rows = [r for r in (result or {}).get('rows', []) if r.get('mode') == mode]
    return rows[-1] if rows else None


def _vms(params):
    return (params or {}).get('groups', 0) * (params or {}).get('size', 0)


def convergence_figures(conv, notes):
    out = {}
    if not conv:
        notes.append('convergence: no convergence-latest.json (run bench/convergence.py)')
        return out
    out['convergence.reply_median_ms'] = _stat(conv, 'app', 'reply_ms', 'median')
    out['convergence.reply_p95_ms'] = _stat(conv, 'app', 'reply_ms', 'p95')
    out['convergence.floor_median_ms'] = _stat(conv, 'floor', 'flows_ms', 'median')
    out['convergence.floor_p95_ms'] = _stat(conv, 'floor', 'flows_ms', 'p95')
    out['convergence.floor_bare_median_ms'] = _stat(conv, 'floor-bare', 'flows_ms', 'median')
    first = conv.get('first_after_boot')
    if not first:
        notes.append('convergence.first_after_boot_ms: not recorded (results older than the warm-up/first-move '
                     'record)')
    elif not first.get('controller_fresh'):
        notes.append('convergence.first_after_boot_ms: the first move ran on a controller this run did not start '
                     '(external/reused: %.0f ms, not used); run convergence.py without VMM_CONTROLLER_URL'
                     % (first.get('reply_ms') or -1))
    elif first.get('modes_before'):
        notes.append('convergence.first_after_boot_ms: modes %s ran before the first application move (not used)'
                     % first['modes_before'])
    else:
        out['convergence.first_after_boot_ms'] = first.get('reply_ms')
    return out


def _loaded_figures(loaded, notes, prefix, name, vms_needed, stats, how):
    """{prefix.reply_<stat>_ms} of a --loaded convergence run that registered at least vms_needed VMs."""
    if not loaded:
        notes.append('%s: no %s-latest.json (run bench/convergence.py %s)' % (prefix, name, how))
        return {}
    vms = (loaded.get('load') or {}).get('vms_registered') or 0
    if vms < vms_needed:
        notes.append('%s: only %d VMs were registered (the key means %d): not used' % (prefix, vms, vms_needed))
        return {}
    return {'%s.reply_%s_ms' % (prefix, stat): _stat(loaded, 'app', 'reply_ms', stat) for stat in stats}


def loaded_figures(loaded, notes):
    return _loaded_figures(loaded, notes, 'convergence_loaded', 'convergence-loaded', FULL_LOAD_VMS, ('median',),
                           '--loaded')


def million_figures(loaded, notes):
    return _loaded_figures(loaded, notes, 'convergence_1m', 'convergence-1m', MILLION_VMS, ('median', 'p95'),
                           '--loaded --load-groups 100000')


def evacuation_10k_figures(mass, notes):
    out = {}
    if not mass:
        notes.append('evacuation 10k: no mass-10000-latest.json (run bench/mass.py --groups 1000 --bursts batch '
                     '--floor)')
        return out
    if _vms(mass.get('params')) != EVACUATION_10K_VMS:
        notes.append('evacuation 10k: the run moved %d VMs: not used' % _vms(mass.get('params')))
        return out
    batch = _row(mass, 'batch')
    if batch is None or batch.get('all_active_s') is None:
        notes.append('evacuation.batch_10k_all_active_s: no batch burst that reached all active')
    else:
        out['evacuation.batch_10k_all_active_s'] = batch['all_active_s']
    # the goal's floor is the one on its own fresh controller, as the burst's (mass.py --floor-fresh); the floor
    # written after the burst on the burst's controller (warmed by it) is kept beside it; a run without the fresh
    # one (before 2026-12-07) has only that
    fresh, warm = _row(mass, 'floor-fresh'), _row(mass, 'floor')
    for key, floor in (('evacuation.floor_10k_s', fresh or warm),
                       ('evacuation.floor_10k_warm_s', warm if fresh else None)):
        if floor is None:
            continue
        if floor.get('all_flows_on_switches_s') is None:
            notes.append('%s: no floor whose flows all reached the bridges' % key)
        elif floor.get('transactions', 1) != 1:
            notes.append('%s: the floor was written in %d transactions, not one: not used'
                         % (key, floor['transactions']))
        else:
            out[key] = floor['all_flows_on_switches_s']
    if not (fresh or warm):
        notes.append('evacuation.floor_10k_s: no floor whose flows all reached the bridges')
    elif not fresh and 'evacuation.floor_10k_s' in out:
        notes.append('evacuation.floor_10k_s: the floor ran on the controller the burst had warmed (no floor-fresh '
                     'row: mass.py --floor-fresh)')
    return out


def median_10k_pair(runs, notes):
    """(the run whose 10k ratio is the median, number of pairs with a ratio) of {name: result}: each run is one pair
    (the burst and its floor on one fresh controller); of an even number, the higher ratio. Every pair is noted."""
    ratios = []
    for name, run in sorted(runs.items()):
        figures = evacuation_10k_figures(run, notes)
        app, floor = figures.get('evacuation.batch_10k_all_active_s'), figures.get('evacuation.floor_10k_s')
        if app is None or not floor:
            notes.append('evacuation 10k pair %s: no ratio (all active %s, floor %s)' % (name, app, floor))
            continue
        ratios.append((app / floor, name))
        warm = figures.get('evacuation.floor_10k_warm_s')
        notes.append('evacuation 10k pair %s: all active %.2f s, floor %.2f s, %.2fx%s' % (
            name, app, floor, app / floor,
            '' if not warm else ' (the floor on the burst\'s warmed controller %.2f s, %.2fx)' % (warm, app / warm)))
    if not ratios:
        return None, 0
    ratios.sort()
    chosen = ratios[len(ratios) // 2][1]
    notes.append('evacuation 10k: the median of %d pairs is %s (%.2fx)' % (len(ratios), chosen,
                                                                          ratios[len(ratios) // 2][0]))
    return runs[chosen], len(ratios)


def mass_figures(mass, notes):
    out = {}
    if not mass:
        notes.append('evacuation, rpc: no mass-latest.json (run bench/mass.py)')
        return out
    vms = _vms(mass.get('params'))
    if vms != EVACUATION_VMS:
        notes.append('evacuation, rpc: the run moved %d VMs, not %d: not used' % (vms, EVACUATION_VMS))
        return out
    batch = _row(mass, 'batch')
    if batch is None:
        notes.append('evacuation.batch_all_active_s: no batch burst in mass-latest.json (mass.py --bursts ...,batch)')
    elif batch.get('all_active_s') is None:
        notes.append('evacuation.batch_all_active_s: the batch burst did not reach all active (%s)'
                     % batch.get('failure'))
    else:
        out['evacuation.batch_all_active_s'] = batch['all_active_s']
    floor = _row(mass, 'floor')
    if floor is None:
        notes.append('evacuation.floor_s: no floor in mass-latest.json (mass.py --floor)')
    elif floor.get('transactions', 1) != 1:
        notes.append('evacuation.floor_s: the floor was written in %d transactions (--floor-chunk), not one: not '
                     'used' % floor['transactions'])
    else:
        out['evacuation.floor_s'] = floor.get('all_flows_on_switches_s')
        if out['evacuation.floor_s'] is None:
            notes.append('evacuation.floor_s: the floor flows did not all reach the bridges (%s)'
                         % floor.get('failure'))
    put_floor = _row(mass, 'put-floor')
    if put_floor is None:
        notes.append('rpc.restconf_put_floor_per_second: no put-floor row in mass-latest.json (mass.py --put-floor)')
    elif put_floor.get('clients') != RPC_CLIENTS or put_floor.get('answered_ok') != put_floor.get('requests'):
        notes.append('rpc.restconf_put_floor_per_second: %s clients, %s of %s answered: not used' % (
            put_floor.get('clients'), put_floor.get('answered_ok'), put_floor.get('requests')))
    else:
        out['rpc.restconf_put_floor_per_second'] = put_floor['per_second']
    rpc = _row(mass, 'rpc')
    if rpc is None:
        notes.append('rpc.per_second: no rpc burst in mass-latest.json')
    elif rpc.get('clients', RPC_CLIENTS) != RPC_CLIENTS:
        notes.append('rpc.per_second: the rpc burst used %s clients, not %d: not used' % (rpc['clients'],
                                                                                         RPC_CLIENTS))
    elif rpc.get('rpc_per_second') is not None:
        out['rpc.per_second'] = rpc['rpc_per_second']
    elif rpc.get('sent_s'):
        # results of model v1: 'detail' says '<n> RPCs, <k> not 200'
        match = re.search(r'(\d+) RPCs.*?(\d+) not 200', rpc.get('detail', ''))
        answered = int(match.group(1)) - int(match.group(2)) if match else vms
        out['rpc.per_second'] = answered / rpc['sent_s']
        notes.append('rpc.per_second: computed from an older file (%d RPCs answered 200 / sent_s)' % answered)
    out.update(cpu_per_request(rpc, put_floor, notes))
    return out


def cpu_per_request(rpc, put_floor, notes):
    """The controller JVM's CPU per answered request in the rpc burst and in its PUT floor (watched, as the
    burst), until the last answer (common.ThreadCpu: kernel accounting per thread), and the part of the burst's
    on the threads the application owns."""
    out = {}
    cpu = (rpc or {}).get('jvm_cpu_answered')
    floor_cpu = (put_floor or {}).get('jvm_cpu_answered')
    if not cpu or not floor_cpu:
        notes.append('rpc.jvm_cpu_*: no CPU accounting in mass-latest.json (before series 8)')
        return out
    answered = rpc.get('rpcs_ok') or rpc.get('rpcs')
    puts = put_floor.get('answered_ok') or put_floor.get('requests')
    out['rpc.jvm_cpu_ms_per_rpc'] = cpu['cpu_s'] * 1000.0 / answered
    out['rpc.application_threads_cpu_ms_per_rpc'] = cpu['application_s'] * 1000.0 / answered
    out['rpc.jit_cpu_ms_per_rpc'] = cpu['jit_s'] * 1000.0 / answered
    out['rpc.jvm_cpu_ms_per_put'] = floor_cpu['cpu_s'] * 1000.0 / puts
    out['rpc.jit_cpu_ms_per_put'] = floor_cpu['jit_s'] * 1000.0 / puts
    return out


def scale_figures(scale, notes):
    out = {}
    big = (scale or {}).get('big')
    if not big:
        notes.append('scale: no big part in scale-latest.json (run bench/scale.py --parts big)')
        return out
    vms = big.get('vms_registered', big.get('members_registered')) or 0
    complete = big.get('registration_complete', big.get('groups_registered') == big.get('groups_requested'))
    if vms != FULL_LOAD_VMS or not complete:
        notes.append('scale.register_100k_s: %d VMs registered (complete: %s), not %d: not used'
                     % (vms, complete, FULL_LOAD_VMS))
    else:
        out['scale.register_100k_s'] = big.get('registration_requests_s')
    if vms == FULL_LOAD_VMS:
        out['scale.heap_after_gc_mb'] = heap_after_gc(big.get('heap_after') or {})
    million = (scale or {}).get('big_%d' % MILLION_VMS)
    if not million:
        notes.append('scale 1m: no big_1000000 part in scale-latest.json (run bench/scale.py --parts big '
                     '--groups 10000,100000)')
        return out
    if million.get('vms_registered') != MILLION_VMS or not million.get('registration_complete'):
        notes.append('scale.register_1m_s: %s VMs registered (complete: %s): not used'
                     % (million.get('vms_registered'), million.get('registration_complete')))
        return out
    out['scale.register_1m_s'] = million.get('registration_requests_s')
    out['scale.heap_after_gc_1m_mb'] = heap_after_gc(million.get('heap_after') or {})
    # the older reading (jcmd GC.heap_info once the histogram is printed: adds what was allocated meanwhile) and
    # the live objects the histogram counted, beside the key
    out['scale.heap_used_after_histogram_1m_mb'] = (million.get('heap_after') or {}).get('used_mb')
    out['scale.heap_live_objects_1m_mb'] = (million.get('heap_after') or {}).get('histogram_total_mb')
    out['scale.rss_1m_mb'] = (million.get('heap_after') or {}).get('rss_mb')
    out['scale.heap_bytes_per_vm_1m'] = million.get('heap_bytes_per_vm')
    return out


def cluster_figures(failover, notes):
    out = {}
    if not failover:
        notes.append('cluster: no failover-latest.json (run bench/failover.py)')
        return out
    lost = failover.get('pings_lost')
    if isinstance(lost, dict):
        # results before issue 16 kept the worst round, counted between the first and the last reply only
        notes.append('cluster: failover results of an older format (pings lost per round, not sent - received)')
        lost = None
    out['cluster.kills'] = failover.get('kills')
    out['cluster.pings_lost'] = lost
    out['cluster.write_unavailable_s'] = (failover.get('write_unavailable_s') or {}).get('median')
    out['cluster.kill_to_active_s'] = (failover.get('kill_to_active_s') or {}).get('median')
    out['cluster.kill_to_active_max_s'] = (failover.get('kill_to_active_s') or {}).get('max')
    rss = [v for v in (failover.get('rss_mb_per_node') or {}).values() if v is not None]
    out['cluster.rss_mb_per_node'] = max(rss) if rss else None
    return out


def build_commit(result):
    dist = (result.get('meta') or {}).get('distribution') or {}
    commit = dist.get('app_commit_built') or 'unknown'
    if dist.get('app_uncommitted_in_build'):
        commit += '-dirty'
    return commit


def build(results):
    """(summary, notes, used) from {name: result or None}: the flat summary with every key (None where missing),
    the notes explaining missing or suspicious figures, and {name: result} of the files that gave a figure."""
    notes = []
    figures = {}
    figures.update(convergence_figures(results.get('convergence'), notes))
    figures.update(loaded_figures(results.get('convergence-loaded'), notes))
    figures.update(million_figures(results.get('convergence-1m'), notes))
    figures.update(mass_figures(results.get('mass'), notes))
    figures.update(evacuation_10k_figures(results.get('mass-10000'), notes))
    figures.update(scale_figures(results.get('scale'), notes))
    figures.update(cluster_figures(results.get('failover'), notes))
    dataplane = results.get('dataplane')
    if dataplane:
        ratios = dataplane.get('ratios') or {}
        figures['dataplane.tcp_ratio'] = ratios.get('tcp_bps')
        figures['dataplane.udp_ratio'] = ratios.get('udp_pps')
    else:
        notes.append('dataplane: no dataplane-latest.json (run bench/dataplane.py)')
    dataplane6 = results.get('dataplane6')
    if dataplane6:
        ratios = dataplane6.get('ratios') or {}
        figures['dataplane6.tcp_ratio'] = ratios.get('tcp_bps')
        figures['dataplane6.udp_ratio'] = ratios.get('udp_pps')
    else:
        notes.append('dataplane6: no dataplane6-latest.json (run bench/dataplane.py --ipv6)')
    convergence6 = results.get('convergence6')
    if convergence6:
        figures['convergence6.reply_median_ms'] = _stat(convergence6, 'app', 'reply_ms', 'median')
        figures['convergence6.reply_p95_ms'] = _stat(convergence6, 'app', 'reply_ms', 'p95')
        figures['convergence6.floor_median_ms'] = _stat(convergence6, 'floor', 'flows_ms', 'median')
    else:
        notes.append('convergence6: no convergence6-latest.json (run bench/convergence.py --ipv6)')
    faults = results.get('engine-faults')
    if faults:
        figures['engine.runs'] = faults.get('runs')
        figures['engine.faults_injected'] = faults.get('faults_injected')
        figures['engine.runs_converged'] = faults.get('converged')
        figures['engine.silent_stalls'] = faults.get('silent_stalls')
    else:
        notes.append('engine: no engine-faults-latest.json (run bench/engine_faults.py)')
    summary = {key: (float(figures[key]) if isinstance(figures.get(key), (int, float)) else None) for key in KEYS}
    used = {}
    for key in KEYS:
        name = source(key)
        if summary[key] is not None and results.get(name):
            used[name] = results[name]
    for name, result in used.items():
        meta = result.get('meta') or {}
        if not meta.get('model'):
            notes.append('%s-latest.json was measured on model v1 (before the v2 port; %s)' % (
                name, meta.get('date', '?')[:16]))
    return summary, notes, used


# issue 19's goals: (what, key, against key or None for an absolute bound, bound, 'le' or 'ge')
GOALS = (('reply median <= 2x floor median', 'convergence.reply_median_ms', 'convergence.floor_median_ms', 2.0, 'le'),
         ('reply p95 <= 2x floor p95', 'convergence.reply_p95_ms', 'convergence.floor_p95_ms', 2.0, 'le'),
         ('first move after boot <= 2x median', 'convergence.first_after_boot_ms', 'convergence.reply_median_ms',
          2.0, 'le'),
         ('1M median <= 1.2x empty median', 'convergence_1m.reply_median_ms', 'convergence.reply_median_ms', 1.2,
          'le'),
         ('1M p95 <= 1.2x empty p95', 'convergence_1m.reply_p95_ms', 'convergence.reply_p95_ms', 1.2, 'le'),
         ('register 1M <= 11x 100k', 'scale.register_1m_s', 'scale.register_100k_s', 11.0, 'le'),
         ('heap after GC at 1M <= 2048 MB', 'scale.heap_after_gc_1m_mb', None, 2048.0, 'le'),
         ('10k evacuation <= 1.5x floor', 'evacuation.batch_10k_all_active_s', 'evacuation.floor_10k_s', 1.5, 'le'),
         ('RPCs >= 0.9x RESTCONF PUT floor', 'rpc.per_second', 'rpc.restconf_put_floor_per_second', 0.9, 'ge'),
         ('IPv4 TCP translated/plain >= 0.97', 'dataplane.tcp_ratio', None, 0.97, 'ge'),
         ('IPv4 UDP translated/plain >= 0.97', 'dataplane.udp_ratio', None, 0.97, 'ge'))


def print_goals(summary):
    print('| goal (issue 19) | figure | met |')
    print('|---|---|---|')
    for what, key, against, bound, sense in GOALS:
        value = summary.get(key)
        base = summary.get(against) if against else 1.0
        if value is None or not base:
            print('| %s | - | not measured |' % what)
            continue
        figure = value / base
        met = figure <= bound if sense == 'le' else figure >= bound
        print('| %s | %s | %s |' % (what, '%.2fx' % figure if against else '%.2f' % figure, 'met' if met else 'MISSED'))


def commits_of(used):
    return sorted({build_commit(result) for result in used.values()})


def print_table(summary, used, commit):
    print('| figure | value | from | measured | build |')
    print('|---|---|---|---|---|')
    for key in KEYS:
        name = source(key)
        result = used.get(name)
        meta = (result or {}).get('meta') or {}
        value = summary[key]
        known = result is not None and value is not None
        print('| %s | %s | %s | %s | %s |' % (
            key, '-' if value is None else '%.2f %s' % (value, unit(key)),
            '%s-latest.json' % name if known else '-', meta.get('date', '')[:16] if known else '-',
            build_commit(result)[:12] if known else '-'))
    print('| commit | %s | | | |' % commit)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--results', default=RESULTS, help='directory of the *-latest.json files')
    parser.add_argument('--output', default=None, help='default: <results>/summary.json')
    parser.add_argument('--allow-mixed', action='store_true',
                        help="write even when the figures come from different builds (commit 'a+b')")
    parser.add_argument('--dry-run', action='store_true', help='print only, write nothing')
    args = parser.parse_args()
    results = {name: load(name, args.results) for name in ('convergence', 'convergence-loaded', 'convergence-1m',
                                                           'mass', 'mass-10000', 'scale', 'dataplane', 'failover',
                                                           'engine-faults') + DUAL_STACK}
    runs_10k = {name: run for name in EVACUATION_10K_RUNS if (run := load(name, args.results))}
    pair_notes = []
    runs = 0
    if runs_10k:
        results['mass-10000'], runs = median_10k_pair(runs_10k, pair_notes)
    summary, notes, used = build(results)
    notes[:0] = pair_notes
    if runs_10k:
        summary['evacuation.runs_10k'] = float(runs)
        # every pair's build counts in the one-build check
        used.update(runs_10k)
    cluster = used.pop('failover', None)
    # the IPv6 figures, each against its own run's floor: their own table and build
    dual = {name: used.pop(name) for name in DUAL_STACK if name in used}
    dual_commits = commits_of(dual)
    summary['dual_stack.commit'] = '+'.join(dual_commits) if dual_commits else None
    faults = used.pop('engine-faults', None)
    # the unit tests' fault suite builds no distribution: the commit it ran on
    summary['engine.commit'] = (faults.get('meta') or {}).get('commit') if faults else None
    commits = commits_of(used)
    commit = '+'.join(commits) if commits else 'unknown'
    summary['cluster.commit'] = build_commit(cluster) if cluster else None
    summary['commit'] = commit
    if cluster:
        used['failover'] = cluster
    if faults:
        used['engine-faults'] = faults
    used.update(dual)
    print_table(summary, used, commit)
    print_goals(summary)
    for note in notes:
        print('note: %s' % note)
    if len(commits) > 1:
        print('WARNING: the figures come from %d builds: %s' % (len(commits), ', '.join(commits)))
        if not args.allow_mixed:
            print('summary.json not written: run the benchmarks on one build, or pass --allow-mixed')
            return 2
    if args.dry_run:
        return 0
    output = args.output or os.path.join(args.results, 'summary.json')
    with open(output, 'w') as handle:
        handle.write(json.dumps(summary, indent=2) + '\n')
    print('written %s' % output)
    return 0


if __name__ == '__main__':
    sys.exit(main())
