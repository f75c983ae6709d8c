"""Issue 11, vmmctl: an admin registers VMs and a group, notifies a migration, reads the status,
cuts a peer over and completes the migration with integrations/vmmctl against the real controller;
refusals print the controller's reason and exit 1."""

import json
import os
import subprocess
import unittest

from vmm.base import VmmTestCase

HERE = os.path.dirname(os.path.abspath(__file__))
VMMCTL = os.path.join(os.path.dirname(HERE), 'integrations', 'vmmctl')


class VmmctlTest(VmmTestCase):
    """web, app and db exist in the network; vmmctl registers them."""

    GROUPS = {}
    VMS = ()

    def vmmctl(self, *args, code=0, password='admin', url=None):
        env = dict(os.environ, VMM_URL=url or self.restconf.base_url, VMM_PASSWORD=password)
        proc = subprocess.run(['/usr/bin/python3', VMMCTL] + list(args), env=env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True,
                              timeout=60, check=False)
        self.assertEqual(code, proc.returncode, 'vmmctl %s: %s %s' % (' '.join(args), proc.stdout, proc.stderr))
        return proc.stdout, proc.stderr

    def test_admin_registers_migrates_cuts_over_and_completes(self):
        for host in ('web', 'app', 'db'):
            out, _ = self.vmmctl('vm', 'add', host, '--address', self.home_ip(host), '--mac',
                                 self.net.host_mac(host), '--node', self.net.node_id(self.net.switch_of(host)),
                                 '--port', str(self.net.ofport(host)))
            self.assertIn('VM %s registered' % host, out)
        self.vmmctl('group', 'add', 'shop', 'web', 'app', 'db')
        out, _ = self.vmmctl('group', 'show')
        self.assertIn('shop', out)
        self.assertIn('app, db, web', out)

        self.net.migrate('db', 's2', '10.0.2.3', notify=False)
        out, _ = self.vmmctl('migrate', 'db', '10.0.2.3', '--node', 'openflow:2', '--port',
                             str(self.net.ofport('db')))
        self.assertIn('VM db: migrated', out)
        self.wait_phase('db', 'active')
        self.assert_ping('web', '10.0.1.3')
        out, _ = self.vmmctl('status')
        row = [line for line in out.splitlines() if line.startswith('db ')]
        self.assertTrue(row, out)
        self.assertIn('10.0.2.3', row[0])
        self.assertIn('active', row[0])
        out, _ = self.vmmctl('--json', 'status', 'db')
        self.assertEqual('active', json.loads(out)[0]['state']['phase'])

        out, _ = self.vmmctl('cut-over', 'db', 'web')
        self.assertIn('web cut over', out)
        self.wait_for_ping('web', '10.0.2.3')
        self.assert_ping('app', '10.0.1.3')
        out, _ = self.vmmctl('complete', 'db')
        self.assertIn('completed', out)
        self.wait_until_no_config_translation_flows()
        out, err = self.vmmctl('status', 'db', code=1)
        self.assertIn('VM db has no migration', err)

    def test_admin_registers_and_migrates_a_dual_stack_vm(self):
        for third in (1, 2):
            prefix = '10.0.%d.0/24' % third
            status, body = self.restconf.put_subnet('2001:db8:%d::/64' % third, '2001:db8:%d::fe' % third,
                                                    self.net.gateway_mac(prefix))
            self.assertIn(status, (200, 201, 204), body)
        for host in ('web', 'db'):
            ip = self.home_ip(host)
            out, _ = self.vmmctl('vm', 'add', host, '--address', ip, '--address6',
                                 '2001:db8:1::%s' % ip.split('.')[3], '--mac', self.net.host_mac(host), '--node',
                                 self.net.node_id(self.net.switch_of(host)), '--port', str(self.net.ofport(host)))
            self.assertIn('VM %s registered' % host, out)
        self.vmmctl('group', 'add', 'shop', 'web', 'db')
        self.net.migrate('db', 's2', '10.0.2.3', notify=False)
        out, _ = self.vmmctl('migrate', 'db', '10.0.2.3', '--address6', '2001:db8:2::3', '--node', 'openflow:2',
                             '--port', str(self.net.ofport('db')))
        self.assertIn('VM db: migrated', out)
        self.wait_phase('db', 'active')
        out, _ = self.vmmctl('status', 'db')
        self.assertIn('10.0.2.3 2001:db8:2::3', out)
        _, err = self.vmmctl('migrate', 'db', code=1)
        self.assertIn('a migration needs a new address', err)
        _, err = self.vmmctl('migrate', 'web', '--address6', 'fe80::1', code=1)
        self.assertIn('link-local', err)

    def test_refusals_print_the_reason_and_exit_1(self):
        _, err = self.vmmctl('migrate', 'ghost', '10.0.2.9', code=1)
        self.assertIn('VM ghost is not registered', err)
        _, err = self.vmmctl('vm', 'add', 'bad', '--address', '10.0.1.300', '--mac', '02:00:00:00:00:99', code=1)
        self.assertTrue(err.startswith('vmmctl: 400'), err)
        _, err = self.vmmctl('status', code=1, password='wrong')
        self.assertIn('401: wrong user or password', err)
        _, err = self.vmmctl('status', code=1, url='http://127.0.0.1:9')
        self.assertIn('cannot reach the controller', err)


if __name__ == '__main__':
    unittest.main()
