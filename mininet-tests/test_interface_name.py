"""Issue 11, attachment by interface name: db is registered with the name of its switch port (as
libvirt names a tap) instead of a switch and port. The application finds the name in the switches'
port reports, and when db moves to another switch keeping the name (as a live-migrated VM's tap
does), a notification with the new address only is enough: its peers keep reaching it."""

import os
import subprocess
import unittest

from vmm.base import VmmTestCase

VMMCTL = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'integrations', 'vmmctl')


class InterfaceNameTest(VmmTestCase):
    """web and app registered by switch and port, db by interface name; group shop."""

    GROUPS = {}
    VMS = ()

    def setUp(self):
        super().setUp()
        self.tap = self.net.peer_intf('db').name
        vms = [self.vm_entry('web'), self.vm_entry('app'),
               self.restconf.vm('db', self.home_ip('db'), self.net.host_mac('db'), interface_name=self.tap)]
        status, body = self.restconf.merge_intent(vms=vms, groups={'shop': ('web', 'app', 'db')})
        self.assertIn(status, (200, 201, 204), body)

    def test_moves_with_its_interface_and_the_address_is_all_a_notification_needs(self):
        state = self.wait_vm_state('db', **{'current-attachment': {'node-id': 'openflow:1',
                                                                   'port': self.net.ofport('db')}})
        self.assertEqual('at-home', state.get('status'), state)

        self.net.migrate('db', 's2', '10.0.2.3', notify=False, keep_port_name=True)
        self.assertEqual(self.tap, self.net.peer_intf('db').name)
        # what an admin types: the new address (and the interface, unchanged here)
        proc = subprocess.run(['/usr/bin/python3', VMMCTL, 'migrate', 'db', '10.0.2.3', '--interface', self.tap],
                              env=dict(os.environ, VMM_URL=self.restconf.base_url, VMM_PASSWORD='admin'),
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True, timeout=60, check=False)
        self.assertEqual(0, proc.returncode, proc.stderr)
        self.assertIn('VM db: migrated', proc.stdout)
        self.wait_phase('db', 'active')
        self.wait_vm_state('db', **{'current-attachment': {'node-id': 'openflow:2',
                                                           'port': self.net.ofport('db')}})
        self.assert_ping('web', '10.0.1.3')
        view = self.assert_tcp('app', 'db', '10.0.1.3')
        self.assertEqual(('10.0.1.2', '10.0.2.3'), (view['peer'], view['local']))

    def test_unresolved_interface_keeps_the_migration_pending_naming_it(self):
        status, body = self.restconf.put_vm_entry(self.restconf.vm(
            'db', self.home_ip('db'), self.net.host_mac('db'), interface_name='tap-nowhere'))
        self.assertIn(status, (200, 201, 204), body)
        self.net.migrate('db', 's2', '10.0.2.3', notify=False)
        status, body = self.restconf.notify_migration('db', '10.0.2.3')
        self.assertEqual(200, status, body)
        self.wait_phase('db', 'pending', reason_contains='interface tap-nowhere of VM db is on no switch')


if __name__ == '__main__':
    unittest.main()
