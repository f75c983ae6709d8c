"""Issue 18 part 5, activation by the VM's own announcement: db is registered by interface name
with activation announce. No RPC is called: db moves to another switch (its tap keeps its name, as
a live-migrated VM's does) and into subnet 2, announces its new address with a gratuitous ARP
(iputils arping -U, what an admin or a guest's network scripts run), and the application starts the
migration itself; its members reach it at its home address. A forged announcement (db's MAC from
another port, another MAC from db's port) starts nothing. Announcing the home address brings it
back home."""

import unittest

from vmm.base import VmmTestCase
from vmm.util import ensure_debian_packages, wait_until

ARPING = '/usr/bin/arping'

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


class AnnouncementActivationTest(VmmTestCase):
    """web and app registered by switch and port, db by interface name with activation announce;
    group shop."""

    GROUPS = {}
    VMS = ()

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ensure_debian_packages(['iputils-arping'], [ARPING])

    def setUp(self):
        super().setUp()
        self.tap = self.net.peer_intf('db').name
        self.db_mac = self.net.host_mac('db')
        db = self.restconf.vm('db', self.home_ip('db'), self.db_mac, interface_name=self.tap)
        db['activation'] = 'announce'
        status, body = self.restconf.merge_intent(vms=[self.vm_entry('web'), self.vm_entry('app'), db],
                                                  groups={'shop': ('web', 'app', 'db')})
        self.assertIn(status, (200, 201, 204), body)

    # ------------------------------------------------------------ helpers

    def wait_announcement_flows(self, switch, subnets):
        """Bounded wait until switch has, for db's port and MAC, exactly the announcement flows of
        the given subnets (ovs-ofctl's text)."""
        mac = self.db_mac.lower()

        def present():
            text = self.net.dump_flows_text(switch)
            lines = [line for line in text.splitlines() if 'dl_src=%s' % mac in line and 'arp_spa=' in line]
            found = sorted(line.split('arp_spa=')[1].split()[0].rstrip(',') for line in lines)
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


if __name__ == '__main__':
    unittest.main()
