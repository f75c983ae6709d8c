#!/usr/bin/python3
"""What the JIT compiled while each move of a convergence run was on its way to the reply.

    /usr/bin/python3 bench/jitwindows.py RECORDING.jfr RESULT.json [--top 8]

RECORDING is a JFR recording of the controller over the application moves, taken with every compilation recorded
(VMM_PROFILE=<dir> VMM_PROFILE_EVENTS='jdk.Compilation#threshold=0ms' bench/convergence.py ...: its
'convergence-app-*.jfr'); RESULT is that run's bench/results/convergence-*.json. For each application move
(t0 = the client's send time, 'app-warmup' included) it prints the compilations that started between t0 and the
reply: how many, their time by tier (1-3: C1, 4: C2; the compile's own wall time, which on 2 cores the move's
threads share) and by package, and the longest ones; where the recording has class loads (jdk.ClassLoad enabled),
the classes loaded on the way: how many, the time the loads took on each thread (a load's own time; loads nest, so
it is an upper bound), by package, and the longest; then, where the run kept it (--cpu-moves), the kernel's
account of the JVM's CPU over the move ('jvm_cpu'). A reading aid for BENCHMARKS.md, not a figure: JFR's own start
compiles and costs CPU, so the move right after a JFR.start is not the move without it. To see the first move after
boot undisturbed, record from the JVM's start instead:
    EXTRA_JAVA_OPTS='-XX:StartFlightRecording=settings=profile,filename=/tmp/boot.jfr,dumponexit=true,\
jdk.Compilation#threshold=0ms,jdk.ClassLoad#enabled=true' bench/convergence.py --modes app --cpu-moves 3 ...
"""

import argparse
import collections
import json
import re
import subprocess
import sys

from flame import jfr_command, seconds_of_day

PACKAGES = (('vmm', 'org/opendaylight/vmmobility/'), ('openflowplugin', 'org/opendaylight/openflow'),
            ('yangtools', 'org/opendaylight/yangtools/'), ('yang (generated)', 'org/opendaylight/yang/'),
            ('datastore', 'org/opendaylight/controller/'), ('mdsal', 'org/opendaylight/mdsal/'),
            ('restconf', 'org/opendaylight/restconf/'), ('restconf', 'org/opendaylight/netconf/'),
            ('pekko', 'org/apache/pekko/'), ('jetty', 'org/eclipse/jetty/'), ('jersey', 'org/glassfish/'),
            ('jersey', 'org/jvnet/hk2/'), ('aaa', 'org/apache/shiro/'), ('aaa', 'org/opendaylight/aaa/'),
            ('netty', 'io/netty/'), ('guava', 'com/google/common/'), ('jdk', 'java/'), ('jdk', 'jdk/'),
            ('jdk', 'sun/'))


def package(type_name):
    name = type_name.replace('.', '/')
    for label, prefix in PACKAGES:
        if name.startswith(prefix):
            return label
    return 'other'


def duration_s(text):
    match = re.match(r'PT(?:(\d+)M)?([\d.]+)S', text)
    return (int(match.group(1) or 0) * 60 + float(match.group(2))) if match else 0.0


def compilations(recording):
    out = subprocess.run([jfr_command(), 'print', '--json', '--events', 'jdk.Compilation', recording],
                         check=True, capture_output=True, text=True).stdout
    for event in json.loads(out)['recording']['events']:
        values = event['values']
        yield {'start': seconds_of_day(values['startTime']), 'seconds': duration_s(values['duration']),
               'level': values['compileLevel'], 'osr': values['isOsr'],
               'method': '%s.%s' % (values['method']['type']['name'].replace('/', '.'), values['method']['name'])}


def class_loads(recording):
    """The recording's class loads (none if jdk.ClassLoad was not enabled): start, own time, thread, class."""
    out = subprocess.run([jfr_command(), 'print', '--json', '--stack-depth', '1', '--events', 'jdk.ClassLoad',
                          recording], check=True, capture_output=True, text=True).stdout
    for event in json.loads(out)['recording']['events']:
        values = event['values']
        thread = (values.get('eventThread') or {}).get('javaName') or '?'
        yield {'start': seconds_of_day(values['startTime']), 'seconds': duration_s(values['duration']),
               'thread': re.sub(r'\d+', '#', thread), 'class': values['loadedClass']['name'].replace('/', '.')}


def print_class_loads(loads, start, end, top):
    inside = [e for e in loads if start <= e['start'] < end]
    if not inside:
        return
    by_thread = collections.Counter()
    by_package = collections.Counter()
    for event in inside:
        by_thread[event['thread']] += event['seconds']
        by_package[package(event['class'])] += 1
    print('    %d classes loaded on the way; load time by thread: %s' % (
        len(inside), ', '.join('%s %.1f ms' % (name, s * 1000) for name, s in by_thread.most_common(6))))
    print('    classes by package: %s' % ', '.join('%s %d' % item for item in by_package.most_common(8)))
    for event in sorted(inside, key=lambda e: -e['seconds'])[:top]:
        print('    %5.1f ms  +%3.0f ms  %-28s %s' % (event['seconds'] * 1000, (event['start'] - start) * 1000,
                                                 event['thread'][:28], event['class']))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('recording')
    parser.add_argument('result')
    parser.add_argument('--top', type=int, default=8)
    args = parser.parse_args()
    with open(args.result) as handle:
        result = json.load(handle)
    events = list(compilations(args.recording))
    if not events:
        sys.exit('no jdk.Compilation events in %s (record with jdk.Compilation#threshold=0ms)' % args.recording)
    first, last = min(e['start'] for e in events), max(e['start'] for e in events)
    loads = list(class_loads(args.recording))
    for row in result['rows']:
        if not row['mode'].startswith('app') or row.get('reply_ms') is None:
            continue
        start = seconds_of_day(row['t0_utc'])
        if not first <= start <= last:
            continue
        end = start + row['reply_ms'] / 1000.0
        inside = [e for e in events if start <= e['start'] < end]
        by_tier = collections.Counter()
        by_package = collections.Counter()
        for event in inside:
            by_tier['C2' if event['level'] == 4 else 'C1'] += event['seconds']
            by_package[package(event['method'])] += event['seconds']
        print('move %d (%s, t0 %s): reply %.1f ms; %d compilations started before it, %.0f ms C1 + %.0f ms C2'
              % (row['index'] + 1, row['mode'], row['t0_utc'], row['reply_ms'], len(inside),
                 by_tier['C1'] * 1000, by_tier['C2'] * 1000))
        print('    by package: %s' % ', '.join('%s %.0f' % (name, s * 1000) for name, s in by_package.most_common(6)))
        for event in sorted(inside, key=lambda e: -e['seconds'])[:args.top]:
            print('    %5.0f ms  tier %d%s  +%3.0f ms  %s' % (event['seconds'] * 1000, event['level'],
                                                           ' OSR' if event['osr'] else '',
                                                           (event['start'] - start) * 1000, event['method']))
        print_class_loads(loads, start, end, args.top)
        cpu = row.get('jvm_cpu')
        if cpu:
            print('    JVM CPU over the move (kernel): %.0f ms, of it JIT %.0f, application threads %.0f'
                  % (cpu['cpu_s'] * 1000, cpu['jit_s'] * 1000, cpu['application_s'] * 1000))


if __name__ == '__main__':
    main()
