#!/usr/bin/python3
"""Print the figures of bench/results/*-latest.json as Markdown table rows (for BENCHMARKS.md), and draw them.

    /usr/bin/python3 bench/report.py [--figures-dir bench/figures] [--no-figures]

It only reads the committed results; it runs nothing. The pictures (SVG, drawn by bench/pictures.py with Debian's
python3-matplotlib, Agg backend; `apt-get install -y python3-matplotlib`) go to bench/figures/, shown in
BENCHMARKS.md:
  convergence.svg       per-move distribution (empirical CDF) of the application, the alternative and the floor,
                        from the per-move rows of convergence-latest.json and convergence-loaded-latest.json;
  flows-per-switch.svg  flows per switch against group size, application (flow-layout auto) against per-pair
                        translation (the alternative's flows), computed with the planner's own size rule
                        (bench/plansize.py), with the measured counts of the result files as points;
  evacuation.svg        the mass migration's timeline (migrations active over time, answer, all flows on the
                        bridges, all active) for the application's bursts, the alternative and the floor.
The output is deterministic (no date in the SVG metadata, fixed svg.hashsalt): drawing the same results again
gives the same files. After the tables it prints each figure's Markdown (image link and a caption naming the
results file, build, date and controller), for BENCHMARKS.md.

(The headline figures as JSON: bench/summary.py writes bench/results/summary.json.)
"""

import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
FIGURES = os.path.join(HERE, 'figures')


def load(name):
    path = os.path.join(HERE, 'results', '%s-latest.json' % name)
    if not os.path.exists(path):
        return None
    with open(path) as handle:
        return json.load(handle)


def stamp(result):
    meta = result['meta']
    dist = meta.get('distribution', {})
    return 'measured %s on app commit %s%s (bench commit %s, %s), %s, %s cores, kernel %s; other runs: %s' % (
        meta['date'][:16], dist.get('app_commit_built', '?')[:10],
        ' + uncommitted changes' if dist.get('app_uncommitted_in_build') else '', meta['commit'][:10],
        meta.get('model', 'model v1'),
        meta['machine']['cpu_model'], meta['machine']['cores'], meta['machine']['kernel'],
        len(meta['machine'].get('other_processes', [])))


def s(stats, key='median', scale=1.0, digits=1):
    if not stats or not stats.get('n'):
        return '-'
    return ('%%.%df' % digits) % (stats[key] * scale)


def spread(stats, scale=1.0, digits=1):
    if not stats or not stats.get('n'):
        return '-'
    return ('%%.%df-%%.%df' % (digits, digits)) % (stats['min'] * scale, stats['max'] * scale)


def _f(value, digits=1):
    return ('%%.%df' % digits) % value if isinstance(value, (int, float)) else '-'


def tables():
    dp = load('dataplane')
    if dp:
        print('### 1. Data plane (%s)\n' % stamp(dp))
        print('| path | TCP Gbit/s median (min-max) | UDP kpps median (min-max) |')
        print('|---|---|---|')
        for name in ('raw_veth', 'plain', 'translated'):
            fig = dp['summary'][name]
            print('| %s | %s (%s) | %s (%s) |' % (name, s(fig['tcp_bps'], scale=1e-9, digits=3),
                                                spread(fig['tcp_bps'], 1e-9, 3), s(fig['udp_pps'], scale=1e-3),
                                                spread(fig['udp_pps'], 1e-3)))
        print('\nratio translated/plain: TCP %.3f, UDP %.3f (goal >= 0.97)\n' % (
            dp['ratios'].get('tcp_bps', 0), dp['ratios'].get('udp_pps', 0)))
    for name, title in (('convergence', '2. Convergence'),
                        ('convergence-loaded', '2b. Convergence with 100,000 VMs registered')):
        conv = load(name)
        if not conv:
            continue
        print('### %s (%s)\n' % (title, stamp(conv)))
        load_info = conv.get('load')
        if load_info:
            print('load: %s VMs in %s groups registered in %s s (%s PATCHes), operational view after %s s\n' % (
                load_info.get('vms_registered'), load_info.get('groups_registered'),
                _f(load_info.get('registration_requests_s')), load_info.get('registration_requests'),
                _f(load_info.get('registration_until_operational_s'))))
        print('| mode | figure | median ms | p95 ms | max ms | n |')
        print('|---|---|---|---|---|---|')
        for mode, summ in sorted(conv.get('summary', {}).items()):
            for key in ('reply_ms', 'flows_ms', 'active_ms', 'call_ms'):
                stats = summ.get(key)
                if stats and stats.get('n'):
                    print('| %s | %s | %s | %s | %s | %d |' % (mode, key, s(stats), s(stats, 'p95'),
                                                             s(stats, 'max'), stats['n']))
        for key in ('first_after_boot', 'first_after_load'):
            first = conv.get(key)
            if first:
                print('\n%s: reply %s ms, flows %s ms, active %s ms, call %s ms (controller %s)' % (
                    key, _f(first.get('reply_ms')), _f(first.get('flows_ms')), _f(first.get('active_ms')),
                    _f(first.get('call_ms')), 'fresh' if first.get('controller_fresh') else 'not fresh'))
        print()
    mass = load('mass')
    if mass:
        print('### 3. Mass migration (%s)\n' % stamp(mass))
        print('| burst | answer s | all flows on the bridges s | all active s | detail |')
        print('|---|---|---|---|---|')
        for row in mass['rows']:
            print('| %s | %s | %s | %s | %s%s |' % (
                row['mode'], _f(row.get('sent_s'), 2), _f(row.get('all_flows_on_switches_s'), 2),
                _f(row.get('all_active_s'), 2), row.get('detail', ''),
                '; %.1f RPC/s' % row['rpc_per_second'] if row.get('rpc_per_second') else ''))
        print()
        for row in mass['rows']:
            print('- %s: %s' % (row['mode'], json.dumps({k: v for k, v in row.items()
                                                         if k not in ('active_progress', 'failure_examples')})))
        print()
    scale = load('scale')
    if scale:
        print('### 4. Scale (%s)\n' % stamp(scale))
        print('| group size | migrated | app flows (home sw + new sw) | alternative flows (home + new) | '
              'alternative PUT s |')
        print('|---|---|---|---|---|')
        for row in scale.get('sweep', []):
            app, alt = row['app_flows'], row['alt_flows']
            print('| %d | %d | %d + %d | %d + %d | %s |' % (
                row['group_size'], row['migrated'], app['home_switch'], app['new_switch'], alt['home_switch'],
                alt['new_switch'], '%.1f' % row['alt_pushed']['seconds'] if 'alt_pushed' in row else '-'))
        big = scale.get('big')
        if big:
            print('\n```\n%s\n```' % json.dumps({k: v for k, v in big.items() if k not in ('heap_before',
                                                                                          'heap_after')},
                                              indent=1))
            for key in ('heap_before', 'heap_after'):
                heap = big.get(key, {})
                print('%s: left by the full GC %s MB (live objects %s MB), used once the histogram was printed %s '
                      'MB, committed %s MB, RSS %s MB' % (key, heap.get('after_full_gc_mb'),
                                                          heap.get('histogram_total_mb'), heap.get('used_mb'),
                                                          heap.get('committed_mb'), heap.get('rss_mb')))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--figures-dir', default=FIGURES, help='where the SVG files go (default bench/figures)')
    parser.add_argument('--no-figures', action='store_true', help='print the tables only')
    args = parser.parse_args()
    tables()
    if args.no_figures:
        return 0
    try:
        import pictures  # pylint: disable=import-outside-toplevel
    except ImportError as exc:
        print('\nno figures drawn: %s (apt-get install -y python3-matplotlib)' % exc, file=sys.stderr)
        return 1
    drawn = pictures.draw_all(args.figures_dir)
    print('### Figures\n')
    for path, caption in drawn:
        print('![%s](%s)\n' % (os.path.splitext(os.path.basename(path))[0],
                                os.path.relpath(path, REPO)))
        print('%s\n' % caption)
    return 0


if __name__ == '__main__':
    sys.exit(main())
