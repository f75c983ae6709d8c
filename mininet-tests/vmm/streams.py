"""A subscriber to the controller's notification streams, as an orchestrator would be: integrations/vmmctl watch
--json (RFC 8040 stream per node, server-sent events) run in the background, its notifications collected."""

import json
import os
import subprocess
import threading
import time

from vmm.util import wait_until

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VMMCTL = os.path.join(os.path.dirname(HERE), 'integrations', 'vmmctl')


class Watcher:
    """vmmctl watch --json over the given RESTCONF base URLs (every node of a cluster)."""

    def __init__(self, urls, user='admin', password='admin'):
        self.urls = list(urls)
        env = dict(os.environ, VMM_URL=','.join(self.urls), VMM_USER=user, VMM_PASSWORD=password)
        self.proc = subprocess.Popen(['/usr/bin/python3', VMMCTL, '--json', 'watch'], env=env,
                                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, universal_newlines=True)
        self.lock = threading.Lock()
        self.notifications = []
        self.status = []
        self.readers = [threading.Thread(target=self._read, args=(self.proc.stdout, self._event), daemon=True),
                        threading.Thread(target=self._read, args=(self.proc.stderr, self._status), daemon=True)]
        for reader in self.readers:
            reader.start()

    @staticmethod
    def _read(stream, sink):
        for line in stream:
            sink(line.rstrip('\n'))

    def _event(self, line):
        body = json.loads(line).get('ietf-restconf:notification', {})
        with self.lock:
            for key, value in body.items():
                if key.startswith('vm-mobility:'):
                    self.notifications.append((time.time(), key.split(':', 1)[1], value))

    def _status(self, line):
        with self.lock:
            self.status.append(line)

    def subscribed(self):
        """The URLs whose stream is open now (the last status line of each says subscribed)."""
        with self.lock:
            last = {}
            for line in self.status:
                for url in self.urls:
                    if (' %s ' % url) in line:
                        last[url] = ' subscribed: ' in line
        return {url for url, ok in last.items() if ok}

    def wait_subscribed(self, urls=None, timeout=30):
        want = set(urls or self.urls)
        wait_until(lambda: want <= self.subscribed(), timeout, interval=0.2,
                   what='vmmctl watch subscribed to %s' % sorted(want),
                   describe=lambda _: '\n'.join(self.status))

    def of(self, name, vm_id, since=0.0):
        """The notifications called name (migration-activated, migration-removed) about vm_id."""
        with self.lock:
            return [body for at, kind, body in self.notifications
                    if kind == name and body.get('vm-id') == vm_id and at >= since]

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        return '\n'.join(self.status)
