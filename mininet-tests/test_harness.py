"""The test network itself works: routing through the router with the controller's default
forwarding, strict reverse-path filtering, checksum offload off, and the migration mechanics.

If these fail, the translation tests cannot mean anything.
"""

import unittest

from vmm.base import VmmTestCase
from vmm.topology import gateway_of


class HarnessTest(VmmTestCase):
    """Plain traffic, no group registered, no migration notified."""

    GROUPS = {}

    def test_switches_connected_with_expected_node_ids(self):
        ids = self.restconf.inventory_node_ids()
        for switch in self.net.switch_names():
            self.assertIn(self.net.node_id(switch), ids)

    def test_default_forwarding_installed(self):
        for switch in self.net.switch_names():
            self.wait_until_flows(switch, lambda flows: flows,
                                  what='the default forwarding flows on %s' % switch)

    def test_checksum_offload_off_on_every_host_interface(self):
        for name, _switch, _ip in self.HOSTS:
            self.assertEqual('off', self.net.offload_off(self.net.host(name)), name)
        router = self.net.router
        for intf in self.net.router_intf.values():
            out = router.cmd('ethtool -k %s | grep ^tx-checksumming' % intf)
            self.assertIn('off', out, intf)

    def test_router_has_strict_reverse_path_filtering(self):
        router = self.net.router
        self.assertEqual('1', router.cmd('sysctl -n net.ipv4.ip_forward').strip())
        self.assertEqual('1', router.cmd('sysctl -n net.ipv4.conf.all.rp_filter').strip())
        for intf in self.net.router_intf.values():
            self.assertEqual('1', router.cmd('sysctl -n net.ipv4.conf.%s.rp_filter'
                                             % intf).strip(), intf)

    def test_same_subnet_across_switches(self):
        self.assert_ping('web', '10.0.1.2')
        self.assert_ping('app', '10.0.1.100')

    def test_routing_between_subnets_icmp_tcp_udp(self):
        self.assert_ping('n1', '10.0.2.100')
        self.assert_ping('n1', '10.0.3.100')
        self.assert_ping('n2', '10.0.3.100')
        self.assert_ping('app', '10.0.2.100')
        view = self.assert_tcp('n1', 'n2', '10.0.2.100')
        self.assertEqual('10.0.1.100', view['peer'])
        view = self.assert_udp('n3', 'n1', '10.0.1.100')
        self.assertEqual('10.0.3.100', view['peer'])

    def test_router_drops_spoofed_source(self):
        """Strict rp_filter: a packet from subnet 1's port claiming a subnet-2 source dies."""
        self.assert_ping('n1', '10.0.2.100')
        intf = self.net.intf('n1').name
        self.net.host('n1').cmd('ip addr add 10.0.2.77/32 dev %s' % intf)
        capture = self.capture('n2', 'icmp')
        received = self.net.host('n1').cmd('ping -n -c 2 -i 0.2 -W 1 -I 10.0.2.77 10.0.2.100')
        self.assertIn(' 0 received', received)
        self.assertEqual([], capture.lines('10.0.2.77'))

    def test_migration_mechanics_keep_mac_and_processes(self):
        server = self.net.start_server('db')
        self.assertEqual('10.0.1.3', self.assert_tcp('n1', 'db', '10.0.1.3')['local'])
        mac = self.net.intf('db').MAC()
        self.migrate('db', 's2', '10.0.2.3', notify=False)
        self.assertEqual(mac, self.net.intf('db').MAC())
        self.assertEqual('s2', self.net.switch_of('db'))
        self.assertEqual('vmm-s2', self.net.peer_intf('db').node.name)
        self.assertEqual('off', self.net.offload_off(self.net.host('db')))
        self.assertIn('default via %s' % gateway_of('10.0.2.0/24'),
                      self.net.host('db').cmd('ip route'))
        self.assertTrue(server.alive(), 'the VM process died in the migration')
        self.assertIs(server, self.net.start_server('db'))
        self.assert_ping('n2', '10.0.2.3')
        view = self.assert_tcp('n1', 'db', '10.0.2.3')
        self.assertEqual(('10.0.1.100', '10.0.2.3'), (view['peer'], view['local']))
        self.assert_udp('n3', 'db', '10.0.2.3')
        self.assert_no_ping('n1', '10.0.1.3')


if __name__ == '__main__':
    unittest.main()
