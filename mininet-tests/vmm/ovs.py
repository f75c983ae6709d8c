"""Open vSwitch for the tests: packages present, ovsdb-server and ovs-vswitchd running.

The machine has no openvswitch kernel module, so only the userspace datapath (datapath_type=netdev)
is used. There is no systemd: the daemons are started with ovs-ctl and stopped through the pids
in their pid files. We stop only the daemons this process started.

Command line (used by run.sh): /usr/bin/python3 -m vmm.ovs {install|start|stop|status}
  start prints 'started' or 'already-running'; stop only stops daemons whose pid is recorded in
  the state file written by start.
"""

import os
import shutil
import sys
import time

from vmm.util import LOG, pid_alive, run, run_rc, wait_until

PACKAGES = ['openvswitch-switch', 'mininet', 'iperf3', 'iputils-ping', 'netcat-openbsd',
            'tcpdump', 'ethtool', 'iptables', 'ndisc6']
# One binary (or module) per package, to decide whether it is installed.
PACKAGE_PROBES = {
    'openvswitch-switch': '/usr/sbin/ovs-vswitchd',
    'mininet': '/usr/lib/python3/dist-packages/mininet/net.py',
    'iperf3': '/usr/bin/iperf3',
    'iputils-ping': '/usr/bin/ping',
    'netcat-openbsd': '/usr/bin/nc.openbsd',
    'tcpdump': '/usr/bin/tcpdump',
    'ethtool': '/usr/sbin/ethtool',
    'iptables': '/usr/sbin/ip6tables',    # the IPv6 router's reverse-path filter (test_dual_stack)
    'ndisc6': '/usr/bin/ndisc6',          # Neighbor Solicitations from a chosen source (test_dual_stack)
}
OVS_CTL = '/usr/share/openvswitch/scripts/ovs-ctl'
RUN_DIR = '/var/run/openvswitch'
DAEMONS = ('ovsdb-server', 'ovs-vswitchd')
STATE_FILE = '/tmp/vmm-ovs-started'


def missing_packages():
    """Packages of PACKAGES that are not installed."""
    return [pkg for pkg, probe in PACKAGE_PROBES.items() if not os.path.exists(probe)]


def ensure_packages():
    """Install the Debian packages the suite needs, when any is missing."""
    missing = missing_packages()
    if not missing:
        return []
    LOG.info('installing Debian packages: %s', ' '.join(PACKAGES))
    env = dict(os.environ, DEBIAN_FRONTEND='noninteractive')
    run('apt-get update', timeout=600, env=env)
    run(['apt-get', 'install', '-y'] + PACKAGES, timeout=900, env=env)
    still = missing_packages()
    if still:
        raise RuntimeError('packages still missing after apt-get install: %s' % still)
    return missing


def daemon_pid(name):
    """The pid of a running OVS daemon according to its pid file, or None."""
    try:
        with open(os.path.join(RUN_DIR, name + '.pid')) as handle:
            pid = int(handle.read().strip())
    except (OSError, ValueError):
        return None
    return pid if pid_alive(pid) else None


def is_running():
    """Are both OVS daemons running and does ovsdb answer?"""
    if not all(daemon_pid(name) for name in DAEMONS):
        return False
    return run_rc(['ovs-vsctl', '-t', '5', 'show'], timeout=10)[0] == 0


def start():
    """Start whichever OVS daemon is not running. Returns {daemon: pid} of those we started."""
    started = {}
    if not daemon_pid('ovsdb-server'):
        run([OVS_CTL, '--no-ovs-vswitchd', '--system-id=random', 'start'], timeout=60)
        started['ovsdb-server'] = wait_until(lambda: daemon_pid('ovsdb-server'), 20,
                                             what='ovsdb-server pid file')
    if not daemon_pid('ovs-vswitchd'):
        run([OVS_CTL, '--no-ovsdb-server', '--no-mlockall', 'start'], timeout=60)
        started['ovs-vswitchd'] = wait_until(lambda: daemon_pid('ovs-vswitchd'), 20,
                                             what='ovs-vswitchd pid file')
    wait_until(lambda: run_rc(['ovs-vsctl', '-t', '5', 'show'], timeout=10)[0] == 0, 20,
               what='ovsdb to answer ovs-vsctl show')
    if started:
        LOG.info('started OVS daemons %s', started)
    return started


def stop(started):
    """Stop exactly the daemons in `started` ({name: pid}), vswitchd first."""
    for name in ('ovs-vswitchd', 'ovsdb-server'):
        pid = started.get(name)
        if not pid or not pid_alive(pid):
            continue
        ctl = os.path.join(RUN_DIR, '%s.%d.ctl' % (name, pid))
        run_rc(['ovs-appctl', '-t', ctl, 'exit'], timeout=20)
        try:
            wait_until(lambda p=pid: not pid_alive(p), 10, what='%s %d to exit' % (name, pid))
        except AssertionError:
            LOG.warning('%s %d did not exit; sending SIGTERM', name, pid)
            try:
                os.kill(pid, 15)
            except OSError:
                pass
            time.sleep(1)


def _save_state(started):
    with open(STATE_FILE, 'w') as handle:
        for name, pid in started.items():
            handle.write('%s %d\n' % (name, pid))


def _load_state():
    started = {}
    try:
        with open(STATE_FILE) as handle:
            for line in handle:
                name, pid = line.split()
                started[name] = int(pid)
    except (OSError, ValueError):
        pass
    return started


def main(argv):
    """CLI for run.sh."""
    import logging
    logging.basicConfig(level=logging.INFO, format='%(asctime)s %(levelname)s %(message)s')
    command = argv[1] if len(argv) > 1 else 'status'
    if command == 'install':
        installed = ensure_packages()
        print('installed %s' % ' '.join(installed) if installed else 'present')
    elif command == 'start':
        if shutil.which('ovs-vsctl') is None:
            ensure_packages()
        started = start()
        if started:
            _save_state(started)
            print('started')
        else:
            print('already-running')
    elif command == 'stop':
        started = _load_state()
        stop(started)
        if os.path.exists(STATE_FILE):
            os.unlink(STATE_FILE)
        print('stopped %s' % (' '.join(sorted(started)) or 'nothing'))
    else:
        print('running' if is_running() else 'not running')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
