"""A real Prometheus for a test: Debian's prometheus package, started by the test on a loopback port with a scrape
configuration of its own (its data in a temporary directory), queried over its HTTP API with PromQL, and stopped by
pid with its directory removed."""

import json
import os
import shutil
import subprocess
import tempfile
import urllib.parse
import urllib.request

from vmm.controller import port_listening
from vmm.util import LOG, ensure_debian_packages, wait_until

PACKAGES = ['prometheus']
BINARY = '/usr/bin/prometheus'
# the controller's metrics listener (etc/org.opendaylight.vmmobility.cfg: metrics-address, metrics-port)
METRICS_TARGET = '127.0.0.1:9464'
PORT = 19090

CONFIG = """global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: vmmobility
    static_configs:
      - targets: [%(targets)s]
"""


def ensure_packages():
    """Install Prometheus (without recommended packages) when missing."""
    ensure_debian_packages(PACKAGES, [BINARY])


class Prometheus:
    """Prometheus scraping some targets every second, on 127.0.0.1:PORT."""

    def __init__(self, targets=(METRICS_TARGET,), port=PORT):
        self.targets = list(targets)
        self.port = port
        self.url = 'http://127.0.0.1:%d' % port
        self.dir = None
        self.proc = None
        self.log = None

    def start(self):
        if port_listening(self.port):
            raise RuntimeError('127.0.0.1:%d is in use: not starting Prometheus there' % self.port)
        self.dir = tempfile.mkdtemp(prefix='vmm-prometheus-')
        config = os.path.join(self.dir, 'prometheus.yml')
        with open(config, 'w') as handle:
            handle.write(CONFIG % {'targets': ', '.join("'%s'" % target for target in self.targets)})
        self.log = open(os.path.join(self.dir, 'prometheus.log'), 'w')
        self.proc = subprocess.Popen(
            [BINARY, '--config.file=' + config, '--storage.tsdb.path=' + os.path.join(self.dir, 'data'),
             '--web.listen-address=127.0.0.1:%d' % self.port],
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT)
        LOG.info('Prometheus %d started on %s scraping %s', self.proc.pid, self.url, self.targets)
        wait_until(self._ready, 60, what='Prometheus ready', describe=self.log_tail)
        return self

    def _ready(self):
        if self.proc.poll() is not None:
            raise RuntimeError('Prometheus exited (%s):\n%s' % (self.proc.returncode, self.log_tail()))
        try:
            with urllib.request.urlopen(self.url + '/-/ready', timeout=2) as answer:
                return answer.status == 200
        except OSError:
            return False

    def log_tail(self, lines=30):
        try:
            with open(os.path.join(self.dir, 'prometheus.log')) as handle:
                return ''.join(handle.readlines()[-lines:])
        except OSError as exc:
            return '(no log: %s)' % exc

    def api(self, path, **params):
        """GET /api/v1/<path>; returns the parsed answer's data (raises if Prometheus answers an error)."""
        query = urllib.parse.urlencode(params)
        with urllib.request.urlopen('%s/api/v1/%s?%s' % (self.url, path, query), timeout=10) as answer:
            body = json.loads(answer.read().decode('utf-8'))
        if body.get('status') != 'success':
            raise RuntimeError('Prometheus refused %s %s: %s' % (path, params, body))
        return body['data']

    def query(self, expr):
        """An instant PromQL query: [(labels, value)] of its vector (a scalar as one unlabelled entry)."""
        data = self.api('query', query=expr)
        if data['resultType'] == 'scalar':
            return [({}, float(data['result'][1]))]
        return [(sample['metric'], float(sample['value'][1])) for sample in data['result']]

    def value(self, expr, default=None):
        """The single value of an instant query, or default when it has none."""
        result = self.query(expr)
        if not result:
            return default
        if len(result) != 1:
            raise AssertionError('%s has %d series: %s' % (expr, len(result), result))
        return result[0][1]

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if self.log is not None:
            self.log.close()
        if self.dir is not None:
            shutil.rmtree(self.dir, ignore_errors=True)
        self.proc = None
        self.dir = None
