"""Shared helpers of the benchmarks: the mininet-tests harness on sys.path, machine facts, statistics,
results as JSON under bench/results/, bare OVS bridges (no Mininet hosts) and the flow-by-flow alternative.

Nothing here is a test; every benchmark measures and prints. Rules kept (see BENCHMARKS.md): the controller
is always started through the harness (vmm.session, flock on /tmp/vmm-karaf.lock); everything a benchmark
creates (bridges vmmb-*, namespaces vmmb-*, veths vmmb-*) is removed by name at exit.
"""

import atexit
import datetime
import json
import os
import platform
import re
import statistics
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(REPO, 'mininet-tests'))

from vmm import session  # noqa: E402  pylint: disable=wrong-import-position
from vmm.restconf import quote_key  # noqa: E402
from vmm.util import LOG, run_rc, wait_until  # noqa: E402

import model  # noqa: E402  pylint: disable=wrong-import-position

RESULTS = os.path.join(HERE, 'results')
OFCTL = ['ovs-ofctl', '-O', 'OpenFlow13']
BRIDGE_PREFIX = 'vmmb-'
# home directories in recorded command lines (other_processes): written as ~ (relative_paths)
HOME_DIRS = r'/root|/home/[^/\s"\']+'


# ------------------------------------------------------------------ paths of this machine

def relative_paths(text, repo=REPO, homes=HOME_DIRS):
    """text with no path of the machine it was measured on: the repository's location (repo) becomes a path
    relative to the repository ('.' alone), a home directory (homes, a regular expression) '~'. Used on every
    result before it is written (save) and, once, on the committed results (bench/relative_paths.py). Only whole
    path components are replaced ("/work/main2" stays when repo is "/work/main")."""
    for root, replacement in ((re.escape(repo.rstrip('/')), ''), ('(?:%s)' % homes, '~/')):
        if not root:
            continue
        text = re.sub(r'(?<![\w./~-])%s/' % root, replacement, text)
        text = re.sub(r'(?<![\w./~-])%s(?![\w./-])' % root, replacement.rstrip('/') or '.', text)
    return text


# ------------------------------------------------------------------ machine and results

def git_commit():
    code, out, _ = run_rc(['git', '-C', REPO, 'rev-parse', 'HEAD'], timeout=10)
    commit = out.strip() if code == 0 else 'unknown'
    code, out, _ = run_rc(['git', '-C', REPO, 'status', '--porcelain', '--', 'impl', 'api', 'karaf',
                           'features', 'mininet-tests', 'bench'], timeout=10)
    dirty = bool(out.strip()) if code == 0 else None
    return commit, dirty


def cpu_model():
    try:
        with open('/proc/cpuinfo') as handle:
            for line in handle:
                if line.startswith('model name'):
                    return line.split(':', 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or 'unknown'


def other_load():
    """What else runs that can disturb the figures: other java (Karaf, Maven) and python test runs."""
    seen = []
    me = os.getpid()
    for entry in os.listdir('/proc'):
        if not entry.isdigit() or int(entry) == me:
            continue
        try:
            with open('/proc/%s/cmdline' % entry, 'rb') as handle:
                cmd = handle.read().replace(b'\0', b' ').decode('utf-8', 'replace')
        except OSError:
            continue
        if ('java' in cmd.split(' ')[0] and 'karaf' not in cmd.lower()) or 'maven' in cmd \
                or 'mvnw' in cmd or ('unittest' in cmd and 'python' in cmd):
            seen.append('%s %s' % (entry, relative_paths(cmd)[:120]))
    return seen


def machine():
    with open('/proc/loadavg') as handle:
        load = handle.read().split()[:3]
    return {'cpu_model': cpu_model(), 'cores': os.cpu_count(), 'kernel': platform.release(),
            'loadavg_at_start': load, 'other_processes': other_load()}


def distribution():
    """The tarball the harness will run, its time, and the commit of the application's sources it was built from
    (the commit the figures belong to): the newest commit whose sources equal the build stamp's tree
    (scripts/build-stamp.sh, etc/vmmobility-build.properties in the tarball), so a build made just before its change
    was committed is named by that commit; without a stamp (older tarballs, an external controller), the newest
    commit of the application's sources made before the tarball was written."""
    from vmm.controller import find_tarball
    path = find_tarball()
    if not path:
        return {'tarball': None}
    mtime = os.path.getmtime(path)
    external = bool(os.environ.get('VMM_BENCH_TARBALL_MTIME'))
    if external:
        # an external controller (vmm.controller serve) extracted an earlier tarball: its mtime, epoch seconds
        mtime = float(os.environ['VMM_BENCH_TARBALL_MTIME'])
    facts = {'tarball': relative_paths(path), 'tarball_mtime': datetime.datetime.fromtimestamp(
        mtime, datetime.timezone.utc).isoformat()}
    stamp = {} if external else build_stamp(path)
    if stamp:
        facts['build_stamp'] = stamp
        match = commit_of_tree(stamp.get('tree', 'unknown'))
        if match:
            facts.update({'app_commit_built': match[0], 'app_commit_date': match[1], 'app_uncommitted_in_build': []})
            return facts
        # sources no commit holds: the commit checked out, and what differed from it then
        dirty = [name for name in stamp.get('dirty', '').split(',') if name]
        facts.update({'app_commit_built': stamp.get('head', 'unknown'), 'app_commit_date': '',
                      'app_uncommitted_in_build': dirty})
        return facts
    code, out, _ = run_rc(['git', '-C', REPO, 'log', '-1', '--format=%H %cI', '--before=%d' % int(mtime), '--']
                          + list(APP_PATHS), timeout=10)
    commit, _, when = out.strip().partition(' ') if code == 0 else ('unknown', '', '')
    facts.update({'app_commit_built': commit, 'app_commit_date': when,
                  'app_uncommitted_in_build': uncommitted_before(mtime)})
    return facts


BUILD_STAMP = 'etc/vmmobility-build.properties'


def build_stamp(tarball):
    """The build stamp inside the tarball (head, tree, dirty; scripts/build-stamp.sh), {} when it has none."""
    code, out, _ = run_rc(['tar', '-xzOf', tarball, '--wildcards', '*/' + BUILD_STAMP], timeout=120)
    if code != 0:
        return {}
    return parse_stamp(out)


def parse_stamp(text):
    """key=value lines, comments skipped. Pure, for unit checks."""
    return dict(line.split('=', 1) for line in text.splitlines() if '=' in line and not line.startswith('#'))


def commit_of_tree(tree, depth=200):
    """(sha, date) of the newest commit among the last `depth` that changed the application whose application
    sources equal `tree` (a tree id of those paths alone), or None."""
    if not tree or tree == 'unknown':
        return None
    code, out, _ = run_rc(['git', '-C', REPO, 'log', '--format=%H %cI', '-%d' % depth, 'HEAD', '--']
                          + list(APP_PATHS), timeout=30)
    if code != 0:
        return None
    for line in out.splitlines():
        commit, _, when = line.partition(' ')
        same, _, _ = run_rc(['git', '-C', REPO, 'diff', '--quiet', tree, commit, '--'] + list(APP_PATHS),
                            timeout=30)
        if same == 0:
            return commit, when
    return None


APP_PATHS = ('impl', 'api', 'karaf', 'features', 'tools', 'pom.xml')


def uncommitted_before(mtime):
    """Application source files that differ from HEAD (modified, added, renamed, untracked or deleted) and were
    last changed before the tarball was written: the build most likely contains them, so app_commit_built alone
    does not name the code measured (bench/summary.py then writes the commit as <sha>-dirty). Deleted files
    count (their deletion time is unknown). Files changed after the build are not listed."""
    code, out, _ = run_rc(['git', '-C', REPO, 'status', '--porcelain', '--untracked-files=all', '--']
                          + list(APP_PATHS), timeout=10)
    if code != 0:
        return None
    return changed_before(out, mtime, lambda rel: os.path.getmtime(os.path.join(REPO, rel)))


def changed_before(porcelain, mtime, getmtime):
    """The paths of `git status --porcelain` output whose mtime (getmtime(path)) is at most mtime; paths that
    no longer exist (deleted) are kept. Pure, for unit checks."""
    paths = []
    for line in porcelain.splitlines():
        if len(line) < 4:
            continue
        path = line[3:]
        if ' -> ' in path:  # rename: the new path
            path = path.split(' -> ', 1)[1]
        path = path.strip().strip('"')
        try:
            if getmtime(path) <= mtime:
                paths.append(path)
        except OSError:
            paths.append(path)
    return paths


def meta(name):
    commit, dirty = git_commit()
    return {'benchmark': name, 'date': datetime.datetime.now(datetime.timezone.utc).isoformat(),
            'model': '%s@%s (v3)' % (model.MODULE, model.REVISION), 'commit': commit, 'worktree_dirty': dirty,
            'distribution': distribution(), 'machine': machine(),
            'controller': ('external %s (one Karaf serving several benchmarks in a row)'
                           % os.environ['VMM_CONTROLLER_URL'] if os.environ.get('VMM_CONTROLLER_URL')
                           else 'fresh Karaf started by this benchmark')}


def save(name, result):
    """Write result (a dict with 'meta') to bench/results/<name>-<timestamp>.json and <name>-latest.json."""
    os.makedirs(RESULTS, exist_ok=True)
    stamp = time.strftime('%Y%m%d-%H%M%S')
    path = os.path.join(RESULTS, '%s-%s.json' % (name, stamp))
    text = relative_paths(json.dumps(result, indent=2, sort_keys=True))
    with open(path, 'w') as handle:
        handle.write(text + '\n')
    with open(os.path.join(RESULTS, '%s-latest.json' % name), 'w') as handle:
        handle.write(text + '\n')
    print('results written to %s' % os.path.relpath(path, REPO), flush=True)
    return path


def summary(values):
    """median, p95, min, max, mean, n of a list of numbers (None entries are counted as missing)."""
    present = sorted(v for v in values if v is not None)
    if not present:
        return {'n': 0, 'missing': len(values)}
    p95_index = min(len(present) - 1, max(0, int(round(0.95 * len(present) + 0.5)) - 1))
    return {'n': len(present), 'missing': len(values) - len(present),
            'median': statistics.median(present), 'p95': present[p95_index],
            'min': present[0], 'max': present[-1], 'mean': statistics.fmean(present),
            'stdev': statistics.stdev(present) if len(present) > 1 else 0.0}


def fmt(stats, unit='', scale=1.0, digits=1):
    if not stats.get('n'):
        return 'no data'
    form = '%%.%df' % digits
    parts = ['median ' + form % (stats['median'] * scale), 'p95 ' + form % (stats['p95'] * scale),
             'min ' + form % (stats['min'] * scale), 'max ' + form % (stats['max'] * scale)]
    return ', '.join(parts) + (' %s' % unit if unit else '') + ' (n=%d%s)' % (
        stats['n'], ', %d missing' % stats['missing'] if stats.get('missing') else '')


def banner(text):
    print('\n=== %s' % text, flush=True)


# ------------------------------------------------------------------ controller

def controller():
    """The harness's controller (started under the Karaf lock, stopped at exit)."""
    import logging
    logging.basicConfig(level=os.environ.get('VMM_LOG_LEVEL', 'INFO'),
                        format='%(asctime)s %(levelname)s %(name)s: %(message)s', stream=sys.stderr)
    return _checked(session.controller())


def fresh_controller():
    """The harness's controller stopped and a new one started from the same distribution (nothing warmed)."""
    return _checked(session.restart_controller())


def _checked(ctl):
    """A started controller, OVS running again and the model checked."""
    ensure_ovs_again()
    model.check_v2(ctl.restconf)
    return ctl


def controller_facts(ctl):
    """Whether this benchmark started the controller (a fresh Karaf) and how long its JVM has run."""
    facts = {'fresh': not ctl.external, 'start_seconds': ctl.start_seconds}
    pid = karaf_pid(ctl)
    facts['jvm_uptime_s'] = process_uptime(pid) if pid else None
    return facts


def process_uptime(pid):
    """Seconds since the process started (/proc/<pid>/stat field 22), None if unknown."""
    try:
        with open('/proc/%d/stat' % pid) as handle:
            fields = handle.read().rsplit(')', 1)[1].split()
        with open('/proc/uptime') as handle:
            uptime = float(handle.read().split()[0])
        return uptime - int(fields[19]) / float(os.sysconf('SC_CLK_TCK'))
    except (OSError, ValueError, IndexError, TypeError):
        return None


def ensure_ovs_again():
    """OVS may have been stopped while we waited for the Karaf lock: another run that had started the daemons
    stops them at its exit (vmm.session memoises ensure_ovs). Start them again if so; they are left running at
    our exit (stopping them from an atexit handler registered now would run before the harness's own network
    and controller teardown)."""
    from vmm import ovs
    if ovs.is_running():
        return
    LOG.warning('OVS is not running any more (stopped by another run while we waited); starting it')
    started = ovs.start()
    LOG.warning('started OVS daemons %s; they stay running', started)


METRICS_URL = 'http://127.0.0.1:9464/metrics'


def metrics_migrations(url=METRICS_URL):
    """{phase: count} of the controller's vmm_migrations gauge (its Prometheus text); raises if unreadable."""
    import urllib.request  # pylint: disable=import-outside-toplevel
    with urllib.request.urlopen(url, timeout=10) as answer:
        text = answer.read().decode('utf-8')
    counts = {}
    for line in text.splitlines():
        match = re.match(r'vmm_migrations\{phase="([a-z]+)"\} ([0-9.eE+]+)$', line.strip())
        if match:
            counts[match.group(1)] = int(float(match.group(2)))
    if not counts:
        raise ValueError('no vmm_migrations gauge at %s' % url)
    return counts


def clear_config(restconf):
    status, body = restconf.delete_root()
    if status not in (200, 204, 404, 409):
        LOG.warning('DELETE vm-mobility: %s %s', status, body)


def migration_phases(restconf):
    """{vm-id: phase} of every migration in the operational view."""
    status, body = restconf.get('/rests/data/vm-mobility:vm-mobility?content=nonconfig&depth=4'
                                '&fields=migration(vm-id;state(phase))')
    if status != 200 or not isinstance(body, dict):
        status, body = restconf.get_operational()
        if status != 200 or not isinstance(body, dict):
            return {}
    root = body.get('vm-mobility:vm-mobility', {})
    return {m.get('vm-id'): (m.get('state') or {}).get('phase') for m in root.get('migration', [])}


def migration_state(restconf, vm_id):
    """A migration's operational state (migration=X/state: phase, reason, flow-count, switch, translation
    counters), {} when absent (e.g. once the migration is removed)."""
    return model.migration_state(restconf, vm_id)


def migration_state_and_address(restconf, vm_id):
    """(phase, address) of a VM's translation, (None, None) when absent. Model v2: read from vm=X/state/translation
    (phase and current-address published together): the operational migration=X entry holds only its state, no
    copy of new-address any more, so the pair cannot come from there."""
    return model.translation(restconf, vm_id)


def karaf_pid(ctl):
    """The Karaf JVM's pid, also for an external controller named by VMM_KARAF_HOME."""
    return ctl.java_pid or ctl._read_pid()  # pylint: disable=protected-access


def _jcmd_path():
    return os.path.join(os.environ.get('JAVA_HOME', '/usr/lib/jvm/temurin-25-jdk-amd64'), 'bin', 'jcmd')


def heap_now(pid, raw=False):
    """{'used_mb', 'committed_mb', 'rss_mb'} now, without a GC (jcmd GC.heap_info: used includes garbage not yet
    collected); what the heap-over-time pictures draw. raw=True keeps jcmd's answer as 'raw'."""
    code, out, err = run_rc([_jcmd_path(), str(pid), 'GC.heap_info'], timeout=60)
    info = {'raw': out.strip() if code == 0 else err.strip()} if raw else {}
    match = re.search(r'total (?:reserved )?(\d+)K, (?:committed (\d+)K, )?used (\d+)K', out) if code == 0 else None
    if match:
        total, committed, used = match.groups()
        info['committed_mb'] = int(committed or total) / 1024.0
        info['used_mb'] = int(used) / 1024.0
    try:
        with open('/proc/%d/status' % pid) as handle:
            for line in handle:
                if line.startswith('VmRSS'):
                    info['rss_mb'] = int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return info


class Profile:
    """A JFR recording of the controller around one phase of a benchmark, when VMM_PROFILE names a directory
    (nothing otherwise): jcmd JFR.start (settings 'profile', and the event settings VMM_PROFILE_EVENTS lists,
    e.g. 'jdk.Compilation#threshold=0ms') at start(), JFR.dump + JFR.stop at stop(), then the flame graph
    (bench/flame.py) drawn next to it. stop() returns the flame report (layers, threads, hottest
    frames) for the result file, or None."""

    def __init__(self, ctl, name):
        self.directory = os.environ.get('VMM_PROFILE')
        self.pid = karaf_pid(ctl) if self.directory else None
        self.name = name
        self.started = False

    def _jcmd(self, *args):
        return run_rc([_jcmd_path(), str(self.pid)] + list(args), timeout=120)

    def start(self):
        if not self.pid:
            return self
        code, out, err = self._jcmd('JFR.start', 'name=vmm-%s' % self.name, 'settings=profile',
                                    *os.environ.get('VMM_PROFILE_EVENTS', '').split())
        self.started = code == 0
        if not self.started:
            print('profile %s not started: %s %s' % (self.name, out.strip(), err.strip()), flush=True)
        return self

    def stop(self, title):
        if not self.started:
            return None
        import flame  # pylint: disable=import-outside-toplevel
        os.makedirs(self.directory, exist_ok=True)
        stamp = time.strftime('%Y%m%d-%H%M%S')
        recording = os.path.abspath(os.path.join(self.directory, '%s-%s.jfr' % (self.name, stamp)))
        self._jcmd('JFR.dump', 'name=vmm-%s' % self.name, 'filename=%s' % recording)
        self._jcmd('JFR.stop', 'name=vmm-%s' % self.name)
        self.started = False
        picture = os.path.join(self.directory, '%s-%s.svg' % (self.name, stamp))
        report = flame.draw(recording, picture, title)
        flame.print_report(report)
        print('profile: %s, flame graph %s' % (recording, picture), flush=True)
        return report


class ThreadCpu:
    """The controller JVM's CPU time over one phase of a benchmark, per thread, summed by thread group (the Java
    thread name with its digits as '#'): exact kernel accounting (/proc/<pid>/task/*/stat, user + system), not
    samples. start() only reads /proc (nothing that would disturb the phase it opens); the Java names come from
    jcmd Thread.print at stop() (the kernel keeps only 15 characters); a thread that ended within the phase is lost
    (its time too) and is counted in 'threads_lost'. stop() may be called again: each answer counts from start().

    stop() returns {'seconds': wall, 'cpu_s': total, 'by_group_s': {group: s}, 'application_s': the threads the
    application owns (named vmmobility-*), 'jit_s': the JIT compilers, 'gc_s': the garbage collector and the VM
    thread, 'threads_lost': n}. The application's code also runs on the platform's threads (an RPC on Jetty's,
    a listener on the datastore's): application_s is the part it certainly costs, not all of it."""

    # prefixes of the groups' names (digits already '#': 'C2 CompilerThread0' is 'C# CompilerThread#')
    GROUPS = (('application_s', ('vmmobility-',)),
              ('jit_s', ('C# CompilerThread',)),
              ('gc_s', ('GC Thread', 'G# ', 'VM Thread')))

    def __init__(self, ctl):
        self.pid = karaf_pid(ctl)
        self.ticks = os.sysconf('SC_CLK_TCK')
        self.names = {}
        self.names_error = None
        self.before = {}
        self.started = None

    def _names(self):
        """Thread names by native id from jcmd Thread.print; a failure is printed and kept in
        self.names_error (the result's 'names_error'), its threads then counted as 'unnamed'."""
        code, out, err = run_rc([_jcmd_path(), str(self.pid), 'Thread.print'], timeout=60)
        if code != 0:
            self.names_error = 'jcmd %d Thread.print failed (%s): %s' % (self.pid, code, (err or out).strip()[:300])
            print('  thread CPU: %s; its threads are counted as "unnamed"' % self.names_error, flush=True)
            return
        for match in re.finditer(r'^"([^"]+)".*?nid=(0x[0-9a-f]+|\d+)', out, re.M):
            nid = match.group(2)
            self.names[int(nid, 16) if nid.startswith('0x') else int(nid)] = match.group(1)

    def _times(self):
        times = {}
        task = '/proc/%d/task' % self.pid
        for tid in os.listdir(task):
            try:
                with open('%s/%s/stat' % (task, tid)) as handle:
                    stat = handle.read()
            except OSError:
                continue
            fields = stat[stat.rindex(')') + 2:].split()
            times[int(tid)] = (int(fields[11]) + int(fields[12])) / float(self.ticks)
        return times

    def start(self):
        self.before = self._times()
        self.started = time.time()
        return self

    def stop(self):
        after = self._times()
        seconds = time.time() - self.started
        if any(tid not in self.names for tid in after):
            self._names()
        by_group = {}
        for tid, total in after.items():
            group = re.sub(r'\d+', '#', self.names.get(tid, 'unnamed'))
            by_group[group] = by_group.get(group, 0.0) + total - self.before.get(tid, 0.0)
        by_group = {group: round(value, 2) for group, value in sorted(by_group.items(), key=lambda item: -item[1])
                    if value > 0}
        result = {'seconds': seconds, 'cpu_s': round(sum(by_group.values()), 2), 'by_group_s': by_group,
                  'threads_lost': len([tid for tid in self.before if tid not in after])}
        if self.names_error:
            result['names_error'] = self.names_error
        for key, prefixes in self.GROUPS:
            result[key] = round(sum(value for group, value in by_group.items() if group.startswith(prefixes)), 2)
        return result


def thread_cpu_line(cpu, per=None, unit='request'):
    """One line for a console log: the JVM's CPU over a phase, its main parts, per request if `per` is given."""
    if not cpu:
        return 'no CPU accounting'
    scale = (1000.0 / per, 'ms per %s' % unit) if per else (1000.0, 'ms')
    top = ', '.join('%s %.1f' % (group, value * scale[0]) for group, value in list(cpu['by_group_s'].items())[:6])
    return ('JVM CPU %.1f %s over %.1f s (of it: application threads %.1f, JIT %.1f, GC %.1f; by thread group: %s)'
            % (cpu['cpu_s'] * scale[0], scale[1], cpu['seconds'], cpu['application_s'] * scale[0],
               cpu['jit_s'] * scale[0], cpu['gc_s'] * scale[0], top))


FULL_GC = re.compile(r'Pause Full \(Heap Inspection Initiated GC\) (\d+)([KMG])->(\d+)([KMG])\((\d+)([KMG])\)')
UNIT_MB = {'K': 1 / 1024.0, 'M': 1.0, 'G': 1024.0}


def full_gc_occupancy(log_text):
    """(before_mb, after_mb) of the last heap-inspection full GC in a unified GC log (gc=info), None if none."""
    found = FULL_GC.findall(log_text)
    if not found:
        return None
    before, before_unit, after, after_unit, _total, _total_unit = found[-1]
    return int(before) * UNIT_MB[before_unit], int(after) * UNIT_MB[after_unit]


def java_heap(pid):
    """Heap after a full GC (GC.class_histogram forces one; -XX:+DisableExplicitGC blocks GC.run). Two readings:
    'after_full_gc_mb', the heap the full GC itself left (its line in the GC log, switched on for it with jcmd
    VM.log), and 'used_mb', jcmd GC.heap_info once the histogram is printed, which adds what the controller
    allocated meanwhile (the histogram of a million VMs takes seconds; up to ~240 MB of new young regions seen).
    Returns {'after_full_gc_mb', 'used_mb', 'committed_mb', 'rss_mb', 'raw', 'class_histogram_top': [...]}."""
    import tempfile  # pylint: disable=import-outside-toplevel
    handle, gc_log = tempfile.mkstemp(prefix='vmm-gc-', suffix='.log')
    os.close(handle)
    os.chmod(gc_log, 0o666)
    code, _out, err = run_rc([_jcmd_path(), str(pid), 'VM.log', 'output=file=%s' % gc_log, 'what=gc=info'],
                             timeout=60)
    logging_on = code == 0
    if not logging_on:
        print('  heap: jcmd VM.log failed (%s): no reading of what the full GC left, only the heap after the '
              'histogram' % (err.strip() or 'exit %d' % code), flush=True)
    _code, histogram, _err = run_rc([_jcmd_path(), str(pid), 'GC.class_histogram'], timeout=300)
    info = heap_now(pid, raw=True)
    if logging_on:
        run_rc([_jcmd_path(), str(pid), 'VM.log', 'output=file=%s' % gc_log, 'what=disable'], timeout=60)
    try:
        with open(gc_log) as log:
            occupancy = full_gc_occupancy(log.read())
    finally:
        os.unlink(gc_log)
    if occupancy:
        info['full_gc_before_mb'], info['after_full_gc_mb'] = occupancy
    elif logging_on:
        print('  heap: no full GC line in the GC log of the histogram: only the heap after the histogram',
              flush=True)
    # the 30 classes with the most bytes live after that GC, and the total line: where the heap goes
    lines = [line.rstrip() for line in histogram.splitlines() if line.strip()]
    info['class_histogram_top'] = lines[:33] + [line for line in lines[-1:] if line.lstrip().startswith('Total')]
    total = next((line.split() for line in lines[-1:] if line.lstrip().startswith('Total')), None)
    if total and len(total) >= 3 and total[2].isdigit():
        info['histogram_total_mb'] = int(total[2]) / 1048576.0
    return info


# ------------------------------------------------------------------ bare OVS bridges

class Bridges:
    """OVS bridges without Mininet hosts (userspace datapath, OpenFlow13, fail-mode secure), connected to the
    local controller; members may be registered on them with any port numbers (OVS accepts in_port matches
    for absent ports). Removed by name at stop() and at exit."""

    def __init__(self, dpids, controller='tcp:127.0.0.1:6653'):
        self.dpids = list(dpids)
        self.controller = controller
        self.created = []
        atexit.register(self.stop)

    @staticmethod
    def name(dpid):
        return '%sb%d' % (BRIDGE_PREFIX, dpid)

    @staticmethod
    def node_id(dpid):
        return 'openflow:%d' % dpid

    def start(self):
        session.ensure_ovs()
        for dpid in self.dpids:
            name = self.name(dpid)
            run_rc(['ovs-vsctl', '--if-exists', 'del-br', name], timeout=20)
            code, out, err = run_rc(
                ['ovs-vsctl', 'add-br', name, '--', 'set', 'bridge', name, 'datapath_type=netdev',
                 'protocols=OpenFlow13', 'fail_mode=secure',
                 'other-config:datapath-id=%016x' % dpid, '--', 'set-controller', name, self.controller],
                timeout=30)
            if code != 0:
                raise RuntimeError('add-br %s: %s %s' % (name, out, err))
            self.created.append(name)

    def wait_connected(self, restconf, timeout=90):
        ids = {self.node_id(d) for d in self.dpids}
        wait_until(lambda: ids <= restconf.inventory_node_ids(), timeout, interval=0.5,
                   what='bridges %s in the operational inventory' % sorted(ids))

    def stop(self):
        for name in list(self.created):
            run_rc(['ovs-vsctl', '--if-exists', 'del-br', name], timeout=30)
            self.created.remove(name)


def flow_count(bridge):
    """Number of flows on a bridge (ovs-ofctl dump-aggregate), None if it cannot be read."""
    code, out, _ = run_rc(OFCTL + ['dump-aggregate', bridge], timeout=30)
    match = re.search(r'flow_count=(\d+)', out) if code == 0 else None
    return int(match.group(1)) if match else None


def bridge_flow_counts(dpids):
    """{node id: flows on the bare bridge (Bridges.name(dpid))} for these dpids; a count is None when unreadable."""
    return {Bridges.node_id(d): flow_count(Bridges.name(d)) for d in dpids}


def wait_stable(sample, seconds, timeout=120, interval=0.25, what='values to settle'):
    """Poll sample() until its value stays unchanged for `seconds`; returns that value. Raises the harness's
    TimeoutExpired (an AssertionError) naming `what` and the last value after `timeout` seconds."""
    last = {'value': None, 'since': time.monotonic()}

    def stable():
        now = sample()
        if now != last['value']:
            last['value'], last['since'] = now, time.monotonic()
            return False
        return time.monotonic() - last['since'] >= seconds
    wait_until(stable, timeout, interval=interval, what=what, describe=lambda _: last['value'])
    return last['value']


def settle_flow_counts(dpids, seconds=1.5, timeout=120):
    """Wait until the flow counts of these bare bridges stay unchanged for `seconds` (the application and FRM
    have finished writing); returns them as bridge_flow_counts does."""
    return wait_stable(lambda: bridge_flow_counts(dpids), seconds, timeout, what='flow counts to settle')


def flow_lines(bridge):
    """The flows on a bridge without statistics (a set of normalised lines), None on error."""
    code, out, _ = run_rc(OFCTL + ['dump-flows', '--no-stats', bridge], timeout=30)
    if code != 0:
        return None
    return {line.strip() for line in out.splitlines() if 'actions=' in line}


def config_flow_counts(restconf, node_ids):
    """Flows per switch in the controller's config inventory (what FRM is to push)."""
    counts = {}
    for node in node_ids:
        counts[node] = sum(len(f) for f in restconf.config_flows(node).values())
    return counts


class Poller(threading.Thread):
    """Calls sample() every `interval` s in a thread and keeps (monotonic time, value) pairs."""

    def __init__(self, sample, interval=0.005):
        super().__init__(daemon=True)
        self.sample = sample
        self.interval = interval
        self.samples = []
        self._stop_event = threading.Event()

    def run(self):
        while not self._stop_event.is_set():
            began = time.monotonic()
            try:
                value = self.sample()
            except Exception as exc:  # pylint: disable=broad-except
                value = exc
            self.samples.append((began, time.monotonic(), value))
            self._stop_event.wait(max(0.0, self.interval - (time.monotonic() - began)))

    def stop(self):
        self._stop_event.set()
        self.join(30)
        return self.samples


# ------------------------------------------------------------------ the alternative: flow by flow

def flow_path(node_id, table, flow_id):
    return ('/rests/data/opendaylight-inventory:nodes/node=%s/flow-node-inventory:table=%d/flow=%s'
            % (quote_key(node_id), table, quote_key(flow_id)))


def pair_flows(peer, migrated, next_hop_mac, priority=2000, table=0, node_id=None):
    """The three flows an admin pushes for one (peer P, migrated M) pair at P's edge switch, with the
    application's rewrite semantics: P -> M's home address rewritten to M's current address (and next hop
    MAC); M's replies from its current address to P rewritten back to the home address; P's ARP request for
    the home address answered by the switch. One OpenFlow set_field per action, output NORMAL / IN_PORT, as the
    application's own flows (impl/.../flows/FlowConverter.java).

    peer: dict(vm, ip, mac, port); migrated: dict(vm, home, current); node_id: P's switch (for in-port).
    Returns [(flow_id, flow json)]."""
    pid = '%s-%s' % (peer['vm'], migrated['vm'])
    in_port = '%s:%s' % (node_id, peer['port']) if node_id else str(peer['port'])
    flows = []

    def flow(kind, match, actions):
        fid = 'alt-%s-%s' % (kind, pid)
        instructions = {'instruction': [{'order': 0, 'apply-actions': {'action': [
            dict({'order': index}, **action) for index, action in enumerate(actions)]}}]}
        flows.append((fid, {'id': fid, 'table_id': table, 'priority': priority,
                            'flow-name': fid, 'match': match, 'instructions': instructions}))

    def set_field(field):
        return {'set-field': field}

    def output(port):
        return {'output-action': {'output-node-connector': port, 'max-length': 0}}

    flow('dst', {'in-port': in_port, 'ethernet-match': {'ethernet-type': {'type': 2048}},
                 'ipv4-source': peer['ip'] + '/32', 'ipv4-destination': migrated['home'] + '/32'},
         [set_field({'ipv4-destination': migrated['current'] + '/32'}),
          set_field({'ethernet-match': {'ethernet-destination': {'address': next_hop_mac}}}),
          output('NORMAL')])
    flow('src', {'ethernet-match': {'ethernet-type': {'type': 2048}},
                 'ipv4-source': migrated['current'] + '/32', 'ipv4-destination': peer['ip'] + '/32'},
         [set_field({'ipv4-source': migrated['home'] + '/32'}), output('NORMAL')])
    flow('arp', {'in-port': in_port, 'ethernet-match': {'ethernet-type': {'type': 2054}},
                 'arp-op': 1, 'arp-source-transport-address': peer['ip'] + '/32',
                 'arp-target-transport-address': migrated['home'] + '/32'},
         [set_field({'ethernet-match': {'ethernet-source': {'address': next_hop_mac}}}),
          set_field({'ethernet-match': {'ethernet-destination': {'address': peer['mac']}}}),
          set_field({'arp-op': 2}),
          set_field({'arp-source-hardware-address': {'address': next_hop_mac}}),
          set_field({'arp-source-transport-address': migrated['home'] + '/32'}),
          set_field({'arp-target-hardware-address': {'address': peer['mac']}}),
          set_field({'arp-target-transport-address': peer['ip'] + '/32'}),
          output('IN_PORT')])
    return flows


def push_flows(restconf, node_id, flows, table=0):
    """PUT each flow on its own, in order, as an admin's script would; returns (seconds, failures)."""
    began = time.monotonic()
    failures = []
    for fid, body in flows:
        status, reply = restconf.put(flow_path(node_id, table, fid), {'flow-node-inventory:flow': [body]})
        if status not in (200, 201, 204):
            failures.append((fid, status, str(reply)[:300]))
    return time.monotonic() - began, failures


def push_ordered(restconf, ordered, table=0, progress_every=0):
    """PUT [(node_id, flow_id, flow)] one by one in order; returns (seconds, failures)."""
    began = time.monotonic()
    failures = []
    for index, (node, fid, body) in enumerate(ordered, start=1):
        status, reply = restconf.put(flow_path(node, table, fid), {'flow-node-inventory:flow': [body]})
        if status not in (200, 201, 204):
            failures.append((fid, status, str(reply)[:300]))
        if progress_every and index % progress_every == 0:
            print('  %d/%d flows PUT in %.1f s' % (index, len(ordered), time.monotonic() - began), flush=True)
    return time.monotonic() - began, failures


def delete_alt_flows(restconf, node_ids, table=0):
    """Remove the alternative's flows (ids alt-*) from the config inventory of these switches."""
    for node in node_ids:
        for tbl, flows in restconf.config_flows(node).items():
            for flow in flows:
                if str(flow.get('id', '')).startswith('alt-'):
                    restconf.delete(flow_path(node, tbl, flow['id']))


def drop_alt_leftovers(restconf, node_ids, table=0):
    """Fast cleanup of the alternative's flows: DELETE table 0 of a switch's config inventory when it holds any
    alt-* flow (one request instead of one per flow), then PUT an empty table 0 back. The application's own
    table-0 miss flow of that switch goes too (it does not rewrite it until its plan for that switch changes):
    use only on the benchmarks' bare bridges. The empty table must come back: without it the application's
    later delete of that miss flow fails (ModifiedNodeDoesNotExistException); with model v1, whose whole plan was
    one transaction, its reconciler then retried that failing write every second and applied nothing else
    (finding F5 in BENCHMARKS.md, "Earlier measurements")."""
    dropped = []
    for node in node_ids:
        flows = restconf.config_flows(node).get(table, [])
        if any(str(f.get('id', '')).startswith('alt-') for f in flows):
            delete_table(restconf, node, table)
            restconf.put('/rests/data/opendaylight-inventory:nodes/node=%s/flow-node-inventory:table=%d'
                         % (quote_key(node), table), {'flow-node-inventory:table': [{'id': table}]})
            dropped.append(node)
    return dropped


def delete_table(restconf, node_id, table=0):
    """DELETE one whole table of the config inventory (fast removal of many alternative flows)."""
    return restconf.delete('/rests/data/opendaylight-inventory:nodes/node=%s/flow-node-inventory:table=%d'
                           % (quote_key(node_id), table))
