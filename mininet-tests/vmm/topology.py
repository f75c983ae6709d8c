"""The Mininet network of a system test: OVS switches, a Linux router, hosts; traffic helpers.

Every name this module creates starts with PREFIX ('vmm-'): bridges vmm-s1.., hosts vmm-web..,
the router vmm-r, interfaces <node>-eth<N> (all <= 15 characters). Hosts live in Mininet's
unnamed network namespaces (one per host shell), so they vanish with their shell; veths and
bridges are removed by name in stop().

Addresses and MACs are deterministic: a host 10.0.X.Y has MAC 02:00:0a:00:XX:YY, the router's
interface on 10.0.X.0/24 is 10.0.X.254 with MAC 02:00:0a:00:XX:fe. Switch sN has dpid N, so its
node id is openflow:N.
"""

import ipaddress
import os
import re
import signal
import subprocess
import tempfile
import time
from functools import partial

from mininet.link import Link
from mininet.log import setLogLevel
from mininet.net import Mininet
from mininet.node import Host, OVSSwitch

from vmm.util import LOG, run_rc, wait_until

PREFIX = 'vmm-'
ROUTER = 'r'
OFCTL = ['ovs-ofctl', '-O', 'OpenFlow13']
AGENT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'agent.py')
PYTHON = '/usr/bin/python3'
TCP_PORT = 5001
UDP_PORT = 5002


def mac_for(ip):
    """Deterministic MAC of an address: 10.0.1.3 -> 02:00:0a:00:01:03."""
    octets = [int(o) for o in str(ip).split('.')]
    return '02:00:%02x:%02x:%02x:%02x' % tuple(octets)


def gateway_of(prefix):
    """The router address on a /24 subnet: its .254."""
    net = ipaddress.ip_network(prefix)
    return str(net.network_address + 254)


def ipv6_of(ip):
    """The IPv6 address of a host of a dual-stack network: 10.0.X.Y -> 2001:db8:X::Y."""
    octets = str(ip).split('.')
    return '2001:db8:%s::%s' % (octets[2], octets[3])


def prefix6_of(prefix):
    """The IPv6 subnet beside an IPv4 one: 10.0.X.0/24 -> 2001:db8:X::/64."""
    return '2001:db8:%s::/64' % str(prefix).split('.')[2]


def gateway6_of(prefix):
    """The router's IPv6 address on a subnet: 2001:db8:X::fe."""
    return '2001:db8:%s::fe' % str(prefix).split('.')[2]


def subnet_of(ip, prefixes):
    """Which of prefixes contains ip (None when none does)."""
    addr = ipaddress.ip_address(ip)
    for prefix in prefixes:
        if addr in ipaddress.ip_network(prefix):
            return prefix
    return None


# ---------------------------------------------------------------- controller

class ExternalController:
    """The controller as Mininet's switches need to see it (protocol, IP(), port).

    Not Mininet's RemoteController: that one is a Node with a bash shell per network which
    Mininet never terminates, and its constructor probes the port with `telnet` inside that
    shell's pty, which was seen to deadlock the harness (shell and harness both waiting to
    read). The harness checks 6653 itself (vmm.controller) and the switches' connections.
    """

    def __init__(self, name, ip='127.0.0.1', port=6653, protocol='tcp'):
        self.name = name
        self.ip = ip
        self.port = port
        self.protocol = protocol

    def IP(self):  # pylint: disable=invalid-name
        return self.ip

    def start(self):
        pass

    def stop(self):
        pass

    def checkListening(self):  # pylint: disable=invalid-name
        pass

    def __repr__(self):
        return '<ExternalController %s %s:%s:%d>' % (self.name, self.protocol, self.ip, self.port)


# ---------------------------------------------------------------- flows

class Flow:
    """One line of `ovs-ofctl -O OpenFlow13 dump-flows`, parsed."""

    STAT_KEYS = ('duration', 'n_packets', 'n_bytes', 'idle_age', 'hard_age', 'idle_timeout',
                 'hard_timeout', 'importance')
    FLAGS = ('send_flow_rem', 'reset_counts', 'no_packet_counts', 'no_byte_counts',
             'check_overlap')

    def __init__(self, line):
        self.line = line.strip()
        head, _, self.actions = self.line.partition(' actions=')
        self.fields = {}
        self.protocols = set()
        for token in re.split(r'[,\s]+', head.strip()):
            if not token:
                continue
            if '=' in token:
                key, _, value = token.partition('=')
                self.fields[key.strip()] = value.strip()
            elif token.strip() not in self.FLAGS:
                self.protocols.add(token.strip())
        self.table = int(self.fields.get('table', 0))
        self.priority = int(self.fields.get('priority', 32768))
        self.cookie = self.fields.get('cookie', '0x0')
        self.n_packets = int(self.fields.get('n_packets', 0))
        duration = self.fields.get('duration', '0s').rstrip('s')
        self.duration = float(duration) if duration else 0.0
        self.match = {k: v for k, v in self.fields.items()
                      if k not in self.STAT_KEYS + ('table', 'priority', 'cookie')}

    @property
    def has_match(self):
        """Does the flow match on anything (protocol or field)? Miss flows do not."""
        return bool(self.match or self.protocols)

    def key(self):
        """Identity without statistics: what a replay must leave unchanged."""
        return (self.table, self.priority, self.cookie, tuple(sorted(self.protocols)),
                tuple(sorted(self.match.items())), self.actions)

    def mentions(self, text):
        return text in self.line

    def __repr__(self):
        return self.line


def is_translation_flow(flow):
    """A translation flow matches something; the pipeline's miss flows match nothing."""
    return flow.has_match


# ---------------------------------------------------------------- processes in hosts

class LineReader:
    """Lines from a pipe without blocking: select() on the raw fd plus os.read (a buffered
    readline() would hide lines already read into its buffer from select())."""

    def __init__(self, stream):
        self.fd = stream.fileno()
        self.buf = b''
        self.eof = False

    def lines(self, timeout):
        """Complete lines that arrive within timeout seconds (maybe none)."""
        import select
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if ready:
            try:
                data = os.read(self.fd, 65536)
            except BlockingIOError:
                # select() said readable and the non-blocking pipe had nothing after all (seen as a process ended)
                data = None
            if data is not None:
                self.eof = not data
                self.buf += data
        *complete, self.buf = self.buf.split(b'\n')
        return [line.decode('utf-8', 'replace') for line in complete]


class HostProcess:
    """A process started in a host's namespace; stopped by pid."""

    def __init__(self, net, host, argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE):
        self.net = net
        self.host = host
        self.argv = argv
        self.proc = host.popen(argv, stdout=stdout, stderr=stderr, universal_newlines=True)
        net.procs.append(self)

    @property
    def pid(self):
        return self.proc.pid

    def alive(self):
        return self.proc.poll() is None

    def stop(self, sig=signal.SIGTERM, timeout=5):
        if self.proc.poll() is None:
            try:
                self.proc.send_signal(sig)
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
            except OSError:
                pass
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream is not None:
                try:
                    stream.close()
                except OSError:
                    pass
        if self in self.net.procs:
            self.net.procs.remove(self)


class Capture:
    """tcpdump in a host's namespace; lines() after stop()."""

    def __init__(self, net, host, intf=None, bpf=''):
        self.net = net
        self.host = host
        fd, self.path = tempfile.mkstemp(prefix='vmm-cap-', suffix='.txt')
        os.close(fd)
        self.out = open(self.path, 'w')
        intf = intf or host.defaultIntf().name
        argv = ['tcpdump', '-i', intf, '-nn', '-e', '-l', '-U', '-p']
        if bpf:
            argv += bpf.split()
        self.proc = HostProcess(net, host, argv, stdout=self.out, stderr=subprocess.PIPE)
        self._lines = None
        net.captures.append(self)
        self._wait_listening()

    def _wait_listening(self):
        reader = LineReader(self.proc.proc.stderr)
        deadline = time.monotonic() + 10
        seen = []
        while time.monotonic() < deadline:
            for line in reader.lines(0.2):
                seen.append(line)
                if 'listening on' in line:
                    return
            if reader.eof and not self.proc.alive():
                break
        raise AssertionError('tcpdump in %s did not start: %s' % (self.host.name,
                                                                 '\n'.join(seen)))

    def stop(self):
        if self._lines is None:
            time.sleep(0.3)  # let -U flush what is already captured
            self.proc.stop(signal.SIGINT)
            self.out.close()
            with open(self.path) as handle:
                self._lines = [line.rstrip('\n') for line in handle if line.strip()]
            os.unlink(self.path)
            if self in self.net.captures:
                self.net.captures.remove(self)
        return self._lines

    def lines(self, containing=None):
        lines = self.stop()
        if containing is None:
            return lines
        return [line for line in lines if containing in line]


# ---------------------------------------------------------------- the network

class Network:
    """A Mininet network built from a topology description (see base.VmmTestCase)."""

    def __init__(self, spec, controller_ip='127.0.0.1', controller_port=6653, controller_ips=None,
                 ipv6=False):
        """controller_ips: several controllers (a cluster): every switch connects to all of them.
        ipv6: dual stack: every subnet 10.0.X.0/24 has 2001:db8:X::/64 beside it, every host
        10.0.X.Y the address 2001:db8:X::Y too (no DAD), the router forwards IPv6 with a strict
        reverse-path filter (ip6tables rpfilter), as it does IPv4."""
        self.spec = spec
        self.ipv6 = ipv6
        self.controller_ips = list(controller_ips or [controller_ip])
        self.controller_port = controller_port
        self.net = None
        self.procs = []
        self.captures = []
        self.servers = {}
        self.prefixes = [prefix for prefix, _ in spec.subnets]
        self.router_intf = {}      # prefix -> router interface name
        self.home = {}             # host -> (switch, ip) it was built with
        self.current = {}          # host -> (switch, ip) now
        self.current6 = {}         # host -> its IPv6 address now (dual stack)

    # ---- names ----

    @staticmethod
    def node_name(logical):
        return PREFIX + logical

    def switch(self, name):
        return self.net.get(self.node_name(name))

    def host(self, name):
        return self.net.get(self.node_name(name))

    @property
    def router(self):
        return self.net.get(self.node_name(ROUTER))

    def switch_names(self):
        return [name for name, _ in self.spec.switches]

    def dpid(self, switch):
        return dict(self.spec.switches)[switch]

    def node_id(self, switch):
        return 'openflow:%d' % self.dpid(switch)

    def intf(self, host):
        return self.host(host).defaultIntf()

    def host_mac(self, host):
        return mac_for(self.home[host][1])

    def gateway_mac(self, prefix):
        return mac_for(gateway_of(prefix))

    def ip(self, host):
        return self.current[host][1]

    def switch_of(self, host):
        return self.current[host][0]

    def peer_intf(self, host):
        """The switch-side interface of a host's link."""
        intf = self.intf(host)
        link = intf.link
        return link.intf2 if link.intf1 is intf else link.intf1

    def ofport(self, host):
        """OpenFlow port of the host's link on its switch, from OVSDB."""
        code, out, err = run_rc(['ovs-vsctl', 'get', 'Interface', self.peer_intf(host).name,
                                 'ofport'], timeout=10)
        if code != 0:
            raise RuntimeError('ofport of %s: %s' % (host, err))
        return int(out.strip())

    def our_names(self):
        """Every root-namespace interface and bridge name this network creates."""
        names = [self.node_name(s) for s in self.switch_names()]
        for switch in self.switch_names():
            for port in range(1, 40):
                names.append('%s-eth%d' % (self.node_name(switch), port))
        return names

    # ---- build ----

    def remove_leftovers(self):
        """Remove bridges and veths with our names left by a crashed run (by name only)."""
        for switch in self.switch_names():
            run_rc(['ovs-vsctl', '--if-exists', 'del-br', self.node_name(switch)], timeout=20)
        code, out, _ = run_rc(['ip', '-o', 'link', 'show'], timeout=10)
        present = set(re.findall(r'^\d+: ([^:@]+)', out, re.M)) if code == 0 else set()
        for name in self.our_names():
            if name in present:
                LOG.warning('removing leftover interface %s', name)
                run_rc(['ip', 'link', 'del', name], timeout=10)

    def build(self):
        """Create switches, router, hosts and links; start; configure addresses and routes."""
        setLogLevel(os.environ.get('VMM_MININET_LOG', 'warning'))
        self.remove_leftovers()
        switch_cls = partial(OVSSwitch, datapath='user', protocols='OpenFlow13',
                             failMode='secure')
        self.net = Mininet(topo=None, build=False, controller=None, switch=switch_cls,
                           host=Host, link=Link, autoSetMacs=False, autoStaticArp=False,
                           waitConnected=False, inNamespace=False)
        for index, ip in enumerate(self.controller_ips):
            self.net.addController(PREFIX + 'c%d' % index, controller=ExternalController, ip=ip,
                                   port=self.controller_port)
        for name, dpid in self.spec.switches:
            self.net.addSwitch(self.node_name(name), dpid='%016x' % dpid)
        for left, right in self.spec.switch_links:
            self.net.addLink(self.switch(left), self.switch(right))
        router = self.net.addHost(self.node_name(ROUTER), ip=None)
        for index, (prefix, switch) in enumerate(self.spec.subnets, start=1):
            intf = '%s-eth%d' % (router.name, index)
            self.router_intf[prefix] = intf
            self.net.addLink(router, self.switch(switch), intfName1=intf,
                             addr1=self.gateway_mac(prefix))
        for name, switch, ip in self.spec.hosts:
            prefix = subnet_of(ip, self.prefixes)
            length = ipaddress.ip_network(prefix).prefixlen
            host = self.net.addHost(self.node_name(name), ip='%s/%d' % (ip, length),
                                    mac=mac_for(ip),
                                    defaultRoute='via %s' % gateway_of(prefix))
            self.net.addLink(host, self.switch(switch), intfName1='%s-eth0' % host.name,
                             addr1=mac_for(ip))
            self.home[name] = (switch, ip)
            self.current[name] = (switch, ip)
            if self.ipv6:
                self.current6[name] = ipv6_of(ip)
        self.net.build()
        self._configure_router()
        for name in self.home:
            self._configure_host(self.host(name))
            if self.ipv6:
                self._configure_host6(self.host(name), ipv6_of(self.home[name][1]),
                                      subnet_of(self.home[name][1], self.prefixes))
        self.net.start()
        for switch in self.switch_names():
            for intf in self.switch(switch).intfList():
                if intf.name != 'lo':
                    run_rc(['ip', 'link', 'set', intf.name, 'up'], timeout=10)

    def _configure_router(self):
        router = self.router
        cmds = ['sysctl -qw net.ipv4.ip_forward=1',
                'sysctl -qw net.ipv6.conf.all.disable_ipv6=1',
                'sysctl -qw net.ipv6.conf.default.disable_ipv6=1',
                'sysctl -qw net.ipv4.conf.all.rp_filter=1',
                'sysctl -qw net.ipv4.conf.default.rp_filter=1']
        for prefix, intf in self.router_intf.items():
            length = ipaddress.ip_network(prefix).prefixlen
            cmds += ['ip addr flush dev %s' % intf,
                     'ip addr add %s/%d dev %s' % (gateway_of(prefix), length, intf),
                     'ip link set %s up' % intf,
                     'sysctl -qw net.ipv4.conf.%s.rp_filter=1' % intf,
                     'ethtool -K %s tx off >/dev/null 2>&1' % intf]
        router.cmd('; '.join(cmds))
        for prefix, intf in self.router_intf.items():
            value = router.cmd('sysctl -n net.ipv4.conf.%s.rp_filter' % intf).strip()
            if value != '1':
                raise RuntimeError('rp_filter on %s is %r' % (intf, value))
        if self.ipv6:
            cmds = ['sysctl -qw net.ipv6.conf.all.disable_ipv6=0',
                    'sysctl -qw net.ipv6.conf.default.disable_ipv6=0',
                    'sysctl -qw net.ipv6.conf.all.forwarding=1']
            for prefix, intf in self.router_intf.items():
                cmds += ['sysctl -qw net.ipv6.conf.%s.accept_dad=0' % intf,
                         'sysctl -qw net.ipv6.conf.%s.disable_ipv6=0' % intf,
                         'ip -6 addr add %s/64 dev %s nodad' % (gateway6_of(prefix), intf)]
            router.cmd('; '.join(cmds))
            # a packet whose source the router would not route back out of its interface is dropped
            out = router.cmd('ip6tables -t raw -A PREROUTING -m rpfilter --invert -j DROP && '
                             'ip6tables -t raw -S PREROUTING')
            if '-m rpfilter --invert -j DROP' not in out:
                raise RuntimeError('IPv6 reverse-path filter on the router: %s' % out)

    @staticmethod
    def _configure_host6(host, address6, prefix):
        """Dual stack: IPv6 on (no DAD, no autoconfiguration), the address, a default route."""
        intf = host.defaultIntf().name
        host.cmd('sysctl -qw net.ipv6.conf.all.accept_ra=0; sysctl -qw net.ipv6.conf.default.accept_ra=0; '
                 'sysctl -qw net.ipv6.conf.%s.accept_dad=0; sysctl -qw net.ipv6.conf.%s.accept_ra=0; '
                 'sysctl -qw net.ipv6.conf.all.disable_ipv6=0; '
                 'sysctl -qw net.ipv6.conf.default.disable_ipv6=0; '
                 'sysctl -qw net.ipv6.conf.%s.disable_ipv6=0; '
                 'ip -6 addr add %s/64 dev %s nodad; ip -6 route replace default via %s dev %s'
                 % (intf, intf, intf, address6, intf, gateway6_of(prefix), intf))

    @staticmethod
    def _configure_host(host):
        intf = host.defaultIntf().name
        host.cmd('sysctl -qw net.ipv6.conf.all.disable_ipv6=1; '
                 'sysctl -qw net.ipv6.conf.default.disable_ipv6=1; '
                 'ethtool -K %s tx off >/dev/null 2>&1' % intf)

    def offload_off(self, host):
        """TX checksum offload state of a host's interface ('off' expected)."""
        out = host.cmd('ethtool -k %s' % host.defaultIntf().name)
        match = re.search(r'^tx-checksumming:\s*(\S+)', out, re.M)
        return match.group(1) if match else '?'

    def wait_connected(self, restconf, timeout=90):
        """Bounded wait: every switch connected to the controller and in its inventory."""
        ids = {self.node_id(s) for s in self.switch_names()}
        last = {}

        def connected():
            ovsdb = {s: self.switch(s).connected() for s in self.switch_names()}
            inventory = restconf.inventory_node_ids()
            last['ovsdb'], last['inventory'] = ovsdb, sorted(inventory)
            return all(ovsdb.values()) and ids <= inventory

        wait_until(connected, timeout, interval=0.5,
                   what='switches %s connected and in the operational inventory' % sorted(ids),
                   describe=lambda _: 'last seen: %s' % last)

    # ---- teardown ----

    def stop(self):
        """Stop processes we started, the network, and remove what is left of our names."""
        for capture in list(self.captures):
            try:
                capture.stop()
            except Exception as exc:  # pylint: disable=broad-except
                LOG.warning('capture stop failed: %s', exc)
        for proc in list(self.procs):
            proc.stop()
        if self.net is not None:
            try:
                self.net.stop()
            except Exception as exc:  # pylint: disable=broad-except
                LOG.warning('Mininet stop failed: %s', exc)
            self.net = None
        self.remove_leftovers()

    # ---- migration ----

    def migrate(self, host_name, to_switch, new_ip, restconf=None, notify=True, keep_port_name=False,
                family=4):
        """Move a host to another switch and address, keeping its MAC and its processes.

        How: detach from the old switch, delete the link, link to the new
        switch with the same MAC, attach, readdress, default route via the new subnet's router,
        checksum offload off. With notify, POST notify-migration (new address, new attachment).
        With keep_port_name the switch-side interface keeps its name on the new switch, as the tap
        of a live-migrated VM does.
        Dual stack: the host gets the IPv6 address beside new_ip too, and family says what the
        notification gives: 4 (new-address), 6 (new-address6) or 46 (both).
        Returns (status, body) of the notification, or None.
        """
        host = self.host(host_name)
        old_intf = host.defaultIntf()
        intf_name = old_intf.name
        mac = old_intf.MAC() or self.host_mac(host_name)
        old_peer = self.peer_intf(host_name)
        old_switch = old_peer.node
        link = old_intf.link
        old_switch.detach(old_peer)
        self.net.delLink(link)
        new_switch = self.switch(to_switch)
        port = new_switch.newPort()
        extra = {'intfName2': old_peer.name} if keep_port_name else {}
        new_link = self.net.addLink(host, new_switch, port2=port, intfName1=intf_name,
                                    addr1=mac, **extra)
        peer = new_link.intf2
        code, out, err = run_rc(['ovs-vsctl', 'add-port', new_switch.name, peer.name, '--',
                                 'set', 'Interface', peer.name, 'ofport_request=%d' % port],
                                timeout=20)
        if code != 0:
            raise RuntimeError('attach %s to %s: %s %s' % (peer.name, new_switch.name, out, err))
        run_rc(['ip', 'link', 'set', peer.name, 'up'], timeout=10)
        prefix = subnet_of(new_ip, self.prefixes)
        length = ipaddress.ip_network(prefix).prefixlen
        # dual stack: the IPv6 link-local address stays (only global ones are flushed)
        flush = ('ip -4 addr flush dev %s; ip -6 addr flush dev %s scope global' % (intf_name, intf_name)
                 if self.ipv6 else 'ip addr flush dev %s' % intf_name)
        host.cmd('%s; ip addr add %s/%d dev %s; ip link set %s up; '
                 'ip route replace default via %s; ethtool -K %s tx off >/dev/null 2>&1'
                 % (flush, new_ip, length, intf_name, intf_name, gateway_of(prefix),
                    intf_name))
        host.defaultIntf().ip, host.defaultIntf().prefixLen = new_ip, length
        self.current[host_name] = (to_switch, new_ip)
        new_ip6 = None
        if self.ipv6:
            new_ip6 = ipv6_of(new_ip)
            self._configure_host6(host, new_ip6, prefix)
            self.current6[host_name] = new_ip6
        if notify and restconf is not None:
            return restconf.notify_migration(host_name, new_ip if family != 6 else None,
                                             node_id=self.node_id(to_switch),
                                             port=self.ofport(host_name),
                                             new_address6=new_ip6 if family != 4 else None)
        return None

    def readdress(self, host_name, new_ip):
        """Give a host another address on its current link (no move), default route kept."""
        host = self.host(host_name)
        intf = host.defaultIntf().name
        prefix = subnet_of(new_ip, self.prefixes)
        length = ipaddress.ip_network(prefix).prefixlen
        host.cmd('ip addr flush dev %s; ip addr add %s/%d dev %s; '
                 'ip route replace default via %s' % (intf, new_ip, length, intf,
                                                      gateway_of(prefix)))
        self.current[host_name] = (self.current[host_name][0], new_ip)

    # ---- flows ----

    def flows(self, switch, table=None):
        """The flows on a switch (ovs-ofctl), optionally of one table."""
        code, out, err = run_rc(OFCTL + ['dump-flows', '--no-names', self.node_name(switch)], timeout=15)
        if code != 0:
            raise RuntimeError('dump-flows %s: %s' % (switch, err))
        flows = [Flow(line) for line in out.splitlines()
                 if 'actions=' in line and 'NXST_FLOW' not in line and 'OFPST_FLOW' not in line]
        if table is not None:
            flows = [f for f in flows if f.table == table]
        return flows

    def dump_flows_text(self, switch):
        code, out, err = run_rc(OFCTL + ['dump-flows', '--no-names', self.node_name(switch)], timeout=15)
        return out if code == 0 else err

    def wait_until_flows(self, switch, predicate, timeout=15, what=None):
        """Poll a switch's flows until predicate(flows) is true; returns the flows."""
        box = {}

        def check():
            box['flows'] = self.flows(switch)
            return predicate(box['flows'])

        wait_until(check, timeout, interval=0.25,
                   what=what or 'flows on %s' % switch,
                   describe=lambda _: 'flows on %s:\n%s' % (
                       switch, '\n'.join(map(str, box.get('flows', [])))))
        return box['flows']

    # ---- traffic ----

    def ping(self, src, dst_ip, count=1, timeout=1):
        """Ping from a host; returns the number of replies received."""
        host = self.host(src)
        proc = host.popen(['ping', '-n', '-c', str(count), '-i', '0.2', '-W', str(timeout),
                           dst_ip], universal_newlines=True)
        try:
            out, _ = proc.communicate(timeout=count * 0.2 + timeout + 5)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
        match = re.search(r'(\d+) received', out or '')
        return int(match.group(1)) if match else 0

    def start_server(self, host_name):
        """Start (once) the echo agent on a host: TCP on TCP_PORT, UDP on UDP_PORT."""
        if host_name in self.servers and self.servers[host_name].alive():
            return self.servers[host_name]
        proc = HostProcess(self, self.host(host_name),
                           [PYTHON, '-u', AGENT, 'serve', str(TCP_PORT), str(UDP_PORT)])
        reader = LineReader(proc.proc.stdout)
        deadline = time.monotonic() + 10
        line = ''
        while 'ready' not in line and time.monotonic() < deadline and not reader.eof:
            line = ' '.join(reader.lines(0.2)) or line
        if 'ready' not in line:
            err = ''
            if not proc.alive():
                err = proc.proc.stderr.read()
            proc.stop()
            raise RuntimeError('echo agent on %s did not start: %r %s' % (host_name, line, err))
        self.servers[host_name] = proc
        return proc

    def _client(self, src, argv, payload, timeout):
        host = self.host(src)
        proc = host.popen(argv, stdin=subprocess.PIPE, universal_newlines=True)
        try:
            out, _ = proc.communicate(payload + '\n', timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
        return (out or '').strip()

    def tcp(self, src, dst_ip, payload='hello', timeout=3):
        """One TCP request/reply from src to dst_ip:TCP_PORT with nc; returns the reply line
        ('' when none): 'tcp peer=<address the server saw> local=<server address> data=...'."""
        return self._client(src, ['nc', '-n', '-N', '-w', str(timeout), dst_ip, str(TCP_PORT)],
                            payload, timeout + 5)

    def udp(self, src, dst_ip, payload='hello', timeout=1):
        """One UDP request/reply from src to dst_ip:UDP_PORT with nc (connected socket: a reply
        from any other source address is dropped); returns the reply line or ''."""
        return self._client(src, ['nc', '-n', '-u', '-w', str(timeout), dst_ip, str(UDP_PORT)],
                            payload, timeout + 5)

    def capture(self, host_name, bpf='', intf=None):
        """Start tcpdump in a host's namespace (the router too: host_name 'r')."""
        return Capture(self, self.host(host_name), intf=intf, bpf=bpf)

    def neigh(self, host_name, ip):
        """The host's neighbour-table line for ip ('' when absent)."""
        return self.host(host_name).cmd('ip neigh show %s' % ip).strip()
