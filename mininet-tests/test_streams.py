"""Issue 18, notification streams as a subscriber sees them: an orchestrator subscribes to the controller's RFC 8040
notification stream (integrations/vmmctl watch, server-sent events) and receives exactly one migration-activated per
activation and one migration-removed per removal, with the addresses; vmmctl watch prints them as they come."""

import os
import subprocess
import unittest

from vmm.base import VmmTestCase
from vmm.streams import VMMCTL, Watcher
from vmm.util import wait_until


class NotificationStreamTest(VmmTestCase):
    """web, app and db in shop; db moves to s2 (10.0.2.3)."""

    def watcher(self):
        watcher = Watcher([self.restconf.base_url])
        self.addCleanup(watcher.stop)
        watcher.wait_subscribed()
        return watcher

    def test_subscriber_receives_one_activation_and_one_removal(self):
        watcher = self.watcher()
        self.migrate('db', 's2', '10.0.2.3')
        self.wait_phase('db', 'active')
        wait_until(lambda: watcher.of('migration-activated', 'db'), 15, what='the activation on the stream')
        # exactly one, also a while later (the engine's probes keep confirming the flows)
        self.assert_stays(lambda: len(watcher.of('migration-activated', 'db')) == 1, 5,
                          'one migration-activated for one activation')
        event = watcher.of('migration-activated', 'db')[0]
        self.assertEqual(('10.0.1.3', '10.0.2.3'), (event.get('home-address'), event.get('current-address')))
        self.assertTrue(event.get('switch'), event)

        status, body = self.restconf.delete_migration('db')
        self.assertIn(status, (200, 204), body)
        wait_until(lambda: watcher.of('migration-removed', 'db'), 15, what='the removal on the stream')
        self.assert_stays(lambda: len(watcher.of('migration-removed', 'db')) == 1, 3,
                          'one migration-removed for one removal')
        self.assertEqual(1, len(watcher.of('migration-activated', 'db')), 'no second activation')

    def test_vmmctl_watch_prints_each_notification_as_it_comes(self):
        env = dict(os.environ, VMM_URL=self.restconf.base_url, VMM_PASSWORD='admin')
        proc = subprocess.Popen(['/usr/bin/python3', VMMCTL, 'watch', '--count', '1', '--timeout', '60'], env=env,
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                universal_newlines=True)
        self.addCleanup(lambda: proc.poll() is None and proc.kill())
        # subscribed: vmmctl says so on stderr before anything is published
        line = proc.stderr.readline()
        self.assertIn('subscribed', line)
        self.migrate('db', 's2', '10.0.2.3')
        out, err = proc.communicate(timeout=60)
        self.assertEqual(0, proc.returncode, err)
        lines = out.splitlines()
        self.assertEqual(1, len(lines), out)
        self.assertRegex(lines[0], r'^\S+ activated db home-address=10\.0\.1\.3 current-address=10\.0\.2\.3 '
                                   r'switch=openflow:\d')


if __name__ == '__main__':
    unittest.main()
