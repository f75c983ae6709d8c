"""Issue 18, Prometheus metrics: Debian's Prometheus, started on a loopback port with a scrape configuration pointing
at the controller's /metrics (127.0.0.1:9464), is queried with PromQL over its HTTP API. After a migration the active
count is 1 and the notify -> active histogram counted it; after a refused RPC the refusal counter rose; every query
of the Grafana dashboard (integrations/grafana) runs in that Prometheus, and every vmm_ metric it names is scraped."""

import json
import os
import re
import unittest

from vmm import prometheus
from vmm.base import VmmTestCase
from vmm.util import LOG, wait_until

DASHBOARD = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'integrations', 'grafana',
                         'vmmobility-dashboard.json')


class PrometheusScrapeTest(VmmTestCase):
    """web, app and db in shop; db moves to s2 (10.0.2.3). One Prometheus for the class."""

    prom = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        prometheus.ensure_packages()
        cls.prom = prometheus.Prometheus().start()

    @classmethod
    def tearDownClass(cls):
        if cls.prom is not None:
            cls.prom.stop()
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        wait_until(lambda: self.prom.value('up{job="vmmobility"}') == 1 and self.prom.query('vmm_migrations'), 30,
                   what='Prometheus scraping the controller', describe=self.prom.log_tail)

    def scraped(self, expr, expected, what):
        """Waits (bounded: a scrape per second) until a query's single value is the expected one."""
        wait_until(lambda: self.prom.value(expr, 0.0) == expected, 30, what=what,
                   describe=lambda: '%s = %s' % (expr, self.prom.query(expr)))

    def test_after_a_migration_one_is_active_and_the_latency_histogram_counted_it(self):
        activations = 'sum(vmm_migration_activation_seconds_count)'
        before = self.prom.value(activations, 0.0)
        calls = 'sum(vmm_rpc_calls_total{rpc="notify-migration",outcome="ok"})'
        calls_before = self.prom.value(calls, 0.0)
        self.assertEqual(0.0, self.prom.value('max(vmm_migrations{phase="active"})', 0.0))
        self.migrate('db', 's2', '10.0.2.3')
        self.wait_phase('db', 'active')
        self.scraped('max(vmm_migrations{phase="active"})', 1.0, 'one active migration in Prometheus')
        self.scraped(activations, before + 1, 'one more notify -> active observation')
        self.scraped(calls, calls_before + 1, 'one more notify-migration answered ok')
        seconds = self.prom.value('sum(vmm_migration_activation_seconds_sum)')
        self.assertGreater(seconds, 0.0)
        LOG.info('PromQL sum(vmm_migration_activation_seconds_sum): %s (this controller\'s activations so far)', seconds)
        LOG.info('PromQL vmm_migrations: %s', self.prom.query('vmm_migrations'))
        LOG.info('PromQL vmm_migration_activation_seconds_count: %s',
                 self.prom.query('vmm_migration_activation_seconds_count'))
        # the engine's node and its flows on the switches db's peers sit on
        self.assertEqual(1.0, self.prom.value('sum(vmm_engine_running)'))
        wait_until(lambda: self.prom.value('sum(vmm_flows_planned) - sum(vmm_flows_confirmed)', -1.0) == 0.0
                   and self.prom.value('sum(vmm_flows_planned)', 0.0) > 0, 30,
                   what='every planned flow confirmed in the metrics',
                   describe=lambda: self.prom.query('vmm_flows_planned') + self.prom.query('vmm_flows_confirmed'))

        status, body = self.restconf.delete_migration('db')
        self.assertIn(status, (200, 204), body)
        self.scraped('max(vmm_migrations{phase="active"})', 0.0, 'no active migration after the delete')

    def test_a_refused_rpc_raises_the_refusal_counter_by_its_reason(self):
        unknown = 'sum(vmm_rpc_refusals_total{rpc="notify-migration",reason="unknown-vm"})'
        before = self.prom.value(unknown, 0.0)
        rule = 'sum(vmm_rpc_refusals_total{rpc="notify-migration",reason="rule"})'
        rule_before = self.prom.value(rule, 0.0)
        status, body = self.restconf.notify_migration('no-such-vm', '10.0.2.9')
        self.assertTrue(400 <= status < 500, (status, body))
        self.assertIn('no-such-vm', json.dumps(body))
        self.scraped(unknown, before + 1, 'the unknown-vm refusal counted')
        # web's address: a rule (addresses are unique), not an unknown VM
        status, body = self.restconf.notify_migration('db', '10.0.1.1')
        self.assertTrue(400 <= status < 500, (status, body))
        self.scraped(rule, rule_before + 1, 'the rule refusal counted')
        LOG.info('PromQL vmm_rpc_refusals_total: %s', self.prom.query('vmm_rpc_refusals_total'))
        self.assertEqual(0.0, self.prom.value('max(vmm_migrations{phase="active"})', 0.0), 'nothing stored')

    def test_every_dashboard_query_runs_and_names_scraped_metrics(self):
        with open(DASHBOARD) as handle:
            dashboard = json.load(handle)
        exprs = [target['expr'] for panel in dashboard['panels'] for target in panel['targets']]
        self.assertGreaterEqual(len(exprs), 10)
        scraped = {labels['__name__'] for labels, _ in self.prom.query('count by (__name__) ({job="vmmobility"})')}
        for expr in exprs:
            self.prom.api('query', query=expr)  # raises on a PromQL error
            for name in re.findall(r'\b((?:vmm|jvm)_[a-z_]+)', expr):
                base = re.sub(r'_(bucket|count|sum)$', '', name)
                self.assertTrue(name in scraped or base + '_bucket' in scraped,
                                '%s (in %r) is not among the scraped metrics' % (name, expr))
        # the panels an operator looks at first have data now
        for expr in ('max by (phase) (vmm_migrations)', 'max by (node) (vmm_engine_running) == 1',
                     'sum by (instance) (jvm_memory_used_bytes{area="heap"})'):
            self.assertTrue(self.prom.query(expr), expr)


if __name__ == '__main__':
    unittest.main()
