"""Three controllers in one OpenDaylight cluster, run by scripts/start-cluster.sh (local mode).

Node N runs in network namespace vmmcN at ADDRESSES[N-1] (a bridge vmmcbr in the root namespace
holds .254), with its installation in a private temp dir (VMM_CLUSTER_DIR). The harness kills
nodes with SIGKILL by the pid the node wrote (karaf.pid) and starts them again with the script;
stop() ends every node and removes the namespaces and the bridge; the nodes' logs are kept in
VMM_LOG_DIR.

  Cluster.start()           boot all three (the script waits for RESTCONF 200 on each)
  cluster.kill(n)           kill -9 node n; cluster.restart(n) starts it again (same data)
  cluster.engine_node()     the node that runs the engine (operational vm-mobility/engine)
  cluster.owner_of(bridge)  the node an OVS bridge has as master (ovs-vsctl's controller role)
  cluster.restconf          a client of a live node (the first alive)
"""

import os
import re
import shutil
import signal
import subprocess
import tempfile
import time

from vmm.restconf import RestconfClient
from vmm.util import LOG, pid_alive, run_rc, tail, wait_until

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SCRIPT = os.path.join(REPO, 'scripts', 'start-cluster.sh')
ADDRESSES = ('172.31.255.1', '172.31.255.2', '172.31.255.3')
APP_CONFIG = 'install-default-forwarding=true'


class ClusterError(RuntimeError):
    """The cluster could not be started."""


class Cluster:
    """The three nodes; `alive` is the set of node numbers the harness has not killed."""

    external = False

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix='vmm-cluster-')
        self.env = dict(os.environ, VMM_CLUSTER_DIR=self.dir, VMM_CLUSTER_APP_CONFIG=APP_CONFIG)
        self.clients = {n: RestconfClient('http://%s:8181' % ADDRESSES[n - 1], timeout=15)
                        for n in (1, 2, 3)}
        self.alive = set()
        self.boot_seconds = None

    # ---- lifecycle ----

    def _script(self, *args, timeout=900):
        began = time.monotonic()
        proc = subprocess.run([SCRIPT] + list(args), env=self.env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, universal_newlines=True, timeout=timeout,
                              check=False)
        LOG.info('start-cluster.sh %s: exit %d after %.1fs\n%s', ' '.join(args), proc.returncode,
                 time.monotonic() - began, proc.stdout.strip())
        return proc.returncode, proc.stdout

    def start(self):
        began = time.monotonic()
        code, out = self._script('--no-build', *ADDRESSES)
        if code != 0:
            self.stop()
            raise ClusterError('start-cluster.sh failed (%d):\n%s' % (code, out))
        self.boot_seconds = time.monotonic() - began
        self.alive = {1, 2, 3}

    def stop(self):
        self._script('--stop', timeout=300)
        self.alive = set()
        log_dir = os.environ.get('VMM_LOG_DIR', '/tmp/vmm-test-logs')
        os.makedirs(log_dir, exist_ok=True)
        stamp = time.strftime('%Y%m%d-%H%M%S')
        for n in (1, 2, 3):
            log = self.node_log(n)
            if os.path.exists(log):
                shutil.copyfile(log, os.path.join(log_dir, 'cluster-%s-member-%d.log' % (stamp, n)))
        shutil.rmtree(self.dir, ignore_errors=True)

    def pid(self, n):
        try:
            with open(os.path.join(self.dir, 'member-%d' % n, 'karaf.pid')) as handle:
                pid = int(handle.read().strip())
        except (OSError, ValueError):
            return None
        return pid if pid_alive(pid) else None

    def kill(self, n):
        """kill -9 node n; returns the time.time() of the kill."""
        pid = self.pid(n)
        if pid is None:
            raise ClusterError('member-%d is not running' % n)
        killed_at = time.time()
        os.kill(pid, signal.SIGKILL)
        self.alive.discard(n)
        wait_until(lambda: not pid_alive(pid), 10, interval=0.1, what='member-%d to die' % n)
        return killed_at

    def restart(self, n):
        """Start node n again on its data; returns the seconds until its RESTCONF answered."""
        began = time.monotonic()
        code, out = self._script('--restart-node', str(n), timeout=600)
        if code != 0:
            raise ClusterError('restarting member-%d failed (%d):\n%s' % (n, code, out))
        self.alive.add(n)
        return time.monotonic() - began

    # ---- views ----

    @property
    def restconf(self):
        return self.clients[min(self.alive)] if self.alive else self.clients[1]

    def client(self, n):
        return self.clients[n]

    def survivor(self, besides):
        """A live node other than `besides`."""
        return min(n for n in self.alive if n != besides)

    def engine_node(self, via=None):
        """The node number the operational vm-mobility/engine names, or None."""
        client = self.clients[via] if via else self.restconf
        status, body = client.get('/rests/data/vm-mobility:vm-mobility/engine?content=nonconfig')
        if status != 200 or not isinstance(body, dict):
            return None
        engine = body.get('vm-mobility:engine', {})
        node = engine.get('node', '') if isinstance(engine, dict) else ''
        return int(node.rsplit('-', 1)[1]) if node.startswith('member-') else None

    @staticmethod
    def owner_of(bridge):
        """The node an OVS bridge's master connection goes to, or None."""
        code, out, _err = run_rc(['ovs-vsctl', '--format=csv', '--data=bare', '--no-headings',
                                  '--columns=target,role,is_connected', 'list', 'controller'],
                                 timeout=10)
        if code != 0:
            return None
        targets = set()
        code, listed, _ = run_rc(['ovs-vsctl', 'get-controller', bridge], timeout=10)
        if code == 0:
            targets = set(listed.split())
        for line in out.splitlines():
            parts = line.split(',')
            if len(parts) == 3 and parts[0] in targets and parts[1] == 'master' \
                    and parts[2] == 'true':
                address = parts[0].split(':')[1]
                if address in ADDRESSES:
                    return ADDRESSES.index(address) + 1
        return None

    def shard_leader(self, shard='default-config'):
        """The live node whose log last reports becoming leader of a shard (RAFT role changes are
        logged by every node for its own replica), or None."""
        pattern = re.compile(r'^(\S+) .*member-(\d)-shard-%s \(\w+\) :- Switching from behavior '
                             r'\w+ to (\w+)' % re.escape(shard))
        latest = {}
        for n in self.alive:
            try:
                with open(self.node_log(n), 'rb') as handle:
                    for raw in handle:
                        if b'Switching from behavior' not in raw:
                            continue
                        match = pattern.match(raw.decode('utf-8', 'replace'))
                        if match and int(match.group(2)) == n:
                            latest[n] = (match.group(1), match.group(3))
            except OSError:
                continue
        leaders = sorted((stamp, n) for n, (stamp, role) in latest.items() if role == 'Leader')
        return leaders[-1][1] if leaders else None

    def rss_mb(self, n):
        pid = self.pid(n)
        if pid is None:
            return None
        try:
            with open('/proc/%d/status' % pid) as handle:
                for line in handle:
                    if line.startswith('VmRSS:'):
                        return int(line.split()[1]) / 1024.0
        except OSError:
            return None
        return None

    def node_log(self, n):
        return os.path.join(self.dir, 'member-%d' % n, 'data', 'log', 'karaf.log')

    @property
    def log_path(self):
        return os.path.join(self.dir, 'member-*', 'data', 'log', 'karaf.log')

    def log_tail(self, lines=60):
        out = []
        for n in (1, 2, 3):
            out.append('--- member-%d (%s):\n%s' % (n, 'alive' if n in self.alive else 'down',
                                                  tail(self.node_log(n), lines // 3) or '(empty)'))
        return '\n'.join(out)

    def log_count(self, text):
        """How many lines of the three nodes' logs contain text."""
        count = 0
        for n in (1, 2, 3):
            try:
                with open(self.node_log(n), 'rb') as handle:
                    count += sum(1 for line in handle if text.encode() in line)
            except OSError:
                continue
        return count
