#!/usr/bin/python3
"""Profiles of the controller for the benchmarks: a JFR recording around a phase, drawn as a flame graph.

    /usr/bin/python3 bench/flame.py RECORDING.jfr OUT.svg [--title T] [--threads REGEX] [--since HH:MM:SS.mmm
                                                                               --seconds S]

The benchmarks record with the JDK's own Flight Recorder (jcmd JFR.start/JFR.dump on the Karaf JVM, settings
'profile': a Java stack sample every 10 ms of each running thread) when VMM_PROFILE names a directory: mass.py
around its rpc burst, convergence.py around its application moves. This script reads the recording's
jdk.ExecutionSample events (`jfr print`), merges equal stacks and draws an icicle graph (root at the top, width =
share of the samples) as a self-contained SVG, and prints the samples per layer (the frame of each sample that
decides where its time went: the first frame, from the top of the stack, in a package of a known layer), the
hottest frames by self time, and the sampled threads. --since/--seconds keep only the samples taken in that window
(UTC, as the benchmarks' t0_utc): one move out of a recording that started with the JVM, for example.
"""

import argparse
import collections
import html
import os
import re
import subprocess
import sys

JAVA_HOME = os.environ.get('JAVA_HOME', '/usr/lib/jvm/temurin-25-jdk-amd64')
# the layers a sample is attributed to: the first of these prefixes found walking the stack from its top (the
# running frame) towards its root; order matters only within one frame
LAYERS = (('vmm application', ('org.opendaylight.vmmobility.',)),
          ('openflowplugin (FRM, device, protocol)', ('org.opendaylight.openflowplugin.', 'org.opendaylight.openflowjava.')),
          ('RESTCONF / netconf', ('org.opendaylight.restconf.', 'org.opendaylight.netconf.')),
          ('datastore (controller, mdsal, pekko)', ('org.opendaylight.controller.', 'org.opendaylight.mdsal.',
                                                    'org.apache.pekko.')),
          ('yangtools (codecs, data trees)', ('org.opendaylight.yangtools.',)),
          ('HTTP (netty, jetty)', ('io.netty.', 'org.eclipse.jetty.')),
          ('logging', ('org.ops4j.pax.logging', 'org.apache.logging.')))


def jfr_command():
    return os.path.join(JAVA_HOME, 'bin', 'jfr')


def seconds_of_day(stamp):
    """'2026-12-07T01:54:44.875Z' or '01:54:44.875' -> seconds since midnight (UTC)."""
    match = re.search(r'(\d\d):(\d\d):(\d\d(?:\.\d+)?)', stamp)
    return int(match.group(1)) * 3600 + int(match.group(2)) * 60 + float(match.group(3))


def samples(recording, thread_filter=None, window=None):
    """[(thread, [frame root..top])] of the recording's execution samples (those taken within window, a pair of
    seconds of the day in UTC, if given)."""
    out = subprocess.run([jfr_command(), 'print', '--events', 'jdk.ExecutionSample', '--stack-depth', '96',
                          recording], capture_output=True, text=True, check=True,
                         env=dict(os.environ, TZ='UTC')).stdout
    result = []
    thread = None
    frames = None
    taken = None
    for line in out.splitlines():
        stripped = line.strip()
        if stripped.startswith('startTime = '):
            taken = seconds_of_day(stripped)
        elif stripped.startswith('sampledThread = '):
            match = re.match(r'sampledThread = "(.*)" \(', stripped)
            thread = match.group(1) if match else stripped
        elif stripped.startswith('stackTrace = ['):
            frames = []
        elif frames is not None:
            if stripped == ']':
                inside = window is None or (taken is not None and window[0] <= taken < window[1])
                if inside and (thread_filter is None or re.search(thread_filter, thread or '')):
                    result.append((thread, list(reversed(frames))))
                frames = None
            elif stripped and stripped != '...':
                frames.append(re.sub(r'\s+line: \d+.*$', '', stripped))
    return result


def layer_of(stack):
    for frame in reversed(stack):
        for name, prefixes in LAYERS:
            if frame.startswith(prefixes):
                return name
    return 'JDK and other'


def thread_group(name):
    """Thread names without their numbers: 'nc-exe-1' -> 'nc-exe-#'."""
    return re.sub(r'\d+', '#', name or '?')


class Node:
    __slots__ = ('name', 'count', 'children')

    def __init__(self, name):
        self.name = name
        self.count = 0
        self.children = {}


def tree(stacks):
    root = Node('all')
    for thread, stack in stacks:
        node = root
        node.count += 1
        for frame in ['thread ' + thread_group(thread)] + stack:
            node = node.children.setdefault(frame, Node(frame))
            node.count += 1
    return root


def short(frame):
    """pkg.Class.method(args) -> Class.method"""
    head = frame.split('(')[0]
    parts = head.split('.')
    return '.'.join(parts[-2:]) if len(parts) >= 2 else head


def color(name):
    for index, (_layer, prefixes) in enumerate(LAYERS):
        if name.startswith(prefixes):
            return ('#e8743b', '#19a979', '#5899da', '#945ecf', '#13a4b4', '#ed4a7b', '#bf399e')[index]
    if name.startswith('thread '):
        return '#9e9e9e'
    return '#f2b134'


def svg(root, title, width=1600, row=16):
    rects = []
    depth_max = [0]

    def walk(node, x, depth):
        w = width * node.count / root.count
        if w < 0.3:
            return
        depth_max[0] = max(depth_max[0], depth)
        y = 40 + depth * row
        label = short(node.name) if not node.name.startswith('thread ') else node.name
        chars = int(w / 7)
        text = html.escape(label if len(label) <= chars else label[:max(0, chars - 2)] + '..') if chars >= 3 else ''
        rects.append('<g><title>%s (%d samples, %.1f%%)</title><rect x="%.1f" y="%d" width="%.1f" height="%d" '
                     'fill="%s" stroke="white" stroke-width="0.3"/><text x="%.1f" y="%d" font-size="11">%s</text>'
                     '</g>' % (html.escape(node.name), node.count, 100.0 * node.count / root.count, x, y,
                               max(w, 0.3), row - 1, color(node.name), x + 2, y + row - 4, text))
        for child in sorted(node.children.values(), key=lambda c: -c.count):
            walk(child, x, depth + 1)
            x += width * child.count / root.count

    walk(root, 0.0, 0)
    height = 40 + (depth_max[0] + 2) * row + 10 + 20 * len(LAYERS)
    legend = ''.join('<rect x="%d" y="%d" width="12" height="12" fill="%s"/><text x="%d" y="%d" font-size="12">%s'
                     '</text>' % (10, height - 20 * (len(LAYERS) - i) - 4, color(prefixes[0]), 28,
                                  height - 20 * (len(LAYERS) - i) + 6, html.escape(name))
                     for i, (name, prefixes) in enumerate(LAYERS))
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="monospace">'
            '<rect width="100%%" height="100%%" fill="white"/><text x="10" y="24" font-size="15">%s (%d samples; '
            'hover a frame for its name and share)</text>%s%s</svg>\n'
            % (width, height, html.escape(title), root.count, ''.join(rects), legend))


def report(stacks):
    """{'samples': n, 'layers': {layer: share}, 'threads': {group: share}, 'self': [(frame, share)]}"""
    total = len(stacks) or 1
    layers = collections.Counter(layer_of(stack) for _t, stack in stacks)
    threads = collections.Counter(thread_group(t) for t, _s in stacks)
    selfs = collections.Counter(stack[-1] for _t, stack in stacks if stack)
    return {'samples': len(stacks),
            'layers': {k: v / total for k, v in layers.most_common()},
            'threads': {k: v / total for k, v in threads.most_common(12)},
            'self': [(k, v / total) for k, v in selfs.most_common(15)]}


def print_report(rep):
    print('%d samples' % rep['samples'])
    print('by layer (the first frame from the top of the stack in a known package):')
    for name, share in rep['layers'].items():
        print('  %5.1f%%  %s' % (100 * share, name))
    print('by thread:')
    for name, share in rep['threads'].items():
        print('  %5.1f%%  %s' % (100 * share, name))
    print('hottest frames (self):')
    for name, share in rep['self']:
        print('  %5.1f%%  %s' % (100 * share, name[:150]))


def draw(recording, output, title, thread_filter=None, window=None):
    stacks = samples(recording, thread_filter, window)
    with open(output, 'w') as handle:
        handle.write(svg(tree(stacks), title))
    rep = report(stacks)
    rep['recording'] = os.path.basename(recording)
    rep['picture'] = os.path.basename(output)
    return rep


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[1])
    parser.add_argument('recording')
    parser.add_argument('output')
    parser.add_argument('--title', default='controller CPU samples')
    parser.add_argument('--threads', default=None, help='only threads whose name matches this regex')
    parser.add_argument('--since', default=None, help='only samples from this time of day (UTC), HH:MM:SS.mmm')
    parser.add_argument('--seconds', type=float, default=None, help='with --since: for this many seconds')
    args = parser.parse_args()
    window = None
    if args.since:
        start = seconds_of_day(args.since)
        window = (start, start + args.seconds if args.seconds else float('inf'))
    print_report(draw(args.recording, args.output, args.title, args.threads, window))
    return 0


if __name__ == '__main__':
    sys.exit(main())
