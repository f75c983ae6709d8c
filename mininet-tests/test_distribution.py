"""The Karaf distribution boots cleanly and its RESTCONF API accepts good input and rejects bad.

No Mininet network: these tests talk to the controller only (Karaf shell and RESTCONF).
"""

import re
import unittest

from vmm.base import VmmTestCase
from vmm.restconf import XML, RestconfClient
from vmm.topology import mac_for


def flatten(node, path=''):
    """Leaves of a JSON tree or an ElementTree element as sorted 'path=value' strings, module
    prefixes and namespaces dropped, list positions ignored (so JSON and XML compare)."""
    leaves = []
    if hasattr(node, 'tag'):  # XML element
        tag = re.sub(r'^\{[^}]*\}', '', node.tag)
        here = path + '/' + tag
        children = list(node)
        if children:
            for child in children:
                leaves.extend(flatten(child, here))
        else:
            leaves.append('%s=%s' % (here, (node.text or '').strip()))
        return sorted(leaves)
    if isinstance(node, dict):
        for key, value in node.items():
            leaves.extend(flatten(value, path + '/' + key.split(':')[-1]))
    elif isinstance(node, list):
        for item in node:
            leaves.extend(flatten(item, path))
    else:
        leaves.append('%s=%s' % (path, node))
    return sorted(leaves)


class DistributionTest(VmmTestCase):
    """The distribution itself: features, bundles, diag."""

    NETWORK = False

    def test_feature_odl_vmmobility_started(self):
        out = self.karaf('feature:list -i')
        lines = [line for line in out.splitlines()
                 if line.split('|')[0].strip() == 'odl-vmmobility']
        self.assertTrue(lines, 'odl-vmmobility not in feature:list -i:\n%s' % out)
        self.assertIn('Started', [cell.strip() for cell in lines[0].split('|')],
                      'odl-vmmobility is not Started: %s' % lines[0])

    def test_every_non_fragment_bundle_active(self):
        out = self.karaf('bundle:list -t 0 --no-format')
        rows = [line.split('\t') for line in out.splitlines() if re.match(r'^\s*\d+\t', line)]
        self.assertGreater(len(rows), 100, 'bundle:list looks truncated:\n%s' % out)
        not_active = []
        for row in rows:
            bundle_id, state, name = row[0].strip(), row[1].strip(), row[-1].strip()
            if state == 'Active' or 'Hosts:' in name:  # fragments show their hosts
                continue
            headers = self.karaf('bundle:headers %s' % bundle_id)
            if 'Fragment-Host' in headers:
                continue
            # Karaf's diagnostic boot bundle is started by the Karaf launcher through its
            # Karaf-Activator header, never as an OSGi bundle: Resolved is its normal state.
            if 'Karaf-Activator' in headers and 'Bundle-Activator' not in headers:
                continue
            not_active.append('%s %s %s' % (bundle_id, state, name))
        self.assertEqual([], not_active, 'bundles not Active')

    def test_diag_prints_nothing(self):
        out = self.karaf('diag')
        self.assertEqual('', out.strip(), 'diag reported problems')


class RestconfCrudTest(VmmTestCase):
    """Create, read (JSON and XML), update and delete VMs and a group over RESTCONF."""

    NETWORK = False

    @staticmethod
    def vms(app_port=2):
        r = RestconfClient
        return [r.vm('web', '10.0.1.1', '02:00:0a:00:01:01', 'openflow:1', 1),
                r.vm('app', '10.0.1.2', '02:00:0a:00:01:02', 'openflow:4', app_port,
                     description='application tier'),
                r.vm('db', '10.0.1.3', '02:00:0a:00:01:03', 'openflow:1', 3)]

    def put_vms(self, vms):
        for vm in vms:
            status, body = self.restconf.put_vm_entry(vm)
            self.assertIn(status, (200, 201, 204), 'PUT vm %s: %s %s' % (vm['vm-id'], status,
                                                                         body))

    def test_vm_and_group_crud_json_and_xml(self):
        vms = self.vms()
        self.put_vms(vms)
        status, body = self.restconf.put_group('shop', ['web', 'app', 'db'], 'three tiers')
        self.assertIn(status, (200, 201), 'create: %s %s' % (status, body))

        status, as_json = self.restconf.get_config(self.restconf.group_path('shop'))
        self.assertEqual(200, status, as_json)
        group = as_json['vm-mobility:application-group'][0]
        self.assertEqual('shop', group['name'])
        self.assertEqual('three tiers', group['description'])
        self.assertEqual([{'vm-id': 'app'}, {'vm-id': 'db'}, {'vm-id': 'web'}],
                         sorted(group['member'], key=lambda m: m['vm-id']),
                         'a member carries its vm-id only')
        sent = flatten({'application-group': [RestconfClient.group(
            'shop', ['web', 'app', 'db'], 'three tiers')]})
        self.assertEqual(sent, flatten(as_json), 'GET returns what was PUT')
        status, as_xml = self.restconf.get_config(self.restconf.group_path('shop'), accept=XML)
        self.assertEqual(200, status, as_xml)
        self.assertEqual(flatten(as_json), flatten(as_xml), 'JSON and XML views differ')

        status, vm_json = self.restconf.get_config(self.restconf.vm_path('app'))
        self.assertEqual(200, status, vm_json)
        self.assertEqual(flatten({'vm': [vms[1]]}), flatten(vm_json), 'GET returns what was PUT')
        status, vm_xml = self.restconf.get_config(self.restconf.vm_path('app'), accept=XML)
        self.assertEqual(200, status, vm_xml)
        self.assertEqual(flatten(vm_json), flatten(vm_xml), 'JSON and XML views differ')

        # update: the VM's attachment on the vm list, the group's description on the group
        self.put_vms([self.vms(app_port=7)[1]])
        status, body = self.restconf.put_group('shop', ['web', 'app', 'db'], 'updated')
        self.assertIn(status, (200, 204), 'update: %s %s' % (status, body))
        status, updated = self.restconf.get_config(self.restconf.group_path('shop'))
        self.assertEqual(200, status, updated)
        self.assertEqual('updated', updated['vm-mobility:application-group'][0]['description'])
        status, updated = self.restconf.get_config(self.restconf.vm_path('app'))
        self.assertEqual(200, status, updated)
        self.assertEqual(7, int(updated['vm-mobility:vm'][0]['attachment']['port']))

        status, body = self.restconf.delete_group('shop')
        self.assertIn(status, (200, 204), 'delete: %s %s' % (status, body))
        status, body = self.restconf.get_config(self.restconf.group_path('shop'))
        self.assertIn(status, (404, 409), 'deleted group still readable: %s %s' % (status, body))
        status, body = self.restconf.get_config(self.restconf.vm_path('app'))
        self.assertEqual(200, status, 'deleting a group keeps its VMs registered: %s' % body)
        status, body = self.restconf.delete_vm('app')
        self.assertIn(status, (200, 204), 'delete vm: %s %s' % (status, body))
        status, body = self.restconf.get_config(self.restconf.vm_path('app'))
        self.assertIn(status, (404, 409), 'deleted VM still readable: %s %s' % (status, body))

    def test_unauthenticated_get_is_401(self):
        status, body = self.restconf.get(self.restconf.root_path(), auth=False)
        self.assertEqual(401, status, body)

    def test_wrong_password_is_401(self):
        other = RestconfClient(self.restconf.base_url, 'admin', 'wrong-password')
        status, body = other.get(self.restconf.root_path())
        self.assertEqual(401, status, body)


class InvalidInputTest(VmmTestCase):
    """Every invalid input gets a 4xx naming the problem and leaves the config untouched."""

    NETWORK = False

    def setUp(self):
        super().setUp()
        r = self.restconf
        self.assertIn(r.put_subnet('10.0.1.0/24', '10.0.1.254', '02:00:0a:00:01:fe')[0],
                      (200, 201, 204))
        self.assertIn(r.put_subnet('10.0.2.0/24', '10.0.2.254', '02:00:0a:00:02:fe')[0],
                      (200, 201, 204))
        status, body = r.merge_intent(
            vms=[r.vm('web', '10.0.1.1', '02:00:0a:00:01:01', 'openflow:1', 1),
                 r.vm('db', '10.0.1.3', '02:00:0a:00:01:03', 'openflow:1', 3)],
            groups={'shop': ['web', 'db']})
        self.assertIn(status, (200, 201, 204), body)
        status, self.before = self.restconf.get_config(raw=True)
        self.assertEqual(200, status, self.before)

    def assert_rejected(self, status_body, *words, status=None):
        """4xx (exactly `status` when given) naming the problem, and the config datastore
        byte-identical to before."""
        try:
            if status is not None:
                self.assertEqual(status, status_body[0], 'expected %s: %s' % (status,
                                                                             status_body))
            self.assert_error(status_body, *words)
        finally:
            code, after = self.restconf.get_config(raw=True)
            self.assertEqual((200, self.before), (code, after),
                             'config datastore changed by a rejected request')

    def put_vm(self, **fields):
        """PUT a new VM 'app' (valid unless fields say otherwise; _ in names for -)."""
        entry = {'vm-id': 'app', 'home-address': '10.0.1.2', 'mac': '02:00:0a:00:01:02',
                 'attachment': {'node-id': 'openflow:4', 'port': 2}}
        entry.update({k.replace('_', '-'): v for k, v in fields.items()})
        return self.restconf.put_vm_entry(entry)

    def test_port_of_wrong_type_rejected(self):
        self.assert_rejected(self.put_vm(attachment={'node-id': 'openflow:4', 'port': 'abc'}),
                             'abc')

    def test_port_out_of_range_rejected(self):
        self.assert_rejected(self.put_vm(attachment={'node-id': 'openflow:4', 'port': 0}),
                             ('port', 'range'))

    def test_bad_home_address_rejected(self):
        self.assert_rejected(self.put_vm(home_address='10.0.1.300'),
                             ('10.0.1.300', 'ipv4 address'))

    def test_address_with_zone_rejected(self):
        self.assert_rejected(self.put_vm(home_address='10.0.1.2%eth0'),
                             ('10.0.1.2%eth0', 'ipv4 address'))

    def test_bad_mac_rejected(self):
        self.assert_rejected(self.put_vm(mac='02:00:0a:00:zz:02'),
                             ('02:00:0a:00:zz:02', 'mac address'))

    def test_bad_node_id_rejected(self):
        self.assert_rejected(self.put_vm(attachment={'node-id': 'switch-4', 'port': 2}),
                             ('switch-4', 'openflow node id'))

    def test_bad_subnet_prefix_rejected(self):
        self.assert_rejected(self.restconf.put_subnet('10.0.3.0/33', '10.0.3.254',
                                                      '02:00:0a:00:03:fe'), '10.0.3.0/33')

    def test_bad_group_name_rejected(self):
        r = self.restconf
        body = {'vm-mobility:application-group': [r.group('-bad', ['web'])]}
        self.assert_rejected(r.put(r.group_path('-bad'), body), '-bad')

    def test_bad_vm_id_rejected(self):
        r = self.restconf
        body = {'vm-mobility:vm': [r.vm('-bad', '10.0.1.9', '02:00:0a:00:01:09')]}
        self.assert_rejected(r.put(r.vm_path('-bad'), body), '-bad')

    def test_two_vms_with_same_home_address_rejected(self):
        self.assert_rejected(self.put_vm(home_address='10.0.1.1'), ('10.0.1.1', 'unique'),
                             status=400)

    def test_two_vms_with_same_mac_rejected(self):
        self.assert_rejected(self.put_vm(mac='02:00:0a:00:01:01'),
                             ('02:00:0a:00:01:01', 'unique'), status=400)

    def test_registered_vm_readdressed_to_other_vms_home_address_rejected(self):
        r = self.restconf
        self.assert_rejected(r.put_vm('db', '10.0.1.1', '02:00:0a:00:01:03', 'openflow:1', 3),
                             ('10.0.1.1', 'unique'), status=400)

    def test_two_new_vms_with_same_home_address_in_one_request_rejected(self):
        r = self.restconf
        self.assert_rejected(r.merge_intent(vms=[
            r.vm('app', '10.0.1.2', '02:00:0a:00:01:02', 'openflow:4', 2),
            r.vm('bk', '10.0.1.2', '02:00:0a:00:01:04', 'openflow:4', 4)]),
                             ('10.0.1.2', 'unique'), status=400)

    def test_group_member_of_unregistered_vm_rejected(self):
        self.assert_rejected(self.restconf.put_group('batch', ['web', 'ghost']),
                             'ghost', 'not registered', status=400)

    def test_member_added_for_unregistered_vm_rejected(self):
        self.assert_rejected(self.restconf.put_member('shop', 'ghost'),
                             'ghost', 'not registered', status=400)

    def test_group_and_vms_in_one_request_naming_unregistered_vm_rejected(self):
        """One PATCH registering app and a group of app and ghost: nothing of it is stored."""
        r = self.restconf
        self.assert_rejected(r.merge_intent(
            vms=[r.vm('app', '10.0.1.2', '02:00:0a:00:01:02', 'openflow:4', 2)],
            groups={'batch': ['app', 'ghost']}), 'ghost', 'not registered', status=400)

    def test_member_with_v1_address_fields_rejected(self):
        """A v1-shaped member (home address, MAC, attachment on the member) is refused: they
        belong to the vm list now."""
        r = self.restconf
        body = {'vm-mobility:application-group': [{'name': 'batch', 'member': [
            {'vm-id': 'web', 'home-address': '10.0.1.1', 'mac': '02:00:0a:00:01:01'}]}]}
        self.assert_rejected(r.put(r.group_path('batch'), body), ('home-address', 'mac'))

    def test_migration_of_unknown_vm_rejected(self):
        self.assert_rejected(self.restconf.notify_migration('nobody', '10.0.2.9', None,
                                                            'openflow:2', 1), 'nobody')

    def test_migration_written_for_unknown_vm_rejected(self):
        r = self.restconf
        body = {'vm-mobility:migration': [{'vm-id': 'nobody', 'new-address': '10.0.2.9'}]}
        self.assert_rejected(r.put(r.migration_path('nobody'), body), 'nobody')

    def test_migration_with_bad_address_rejected(self):
        self.assert_rejected(self.restconf.notify_migration('db', '10.0.2.999'),
                             ('10.0.2.999', 'ipv4 address'))

    def test_malformed_json_rejected(self):
        r = self.restconf
        self.assert_rejected(r.put(r.group_path('shop'),
                                   '{"vm-mobility:application-group": [{"name": "shop",'),
                             ('json', 'parsing', 'malformed', 'end of input', 'syntax'))

    def test_body_key_differs_from_uri_key_rejected(self):
        r = self.restconf
        body = {'vm-mobility:application-group': [r.group('other', ['web'])]}
        self.assert_rejected(r.put(r.group_path('shop'), body), ('other', 'shop', 'key'))

    def test_vm_body_key_differs_from_uri_key_rejected(self):
        r = self.restconf
        body = {'vm-mobility:vm': [r.vm('other', '10.0.1.9', '02:00:0a:00:01:09')]}
        self.assert_rejected(r.put(r.vm_path('app'), body), ('other', 'app', 'key'))


class VmListTest(VmmTestCase):
    """Model v2's vm list, controller only: one request for the whole intent, per-VM state,
    VMs outside every group, deleting a VM still referred to (refused), the batch RPC's per-VM
    answer.
    No switch is connected, so every migration's phase ends 'failed'; the reasons tell why."""

    NETWORK = False

    # vm id -> (home address, node id, port); MAC mac_for(home address)
    HOMES = {'web': ('10.0.1.1', 'openflow:1', 1), 'app': ('10.0.1.2', 'openflow:4', 2),
             'db': ('10.0.1.3', 'openflow:1', 3)}

    def setUp(self):
        super().setUp()
        r = self.restconf
        status, body = r.merge_intent(
            subnets=[{'prefix': '10.0.%d.0/24' % n, 'gateway-address': '10.0.%d.254' % n,
                      'gateway-mac': mac_for('10.0.%d.254' % n)} for n in (1, 2)],
            vms=self.vm_entries(),
            groups={'shop': ['web', 'app', 'db'], 'backup': ['db']})
        self.assertIn(status, (200, 201, 204), 'PATCH subnets, VMs and groups: %s %s'
                      % (status, body))

    def vm_entries(self):
        return [self.restconf.vm(vm, home, mac_for(home), node, port)
                for vm, (home, node, port) in sorted(self.HOMES.items())]

    def test_whole_intent_put_in_one_request(self):
        """One PUT of the root container with subnets, VMs, groups naming them and a
        migration: stored as sent."""
        r = self.restconf
        subnets = [{'prefix': '10.0.1.0/24', 'gateway-address': '10.0.1.254',
                    'gateway-mac': mac_for('10.0.1.254')}]
        vms = [r.vm('a1', '10.0.1.21', mac_for('10.0.1.21'), 'openflow:1', 21),
               r.vm('a2', '10.0.1.22', mac_for('10.0.1.22'), 'openflow:4', 22,
                    description='second')]
        groups = [r.group('pair', ['a1', 'a2'], 'two VMs')]
        migrations = [r.migration_notice('a2', '10.0.1.122')]
        status, body = r.put_intent(vms, groups, subnets, migrations)
        self.assertIn(status, (200, 201, 204), 'PUT root: %s %s' % (status, body))
        status, tree = r.get_config()
        self.assertEqual(200, status, tree)
        self.assertEqual(flatten(r.intent(vms, groups, subnets, migrations)), flatten(tree))

    def test_vm_state_shows_home_and_groups(self):
        state = self.wait_vm_state('db', status='at-home', current_address='10.0.1.3',
                                   group=['backup', 'shop'])
        self.assertEqual(mac_for('10.0.1.3'), state.get('current-mac'))
        attachment = state.get('current-attachment', {})
        self.assertEqual(('openflow:1', 3), (attachment.get('node-id'),
                                             int(attachment.get('port', 0))), state)
        self.wait_vm_state('web', status='at-home', current_address='10.0.1.1', group=['shop'])

    def test_vm_in_no_group_may_migrate_and_shows_not_a_member(self):
        r = self.restconf
        status, body = r.put_vm('lone', '10.0.1.50', mac_for('10.0.1.50'), 'openflow:1', 50)
        self.assertIn(status, (200, 201, 204), body)
        status, body = r.notify_migration('lone', '10.0.2.50', None, 'openflow:2', 50)
        self.assertEqual(200, status, body)
        self.assertEqual('migrated', body['vm-mobility:output']['outcome'])
        self.wait_phase('lone', 'failed', reason_contains='not a member of any group')
        self.wait_vm_state('lone', group=[])

    def test_deleting_vm_still_referred_to_is_refused_naming_the_referrers(self):
        """Issue 16: a VM that groups and a migration name cannot be deleted (the answer names
        them, nothing changes); deleting those first, the VM goes."""
        r = self.restconf
        status, body = r.notify_migration('db', '10.0.2.3', None, 'openflow:2', 3)
        self.assertEqual(200, status, body)
        status, before = r.get_config(raw=True)
        self.assertEqual(200, status, before)
        status, body = r.delete_vm('db')
        self.assertIn(status, (400, 409), 'DELETE of a VM that groups and a migration refer '
                      'to: %s %s' % (status, body))
        for words in ('still named', 'group backup', 'group shop', 'migration db'):
            self.assertIn(words, str(body), 'the refusal names %s: %s' % (words, body))
        self.assertEqual((200, before), r.get_config(raw=True), 'the refused DELETE changed the '
                         'configuration')
        for path in (r.member_path('shop', 'db'), r.member_path('backup', 'db'),
                     r.migration_path('db')):
            status, body = r.delete(path)
            self.assertIn(status, (200, 204), 'DELETE %s: %s %s' % (path, status, body))
        status, body = r.delete_vm('db')
        self.assertIn(status, (200, 204), 'DELETE of a VM nothing names: %s %s' % (status, body))
        status, body = r.get_config(r.vm_path('db'))
        self.assertIn(status, (404, 409), 'deleted VM still readable: %s' % body)

    def test_batch_refuses_each_bad_vm_with_its_reason_and_stores_the_others(self):
        r = self.restconf
        status, body = r.notify_migrations([
            r.migration_notice('db', '10.0.2.3', node_id='openflow:2', port=3),
            r.migration_notice('nobody', '10.0.2.9'),
            r.migration_notice('web', '10.0.2.999'),
            r.migration_notice('app', '10.0.1.3')])
        self.assertEqual(200, status, body)
        results = r.batch_results(body)
        self.assertEqual({'db': 'migrated', 'nobody': 'refused', 'web': 'refused',
                          'app': 'refused'},
                         {vm: result.get('outcome') for vm, result in results.items()}, body)
        reasons = {vm: result.get('reason', '') for vm, result in results.items()}
        self.assertFalse(reasons['db'], body)
        self.assertIn('not registered', reasons['nobody'], body)
        self.assertIn('new-address: an IPv4 address is four decimal numbers', reasons['web'], body)
        self.assertIn('10.0.1.3', reasons['app'], body)
        status, tree = r.get_config()
        self.assertEqual(200, status, tree)
        self.assertEqual({'db': '10.0.2.3'},
                         {m['vm-id']: m['new-address']
                          for m in tree['vm-mobility:vm-mobility'].get('migration', [])})
        status, state = r.get_migration_state('db')
        self.assertEqual(200, status, state)
        self.assertIn(state.get('phase'), ('pending', 'active', 'failed'), state)


if __name__ == '__main__':
    unittest.main()
