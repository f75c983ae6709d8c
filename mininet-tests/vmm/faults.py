"""Faults the resilience tests inject, and the measurements they take.

Everything here acts only on what the test run owns: the Karaf installation the shared
controller (vmm.session) extracted, and the Mininet bridges (vmm-*) of the test's network.
No OVS daemon is ever restarted (other developers' bridges live in the same ovs-vswitchd): an
"OVS restart that wipes the flows" is simulated per bridge by disconnecting it, deleting all its
flows and reconnecting it, which is what a switch reboot looks like to the controller.

  restart_controller(ctl)       bin/stop, wait for the JVM to exit, bin/start, wait for RESTCONF;
                                the installation (and so the persisted datastore:
                                segmented-journal/, snapshots/) is kept and /tmp/vmm-karaf.lock
                                stays held throughout.
  stop_controller / start_controller   the two halves, for tests that act while it is down.
  disconnect_switch / reconnect_switch  point one bridge at a dead controller target (flows kept)
                                / back at ours; remove_controller: del-controller (OVS then
                                flushes the bridge's flows).
  wipe_flows(net, switch)       ovs-ofctl -O OpenFlow13 del-flows on one bridge.
  controller_connections(net, switch)  the bridge's controller connections as OVS reports them
                                (connected or not, seconds since the connection was made).
  heap_used_kib(ctl)            the controller JVM's used heap (jcmd GC.heap_info), after a GC.
"""

import os
import re
import time

from vmm.util import LOG, run_rc, wait_until

OFCTL = ['ovs-ofctl', '-O', 'OpenFlow13']


# ---------------------------------------------------------------- controller

def _require_local(ctl):
    if ctl.external or not ctl.home or not ctl.started:
        raise RuntimeError('fault injection on the controller needs a local Karaf started by '
                           'the harness (not VMM_CONTROLLER_URL)')


def stop_controller(ctl, timeout=90):
    """bin/stop on the kept installation, wait for the JVM to exit (signals after a bound) and
    for the ports to be released. Returns the seconds it took."""
    _require_local(ctl)
    began = time.monotonic()
    ctl.stop_jvm(timeout)
    # The ports must be free before a new Karaf binds them.
    from vmm.controller import PORTS, port_listening
    wait_until(lambda: not [p for p in PORTS if port_listening(p)], 30, interval=0.25,
               what='ports %s to be released' % (PORTS,))
    return time.monotonic() - began


def start_controller(ctl, timeout=180):
    """bin/start on the kept installation and wait for RESTCONF 200 and port 6653 (a hung boot
    is diagnosed and retried once, see Controller.boot). Returns the seconds it took."""
    _require_local(ctl)
    ctl.boot(timeout)
    return ctl.start_seconds


def restart_controller(ctl):
    """Stop and start the controller on the same installation; returns (stop_s, start_s)."""
    return stop_controller(ctl), start_controller(ctl)


def heap_used_kib(ctl, gc=True):
    """Used heap of the Karaf JVM in KiB (jcmd <pid> GC.heap_info), after a full GC when gc.
    None when it cannot be read."""
    if ctl.external or not ctl.started:
        return None
    pid = ctl._read_pid() or ctl.java_pid  # pylint: disable=protected-access
    if not pid:
        return None
    jcmd = os.path.join(ctl.env()['JAVA_HOME'], 'bin', 'jcmd')
    if gc:
        run_rc([jcmd, str(pid), 'GC.run'], timeout=60)
    code, out, err = run_rc([jcmd, str(pid), 'GC.heap_info'], timeout=60)
    if code != 0:
        LOG.warning('jcmd GC.heap_info failed: %s %s', out, err)
        return None
    # G1: " garbage-first heap   total 262144K, used 123456K [...]"
    match = re.search(r'heap\s+total\s+(?:reserved\s+)?\d+K,\s+(?:committed\s+\d+K,\s+)?used\s+'
                      r'(\d+)K', out)
    if not match:
        match = re.search(r'used\s+(\d+)K', out)
    return int(match.group(1)) if match else None


# ---------------------------------------------------------------- switches

def bridge(net, switch):
    return net.node_name(switch)


def controller_targets(net):
    return ['tcp:%s:%d' % (ip, net.controller_port) for ip in net.controller_ips]


# Where a "disconnected" bridge points: nothing listens on the discard port of 127.0.0.1.
DEAD_CONTROLLER = 'tcp:127.0.0.1:9'


def disconnect_switch(net, switch):
    """Cut the bridge from the controller but keep its flows (fail-mode secure).

    Not `del-controller`: OVS flushes a bridge's flow table whenever it goes from having
    controllers to having none (connmgr_set_controllers), so del-controller is a wipe. The
    bridge is pointed at a target where nothing listens instead."""
    code, out, err = run_rc(['ovs-vsctl', 'set-controller', bridge(net, switch),
                             DEAD_CONTROLLER], timeout=20)
    if code != 0:
        raise RuntimeError('set-controller %s %s: %s %s' % (switch, DEAD_CONTROLLER, out, err))


def remove_controller(net, switch):
    """ovs-vsctl del-controller: the switch loses its controller AND (OVS) all its flows."""
    code, out, err = run_rc(['ovs-vsctl', 'del-controller', bridge(net, switch)], timeout=20)
    if code != 0:
        raise RuntimeError('del-controller %s: %s %s' % (switch, out, err))


def reconnect_switch(net, switch):
    code, out, err = run_rc(['ovs-vsctl', 'set-controller', bridge(net, switch)]
                            + controller_targets(net), timeout=20)
    if code != 0:
        raise RuntimeError('set-controller %s: %s %s' % (switch, out, err))


def wipe_flows(net, switch):
    """Delete every flow of the bridge (what an OVS restart without a saved flow table does)."""
    code, out, err = run_rc(OFCTL + ['del-flows', bridge(net, switch)], timeout=20)
    if code != 0:
        raise RuntimeError('del-flows %s: %s %s' % (switch, out, err))


def add_stray_flow(net, switch, spec):
    """Add a flow straight to the bridge, behind the controller's back (what a deletion the
    controller never sent leaves on a switch)."""
    code, out, err = run_rc(OFCTL + ['add-flow', bridge(net, switch), spec], timeout=20)
    if code != 0:
        raise RuntimeError('add-flow %s %s: %s %s' % (switch, spec, out, err))


def controller_connections(net, switch):
    """The bridge's controller records as OVS reports them: [{'target': 'tcp:...',
    'connected': bool, 'sec_since_connect': int or None}] (sec_since_connect counts from the
    moment the current connection was made: it restarts at every reconnect)."""
    import json
    code, out, err = run_rc(['ovs-vsctl', '--bare', 'get', 'Bridge', bridge(net, switch),
                             'controller'], timeout=20)
    if code != 0:
        raise RuntimeError('get controller of %s: %s %s' % (switch, out, err))
    records = []
    for uuid in out.replace('[', ' ').replace(']', ' ').replace(',', ' ').split():
        code, out, err = run_rc(['ovs-vsctl', '--format=json',
                                 '--columns=target,is_connected,status', 'list', 'Controller',
                                 uuid], timeout=20)
        if code != 0:
            raise RuntimeError('list Controller %s: %s %s' % (uuid, out, err))
        for target, connected, status in json.loads(out)['data']:
            status = dict(status[1]) if isinstance(status, list) and status[0] == 'map' else {}
            since = status.get('sec_since_connect')
            records.append({'target': target, 'connected': connected is True,
                            'sec_since_connect': int(since) if connected is True and since
                            else None})
    return records


def wait_switch_absent(restconf, node_id, timeout=30):
    wait_until(lambda: node_id not in restconf.inventory_node_ids(), timeout, interval=0.25,
               what='%s to leave the operational inventory' % node_id)


def wait_switch_present(restconf, node_id, timeout=60):
    wait_until(lambda: node_id in restconf.inventory_node_ids(), timeout, interval=0.25,
               what='%s to be in the operational inventory' % node_id)


# ---------------------------------------------------------------- flow comparison

def config_flow_keys(restconf, node_id, only_ours=True):
    """Multiset (sorted list) of (table, priority, cookie hex) of the flows the config inventory
    holds for a switch (our flows: ids 'vmm-...')."""
    keys = []
    for table, flows in restconf.config_flows(node_id).items():
        for flow in flows:
            if only_ours and not str(flow.get('id', '')).startswith('vmm-'):
                continue
            keys.append((int(flow.get('table_id', table)), int(flow.get('priority', 32768)),
                         '0x%x' % int(flow.get('cookie', 0))))
    return sorted(keys)


def switch_flow_keys(net, switch):
    """Multiset (sorted list) of (table, priority, cookie hex) of the flows on a bridge."""
    return sorted((f.table, f.priority, '0x%x' % int(f.cookie, 16)) for f in net.flows(switch))


def flows_equal_config(net, restconf, switch):
    """Does the bridge hold exactly the flows the config inventory holds for it?"""
    return switch_flow_keys(net, switch) == config_flow_keys(restconf, net.node_id(switch))


def wait_flows_equal_config(net, restconf, switches, timeout=30):
    """Bounded wait until every switch holds exactly its config inventory flows; describes the
    difference on timeout."""
    def describe(_):
        out = []
        for switch in switches:
            on_switch = switch_flow_keys(net, switch)
            in_config = config_flow_keys(restconf, net.node_id(switch))
            out.append('%s: %d on switch, %d in config; only on switch %s; only in config %s'
                       % (switch, len(on_switch), len(in_config),
                          _minus(on_switch, in_config)[:10], _minus(in_config, on_switch)[:10]))
        return '\n'.join(out)

    wait_until(lambda: all(flows_equal_config(net, restconf, s) for s in switches), timeout,
               interval=0.5, what='switch flows equal to the config inventory on %s' % switches,
               describe=describe)


def _minus(left, right):
    rest = list(right)
    out = []
    for item in left:
        if item in rest:
            rest.remove(item)
        else:
            out.append(item)
    return out


# ---------------------------------------------------------------- continuous traffic

class PingProbe:
    """A continuous ping from a Mininet host (its own namespace), every `interval` seconds,
    with wall-clock timestamps per reply (ping -D), written to a temp file; stopped by pid.

    After stop(): sent, received, replies [(unix time, icmp_seq)], and helpers to find the first
    reply after a moment and the longest gap between replies in a window."""

    def __init__(self, net, host, dst_ip, interval=0.1, deadline=1):
        import subprocess
        import tempfile
        from vmm.topology import HostProcess
        self.dst_ip = dst_ip
        self.interval = interval
        handle, self.path = tempfile.mkstemp(prefix='vmm-ping-', suffix='.txt')
        self.out = os.fdopen(handle, 'w')
        self.started_at = time.time()
        self.proc = HostProcess(net, net.host(host),
                                ['stdbuf', '-oL', 'ping', '-n', '-D', '-i', str(interval),
                                 '-W', str(deadline), dst_ip],
                                stdout=self.out, stderr=subprocess.STDOUT)
        self.sent = self.received = 0
        self.replies = []
        self.stopped = False
        self.stopped_at = None

    # how long ping goes on after the stop is decided, so that every request sent before it had its reply read:
    # ping exits on SIGINT without reading the replies already waiting for it, and on a busy machine it reads
    # them late (its -D time is when it read them)
    DRAIN_S = 0.2
    DRAIN_TIMEOUT_S = 1.0

    def stop(self):
        """Stops the probe at this moment (stopped_at): ping goes on until it has read a reply DRAIN_S later (at
        most DRAIN_TIMEOUT_S, when nothing answers), so each request sent before stopped_at has had its reply
        read or is lost; the requests sent after it do not count (lost_counted)."""
        import signal
        if self.stopped:
            return self
        self.stopped_at = time.time()
        deadline = self.stopped_at + self.DRAIN_TIMEOUT_S
        while time.time() < deadline and self.first_reply_after_live(self.stopped_at + self.DRAIN_S) is None:
            time.sleep(0.02)
        self.proc.stop(signal.SIGINT)
        self.out.close()
        with open(self.path) as handle:
            text = handle.read()
        os.unlink(self.path)
        for match in re.finditer(r'^\[(\d+\.\d+)\].*icmp_seq=(\d+)', text, re.M):
            self.replies.append((float(match.group(1)), int(match.group(2))))
        match = re.search(r'(\d+) packets transmitted, (\d+) received', text)
        if match:
            self.sent, self.received = int(match.group(1)), int(match.group(2))
        else:
            self.sent, self.received = 0, len(self.replies)
        self.stopped = True
        return self

    def live_replies(self):
        """How many replies so far (reads the output while ping runs)."""
        try:
            with open(self.path) as handle:
                return len(re.findall(r'icmp_seq=\d+ ttl=', handle.read()))
        except OSError:
            return 0

    def first_reply_after_live(self, moment):
        """While running: the time of the first reply at or after moment (None yet)."""
        with open(self.path) as handle:
            text = handle.read()
        times = [float(m.group(1)) for m in re.finditer(r'^\[(\d+\.\d+)\].*icmp_seq=', text, re.M)]
        later = [t for t in times if t >= moment]
        return min(later) if later else None

    def replies_between(self, start, end):
        return [r for r in self.replies if start <= r[0] <= end]

    def first_reply_after(self, moment):
        later = [t for t, _ in self.replies if t >= moment]
        return min(later) if later else None

    def longest_gap(self, start=None, end=None):
        """Longest time without a reply in [start, end] (the window's edges count)."""
        start = self.started_at if start is None else start
        times = [start] + [t for t, _ in self.replies if start <= t <= (end or 1e18)]
        if end is not None:
            times.append(end)
        return max((b - a for a, b in zip(times, times[1:])), default=0.0)

    @property
    def lost(self):
        return self.sent - self.received

    def lost_in(self, windows):
        """Echo requests sent inside one of windows [(start, end)] (unix times) that got no
        reply. A missing request's send time is estimated from the answered one before it
        (its reply time plus interval per sequence number between them)."""
        answered = sorted({seq: when for when, seq in self.replies}.items())
        lost = 0
        for (seq_a, when_a), (seq_b, _when_b) in zip(answered, answered[1:]):
            for seq in range(seq_a + 1, seq_b):
                sent = when_a + (seq - seq_a) * self.interval
                lost += any(start <= sent <= end for start, end in windows)
        return lost

    def missing(self):
        """[(icmp_seq, estimated send time)] of the requests without a reply (the last request included), the
        send time estimated from the answered request before it (its reply time plus interval per sequence
        number), or from the start for requests before the first reply."""
        answered = {seq: when for when, seq in self.replies}
        out = []
        before_seq, before_at = 0, self.started_at
        for seq in range(1, self.sent + 1):
            if seq in answered:
                before_seq, before_at = seq, answered[seq]
            else:
                out.append((seq, before_at + (seq - before_seq) * self.interval))
        return out

    @property
    def lost_counted(self):
        """Echo requests sent before stopped_at and never answered (ping ran on until it had read a reply DRAIN_S
        later, so their replies had time to be read). A request's send time is estimated from the answered one
        before it (missing()); the requests ping sent while it drained do not count. An outage that lasts to the
        stop counts in full."""
        if not self.stopped:
            raise RuntimeError('lost_counted needs a stopped probe')
        return sum(1 for _seq, at in self.missing() if at <= self.stopped_at)


def flow_table(net, switch):
    """{flow key (no statistics): Flow} of a bridge."""
    return {f.key(): f for f in net.flows(switch)}


class FlowMonitor:
    """Watches a bridge's flow table as it changes (`ovs-ofctl -O OpenFlow13 monitor BRIDGE watch:`, OVS's
    flow monitor), each event stamped with the time it was read; stopped by pid.

    A switch that holds a flow, loses it and gets a flow of the same table, priority and match back within
    `window` seconds went through a moment with neither (break before make): gaps() lists those. An add
    that replaces a flow of the same match shows as one ADDED event without a DELETED before it."""

    EVENT = re.compile(r'^\s*event=(ADDED|DELETED|MODIFIED)(?: reason=\S+)? (.*)$')

    def __init__(self, net, switch):
        import subprocess
        import threading
        self.switch = switch
        self.events = []
        self.proc = subprocess.Popen(OFCTL + ['monitor', net.node_name(switch), 'watch:'],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     universal_newlines=True)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        from vmm.topology import Flow
        for line in self.proc.stdout:
            match = self.EVENT.match(line)
            if match:
                self.events.append((time.time(), match.group(1), Flow(match.group(2))))

    def stop(self):
        import subprocess
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.reader.join(5)
        self.proc.stdout.close()
        return self

    @staticmethod
    def slot(flow):
        """What the switch keeps one flow of: table, priority and match."""
        return (flow.table, flow.priority, tuple(sorted(flow.protocols)), tuple(sorted(flow.match.items())))

    def gaps(self, window=1.0):
        """[(seconds without a flow, the deleted flow, the flow added back)] for every deletion followed
        within window seconds by an addition of the same slot."""
        found = []
        for index, (deleted_at, kind, flow) in enumerate(self.events):
            if kind != 'DELETED':
                continue
            for added_at, later_kind, later in self.events[index + 1:]:
                if added_at - deleted_at > window:
                    break
                if later_kind == 'ADDED' and self.slot(later) == self.slot(flow):
                    found.append((added_at - deleted_at, flow, later))
                    break
        return found
