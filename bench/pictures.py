"""The pictures of BENCHMARKS.md, drawn from the committed results (bench/results/*-latest.json) by
bench/report.py with Debian's python3-matplotlib (Agg backend). Nothing here measures or runs anything.

draw_all(directory) writes convergence.svg, flows-per-switch.svg and evacuation.svg and returns
[(path, caption)]; each caption names the results file, the build, the date and the controller as the file's
meta says, and what is drawn from samples, what only from summary figures and what is computed.
Deterministic: no date in the SVG metadata, a fixed svg.hashsalt, text kept as text (svg.fonttype none).
"""

import json
import os

import matplotlib

matplotlib.use('Agg')
from matplotlib import pyplot  # noqa: E402  pylint: disable=wrong-import-position

import plansize  # noqa: E402  pylint: disable=wrong-import-position
import summary  # noqa: E402  pylint: disable=wrong-import-position

HERE = os.path.dirname(os.path.abspath(__file__))
RESULTS = os.path.join(HERE, 'results')

APP, ALT, FLOOR, SHARED = '#1f5fa8', '#d0641c', '#555555', '#7a9cc6'
STYLE = {'svg.hashsalt': 'vmm-bench', 'svg.fonttype': 'none', 'font.size': 9, 'axes.titlesize': 9.5,
         'legend.fontsize': 8, 'axes.grid': True, 'grid.alpha': 0.3, 'figure.dpi': 100}
SVG_METADATA = {'Date': None}


# ------------------------------------------------------------------ results and captions

def load(name):
    """(result, file name of the timestamped twin or None) of bench/results/<name>-latest.json, (None, None)."""
    path = os.path.join(RESULTS, '%s-latest.json' % name)
    if not os.path.exists(path):
        return None, None
    with open(path, 'rb') as handle:
        data = handle.read()
    twin = None
    for entry in sorted(os.listdir(RESULTS)):
        if entry.startswith(name + '-2') and entry.endswith('.json') \
                and entry[len(name) + 1:len(name) + 2].isdigit():
            with open(os.path.join(RESULTS, entry), 'rb') as handle:
                if handle.read() == data:
                    twin = entry
    return json.loads(data), twin


def source(name, result, twin):
    """Which file, build, date and controller a figure comes from, as the file's meta says."""
    meta = result['meta']
    dist = meta.get('distribution', {})
    date = meta.get('date', '')
    built = dist.get('app_commit_built', '?')[:7]
    if dist.get('app_uncommitted_in_build'):
        built += ' + uncommitted changes'
    return ('`bench/results/%s-latest.json`%s, measured %s %s UTC; distribution built from application commit %s '
            '(tarball written %s UTC, HEAD %s); %s' % (
                name, ' (= `%s`)' % twin if twin else '', date[:10], date[11:19], built,
                dist.get('tarball_mtime', '?')[11:19], meta.get('commit', '?')[:7], meta.get('controller', '?')))


def save(fig, directory, name):
    path = os.path.join(directory, name)
    fig.savefig(path, format='svg', metadata=SVG_METADATA)
    pyplot.close(fig)
    return path


def values(rows, mode, key):
    return sorted(r[key] for r in rows if r.get('mode') == mode and isinstance(r.get(key), (int, float)))


def median(sorted_values):
    n = len(sorted_values)
    return (sorted_values[n // 2] if n % 2 else (sorted_values[n // 2 - 1] + sorted_values[n // 2]) / 2.0) \
        if n else None


def ecdf(axes, samples, color, label, linestyle='-'):
    """Empirical CDF of the samples: a step at every sample, a dot on each."""
    n = len(samples)
    xs = [samples[0]] + samples
    ys = [0.0] + [(i + 1) / float(n) for i in range(n)]
    axes.step(xs, ys, where='post', color=color, linestyle=linestyle, linewidth=1.6, label=label)
    axes.plot(samples, ys[1:], 'o', color=color, markersize=3)


# ------------------------------------------------------------------ 1. convergence

def convergence(directory):
    empty, empty_twin = load('convergence')
    loaded, loaded_twin = load('convergence-loaded')
    million, million_twin = load('convergence-1m')
    panels = [(r, t, n) for r, t, n in ((empty, empty_twin, 'convergence'),
                                        (loaded, loaded_twin, 'convergence-loaded'),
                                        (million, million_twin, 'convergence-1m')) if r]
    if not panels:
        return None
    fig, axes_list = pyplot.subplots(1, len(panels), figsize=(5.5 * len(panels), 5.9), sharey=True, squeeze=False)
    notes = []
    for axes, (result, twin, name) in zip(axes_list[0], panels):
        rows = result.get('rows', [])
        series = [('app', 'reply_ms', APP, 'application: notify-migration -> first reply at the old address'),
                  ('alternative', 'reply_ms', ALT, 'alternative (6 flow PUTs) -> first reply'),
                  ('floor', 'flows_ms', FLOOR, 'floor: one flow PUT until on the switch'
                   + (', observed like the moves' if values(rows, 'floor-bare', 'flows_ms') else '')),
                  ('floor-bare', 'flows_ms', '#aaaaaa', 'floor, nothing else running (no observers)')]
        drawn = []
        for mode, key, color, label in series:
            samples = values(rows, mode, key)
            if not samples:
                continue
            ecdf(axes, samples, color, '%s\nmedian %.1f ms, max %.1f ms, n=%d' % (
                label, median(samples), samples[-1], len(samples)))
            drawn.append(mode)
        first = result.get('first_after_boot') or result.get('first_after_load')
        if first and isinstance(first.get('reply_ms'), (int, float)):
            what = 'boot' if result.get('first_after_boot') else 'the load'
            axes.axvline(first['reply_ms'], color=APP, linestyle=':', linewidth=1.2,
                         label='application, first move after %s (warm-up move, 1 sample): %.1f ms'
                         % (what, first['reply_ms']))
        axes.set_xscale('log')
        axes.set_xlim(4, 1000)
        axes.set_ylim(0, 1.02)
        axes.set_xlabel('ms from t0 (the client about to send)')
        load_info = result.get('load')
        axes.set_title('empty configuration' if not load_info else
                       'with %s VMs in %s groups registered' % (format(load_info.get('vms_registered', 0), ','),
                                                                format(load_info.get('groups_registered', 0), ',')))
        axes.legend(loc='upper center', bbox_to_anchor=(0.5, -0.14), frameon=False)
        counts = ', '.join('%s %d' % (mode, len(values(rows, mode, 'flows_ms' if mode.startswith('floor')
                                                           else 'reply_ms')))
                           for mode in drawn)
        notes.append('%s (%s): moves per series %s%s; source %s.' % (
            {'convergence': 'Left', 'convergence-loaded': 'Middle' if million else 'Right',
             'convergence-1m': 'Right'}[name], axes.get_title(), counts,
            '' if 'alternative' in drawn else ', the alternative was not run in this mode',
            source(name, result, twin)))
    axes_list[0][0].set_ylabel('fraction of the moves')
    fig.suptitle('Convergence: how long until a moved VM answers at its old address (empirical CDF per move)')
    fig.tight_layout(rect=(0, 0, 1, 0.97))
    path = save(fig, directory, 'convergence.svg')
    caption = ('*Convergence, one dot per measured move (the per-move rows of the results).* Application: first '
               'reply at the old address after notify-migration; alternative: after the 6 pair-flow PUTs; floor: '
               'one flow PUT until it is on the switch (no application). %s; its first move after boot (or after the load) is a warm-up move, drawn apart '
               'as the dotted line, then come the measured moves of the application, the alternative\'s and the '
               'floor\'s, so the series are warm. ' % (
                   'Each run had its own fresh controller (`meta.controller`)' if all(
                       str(r['meta'].get('controller', '')).startswith('fresh') for r, _t, _n in panels)
                   else 'The controller of each run is named in its source below') + ' '.join(notes))
    return path, caption


# ------------------------------------------------------------------ 2. flows per switch

def flows_per_switch(directory):
    plansize.check()
    sizes = list(range(2, 201))
    scale, scale_twin = load('scale')
    mass, mass_twin = load('mass')
    sweep_v1, sweep_name = None, None
    for entry in sorted(os.listdir(RESULTS)):
        if entry.startswith('scale-2') and entry.endswith('.json'):
            with open(os.path.join(RESULTS, entry)) as handle:
                data = json.load(handle)
            if data.get('sweep'):
                sweep_v1, sweep_name = data, entry
    panels = [
        ('one of n migrates: its home switch', lambda n: plansize.sweep(n, 1)['home'], 1),
        ('half of n migrate (k = n/2): the home switch', lambda n: plansize.sweep(n, n // 2)['home'], 'half'),
        ('evacuation: 50 groups of n all move to one switch', lambda n: plansize.evacuation(50, n), None),
    ]
    fig, axes_list = pyplot.subplots(1, 3, figsize=(11, 5.0))
    measured_notes = []
    for index, (axes, (title, model, k)) in enumerate(zip(axes_list, panels)):
        counts = [model(n) for n in sizes]
        axes.plot(sizes, [c['per_pair'] - plansize.PER_PAIR_MISS for c in counts], color=ALT, linewidth=1.8,
                  label='per-pair translation = the alternative\'s pair flows (computed)')
        axes.plot(sizes, [c['shared'] - plansize.SHARED_MISS for c in counts], color=SHARED, linewidth=1.0,
                  linestyle='--', label='application with flow-layout shared (computed)')
        axes.plot(sizes, [c['translation'] for c in counts], color=APP, linewidth=2.2, alpha=0.8,
                  label='application, flow-layout auto, the default (computed)')
        switch = [n for n, c in zip(sizes, counts) if c['layout'] == 'shared']
        if switch and switch[0] > sizes[0]:
            axes.axvline(switch[0], color=APP, linestyle=':', linewidth=0.8)
            axes.annotate('auto: shared from n=%d' % switch[0], (switch[0], 0.02), xycoords=('data', 'axes fraction'),
                          xytext=(3, 0), textcoords='offset points', fontsize=7.5, color=APP)
        elif not switch:
            axes.annotate('auto = per-pair for every n here', (0.97, 0.03), xycoords='axes fraction',
                          ha='right', fontsize=7.5, color=APP)
        if index == 0 and scale and scale.get('big', {}).get('migrations'):
            big = scale['big']
            app = sorted(m['flows_added_on_home_switch'] for m in big['migrations'])
            alt = sorted(m['flows'] for m in big.get('alternative_migrations', []))
            size = big.get('size')
            axes.plot([size], [median(app)], 's', color=APP, markersize=8, markerfacecolor='white',
                      markeredgewidth=1.6, label='measured, model v2: application')
            if alt:
                axes.plot([size], [median(alt)], 'x', color=ALT, markersize=8, markeredgewidth=1.6,
                          label='measured, model v2: alternative')
            measured_notes.append('left, n=%d: %s: flows added on the home bridge by each of %d migrations %s, '
                                  'the alternative\'s pair flows PUT for the same migrations %s' % (
                                      size, source('scale', scale, scale_twin), len(app), app, alt))
        if index in (0, 1) and sweep_v1:
            points = [(r['group_size'], r['alt_pushed']['on_switch']['home_switch']) for r in sweep_v1['sweep']
                      if 'alt_pushed' in r and ((k == 1 and r['migrated'] == 1)
                                                or (k == 'half' and r['migrated'] == r['group_size'] // 2))]
            if points:
                axes.plot([p[0] for p in points], [p[1] for p in points], 'o', color=ALT, markersize=6,
                          markerfacecolor='none', label='measured, v1 sweep: alternative\'s flows on the bridge')
        if index == 2 and mass:
            parts = []
            for row in mass['rows']:
                per_bridge = row.get('flows_per_bridge') or {}
                if row.get('mode') not in ('batch', 'alternative') or not per_bridge:
                    continue
                # the home bridges hold only the miss flows once every VM left; each new bridge holds them too
                miss = min(per_bridge.values())
                new = max(per_bridge.values()) - miss
                batch = row['mode'] == 'batch'
                axes.plot([mass['params']['size']], [new], 's' if batch else 'x', color=APP if batch else ALT,
                          markersize=8, markerfacecolor='white' if batch else ALT, markeredgewidth=1.6,
                          label='measured, model v2: %s' % ('application' if batch else 'alternative'))
                parts.append('%s for the %s' % (format(new, ','), 'batch burst' if batch else 'alternative'))
            measured_notes.append('right, n=%d: %s flows per new bridge (config-inventory flows of the bridge minus '
                                  'the miss flows every bridge holds), %s' % (
                                      mass['params']['size'], ' and '.join(parts), source('mass', mass, mass_twin)))
        axes.set_xscale('log')
        axes.set_yscale('log')
        axes.set_xlabel('group size n (members)')
        axes.set_title(title)
    axes_list[0].set_ylabel('translation flows on the switch (without miss flows)')
    handles = {}
    for axes in axes_list:
        for handle, label in zip(*axes.get_legend_handles_labels()):
            handles.setdefault(label, handle)
    fig.legend(list(handles.values()), list(handles.keys()), loc='lower center', ncol=3, frameon=False,
               fontsize=7.5)
    fig.suptitle('Flows per switch against group size: the application against per-pair translation')
    fig.tight_layout(rect=(0, 0.1, 1, 0.97))
    path = save(fig, directory, 'flows-per-switch.svg')
    caption = ('*Flows per switch, computed, not measured:* the lines are the counts of the planner\'s own size '
               'rule (`SwitchPlanner.perPairCount`/`sharedCount`, transcribed in `bench/plansize.py`, which '
               're-derives PlanSizeTest\'s 43/53/44) for the layouts of `bench/scale.py --parts sweep` (left, '
               'middle: one group of n on one switch, k move to another switch and subnet) and of `bench/mass.py` '
               '(right), without the miss flows (4 shared, 1 per-pair) a switch holds anyway. Under flow-layout '
               'auto a switch gets per-pair flows where they are fewer, so the application never needs more '
               'than the alternative; where auto equals per-pair (left) the two lines coincide. The sweep was '
               'not run on model v2 (section 4); the filled points are the v2 measurements that exist: %s. '
               'Hollow circles: the alternative\'s flows counted on the bridge in '
               'the v1 sweep (`bench/results/%s`, 2026-11-25; the alternative does not depend on the '
               'application\'s model, its application counts are v1\'s and are not drawn).' % (
                   '; '.join(measured_notes), sweep_name))
    return path, caption


# ------------------------------------------------------------------ 3. evacuation

def evacuation(directory, name='mass', picture='evacuation.svg'):
    mass, twin = load(name)
    if not mass:
        return None
    rows = {row['mode']: row for row in mass['rows'] if 'mode' in row and row['mode'] != 'put-floor'}
    n_vms = mass['params']['groups'] * mass['params']['size']
    colors = {'batch': APP, 'patch': '#2a9d8f', 'rpc': '#8e44ad', 'alternative': ALT, 'floor': FLOOR}
    names = {'batch': 'batch: one notify-migrations RPC', 'patch': 'patch: one PATCH of %s migrations' % format(
        n_vms, ','), 'rpc': 'rpc: %s notify-migration RPCs, 8 clients' % format(n_vms, ','),
             'alternative': 'alternative: %s pair flows PUT one by one' % format(
                 rows.get('alternative', {}).get('flows', 18 * n_vms), ','),
             'floor': 'floor: the same %s flows, %s' % (
                 format(rows.get('floor', {}).get('flows', 4 * n_vms), ','),
                 'one transaction' if rows.get('floor', {}).get('transactions', 1) == 1 else
                 '%d transactions' % rows['floor']['transactions'])}
    with_flows = [m for m in ('batch', 'patch', 'rpc', 'alternative', 'floor') if rows.get(m, {}).get('flows_progress')]
    if with_flows:
        fig, (left, middle, right) = pyplot.subplots(1, 3, figsize=(15, 5.6),
                                                     gridspec_kw={'width_ratios': [1.2, 1, 1]})
        flow_timeline(middle, rows, with_flows, colors, names)
    else:
        fig, (left, right) = pyplot.subplots(1, 2, figsize=(11, 5.6), gridspec_kw={'width_ratios': [1.2, 1]})
    horizon = 0
    for mode in ('batch', 'patch', 'rpc'):
        row = rows.get(mode)
        if not row:
            continue
        progress = [(t, pair[0], pair[1]) for t, pair in row.get('active_progress') or []]
        if row.get('all_active_s') is not None:
            progress.append((row['all_active_s'], n_vms, n_vms))
        progress.sort()
        if progress:
            left.plot([p[0] for p in progress], [p[1] for p in progress], '-o', color=colors[mode], markersize=4.5,
                      linewidth=0.8, alpha=0.9, label='%s: migrations active' % names[mode])
            if mode == 'rpc':
                left.plot([p[0] for p in progress], [p[2] for p in progress], '--^', color=colors[mode],
                          markersize=3.5, linewidth=0.7, alpha=0.9,
                          label='rpc: migrations listed in the operational view (any phase)')
            horizon = max(horizon, progress[-1][0])
        if row.get('all_flows_on_switches_s') is not None:
            left.axvline(row['all_flows_on_switches_s'], color=colors[mode], linestyle=':', linewidth=1.2)
        if row.get('sent_s') is not None:
            left.plot([row['sent_s']], [0], 'v', color=colors[mode], markersize=8, clip_on=False)
    if rows.get('floor', {}).get('all_flows_on_switches_s') is not None:
        left.axvline(rows['floor']['all_flows_on_switches_s'], color=FLOOR, linestyle='-.', linewidth=1.0,
                     label='floor: all its flows on the bridges')
    left.set_xlim(0, max(1.0, horizon) * 1.05)
    left.set_ylim(-25, n_vms * 1.05)
    left.set_xlabel('s from t0 (first byte sent)')
    left.set_ylabel('migrations (of %s)' % format(n_vms, ','))
    left.set_title('the application\'s bursts: points = phase-poll samples in the JSON,\n'
                   'triangle = answered, dotted line = all flows on the bridges')
    left.legend(loc='upper center', bbox_to_anchor=(0.5, -0.13), frameon=False, fontsize=7.5)

    order = [m for m in ('batch', 'floor', 'patch', 'rpc', 'alternative') if m in rows]
    for y, mode in enumerate(reversed(order)):
        row = rows[mode]
        flows, active, sent = row.get('all_flows_on_switches_s'), row.get('all_active_s'), row.get('sent_s')
        if flows is not None:
            right.barh(y, flows, color=colors[mode], alpha=0.35, height=0.55)
        if sent is not None:
            right.plot([sent], [y], '|', color=colors[mode], markersize=16, markeredgewidth=2.2)
        if active is not None:
            right.plot([active], [y], 'o', color=colors[mode], markersize=6)
        label = ', '.join(text % value for text, value in (('answered %.2f', sent), ('flows %.2f', flows),
                                                          ('active %.2f s', active)) if value is not None)
        label = label if label.endswith(' s') else label + ' s'
        right.text(max(v for v in (flows, active, sent, 0.1) if v is not None) * 1.25, y, label, va='center',
                   fontsize=7.5)
    right.set_yticks(range(len(order)))
    right.set_yticklabels([names[m].replace(': ', ':\n', 1) for m in reversed(order)], fontsize=7.5)
    right.set_xscale('log')
    right.set_xlim(0.1, 1500)
    right.set_xlabel('s from t0 (log scale)')
    right.set_title('bar: until all flows on the bridges; |: answered (all PUT);\n'
                    'dot: all migrations active (the alternative, the floor: no phase)')
    fig.suptitle('Evacuation: %s VMs (%d groups of %d) migrate at once' % (
        format(n_vms, ','), mass['params']['groups'], mass['params']['size']))
    fig.tight_layout(rect=(0, 0, 1, 0.97))
    path = save(fig, directory, picture)
    flows_note = ('Middle: flows added on the bridges since t0 (`flows_progress`: the flow-count samples, one per '
                  '0.25 s, 1 s for the alternative) for %s. ' % ', '.join(with_flows) if with_flows else
                  'The flow counts on the bridges were polled every 0.05 s but this file keeps only the time they '
                  'were complete (`all_flows_on_switches_s`; `bench/mass.py` records `flows_progress` since issue '
                  '12), so no flow curve is drawn, and the alternative and the floor have only their end times '
                  '(right). ')
    caption = ('*Evacuation timeline.* Left: the application\'s bursts; the points are the samples of the '
               'migration-phase poll that the JSON keeps (`active_progress`: every fourth sample of the 0.25 s '
               'poll, about 1 s apart) plus the time all were active (`all_active_s`); the lines only join them. '
               + flows_note + 'Run order on one controller: %s; each burst on a freshly registered configuration. '
               'Source: %s.' % (run_order(mass), source(name, mass, twin)))
    return path, caption


def evacuation_10k(directory):
    return evacuation(directory, 'mass-10000', 'evacuation-10k.svg')


def heap(directory):
    """Heap (used, without a GC) and RSS over the registrations of bench/scale.py --groups 10000,100000."""
    scale, twin = load('scale')
    parts = [(key, scale[key]) for key in ('big', 'big_1000000') if scale and (scale.get(key) or {}).get(
        'heap_over_time')]
    if not parts:
        return None
    fig, axes = pyplot.subplots(1, 1, figsize=(10, 5.4))
    colors = {'big': SHARED, 'big_1000000': APP}
    for key, part in parts:
        samples = part['heap_over_time']
        vms = part.get('vms_registered', 0)
        label = '%s VMs' % format(vms, ',')
        xs = [t for t, _v in samples]
        axes.plot(xs, [v.get('used_mb') for _t, v in samples], '-o', markersize=2.5, color=colors[key],
                  label='%s: heap used (no GC; includes garbage)' % label)
        axes.plot(xs, [v.get('rss_mb') for _t, v in samples], '--', color=colors[key], linewidth=1.0,
                  label='%s: resident memory of the JVM' % label)
        after = summary.heap_after_gc(part.get('heap_after') or {})
        end = part.get('registration_until_operational_s') or (xs[-1] if xs else 0)
        if after is not None:
            axes.plot([end], [after], 'D', color=colors[key], markersize=7,
                      label='%s: heap left by a full GC, once registered: %.0f MB (%s bytes per VM)' % (
                          label, after, '%.0f' % part['heap_bytes_per_vm'] if part.get('heap_bytes_per_vm')
                          else '?'))
        if part.get('registration_requests_s') is not None:
            axes.axvline(part['registration_requests_s'], color=colors[key], linestyle=':', linewidth=1.0)
    axes.axhline(2048, color=ALT, linestyle='-.', linewidth=1.0, label='goal: heap after GC at 1M <= 2 GB')
    axes.set_xlabel('s from the first registration PATCH (dotted: the last PATCH answered)')
    axes.set_ylabel('MB')
    axes.set_title('Memory over the registration of 100,000 and of 1,000,000 VMs (one controller, one after '
                   'the other)')
    axes.legend(loc='upper center', bbox_to_anchor=(0.5, -0.13), frameon=False, fontsize=7.5, ncol=2)
    fig.tight_layout()
    path = save(fig, directory, 'heap-1m.svg')
    caption = ('*Memory over a registration.* Samples of `jcmd GC.heap_info` (heap used without forcing a GC, so '
               'garbage not yet collected counts) and the JVM\'s RSS every 5 s (`heap_over_time`), the diamond the '
               'heap after a full GC once the operational view showed the last VM. Source: %s.'
               % source('scale', scale, twin))
    return path, caption


def cpu_per_request(directory):
    """The controller JVM's CPU per answered request, by thread group: the rpc burst against its PUT floor
    (mass.py's jvm_cpu_answered, kernel accounting per thread, first request to last answer)."""
    mass, twin = load('mass')
    rows = {row['mode']: row for row in (mass or {}).get('rows', [])}
    rpc, floor = rows.get('rpc') or {}, rows.get('put-floor') or {}
    if not rpc.get('jvm_cpu_answered') or not floor.get('jvm_cpu_answered'):
        return None
    bars = [('notify-migration RPC\n(with flows; %.1f /s)' % rpc['rpc_per_second'], rpc['jvm_cpu_answered'],
             rpc.get('rpcs_ok') or rpc['rpcs']),
            ('RESTCONF PUT floor\n(watched as the burst; %.1f /s)' % floor['per_second'], floor['jvm_cpu_answered'],
             floor['answered_ok'])]
    if (floor.get('unwatched') or {}).get('jvm_cpu_answered'):
        bars.append(('PUT floor unwatched\n(%.1f /s)' % floor['unwatched']['per_second'],
                     floor['unwatched']['jvm_cpu_answered'], floor['unwatched']['answered_ok']))
    # the groups that matter anywhere (>= 0.3 ms per request in some bar), the rest as one
    per = [{group: 1000.0 * value / n for group, value in cpu['by_group_s'].items()} for _label, cpu, n in bars]
    groups = sorted({group for part in per for group, value in part.items() if value >= 0.3},
                    key=lambda group: -max(part.get(group, 0.0) for part in per))
    colors = pyplot.get_cmap('tab20').colors
    fig, axes = pyplot.subplots(1, 1, figsize=(10, 5.4))
    xs = range(len(bars))
    bottoms = [0.0] * len(bars)
    for index, group in enumerate(groups + ['other']):
        heights = [part.get(group, 0.0) if group != 'other'
                   else sum(value for name, value in part.items() if name not in groups) for part in per]
        label = group if len(group) <= 60 else group[:57] + '...'
        axes.bar(xs, heights, bottom=bottoms, color=colors[index % len(colors)], width=0.55, label=label)
        bottoms = [b + h for b, h in zip(bottoms, heights)]
    for x, total in zip(xs, bottoms):
        axes.text(x, total + 0.2, '%.1f ms' % total, ha='center', fontsize=8.5)
    axes.set_xticks(list(xs))
    axes.set_xticklabels([label for label, _cpu, _n in bars])
    axes.set_ylabel('controller JVM CPU per answered request, ms (all cores)')
    axes.set_title('What one request costs the controller:\n1,000 notify-migration RPCs with flows against 1,000 '
                   'subnet PUTs, 8 clients')
    axes.legend(loc='center left', bbox_to_anchor=(1.0, 0.5), frameon=False, fontsize=7)
    fig.tight_layout()
    path = save(fig, directory, 'cpu-per-request.svg')
    caption = ('*CPU per request.* The controller JVM\'s CPU time (user + system of every thread, read from '
               '`/proc` before the first request and after the last answer; Java thread names from `jcmd '
               'Thread.print`, digits as #) divided by the requests answered, by thread group. The application\'s '
               'own threads are `vmmobility-*`; its code also runs on Jetty\'s (`qtp`), the datastore\'s and '
               'openflowplugin\'s threads. Source: %s.' % source('mass', mass, twin))
    return path, caption


def run_order(mass):
    """The order mass.py ran its parts in (its main: the bursts, then the alternative, then the floor)."""
    modes = [row['mode'] for row in mass['rows']]
    if not modes:
        return 'nothing ran'
    first = modes[0] + (' (the first work after boot)' if str(mass['meta'].get('controller', '')).startswith('fresh')
                        else '')
    return ', '.join([first] + modes[1:])


def flow_timeline(axes, rows, modes, colors, names):
    """Flows added on all bridges since t0 over time (flows_progress), one line per mode, log time axis."""
    for mode in modes:
        points = [(t, sum(v for v in counts.values() if isinstance(v, int)))
                  for t, counts in rows[mode]['flows_progress'] if isinstance(counts, dict)]
        if not points:
            continue
        base = points[0][1]
        axes.plot([max(t, 0.01) for t, _ in points], [total - base for _, total in points], '-', marker='.',
                  markersize=3, color=colors[mode], linewidth=1.2, label=names[mode])
    axes.set_xscale('log')
    axes.set_xlim(0.05, 200)
    axes.set_xlabel('s from t0 (log scale)')
    axes.set_ylabel('flows added on the bridges since t0')
    axes.set_title('flows on the bridges over time\n(ovs-ofctl dump-aggregate samples)')
    axes.legend(loc='upper center', bbox_to_anchor=(0.5, -0.13), frameon=False, fontsize=7.5)


def draw_all(directory):
    """Draw every figure whose results exist; returns [(path, caption)]."""
    os.makedirs(directory, exist_ok=True)
    drawn = []
    with pyplot.rc_context(STYLE):
        for figure in (convergence, flows_per_switch, evacuation, evacuation_10k, heap, cpu_per_request):
            out = figure(directory)
            if out:
                drawn.append(out)
    return drawn
