"""Issue 11, cut-over per peer: members move to a migrated VM's new address one at a time.

db (home 10.0.1.3) migrates to subnet 2 (10.0.2.3). web cuts over: it reaches db at 10.0.2.3
directly (routed, nothing translated, db sees web's real address), while app still reaches db at
its home address through the translation; then app cuts over; then the migration is completed (or
completes itself when the last member cuts over and the migration asks for it).
"""

import unittest

from vmm.base import VmmTestCase
from vmm.restconf import error_messages

DB_HOME, DB_NEW = '10.0.1.3', '10.0.2.3'


class CutOverTest(VmmTestCase):
    """web, app and db in shop; db migrated to s2 (10.0.2.3)."""

    def migrate_db(self):
        self.migrate('db', 's2', DB_NEW)
        self.wait_until_translation_of('db')
        self.wait_phase('db', 'active')

    def cut_over(self, peer, completed=False):
        status, body = self.restconf.cut_over('db', peer)
        self.assertEqual(200, status, 'cut-over db %s: %s %s' % (peer, status, body))
        output = (body or {}).get('vm-mobility:output', {}) if isinstance(body, dict) else {}
        self.assertEqual(completed, output.get('completed', False), body)

    def config_migration(self):
        status, body = self.restconf.get_config(self.restconf.migration_path('db'))
        return body['vm-mobility:migration'][0] if status == 200 else None

    def translation_flows_mentioning(self, switch, address):
        return [f for f in self.translation_flows(switch) if address in str(f)]

    def test_peers_cut_over_one_at_a_time_then_complete(self):
        self.migrate_db()
        self.cut_over('web')
        self.assertEqual(['web'], self.config_migration().get('cut-over'))
        self.wait_until_flows('s1', lambda flows: not self.translation_flows_mentioning('s1', '10.0.1.1'),
                              what="web's translation gone from s1")
        # web uses db's new address: ping and TCP, db sees web's own address
        self.wait_for_ping('web', DB_NEW)
        view = self.assert_tcp('web', 'db', DB_NEW)
        self.assertEqual(('10.0.1.1', DB_NEW), (view['peer'], view['local']))
        # app still uses the home address, translated
        self.assert_ping('app', DB_HOME)
        view = self.assert_tcp('app', 'db', DB_HOME)
        self.assertEqual(('10.0.1.2', DB_NEW), (view['peer'], view['local']))
        self.wait_phase('db', 'active')

        self.cut_over('app')
        self.wait_until_flows('s4', lambda flows: not self.translation_flows_mentioning('s4', '10.0.1.2'),
                              what="app's translation gone from s4")
        self.wait_for_ping('app', DB_NEW)
        view = self.assert_tcp('app', 'db', DB_NEW)
        self.assertEqual(('10.0.1.2', DB_NEW), (view['peer'], view['local']))
        self.assertEqual(['app', 'web'], sorted(self.config_migration().get('cut-over')))

        status, body = self.restconf.complete_migration('db')
        self.assertIn(status, (200, 204), body)
        self.assertIsNone(self.config_migration())
        self.wait_until_no_config_translation_flows()
        for peer in ('web', 'app'):
            self.assert_ping(peer, DB_NEW)

    def test_last_cut_over_completes_when_the_migration_asks_for_it(self):
        self.migrate_db()
        status, body = self.restconf.patch(self.restconf.migration_path('db'), {
            'vm-mobility:migration': [{'vm-id': 'db', 'new-address': DB_NEW,
                                       'complete-when-all-cut-over': True}]})
        self.assertIn(status, (200, 204), body)
        self.cut_over('web')
        self.assertIsNotNone(self.config_migration())
        self.cut_over('app', completed=True)
        self.assertIsNone(self.config_migration())
        status, body = self.restconf.get_config(self.restconf.vm_path('db'))
        self.assertEqual(DB_NEW, body['vm-mobility:vm'][0]['home-address'])
        self.wait_until_no_config_translation_flows()
        self.assert_ping('web', DB_NEW)

    def test_a_new_move_keeps_the_cut_overs_and_return_home_clears_them(self):
        self.migrate_db()
        self.cut_over('web')
        self.migrate('db', 's3', '10.0.3.3')
        self.wait_phase('db', 'active')
        self.assertEqual(['web'], self.config_migration().get('cut-over'))
        self.assert_ping('app', DB_HOME)
        self.migrate('db', 's1', DB_HOME)
        self.assertIsNone(self.config_migration())

    def test_cut_over_refused_with_the_reason(self):
        self.migrate_db()
        cases = [('db', 'ghost', 'peer ghost is not registered'),
                 ('db', 'db', 'is the migrated VM itself'),
                 ('web', 'app', 'VM web has no migration')]
        for vm_id, peer, reason in cases:
            status, body = self.restconf.cut_over(vm_id, peer)
            self.assertEqual(400, status, '%s %s: %s' % (vm_id, peer, body))
            self.assertTrue(any(reason in m for m in error_messages(body)), body)
        self.register_vm('n1')
        status, body = self.restconf.cut_over('db', 'n1')
        self.assertEqual(400, status, body)
        self.assertTrue(any('peer n1 shares no group with VM db' in m for m in error_messages(body)), body)
        self.assertIsNone(self.config_migration().get('cut-over'))


if __name__ == '__main__':
    unittest.main()
