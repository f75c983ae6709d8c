"""Issue 18 part 5, activation by the VM's own announcement: db is registered by interface name
with activation announce. No RPC is called: db moves to another switch (its tap keeps its name, as
a live-migrated VM's does) and into subnet 2, announces its new address with a gratuitous ARP
(iputils arping -U, what an admin or a guest's network scripts run), and the application starts the
migration itself; its members reach it at its home address. A forged announcement (db's MAC from
another port, another MAC from db's port) starts nothing. Announcing the home address brings it
back home. With dual stack, db announces each family on its own (an unsolicited IPv6 Neighbor
Advertisement too) and one migration holds both new addresses."""

import os
import subprocess
import unittest

from vmm.base import VmmTestCase
from vmm.util import ensure_debian_packages, wait_until

ARPING = '/usr/bin/arping'
VMMCTL = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'integrations', 'vmmctl')

# Sends an unsolicited Neighbor Advertisement of ADDRESS from INTF (with its MAC), as Linux does.
UNSOLICITED_NA = r'''
import socket, struct, sys
intf, address = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((intf, 0))
mac = s.getsockname()[4]
src, dst = socket.inet_pton(socket.AF_INET6, address), socket.inet_pton(socket.AF_INET6, "ff02::1")
body = struct.pack("!BBHI", 136, 0, 0, 0x20000000) + src + struct.pack("!BB", 2, 1) + mac
def checksum(data):
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xffff) + (total >> 16)
    return ~total & 0xffff
pseudo = src + dst + struct.pack("!I3xB", len(body), 58)
body = body[:2] + struct.pack("!H", checksum(pseudo + body)) + body[4:]
ip = struct.pack("!IHBB", 0x60000000, len(body), 58, 255) + src + dst
s.send(b"\x33\x33\x00\x00\x00\x01" + mac + b"\x86\xdd" + ip + body)
print("sent")
'''

# Sends one gratuitous ARP request from INTF with any source MAC: what a forger on a port can do.
FORGED_GARP = r'''
import socket, struct, sys
intf, mac, address = sys.argv[1], bytes.fromhex(sys.argv[2].replace(':', '')), socket.inet_aton(sys.argv[3])
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((intf, 0))
s.send(b'\xff' * 6 + mac + b'\x08\x06' + struct.pack('!HHBBH', 1, 0x0800, 6, 4, 1) + mac + address
       + b'\x00' * 6 + address)
print('sent')
'''


class AnnouncementSteps:
    """What both test classes do: register db by interface name with activation announce, watch
    its announcement flows, announce, read its migration."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ensure_debian_packages(['iputils-arping'], [ARPING])

    def register_announcing_db(self):
        self.tap = self.net.peer_intf('db').name
        self.db_mac = self.net.host_mac('db')
        db = self.vm_entry('db', attached=False)
        db['interface-name'] = self.tap
        db['activation'] = 'announce'
        status, body = self.restconf.merge_intent(vms=[self.vm_entry('web'), self.vm_entry('app'), db],
                                                  groups={'shop': ('web', 'app', 'db')})
        self.assertIn(status, (200, 201, 204), body)

    # ------------------------------------------------------------ helpers

    def wait_announcement_flows(self, switch, subnets):
        """Bounded wait until switch has, for db's port and MAC, exactly the announcement flows of
        the given subnets (ovs-ofctl's text: ARP by arp_spa, advertisements by ipv6_src)."""
        mac = self.db_mac.lower()

        def subnet(line):
            key = 'arp_spa=' if 'arp_spa=' in line else 'ipv6_src='
            return line.split(key)[1].split()[0].split(',')[0]

        def present():
            text = self.net.dump_flows_text(switch)
            lines = [line for line in text.splitlines() if 'dl_src=%s' % mac in line
                     and ('arp_spa=' in line or 'icmp_type=136' in line)]
            found = sorted(subnet(line) for line in lines)
            return found == sorted(subnets) and all(
                'in_port=%d' % self.net.ofport('db') in line and 'CONTROLLER' in line and 'meter:' in line
                for line in lines)
        self.assertTrue(wait_until(present, timeout=15),
                        'announcement flows of db for %s on %s:\n%s' % (subnets, switch,
                                                                      self.net.dump_flows_text(switch)))

    def arping(self, host, address):
        """The host announces address (configured on it) with one gratuitous ARP request."""
        intf = self.net.host(host).defaultIntf().name
        out = self.net.host(host).cmd('%s -U -c 1 -I %s %s 2>&1; echo rc=$?' % (ARPING, intf, address))
        self.assertIn('rc=', out, out)

    def advertise(self, host, address):
        """The host announces an IPv6 address with an unsolicited Neighbor Advertisement, as Linux sends
        one (from the address, to all nodes, Override set, its MAC as the target link-layer option)."""
        intf = self.net.host(host).defaultIntf().name
        out = self.net.host(host).cmd("/usr/bin/python3 -c '%s' %s %s" % (UNSOLICITED_NA.replace("'", '"'),
                                                                        intf, address))
        self.assertIn('sent', out, out)

    def forge(self, host, mac, address):
        intf = self.net.host(host).defaultIntf().name
        out = self.net.host(host).cmd("/usr/bin/python3 -c '%s' %s %s %s" % (FORGED_GARP.replace("'", '"'),
                                                                           intf, mac, address))
        self.assertIn('sent', out, out)

    def migration_entry(self):
        status, body = self.restconf.get(self.restconf.migration_path('db') + '?content=config')
        return status, body

    @staticmethod
    def absent(status_body):
        """RESTCONF's answer for an entry that does not exist (Titanium: 409 data-missing)."""
        status, body = status_body
        return status in (404, 409) and 'data-missing' in str(body)

    def assert_no_migration_for(self, seconds, what):
        self.assert_stays(lambda: self.absent(self.migration_entry()), seconds, what)

class AnnouncementActivationTest(AnnouncementSteps, VmmTestCase):
    """web and app registered by switch and port, db by interface name with activation announce;
    group shop."""

    GROUPS = {}
    VMS = ()

    def setUp(self):
        super().setUp()
        self.register_announcing_db()

    # ------------------------------------------------------------ tests

    def test_a_vm_that_moves_and_announces_is_reached_at_home_without_any_rpc(self):
        # at home in subnet 1: its announcements in subnets 2 and 3 go to the controller
        self.wait_announcement_flows('s1', ['10.0.2.0/24', '10.0.3.0/24'])
        self.net.migrate('db', 's2', '10.0.2.3', notify=False, keep_port_name=True)
        # the tap is on s2 now: the flows follow it
        self.wait_announcement_flows('s2', ['10.0.2.0/24', '10.0.3.0/24'])
        self.arping('db', '10.0.2.3')
        self.wait_phase('db', 'active')
        state = self.migration_state('db')
        self.assertEqual('announcement', state.get('activated-by'), state)
        status, body = self.migration_entry()
        self.assertEqual(200, status, body)
        entry = body['vm-mobility:migration'][0]
        self.assertEqual(('10.0.2.3', 'announcement'), (entry.get('new-address'), entry.get('activated-by')),
                         entry)
        self.assertNotIn('new-attachment', entry)
        self.assert_ping('web', '10.0.1.3')
        view = self.assert_tcp('app', 'db', '10.0.1.3')
        self.assertEqual(('10.0.1.2', '10.0.2.3'), (view['peer'], view['local']))
        # now in subnet 2: announcements in subnets 1 (home) and 3 count
        self.wait_announcement_flows('s2', ['10.0.1.0/24', '10.0.3.0/24'])

        # back on s1 at its home address, announced: home, no translation left
        self.net.migrate('db', 's1', '10.0.1.3', notify=False, keep_port_name=True)
        self.wait_announcement_flows('s1', ['10.0.1.0/24', '10.0.3.0/24'])
        self.arping('db', '10.0.1.3')
        self.assertTrue(wait_until(lambda: self.absent(self.migration_entry()), timeout=15),
                        'the migration of db is still there: %s' % (self.migration_entry(),))
        self.wait_announcement_flows('s1', ['10.0.2.0/24', '10.0.3.0/24'])
        self.assert_ping('web', '10.0.1.3')

    def test_a_forged_announcement_starts_nothing(self):
        self.wait_announcement_flows('s1', ['10.0.2.0/24', '10.0.3.0/24'])
        self.net.migrate('db', 's2', '10.0.2.3', notify=False, keep_port_name=True)
        self.wait_announcement_flows('s2', ['10.0.2.0/24', '10.0.3.0/24'])
        # db's MAC from another port (n2 on s2, n1 on s1); another MAC from db's own port
        self.forge('n2', self.db_mac, '10.0.2.3')
        self.forge('n1', self.db_mac, '10.0.2.3')
        self.forge('db', '52:54:00:66:66:66', '10.0.2.3')
        self.assert_no_migration_for(3, 'a forged announcement started a migration')
        # the genuine one still works
        self.arping('db', '10.0.2.3')
        self.wait_phase('db', 'active')

    def test_announcement_needs_an_interface_name(self):
        entry = self.vm_entry('bk')
        entry['activation'] = 'announce'
        status_body = self.restconf.put_vm_entry(entry)
        self.assert_error(status_body, 'activation announce needs interface-name')
        bk = self.restconf.get(self.restconf.vm_path('bk') + '?content=config')
        self.assertTrue(self.absent(bk), bk)
        # what an admin types: vmmctl says why, and exits 1
        env = dict(os.environ, VMM_URL=self.restconf.base_url, VMM_PASSWORD='admin')
        proc = subprocess.run(['/usr/bin/python3', VMMCTL, 'vm', 'add', 'bk', '--address', self.home_ip('bk'),
                               '--mac', self.net.host_mac('bk'), '--node', 'openflow:4', '--port',
                               str(self.net.ofport('bk')), '--activation', 'announce'], env=env,
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True, timeout=60, check=False)
        self.assertEqual(1, proc.returncode, proc.stdout + proc.stderr)
        self.assertIn('activation announce needs interface-name', proc.stderr)
        proc = subprocess.run(['/usr/bin/python3', VMMCTL, 'vm', 'add', 'bk', '--address', self.home_ip('bk'),
                               '--mac', self.net.host_mac('bk'), '--interface', self.net.peer_intf('bk').name,
                               '--activation', 'announce'], env=env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, timeout=60,
                              check=False)
        self.assertEqual(0, proc.returncode, proc.stdout + proc.stderr)
        status, body = self.restconf.get(self.restconf.vm_path('bk') + '?content=config')
        self.assertEqual((200, 'announce'), (status, body['vm-mobility:vm'][0].get('activation')), body)


class AnnouncementDualStackTest(AnnouncementSteps, VmmTestCase):
    """The same with dual stack: db announces each family on its own (a gratuitous ARP, an
    unsolicited Neighbor Advertisement); one migration holds both new addresses."""

    IPV6 = True
    GROUPS = {}
    VMS = ()

    def setUp(self):
        super().setUp()
        self.register_announcing_db()

    def test_a_dual_stack_vm_announces_each_family_and_is_reached_at_both_home_addresses(self):
        self.wait_announcement_flows('s1', ['10.0.2.0/24', '10.0.3.0/24', '2001:db8:2::/64', '2001:db8:3::/64'])
        self.net.migrate('db', 's2', '10.0.2.3', notify=False, keep_port_name=True)
        self.wait_announcement_flows('s2', ['10.0.2.0/24', '10.0.3.0/24', '2001:db8:2::/64', '2001:db8:3::/64'])
        self.advertise('db', '2001:db8:2::3')
        self.assertTrue(wait_until(lambda: self.migration_entry()[0] == 200, timeout=15),
                        'no migration after the advertisement: %s' % (self.migration_entry(),))
        self.arping('db', '10.0.2.3')

        def both():
            status, body = self.migration_entry()
            entry = body['vm-mobility:migration'][0] if status == 200 else {}
            return (entry.get('new-address'), entry.get('new-address6'), entry.get('activated-by')) == (
                '10.0.2.3', '2001:db8:2::3', 'announcement')
        self.assertTrue(wait_until(both, timeout=15), 'migration of db: %s' % (self.migration_entry(),))
        self.wait_phase('db', 'active')
        self.assert_ping('web', '10.0.1.3')
        self.assert_ping('web', '2001:db8:1::3')
        self.assert_ping('app', '2001:db8:1::3')


if __name__ == '__main__':
    unittest.main()
