"""Dual stack on real OVS: IPv6 members keep reaching a migrated VM at its IPv6 home address.

Topology (vmm.base, IPV6): subnet X is 10.0.X.0/24 and 2001:db8:X::/64 (router vmm-r at .254 and
::fe of each, forwarding IPv6 with a strict reverse-path filter: ip6tables rpfilter), hosts
10.0.X.Y are 2001:db8:X::Y too (no DAD). s1 + s4 = subnet 1 (router on s1), s2 = subnet 2,
s3 = subnet 3. Group 'shop' = web (s1, subnet 1), app (s4, subnet 1), db (s1, subnet 1) and
n2 (s2, subnet 2); n1 (s1, subnet 1) and n3 (s3) are no members.

db moves to s3 and becomes 10.0.3.3 / 2001:db8:3::3. A member in another subnet (n2) reaches it
through the translation at its edge switch and the router; a member on db's home link (web, app)
resolves db's home address with Neighbor Discovery, answered by the controller with the gateway's
MAC (the ND flows send its solicitation there), then the same translation applies.
"""

import os
import re
import subprocess
import tempfile
import time
import unittest

from vmm.base import VmmTestCase
from vmm.libvirt import domain_xml
from vmm.topology import OFCTL, mac_for
from vmm.util import LOG, run_rc, wait_until
from test_libvirt_hook import HOOK

GW1_MAC = mac_for('10.0.1.254')
DB_HOME6 = '2001:db8:1::3'
DB_NOW6 = '2001:db8:3::3'
# impl/.../planner/PuntMeter.java
PUNT_METER = 22093
PUNT_RATE_PPS = 100
PUNT_BURST = 20

# Sends COUNT Neighbor Solicitations (valid: hop limit 255, checksum, source link-layer option) for
# TARGET from SOURCE as fast as it can, then listens 1.5 s; prints sent, the seconds the sending
# took and the Neighbor Advertisements for TARGET received meanwhile.
FLOOD = r'''
import socket, struct, sys, time
intf, source, target, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x86dd))
s.bind((intf, 0))
mac = s.getsockname()[4]
src, tgt = socket.inet_pton(socket.AF_INET6, source), socket.inet_pton(socket.AF_INET6, target)
dst = bytes.fromhex('ff0200000000000000000001ff') + tgt[13:]
body = struct.pack('!BBHI', 135, 0, 0, 0) + tgt + struct.pack('!BB', 1, 1) + mac
def checksum(data):
    if len(data) % 2:
        data += b'\0'
    total = sum(struct.unpack('!%dH' % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xffff) + (total >> 16)
    return ~total & 0xffff
pseudo = src + dst + struct.pack('!I3xB', len(body), 58)
body = body[:2] + struct.pack('!H', checksum(pseudo + body)) + body[4:]
ip = struct.pack('!IHBB', 0x60000000, len(body), 58, 255) + src + dst
frame = b'\x33\x33' + dst[12:] + mac + b'\x86\xdd' + ip + body
s.setblocking(False)
answers = 0
def drain():
    global answers
    while True:
        try:
            data = s.recv(2048)
        except BlockingIOError:
            return
        if len(data) >= 78 and data[20] == 58 and data[54] == 136 and data[62:78] == tgt:
            answers += 1
start = time.monotonic()
for _ in range(count):
    s.send(frame)
    drain()
took = time.monotonic() - start
end = time.monotonic() + 1.5
while time.monotonic() < end:
    drain()
    time.sleep(0.01)
print(count, '%.3f' % took, answers)
'''


class DualStackTest(VmmTestCase):
    """db, dual stack, moves to subnet 3."""

    IPV6 = True
    GROUPS = {'shop': ('web', 'app', 'db', 'n2')}

    def move_db(self, family=46):
        self.migrate('db', 's3', '10.0.3.3', family=family)
        self.wait_phase('db', 'active')

    def ndisc(self, host, source, target):
        """ndisc6 from a host with a chosen source address: (exit code, output). Exit 0 and the
        target's link-layer address printed when a Neighbor Advertisement came back."""
        node = self.net.host(host)
        proc = node.popen(['ndisc6', '-1', '-r', '3', '-w', '700', '-s', source, target,
                           node.defaultIntf().name], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True)
        out, _ = proc.communicate(timeout=15)
        return proc.returncode, out

    def neighbour(self, host, address):
        return self.net.host(host).cmd('ip -6 neigh show %s' % address).strip()

    def test_member_in_another_subnet_reaches_migrated_vm_at_its_ipv6_home_address(self):
        self.move_db()
        self.assert_ping('n2', DB_HOME6)
        view = self.assert_tcp('n2', 'db', DB_HOME6)
        self.assertEqual(('2001:db8:2::100', DB_NOW6), (view['peer'], view['local']),
                         'db sees n2 at its own address over IPv6, and is itself at its new one')
        view = self.assert_udp('n2', 'db', DB_HOME6)
        self.assertEqual('2001:db8:2::100', view['peer'])
        # the counters show each family apart (refreshed every 10 s): n2's IPv6 packets counted
        # under ipv6 on n2's edge switch, and no IPv4 packet went to db yet
        box = {}

        def counted():
            box['state'] = state = self.migration_state('db')
            rows = {(t.get('node-id'), t.get('direction'), t.get('family')): int(t.get('packet-count', 0))
                    for t in state.get('translation', [])}
            box['rows'] = rows
            return any(family == 'ipv6' and direction == 'to-current' and packets > 0
                       for (_, direction, family), packets in rows.items())
        wait_until(counted, 25, interval=0.5, what='IPv6 to-current packets counted for db')
        self.assertEqual(0, sum(packets for (_, direction, family), packets in box['rows'].items()
                                if family == 'ipv4' and direction == 'to-current'), box['rows'])
        self.assertIn('ipv4', {family for (_, _, family) in box['rows']}, 'db moved both families')
        # the state says both families
        state = self.wait_vm_state('db', current_address='10.0.3.3', current_address6=DB_NOW6)
        self.assertEqual({'home-address6': DB_HOME6, 'current-address6': DB_NOW6,
                          'home-address': '10.0.1.3', 'current-address': '10.0.3.3'},
                         {key: value for key, value in state['translation'].items() if 'address' in key})

    def test_member_on_the_home_link_has_its_solicitation_answered_and_reaches_the_vm(self):
        self.move_db()
        code, out = self.ndisc('web', '2001:db8:1::1', DB_HOME6)
        self.assertEqual(0, code, 'web\'s solicitation for db\'s home address unanswered: %s' % out)
        self.assertIn(GW1_MAC.upper(), out.upper(), 'the advertisement names the gateway: %s' % out)
        self.assert_ping('web', DB_HOME6)
        self.assert_ping('app', DB_HOME6)
        # the kernel took the advertisement: the entry names the gateway's MAC and is usable
        entry = self.neighbour('web', DB_HOME6)
        self.assertIn('lladdr %s' % GW1_MAC, entry)
        self.assertTrue(re.search(r'REACHABLE|STALE|DELAY|PROBE', entry), entry)
        view = self.assert_tcp('web', 'db', DB_HOME6)
        self.assertEqual(('2001:db8:1::1', DB_NOW6), (view['peer'], view['local']))
        # both families after one notification
        self.assert_ping('web', '10.0.1.3')
        self.assert_ping('n2', '10.0.1.3')

    def test_reachability_probes_from_the_link_local_address_are_answered(self):
        self.move_db()
        self.assert_ping('web', DB_HOME6)
        web = self.net.host('web')
        intf = web.defaultIntf().name
        # make the kernel probe the entry again: Linux sends its unicast probes from its link-local
        # address; a probe left unanswered would fail the entry
        web.cmd('ip -6 neigh change %s dev %s lladdr %s nud stale' % (DB_HOME6, intf, GW1_MAC))
        capture = self.capture('web', 'icmp6')
        deadline = time.monotonic() + 12
        while time.monotonic() < deadline and 'REACHABLE' not in self.neighbour('web', DB_HOME6):
            self.net.ping('web', DB_HOME6)
            time.sleep(0.5)
        self.assertIn('REACHABLE', self.neighbour('web', DB_HOME6))
        capture.stop()
        self.assertTrue(any('fe80::' in line and 'neighbor advertisement' in line
                            for line in capture.lines()),
                        'no advertisement to web\'s link-local address:\n%s'
                        % '\n'.join(capture.lines()))

    def test_non_member_and_duplicate_address_detection_get_no_answer(self):
        self.move_db()
        code, out = self.ndisc('n1', '2001:db8:1::100', DB_HOME6)
        self.assertNotEqual(0, code, 'a non-member got an advertisement: %s' % out)
        self.assert_no_ping('n1', DB_HOME6)
        # a member probing whether db's home address is free (DAD, from ::) hears nothing: the
        # address is taken by no one on the link, and the member could use it
        app = self.net.host('app')
        intf = app.defaultIntf().name
        app.cmd('sysctl -qw net.ipv6.conf.%s.accept_dad=1; sysctl -qw net.ipv6.conf.%s.dad_transmits=1; '
                'ip -6 addr add %s/64 dev %s' % (intf, intf, DB_HOME6, intf))
        try:
            wait_until(lambda: 'tentative' not in app.cmd('ip -6 addr show dev %s' % intf), 10,
                       interval=0.2, what='DAD of %s on app to end' % DB_HOME6)
            self.assertNotIn('dadfailed', app.cmd('ip -6 addr show dev %s' % intf))
        finally:
            app.cmd('ip -6 addr del %s/64 dev %s; sysctl -qw net.ipv6.conf.%s.accept_dad=0'
                    % (DB_HOME6, intf, intf))

    def test_forged_ipv6_source_from_another_port_gets_nothing(self):
        self.move_db()
        self.assert_ping('n2', DB_HOME6)
        # n1 (no member, s1) claims web's IPv6 address: its packets come in on n1's port, which no
        # translation and no ND flow matches
        n1 = self.net.host('n1')
        intf = n1.defaultIntf().name
        n1.cmd('ip -6 addr add 2001:db8:1::1/64 dev %s nodad' % intf)
        try:
            code, out = self.ndisc('n1', '2001:db8:1::1', DB_HOME6)
            self.assertNotEqual(0, code, 'a forged solicitation was answered: %s' % out)
            n1.cmd('ip -6 neigh replace %s dev %s lladdr %s' % (DB_HOME6, intf, GW1_MAC))
            received = self.net.ping('n1', DB_HOME6, count=3)
            self.assertEqual(0, received, 'a forged IPv6 source reached db')
        finally:
            n1.cmd('ip -6 addr del 2001:db8:1::1/64 dev %s' % intf)

    def meter_text(self, switch, command):
        code, out, err = run_rc(OFCTL + [command, self.net.node_name(switch)], timeout=15)
        self.assertEqual(0, code, err)
        return out

    def test_a_solicitation_flood_is_bounded_by_the_switchs_punt_meter(self):
        self.move_db()
        # the meter is on the switch before the flows that pass through it
        self.wait_until_matching_flow('s1', 'nd_target=%s' % DB_HOME6, 'meter:%d' % PUNT_METER)
        meters = self.meter_text('s1', 'dump-meters')
        self.assertRegex(meters, r'meter=%d pktps burst' % PUNT_METER)
        self.assertRegex(meters, r'type=drop rate=%d burst_size=%d' % (PUNT_RATE_PPS, PUNT_BURST))
        web = self.net.host('web')
        proc = web.popen(['/usr/bin/python3', '-c', FLOOD, web.defaultIntf().name, '2001:db8:1::1',
                          DB_HOME6, '3000'], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         universal_newlines=True)
        out, err = proc.communicate(timeout=60)
        self.assertEqual(0, proc.returncode, err)
        sent, took, answers = out.split()
        sent, took, answers = int(sent), float(took), int(answers)
        # the controller answers what the meter lets through: the rate over the sending time
        # plus the burst (and one second's worth for the meter's and the capture's edges)
        bound = PUNT_RATE_PPS * (took + 1) + PUNT_BURST
        stats = self.meter_text('s1', 'meter-stats')
        self.assertGreater(answers, 0, 'no answer at all within the rate: %s' % stats)
        self.assertLessEqual(answers, bound, '%d answers to %d solicitations in %.2f s, more than '
                             'the meter lets through (%d): %s' % (answers, sent, took, bound, stats))
        dropped = [int(n) for n in re.findall(r'\b0: packet_count:(\d+)', stats)]
        self.assertTrue(dropped and dropped[0] > 0, 'the meter dropped nothing: %s' % stats)
        LOG.info('ND flood: %d solicitations in %.2f s, %d answered (bound %d), meter dropped %d',
                 sent, took, answers, bound, dropped[0])
        # a member's own solicitation a moment later is answered as before
        wait_until(lambda: self.ndisc('web', '2001:db8:1::1', DB_HOME6)[0] == 0, 10, interval=0.5,
                   what='web\'s solicitation answered after the flood')
        self.assert_ping('web', DB_HOME6)

    def test_libvirt_hook_moves_both_families_from_a_two_address_map_line(self):
        work = tempfile.mkdtemp(prefix='vmm-hook-')
        self.addCleanup(lambda: subprocess.run(['rm', '-rf', work], check=False))
        with open(os.path.join(work, 'hook.map'), 'w') as handle:
            handle.write('# domain vm-id address-here [address6-here]\n'
                         'instance-0000db db 10.0.3.3 %s\n' % DB_NOW6)
        env = dict(os.environ, VMM_HOOK_MAP=os.path.join(work, 'hook.map'),
                   VMM_HOOK_LOG=os.path.join(work, 'hook.log'), VMM_HOOK_ENV=os.path.join(work, 'none'),
                   VMM_URL=self.restconf.base_url, VMM_USER='admin', VMM_PASSWORD='admin')
        self.net.migrate('db', 's3', '10.0.3.3', notify=False)
        xml = domain_xml('instance-0000db', self.net.host_mac('db'), self.net.node_name('s3'),
                         self.net.peer_intf('db').name)
        proc = subprocess.run([HOOK, 'instance-0000db', 'started', 'begin', '-'], input=xml, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True,
                              timeout=30, check=False)
        self.assertEqual(0, proc.returncode, proc.stderr)

        def log_text():
            try:
                with open(env['VMM_HOOK_LOG']) as handle:
                    return handle.read()
            except OSError:
                return ''
        wait_until(lambda: 'exit ' in log_text(), 30, what='the hook to log its vmmctl call',
                   describe=lambda _: log_text())
        self.assertIn('migrate db 10.0.3.3 --address6 %s --node openflow:3 --port %d'
                      % (DB_NOW6, self.net.ofport('db')), log_text())
        self.assertIn('exit 0', log_text())
        self.wait_phase('db', 'active')
        self.wait_vm_state('db', current_address='10.0.3.3', current_address6=DB_NOW6)
        self.assert_ping('n2', DB_HOME6)
        self.assert_ping('n2', '10.0.1.3')

    def test_an_ipv6_peer_cuts_over_to_the_new_address(self):
        self.move_db()
        self.assert_ping('n2', DB_HOME6)
        status, body = self.restconf.cut_over('db', 'n2')
        self.assertEqual(200, status, body)
        # n2's translation goes from its edge switch, in both families
        self.wait_until_no_flow_mentions('s2', DB_HOME6)
        self.wait_until_no_flow_mentions('s2', '10.0.1.3')
        # n2 now uses db's new address, routed, nothing rewritten: db sees n2's own address
        wait_until(lambda: self.net.ping('n2', DB_NOW6, count=1) == 1, 15, interval=0.5,
                   what='n2 reaching db at its new IPv6 address')
        view = self.assert_tcp('n2', 'db', DB_NOW6)
        self.assertEqual(('2001:db8:2::100', DB_NOW6), (view['peer'], view['local']))
        # web, not cut over, still reaches db at its home address through the translation
        self.assert_ping('web', DB_HOME6)
        view = self.assert_tcp('web', 'db', DB_HOME6)
        self.assertEqual(('2001:db8:1::1', DB_NOW6), (view['peer'], view['local']))

    def test_migration_removed_takes_the_ipv6_and_nd_flows_away(self):
        self.move_db()
        self.wait_until_matching_flow('s1', 'nd_target=%s' % DB_HOME6)
        self.wait_until_matching_flow('s2', 'ipv6_dst=%s' % DB_HOME6)
        status, body = self.restconf.delete_migration('db')
        self.assertIn(status, (200, 204), body)
        for switch in ('s1', 's2', 's4'):
            self.wait_until_no_flow_mentions(switch, DB_HOME6)
            self.wait_until_no_flow_mentions(switch, DB_NOW6)
        # no ND flow left: the punt meter goes too
        wait_until(lambda: 'meter=%d' % PUNT_METER not in self.meter_text('s1', 'dump-meters'), 15,
                   interval=0.3, what='the punt meter removed from s1')


class Ipv6OnlyVmTest(VmmTestCase):
    """db has only an IPv6 home address; its move gives only new-address6."""

    IPV6 = True
    IPV6_ONLY = ('db',)
    GROUPS = {'shop': ('web', 'db', 'n2')}

    def test_ipv6_only_vm_is_translated_in_ipv6_only(self):
        self.migrate('db', 's3', '10.0.3.3', family=6)
        self.wait_phase('db', 'active')
        self.assert_ping('n2', DB_HOME6)
        self.assert_ping('web', DB_HOME6)
        state = self.wait_vm_state('db', current_address6=DB_NOW6)
        self.assertNotIn('current-address', state)
        # no IPv4 translation anywhere: db has no IPv4 home address
        for switch in ('s1', 's2'):
            self.assertFalse([flow for flow in self.net.flows(switch) if 'nw_dst=' in str(flow)
                              and 'set_field' in str(flow)], self.net.dump_flows_text(switch))


if __name__ == '__main__':
    unittest.main()
