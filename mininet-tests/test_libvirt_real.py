"""Issue 18, the libvirt hook under a real libvirt: Debian's libvirtd and QEMU (TCG) start a domain whose interface
is an Open vSwitch port (<virtualport type='openvswitch'/>) on the test's switch s2; libvirt itself creates the tap
on OVS and calls /etc/libvirt/hooks/qemu (integrations/libvirt/qemu) with the real domain XML; the hook's migration
of db becomes active at the tap's port. The guest has no disk and no OS (a booted guest with its own network stack
is left for later): the test checks the controller's side, the flows towards the tap's port."""

import os
import unittest

from vmm.base import VmmTestCase
from vmm.libvirt import Libvirt, ensure_packages
from vmm.util import run_rc, wait_until

HERE = os.path.dirname(os.path.abspath(__file__))
HOOK = os.path.join(os.path.dirname(HERE), 'integrations', 'libvirt', 'qemu')
DOMAIN = 'vmm-test-db'
TAP = 'vmm-tapdb'


class RealLibvirtTest(VmmTestCase):
    """web, app and db in shop; db's guest is started by libvirt on s2 and keeps db's MAC."""

    def test_libvirt_starts_the_guest_on_ovs_and_its_hook_activates_the_migration(self):
        ensure_packages()
        libvirt = Libvirt(HOOK, '# domain vm-id address-here\n%s db 10.0.2.3\n' % DOMAIN,
                          'VMM_URL=%s\nVMM_USER=admin\nVMM_PASSWORD=admin\n' % self.restconf.base_url)
        self.addCleanup(libvirt.close)
        libvirt.start()
        libvirt.create(DOMAIN, self.net.host_mac('db'), self.net.node_name('s2'), TAP)
        # libvirt put the tap on the bridge itself, with the domain's identity
        code, out, err = run_rc(['ovs-vsctl', 'get', 'Interface', TAP, 'external_ids'], timeout=10)
        self.assertEqual(0, code, err)
        self.assertIn('attached-mac="%s"' % self.net.host_mac('db'), out)
        code, port, err = run_rc(['ovs-vsctl', 'get', 'Interface', TAP, 'ofport'], timeout=10)
        self.assertEqual(0, code, err)
        port = int(port.strip())
        wait_until(lambda: 'exit ' in libvirt.hook_log(), 60, what='the hook to log its vmmctl call',
                   describe=lambda _: libvirt.hook_log())
        log = libvirt.hook_log()
        self.assertIn('%s started: migrate db 10.0.2.3 --node openflow:2 --port %d --mac %s -> exit 0'
                      % (DOMAIN, port, self.net.host_mac('db')), log)
        self.wait_phase('db', 'active')
        self.wait_vm_state('db', current_address='10.0.2.3',
                           **{'current-attachment': {'node-id': 'openflow:2', 'port': port}})
        # the members' edge switch rewrites db's home address to the new one
        self.wait_until_translated_to('10.0.1.3', '10.0.2.3', ['s1'])


if __name__ == '__main__':
    unittest.main()
