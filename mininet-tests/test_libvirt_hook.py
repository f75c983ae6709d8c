"""Issue 11, the libvirt hook: integrations/libvirt/qemu invoked exactly as libvirt invokes it on the
destination host (arguments <domain> started begin -, the domain XML on stdin) tells the controller
the VM moved, in the background: libvirt gets its answer at once."""

import os
import subprocess
import tempfile
import time
import unittest

from vmm.base import VmmTestCase
from vmm.libvirt import domain_xml
from vmm.util import wait_until

HERE = os.path.dirname(os.path.abspath(__file__))
HOOK = os.path.join(os.path.dirname(HERE), 'integrations', 'libvirt', 'qemu')


class LibvirtHookTest(VmmTestCase):
    """web, app and db in shop; db is 'live-migrated' to s2 with 10.0.2.3 and libvirt runs the hook."""

    def hook(self, *args, xml=''):
        began = time.monotonic()
        proc = subprocess.run([HOOK] + list(args), input=xml, env=self.env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, universal_newlines=True, timeout=30, check=False)
        self.assertEqual(0, proc.returncode, proc.stderr)
        return time.monotonic() - began

    def log_text(self):
        try:
            with open(self.env['VMM_HOOK_LOG']) as handle:
                return handle.read()
        except OSError:
            return ''

    def test_started_on_the_destination_notifies_the_move_without_blocking_libvirt(self):
        work = tempfile.mkdtemp(prefix='vmm-hook-')
        self.addCleanup(lambda: subprocess.run(['rm', '-rf', work], check=False))
        with open(os.path.join(work, 'hook.map'), 'w') as handle:
            handle.write('# domain vm-id address-here\ninstance-0000db db 10.0.2.3\n')
        self.env = dict(os.environ, VMM_HOOK_MAP=os.path.join(work, 'hook.map'),
                        VMM_HOOK_LOG=os.path.join(work, 'hook.log'), VMM_HOOK_ENV=os.path.join(work, 'none'),
                        VMM_URL=self.restconf.base_url, VMM_USER='admin', VMM_PASSWORD='admin')
        self.net.migrate('db', 's2', '10.0.2.3', notify=False)
        dev = self.net.peer_intf('db').name
        xml = domain_xml('instance-0000db', self.net.host_mac('db'), self.net.node_name('s2'), dev)
        # libvirt's other calls on the destination do nothing
        for operation in (('migrate', 'begin', '-'), ('prepare', 'begin', '-'), ('start', 'begin', '-')):
            self.hook('instance-0000db', *operation, xml=xml)
        took = self.hook('instance-0000db', 'started', 'begin', '-', xml=xml)
        self.assertLess(took, 2.0, 'the hook kept libvirt waiting')
        wait_until(lambda: 'exit 0' in self.log_text(), 30, what='the hook to log its vmmctl call',
                   describe=lambda _: self.log_text())
        log = self.log_text()
        self.assertIn('migrate db 10.0.2.3 --node openflow:2 --port %d' % self.net.ofport('db'), log)
        self.assertIn('VM db: migrated', log)
        self.wait_phase('db', 'active')
        self.assert_ping('web', '10.0.1.3')
        view = self.assert_tcp('app', 'db', '10.0.1.3')
        self.assertEqual(('10.0.1.2', '10.0.2.3'), (view['peer'], view['local']))
        # a domain the map does not name: logged, nothing stored
        self.hook('instance-other', 'started', 'begin', '-', xml=xml)
        wait_until(lambda: 'instance-other started: not in' in self.log_text(), 15, what='the hook to log it')


if __name__ == '__main__':
    unittest.main()
