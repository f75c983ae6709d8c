"""The Karaf shell commands (vmm:vms, vmm:groups, vmm:migrations, vmm:trace) through bin/client.

Topology (vmm.base): web 10.0.1.1 (s1), app 10.0.1.2 (s4), db 10.0.1.3 (s1) in group 'shop';
n1 10.0.1.100 (s1) is registered as a VM but is in no group. db migrates to subnet 2 (s2) and
becomes 10.0.2.3. Rows are read by splitting the aligned tables on runs of two or more spaces.
"""

import re
import unittest

from vmm.base import VmmTestCase
from vmm.topology import mac_for
from vmm.util import wait_until

DB_HOME, DB_NEW = '10.0.1.3', '10.0.2.3'
GW1_MAC = mac_for('10.0.1.254')
SHELL_TIMEOUT = 30


def table(text):
    """An aligned table printed by a vmm: command as {first cell: {header: cell}}."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return {}
    headers = re.split(r'\s{2,}', lines[0].strip())
    rows = {}
    for line in lines[1:]:
        cells = re.split(r'\s{2,}', line.strip())
        rows[cells[0]] = dict(zip(headers, cells))
    return rows


class ShellCommandsTest(VmmTestCase):
    """The commands show what the application holds and does, in a network where db migrates."""

    VMS = ('web', 'app', 'db', 'n1')

    def wait_shell(self, command, predicate, what):
        """Run command until predicate(output) holds (bounded); returns the last output."""
        box = {}

        def holds():
            box['out'] = self.karaf(command)
            return predicate(box['out'])

        wait_until(holds, SHELL_TIMEOUT, interval=1, what='%s in `%s`' % (what, command),
                   describe=lambda _: 'last output:\n%s' % box.get('out'))
        return box['out']

    def migrate_db(self):
        self.migrate('db', 's2', DB_NEW)
        self.wait_until_translation_of('db')
        self.wait_phase('db', 'active')

    def test_vms_lists_registered_vms_with_their_state(self):
        db_home_port = 'openflow:1 port %d' % self.net.ofport('db')
        self.migrate_db()
        db_port = 'openflow:2 port %d' % self.net.ofport('db')

        def db_migrated(out):
            row = table(out).get('db', {})
            return row.get('STATUS') == 'migrated' and row.get('CURRENT ADDRESS') == DB_NEW
        rows = table(self.wait_shell('vmm:vms', db_migrated, 'db migrated to %s' % DB_NEW))
        self.assertEqual(['app', 'db', 'n1', 'web'], sorted(rows))
        db = rows['db']
        self.assertEqual((DB_HOME, mac_for(DB_HOME), db_home_port, 'shop', db_port),
                         (db['HOME ADDRESS'], db['MAC'], db['ATTACHMENT'], db['GROUPS'],
                          db['CURRENT ATTACHMENT']), db)
        web = rows['web']
        self.assertEqual(('10.0.1.1', 'shop', 'at-home', '10.0.1.1'),
                         (web['HOME ADDRESS'], web['GROUPS'], web['STATUS'],
                          web['CURRENT ADDRESS']), web)
        self.assertEqual('-', rows['n1']['GROUPS'], 'n1 is in no group: %s' % rows['n1'])

    def test_groups_lists_members_and_migrated_members(self):
        out = self.karaf('vmm:groups')
        self.assertEqual({'GROUP': 'shop', 'MEMBERS': 'app,db,web', 'MIGRATED': '-',
                          'DESCRIPTION': '-'}, table(out).get('shop'), out)
        self.migrate_db()
        out = self.wait_shell('vmm:groups',
                              lambda text: table(text).get('shop', {}).get('MIGRATED') == 'db(active)',
                              'db migrated and active in shop')
        self.assertEqual(['shop'], sorted(table(out)), out)

    def test_migrations_lists_phase_switches_and_counts(self):
        self.assertEqual('no migrations', self.karaf('vmm:migrations').strip())
        self.migrate_db()
        # traffic through the translation: the counters (refreshed every 10 s) must show it
        self.assert_ping('web', DB_HOME, count=5)

        def counted(out):
            row = table(out).get('db', {})
            packets = re.search(r'\bto=(\d+)', row.get('PACKETS', ''))
            return row.get('PHASE') == 'active' and packets and int(packets.group(1)) >= 5
        rows = table(self.wait_shell('vmm:migrations', counted, 'db active with to-current packets'))
        db = rows['db']
        self.assertEqual(DB_NEW, db['NEW ADDRESS'])
        self.assertEqual('openflow:2 port %d' % self.net.ofport('db'), db['NEW ATTACHMENT'])
        self.assertEqual(','.join(sorted(self.net.node_id(s) for s in self.peer_switches('db'))),
                         db['SWITCHES'])
        state = self.migration_state('db')
        total = int(state.get('flow-count', 0))
        self.assertGreater(total, 0, state)
        self.assertTrue(db['FLOWS'].startswith('%d (' % total), db)
        self.assertIn('to=', db['FLOWS'])
        self.assertEqual('-', db['REASON'], 'an active migration has no reason: %s' % db)

    def test_trace_member_to_migrated_vm_rewritten_with_flows_on_switch(self):
        before = self.karaf('vmm:trace web %s' % DB_HOME)
        self.assertIn('not translated: db is at home', before)
        self.migrate_db()

        def rewritten(out):
            flows = [line for line in out.splitlines() if line.startswith('table ')]
            return (flows and all(line.endswith('on switch: yes') for line in flows)
                    and 'result:      translated' in out)
        out = self.wait_shell('vmm:trace web %s' % DB_HOME, rewritten,
                              'the rewrite with every flow on the switch')
        self.assertIn('edge switch: openflow:1, in port %d' % self.net.ofport('web'), out)
        becomes = [line for line in out.splitlines() if line.startswith('becomes:')]
        self.assertEqual(1, len(becomes), out)
        self.assertIn('to %s (db\'s new address)' % DB_NEW, becomes[0])
        self.assertIn('eth_dst %s' % GW1_MAC, becomes[0], 'next hop: the gateway of subnet 1')
        self.assertIn('set ipv4_dst=%s' % DB_NEW, out)
        # the same packet named by web's address
        by_address = self.karaf('vmm:trace 10.0.1.1 %s' % DB_HOME)
        self.assertIn('result:      translated', by_address)

    def test_trace_non_member_not_translated_with_reason(self):
        self.migrate_db()
        for source in ('n1', '10.0.1.100'):
            out = self.karaf('vmm:trace %s %s' % (source, DB_HOME))
            self.assertIn('becomes:     unchanged', out)
            self.assertIn('result:      not translated: n1 shares no group with db (db is in shop)', out)
        out = self.karaf('vmm:trace 10.0.1.200 %s' % DB_HOME)
        self.assertIn('not translated: 10.0.1.200 is not a registered VM', out)


class ShellEmptyTest(VmmTestCase):
    """Without configuration the commands say so (no network, nothing registered)."""

    NETWORK = False

    def test_empty_datastore(self):
        if not self.controller.home:
            self.skipTest('no local Karaf (external controller without VMM_KARAF_HOME)')
        for command, expected in (('vmm:vms', 'no VMs registered'),
                                  ('vmm:groups', 'no groups configured'),
                                  ('vmm:migrations', 'no migrations'),
                                  ('vmm:trace web 10.0.1.3',
                                   'result:      not translated: web is not a registered VM')):
            code, out = self.controller.client(command)
            self.assertEqual(0, code, 'bin/client %r failed: %s' % (command, out))
            self.assertIn(expected, out, command)
            self.assertNotIn('Exception', out, command)


if __name__ == '__main__':
    unittest.main()
