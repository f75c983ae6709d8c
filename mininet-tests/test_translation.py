"""VM Mobility end to end: a group's members keep reaching a migrated VM at its home address.

Topology (vmm.base): subnet 1 = s1 + s4 (router on s1), subnet 2 = s2, subnet 3 = s3.
web 10.0.1.1 (s1), app 10.0.1.2 (s4), db 10.0.1.3 (s1), bk 10.0.1.4 (s4),
non-members n1 10.0.1.100 (s1), n2 10.0.2.100 (s2), n3 10.0.3.100 (s3).
Group 'shop' = web, app, db unless a class says otherwise. Model v2: setUp registers every
member once in the vm list (home address, MAC, attachment) and the groups naming them by vm-id.
"""

import unittest

from vmm.base import VmmTestCase
from vmm.topology import mac_for

GW1_MAC = mac_for('10.0.1.254')


class MigratedVmTest(VmmTestCase):
    """db migrates from subnet 1 (s1) to subnet 2 (s2) and becomes 10.0.2.3."""

    def migrate_db(self):
        self.migrate('db', 's2', '10.0.2.3')
        self.wait_until_translation_of('db')

    def test_member_reaches_migrated_vm_at_home_address_icmp(self):
        self.migrate_db()
        self.assert_ping('web', '10.0.1.3')
        self.assert_ping('app', '10.0.1.3')

    def test_member_reaches_migrated_vm_at_home_address_tcp(self):
        self.migrate_db()
        for peer, peer_ip in (('web', '10.0.1.1'), ('app', '10.0.1.2')):
            view = self.assert_tcp(peer, 'db', '10.0.1.3')
            self.assertEqual((peer_ip, '10.0.2.3'), (view['peer'], view['local']),
                             'db sees %s at its own address, and is itself at 10.0.2.3' % peer)

    def test_member_reaches_migrated_vm_at_home_address_udp(self):
        self.migrate_db()
        for peer, peer_ip in (('web', '10.0.1.1'), ('app', '10.0.1.2')):
            view = self.assert_udp(peer, 'db', '10.0.1.3')
            self.assertEqual(peer_ip, view['peer'])

    def test_migrated_vm_sees_peers_at_their_addresses(self):
        self.migrate_db()
        self.assert_ping('db', '10.0.1.1')
        self.assert_ping('db', '10.0.1.2')
        for peer, peer_ip in (('web', '10.0.1.1'), ('app', '10.0.1.2')):
            view = self.assert_tcp('db', peer, peer_ip)
            self.assertEqual('10.0.1.3', view['peer'],
                             '%s must see db at its home address' % peer)
            view = self.assert_udp('db', peer, peer_ip)
            self.assertEqual('10.0.1.3', view['peer'])

    def test_migrated_vm_never_seen_at_current_address_by_peers(self):
        self.migrate_db()
        capture = self.capture('web', 'ip')
        self.assert_tcp('web', 'db', '10.0.1.3')
        self.assert_ping('web', '10.0.1.3')
        self.assert_tcp('db', 'web', '10.0.1.1')
        self.assertEqual([], capture.lines('10.0.2.3'), 'web saw db\'s current address')
        self.assertTrue(capture.lines('10.0.1.3'), 'web saw no traffic with db at all')

    def test_arp_for_home_address_answered_in_data_plane(self):
        self.migrate_db()
        self.net.host('web').cmd('ip neigh flush all')
        router_arp = self.net.capture('r', 'arp', intf=self.net.router_intf['10.0.1.0/24'])
        n1_arp = self.capture('n1', 'arp')
        web_arp = self.capture('web', 'arp')
        self.wait_for_ping('web', '10.0.1.3')
        self.assertIn('lladdr %s' % GW1_MAC, self.net.neigh('web', '10.0.1.3'),
                      'web must learn the next hop (the router) for db\'s home address')
        replies = web_arp.lines('10.0.1.3 is-at')
        self.assertTrue(replies, 'no ARP reply for 10.0.1.3 reached web')
        self.assertEqual([], router_arp.lines('who-has 10.0.1.3'),
                         'the request reached the router: not answered by the switch')
        self.assertEqual([], n1_arp.lines('who-has 10.0.1.3'),
                         'the request was flooded: not answered by the switch')

    def test_non_member_not_translated(self):
        self.migrate_db()
        self.assert_ping('web', '10.0.1.3')
        n1 = self.net.host('n1')
        n1.cmd('ip neigh replace 10.0.1.3 lladdr %s dev %s nud permanent'
               % (GW1_MAC, self.net.intf('n1').name))
        capture = self.capture('db', 'ip')
        self.assert_no_ping('n1', '10.0.1.3')
        self.assert_no_udp('n1', 'db', '10.0.1.3')
        self.assert_no_ping('n2', '10.0.1.3')
        self.assert_no_tcp('n3', 'db', '10.0.1.3')
        for address in ('10.0.1.100', '10.0.2.100', '10.0.3.100'):
            self.assertEqual([], capture.lines(address), 'db saw non-member %s' % address)

    def test_non_member_arp_not_answered(self):
        self.migrate_db()
        capture = self.capture('n1', 'arp')
        self.assert_no_ping('n1', '10.0.1.3')
        self.assertEqual([], capture.lines('10.0.1.3 is-at'))
        self.assertNotIn('lladdr', self.net.neigh('n1', '10.0.1.3'))

    def test_forged_member_address_from_other_port_not_translated(self):
        self.migrate_db()
        self.assert_ping('web', '10.0.1.3')
        # n1 (s1, not a member) claims web's address on its own port.
        self.net.readdress('n1', '10.0.1.1')
        arp = self.capture('n1', 'arp')
        self.assert_no_ping('n1', '10.0.1.3')
        self.assertEqual([], arp.lines('10.0.1.3 is-at'), 'ARP answered for a forged sender')
        self.net.host('n1').cmd('ip neigh replace 10.0.1.3 lladdr %s dev %s nud permanent'
                                % (GW1_MAC, self.net.intf('n1').name))
        capture = self.capture('db', 'ip')
        self.assert_no_ping('n1', '10.0.1.3')
        self.assert_no_udp('n1', 'db', '10.0.1.3')
        self.assertEqual([], capture.lines('10.0.1.1'), 'db received the forged traffic')

    def test_migration_state_active_in_operational(self):
        self.migrate_db()
        state = self.wait_phase('db', 'active', timeout=15)
        self.assertEqual(sorted(self.net.node_id(s) for s in self.peer_switches('db')),
                         sorted(state.get('switch', [])))

    def test_migration_state_readable_as_soon_as_notified(self):
        """Right after notify-migration answers, migration=db/state exists: pending or active,
        never 404 / data-missing."""
        self.migrate('db', 's2', '10.0.2.3')
        status, state = self.restconf.get_migration_state('db')
        self.assertEqual(200, status, 'migration=db/state right after notify-migration: %s %s'
                         % (status, state))
        self.assertIn(state.get('phase'), ('pending', 'active'), state)
        self.wait_phase('db', 'active', timeout=15)

    def test_vm_state_shows_migrated_vm_and_its_translation(self):
        self.migrate_db()
        state = self.wait_vm_state('db', status='migrated', current_address='10.0.2.3')
        self.assertEqual(mac_for('10.0.1.3'), state.get('current-mac'))
        attachment = state.get('current-attachment', {})
        self.assertEqual(('openflow:2', self.net.ofport('db')),
                         (attachment.get('node-id'), int(attachment.get('port', 0))), state)
        self.assertEqual(['shop'], sorted(state.get('group', [])))
        self.wait_vm_state('db', translation={'home-address': '10.0.1.3',
                                              'current-address': '10.0.2.3',
                                              'phase': 'active'})
        web = self.wait_vm_state('web', status='at-home', current_address='10.0.1.1',
                                 group=['shop'])
        self.assertFalse(web.get('translation', {}).get('current-address'),
                         'web is at home: no translation expected: %s' % web)


class MigrationLifecycleTest(VmmTestCase):
    """Migrating again, returning home, completing, replaying and racing notifications."""

    def test_migrate_again_removes_previous_translation(self):
        self.migrate('db', 's2', '10.0.2.3')
        self.wait_until_translation_of('db')
        self.assert_ping('web', '10.0.1.3')
        self.migrate('db', 's3', '10.0.3.3')
        self.wait_until_translation_of('db')
        for switch in self.net.switch_names():
            self.wait_until_no_flow_mentions(switch, '10.0.2.3')
        self.assert_ping('web', '10.0.1.3')
        self.assert_ping('app', '10.0.1.3')
        view = self.assert_tcp('web', 'db', '10.0.1.3')
        self.assertEqual('10.0.3.3', view['local'])

    def test_return_home_removes_translation(self):
        self.migrate('db', 's2', '10.0.2.3')
        self.wait_until_translation_of('db')
        self.assert_ping('web', '10.0.1.3')
        status, body = self.migrate('db', 's1', '10.0.1.3')
        self.assertEqual('returned-home', body['vm-mobility:output']['outcome'])
        self.wait_until_only_miss_flows()
        self.wait_until_no_config_translation_flows()
        status, body = self.restconf.get_config(self.restconf.migration_path('db'))
        self.assertIn(status, (404, 409), 'migration still configured: %s' % body)
        self.wait_vm_state('db', status='at-home', current_address='10.0.1.3')
        self.assert_ping('web', '10.0.1.3')
        self.assert_ping('n1', '10.0.1.3')
        view = self.assert_tcp('app', 'db', '10.0.1.3')
        self.assertEqual(('10.0.1.2', '10.0.1.3'), (view['peer'], view['local']))

    def test_complete_migration(self):
        self.migrate('db', 's2', '10.0.2.3')
        self.wait_until_translation_of('db')
        self.assert_ping('web', '10.0.1.3')
        status, body = self.restconf.complete_migration('db')
        self.assertIn(status, (200, 204), body)
        status, body = self.restconf.get_config(self.restconf.vm_path('db'))
        self.assertEqual(200, status, body)
        vm = body['vm-mobility:vm'][0]
        self.assertEqual('10.0.2.3', vm['home-address'])
        self.assertEqual(mac_for('10.0.1.3'), vm['mac'])
        self.assertEqual({'node-id': 'openflow:2', 'port': self.net.ofport('db')},
                         {'node-id': vm['attachment']['node-id'],
                          'port': int(vm['attachment']['port'])})
        status, body = self.restconf.get_config(self.restconf.group_path('shop'))
        self.assertEqual(200, status, body)
        self.assertIn('db', [m['vm-id'] for m in
                             body['vm-mobility:application-group'][0]['member']])
        status, body = self.restconf.get_config(self.restconf.migration_path('db'))
        self.assertIn(status, (404, 409), 'migration still configured: %s' % body)
        self.wait_vm_state('db', status='at-home', current_address='10.0.2.3')
        self.wait_until_only_miss_flows()
        view = self.assert_tcp('web', 'db', '10.0.2.3')
        self.assertEqual(('10.0.1.1', '10.0.2.3'), (view['peer'], view['local']))
        self.assert_no_ping('web', '10.0.1.3')

    def test_replayed_notification_changes_nothing(self):
        self.migrate('db', 's2', '10.0.2.3')
        self.wait_until_translation_of('db')
        self.assert_ping('web', '10.0.1.3')
        before_flows = self.snapshot_flows()
        before_stats = {s: {f.key(): f for f in self.net.flows(s)}
                        for s in self.net.switch_names()}
        before_config = self.config_text()
        status, body = self.restconf.notify_migration('db', '10.0.2.3', None, 'openflow:2',
                                                      self.net.ofport('db'))
        self.assertEqual(200, status, body)
        self.assertEqual('migrated', body['vm-mobility:output']['outcome'])
        self.assert_stays(lambda: self.snapshot_flows() == before_flows, 3,
                          'flows changed after a replayed notification')
        self.assertEqual(before_config, self.config_text())
        for switch, flows in before_stats.items():
            for flow in self.net.flows(switch):
                old = flows[flow.key()]
                self.assertGreaterEqual(flow.duration, old.duration,
                                        'flow re-installed on %s: %s' % (switch, flow))
                self.assertGreaterEqual(flow.n_packets, old.n_packets,
                                        'flow counters reset on %s: %s' % (switch, flow))
        self.assert_ping('web', '10.0.1.3')

    def test_conflicting_notifications_last_wins(self):
        self.migrate('db', 's3', '10.0.3.3', notify=False)
        first = self.restconf.notify_migration('db', '10.0.2.3', None, 'openflow:2', 9)
        last = self.restconf.notify_migration('db', '10.0.3.3', None, 'openflow:3',
                                              self.net.ofport('db'))
        self.assertEqual((200, 200), (first[0], last[0]), (first, last))
        self.wait_until_translation_of('db')
        for switch in self.net.switch_names():
            self.wait_until_no_flow_mentions(switch, '10.0.2.3')
        status, body = self.restconf.get_config(self.restconf.migration_path('db'))
        self.assertEqual(200, status, body)
        self.assertEqual('10.0.3.3', body['vm-mobility:migration'][0]['new-address'])
        self.assert_ping('web', '10.0.1.3')
        self.assertEqual('10.0.3.3', self.assert_tcp('app', 'db', '10.0.1.3')['local'])


class TwoMigratedMembersTest(VmmTestCase):
    """Two members of one group migrated: they reach each other at their home addresses."""

    def check_pair(self):
        self.wait_until_translation_of('db')
        self.wait_until_translation_of('app')
        self.assert_ping('web', '10.0.1.3')
        self.assert_ping('web', '10.0.1.2')
        self.assert_ping('db', '10.0.1.2')
        self.assert_ping('app', '10.0.1.3')
        view = self.assert_tcp('db', 'app', '10.0.1.2')
        self.assertEqual(('10.0.1.3', self.net.ip('app')), (view['peer'], view['local']))
        view = self.assert_udp('app', 'db', '10.0.1.3')
        self.assertEqual('10.0.1.2', view['peer'])
        view = self.assert_tcp('web', 'app', '10.0.1.2')
        self.assertEqual('10.0.1.1', view['peer'])

    def test_two_migrated_members_same_switch(self):
        self.migrate('db', 's2', '10.0.2.3')
        self.migrate('app', 's2', '10.0.2.2')
        self.check_pair()

    def test_two_migrated_members_different_switches(self):
        self.migrate('db', 's2', '10.0.2.3')
        self.migrate('app', 's3', '10.0.3.2')
        self.check_pair()

    def test_two_migrated_members_notified_in_one_batch(self):
        results = self.migrate_batch([('db', 's2', '10.0.2.3'), ('app', 's3', '10.0.3.2')])
        self.assertEqual({'db': 'migrated', 'app': 'migrated'},
                         {vm: r.get('outcome') for vm, r in results.items()}, results)
        self.check_pair()


class BatchMigrationTest(VmmTestCase):
    """notify-migrations: every VM it can accept is stored, the others are refused by name."""

    def test_batch_migrates_valid_vm_and_refuses_unknown_vm(self):
        nobody = self.restconf.migration_notice('nobody', '10.0.2.9', node_id='openflow:2',
                                                port=9)
        results = self.migrate_batch([('db', 's2', '10.0.2.3')], extra=[nobody])
        self.assertEqual('migrated', results['db'].get('outcome'), results)
        self.assertFalse(results['db'].get('reason'), 'an accepted VM has no reason: %s'
                         % results)
        self.assertEqual('refused', results['nobody'].get('outcome'), results)
        self.assertIn('not registered', results['nobody'].get('reason', ''), results)
        # the accepted one is readable at once, the refused one was not stored
        status, state = self.restconf.get_migration_state('db')
        self.assertEqual(200, status, 'migration=db/state right after notify-migrations: %s %s'
                         % (status, state))
        self.assertIn(state.get('phase'), ('pending', 'active'), state)
        status, body = self.restconf.get_config(self.restconf.migration_path('nobody'))
        self.assertIn(status, (404, 409), 'a refused VM\'s migration was stored: %s' % body)
        # db is translated: its peers reach it at its home address
        self.wait_until_translation_of('db')
        self.assert_ping('web', '10.0.1.3')
        self.assert_ping('app', '10.0.1.3')
        view = self.assert_tcp('web', 'db', '10.0.1.3')
        self.assertEqual(('10.0.1.1', '10.0.2.3'), (view['peer'], view['local']))
        view = self.assert_udp('app', 'db', '10.0.1.3')
        self.assertEqual('10.0.1.2', view['peer'])
        self.wait_phase('db', 'active', timeout=15)
        for switch in self.net.switch_names():
            self.wait_until_no_flow_mentions(switch, '10.0.2.9')


class TwoGroupsTest(VmmTestCase):
    """db is in 'shop' (web, app, db) and 'backup' (db, bk)."""

    GROUPS = {'shop': ('web', 'app', 'db'), 'backup': ('db', 'bk')}

    def test_vm_in_two_groups_translated_for_both_only(self):
        self.migrate('db', 's2', '10.0.2.3')
        self.wait_until_translation_of('db')
        for member in ('web', 'app', 'bk'):
            self.assert_ping(member, '10.0.1.3')
        self.assertEqual('10.0.1.4', self.assert_tcp('bk', 'db', '10.0.1.3')['peer'])
        self.assert_no_ping('n1', '10.0.1.3')
        # app is only in 'shop': bk (only in 'backup') must not be translated towards it.
        self.migrate('app', 's3', '10.0.3.2')
        self.wait_until_translation_of('app')
        self.assert_ping('web', '10.0.1.2')
        self.assert_ping('db', '10.0.1.2')
        capture = self.capture('app', 'ip')
        self.assert_no_ping('bk', '10.0.1.2')
        self.assert_no_udp('bk', 'app', '10.0.1.2')
        self.assertEqual([], capture.lines('10.0.1.4'), 'app received traffic from bk')


class RemovalTest(VmmTestCase):
    """Removing intent removes exactly its flows, from the switches and the config inventory."""

    def test_member_removal_leaves_no_stale_flows(self):
        self.migrate('db', 's2', '10.0.2.3')
        self.wait_until_translation_of('db')
        self.assert_ping('app', '10.0.1.3')
        status, body = self.restconf.delete_member('shop', 'app')
        self.assertIn(status, (200, 204), body)
        # app was the only member on s4: nothing of the translation may stay there.
        self.wait_until_only_miss_flows(['s4'])
        self.wait_until_no_config_translation_flows(['s4'])
        for switch in self.net.switch_names():
            self.wait_until_no_flow_mentions(switch, '10.0.1.2')
        self.wait_until_translated_to('10.0.1.3', '10.0.2.3', ['s1'])
        self.assert_ping('web', '10.0.1.3')
        self.assert_no_ping('app', '10.0.1.3')

    def test_removing_last_group_of_migrated_vm_accepted_and_cleans_up(self):
        """DELETE of db's only group while db is migrated is accepted (the commit cohort checks
        only the entries a transaction writes: deletions are never refused, docs/DESIGN.md
        'Validation'): the group is gone, db and its migration stay configured, nothing of the
        translation stays on the switches or in the config inventory, web no longer reaches db
        at its home address, and db's migration shows failed, not a member of any group."""
        self.migrate('db', 's2', '10.0.2.3')
        self.wait_until_translation_of('db')
        self.assert_ping('web', '10.0.1.3')
        status, body = self.restconf.delete_group('shop')
        self.assertIn(status, (200, 204), 'DELETE of the migrated VM\'s last group must be '
                      'accepted: %s %s' % (status, body))
        status, body = self.restconf.get_config(self.restconf.group_path('shop'))
        self.assertIn(status, (404, 409), 'deleted group still configured: %s %s'
                      % (status, body))
        for path in (self.restconf.vm_path('db'), self.restconf.migration_path('db')):
            status, body = self.restconf.get_config(path)
            self.assertEqual(200, status, '%s must stay configured: %s' % (path, body))
        self.wait_until_only_miss_flows()
        self.wait_until_no_config_translation_flows()
        self.assert_no_ping('web', '10.0.1.3')
        self.wait_phase('db', 'failed', reason_contains='not a member of any group')

    def test_vm_removal_refused_while_a_group_names_it_then_its_flows_go(self):
        """DELETE vm=app while shop names it and db is migrated: refused naming shop (issue 16:
        no dangling members), nothing changes and app still reaches db; after DELETE of the
        membership the VM's DELETE is accepted: nothing of db's translation stays at app's
        switch, and app no longer reaches db at home."""
        self.migrate('db', 's2', '10.0.2.3')
        self.wait_until_translation_of('db')
        self.assert_ping('app', '10.0.1.3')
        status, body = self.restconf.delete_vm('app')
        self.assertIn(status, (400, 409), body)
        self.assertIn('group shop', str(body), body)
        status, body = self.restconf.get_config(self.restconf.vm_path('app'))
        self.assertEqual(200, status, 'the refused DELETE removed the VM: %s' % body)
        self.assert_ping('app', '10.0.1.3')
        status, body = self.restconf.delete_member('shop', 'app')
        self.assertIn(status, (200, 204), body)
        status, body = self.restconf.delete_vm('app')
        self.assertIn(status, (200, 204), body)
        self.wait_until_only_miss_flows(['s4'])
        self.wait_until_no_config_translation_flows(['s4'])
        for switch in self.net.switch_names():
            self.wait_until_no_flow_mentions(switch, '10.0.1.2')
        self.wait_until_translated_to('10.0.1.3', '10.0.2.3', ['s1'])
        self.assert_ping('web', '10.0.1.3')
        self.assert_no_ping('app', '10.0.1.3')
        status, body = self.restconf.get_config(self.restconf.vm_path('app'))
        self.assertIn(status, (404, 409), 'deleted VM still configured: %s' % body)
        self.wait_phase('db', 'active')

    def test_removal_of_migrated_vm_refused_until_its_migration_and_memberships_go(self):
        """DELETE vm=db while db is migrated: refused naming shop and its migration, the
        translation stays; after DELETE of the migration and the membership the VM's DELETE is
        accepted and nothing of its translation stays."""
        self.migrate('db', 's2', '10.0.2.3')
        self.wait_until_translation_of('db')
        self.assert_ping('web', '10.0.1.3')
        status, body = self.restconf.delete_vm('db')
        self.assertIn(status, (400, 409), body)
        for words in ('group shop', 'migration db'):
            self.assertIn(words, str(body), body)
        self.assert_ping('web', '10.0.1.3')
        for path in (self.restconf.migration_path('db'), self.restconf.member_path('shop', 'db')):
            status, body = self.restconf.delete(path)
            self.assertIn(status, (200, 204), '%s: %s' % (path, body))
        status, body = self.restconf.delete_vm('db')
        self.assertIn(status, (200, 204), body)
        self.wait_until_only_miss_flows()
        self.wait_until_no_config_translation_flows()
        self.assert_no_ping('web', '10.0.1.3')
        self.assert_ping('web', '10.0.1.2')


class GroupRemovalTest(VmmTestCase):
    """db is in 'shop' (web, app, db) and 'backup' (db, bk); 'shop' is deleted."""

    GROUPS = {'shop': ('web', 'app', 'db'), 'backup': ('db', 'bk')}

    def test_group_removal_leaves_no_stale_flows(self):
        self.migrate('db', 's2', '10.0.2.3')
        self.wait_until_translation_of('db')
        self.assert_ping('web', '10.0.1.3')
        self.assert_ping('bk', '10.0.1.3')
        web_port, app_port = self.net.ofport('web'), self.net.ofport('app')
        status, body = self.restconf.delete_group('shop')
        self.assertIn(status, (200, 204), body)
        # web was the only member on s1: nothing may stay there.
        self.wait_until_only_miss_flows(['s1'])
        self.wait_until_no_config_translation_flows(['s1'])
        for switch, port, address in (('s1', web_port, '10.0.1.1'),
                                      ('s4', app_port, '10.0.1.2')):
            self.wait_until_flows(
                switch, lambda flows, p=port, a=address: not [
                    f for f in flows if f.match.get('in_port') == str(p) or f.mentions(a)],
                what='no flow for the removed group\'s member at port %d (%s) on %s'
                % (port, address, switch))
        # backup's translation stays: bk (s4) still reaches db at home, web no longer does.
        self.wait_until_translated_to('10.0.1.3', '10.0.2.3', ['s4'])
        self.assert_ping('bk', '10.0.1.3')
        self.assert_no_ping('web', '10.0.1.3')
        self.assert_no_ping('app', '10.0.1.3')
        self.assert_ping('web', '10.0.2.3')


if __name__ == '__main__':
    unittest.main()
