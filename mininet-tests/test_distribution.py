"""The Karaf distribution boots cleanly and its RESTCONF API accepts good input and rejects bad.

No Mininet network: these tests talk to the controller only (Karaf shell and RESTCONF).
"""

import re
import unittest

from vmm.base import VmmTestCase
from vmm.restconf import XML, RestconfClient


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

    def karaf(self, command):
        if not self.controller.home:
            self.skipTest('no local Karaf (external controller without VMM_KARAF_HOME)')
        code, out = self.controller.client(command)
        self.assertEqual(0, code, 'bin/client %r failed: %s' % (command, out))
        return out

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
    """Create, read (JSON and XML), update and delete a group over RESTCONF."""

    NETWORK = False

    def group_body(self, description='three tiers', app_port=2):
        r = RestconfClient
        return [r.member('web', '10.0.1.1', '02:00:0a:00:01:01', 'openflow:1', 1),
                r.member('app', '10.0.1.2', '02:00:0a:00:01:02', 'openflow:4', app_port),
                r.member('db', '10.0.1.3', '02:00:0a:00:01:03', 'openflow:1', 3)], description

    def test_group_crud_json_and_xml(self):
        members, description = self.group_body()
        status, body = self.restconf.put_group('shop', members, description)
        self.assertIn(status, (200, 201), 'create: %s %s' % (status, body))

        status, as_json = self.restconf.get_config(self.restconf.group_path('shop'))
        self.assertEqual(200, status, as_json)
        group = as_json['vm-mobility:application-group'][0]
        self.assertEqual('shop', group['name'])
        self.assertEqual(description, group['description'])
        self.assertEqual(sorted(m['vm-id'] for m in members),
                         sorted(m['vm-id'] for m in group['member']))
        sent = flatten({'application-group': [{'name': 'shop', 'description': description,
                                               'member': members}]})
        self.assertEqual(sent, flatten(as_json), 'GET returns what was PUT')

        status, as_xml = self.restconf.get_config(self.restconf.group_path('shop'), accept=XML)
        self.assertEqual(200, status, as_xml)
        self.assertEqual(flatten(as_json), flatten(as_xml), 'JSON and XML views differ')

        members, description = self.group_body('updated', app_port=7)
        status, body = self.restconf.put_group('shop', members, description)
        self.assertIn(status, (200, 204), 'update: %s %s' % (status, body))
        status, updated = self.restconf.get_config(self.restconf.group_path('shop'))
        self.assertEqual(200, status, updated)
        group = updated['vm-mobility:application-group'][0]
        self.assertEqual('updated', group['description'])
        app = [m for m in group['member'] if m['vm-id'] == 'app'][0]
        self.assertEqual(7, int(app['attachment']['port']))

        status, body = self.restconf.delete_group('shop')
        self.assertIn(status, (200, 204), 'delete: %s %s' % (status, body))
        status, body = self.restconf.get_config(self.restconf.group_path('shop'))
        self.assertIn(status, (404, 409), 'deleted group still readable: %s %s' % (status, body))

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
        status, body = r.put_group('shop', [
            r.member('web', '10.0.1.1', '02:00:0a:00:01:01', 'openflow:1', 1),
            r.member('db', '10.0.1.3', '02:00:0a:00:01:03', 'openflow:1', 3)])
        self.assertIn(status, (200, 201, 204), body)
        status, self.before = self.restconf.get_config(raw=True)
        self.assertEqual(200, status, self.before)

    def assert_rejected(self, status_body, *words):
        """4xx naming the problem, and the config datastore byte-identical to before."""
        try:
            self.assert_error(status_body, *words)
        finally:
            status, after = self.restconf.get_config(raw=True)
            self.assertEqual((200, self.before), (status, after),
                             'config datastore changed by a rejected request')

    def put_member(self, group, **fields):
        entry = {'vm-id': 'app', 'home-address': '10.0.1.2', 'mac': '02:00:0a:00:01:02',
                 'attachment': {'node-id': 'openflow:4', 'port': 2}}
        entry.update(fields)
        return self.restconf.put_member(group, entry)

    def test_port_of_wrong_type_rejected(self):
        self.assert_rejected(self.put_member('shop', attachment={'node-id': 'openflow:4',
                                                                 'port': 'abc'}), 'abc')

    def test_port_out_of_range_rejected(self):
        self.assert_rejected(self.put_member('shop', attachment={'node-id': 'openflow:4',
                                                                 'port': 0}),
                             ('port', 'range'))

    def test_bad_home_address_rejected(self):
        self.assert_rejected(self.put_member('shop', **{'home-address': '10.0.1.300'}),
                             ('10.0.1.300', 'ipv4 address'))

    def test_address_with_zone_rejected(self):
        self.assert_rejected(self.put_member('shop', **{'home-address': '10.0.1.2%eth0'}),
                             ('10.0.1.2%eth0', 'ipv4 address'))

    def test_bad_mac_rejected(self):
        self.assert_rejected(self.put_member('shop', mac='02:00:0a:00:zz:02'),
                             ('02:00:0a:00:zz:02', 'mac address'))

    def test_bad_node_id_rejected(self):
        self.assert_rejected(self.put_member('shop', attachment={'node-id': 'switch-4',
                                                                 'port': 2}),
                             ('switch-4', 'openflow node id'))

    def test_bad_subnet_prefix_rejected(self):
        self.assert_rejected(self.restconf.put_subnet('10.0.3.0/33', '10.0.3.254',
                                                      '02:00:0a:00:03:fe'), '10.0.3.0/33')

    def test_bad_group_name_rejected(self):
        r = self.restconf
        body = {'vm-mobility:application-group': [
            {'name': '-bad', 'member': [r.member('x', '10.0.1.9', '02:00:0a:00:01:09')]}]}
        self.assert_rejected(r.put(r.group_path('-bad'), body), '-bad')

    def test_two_members_with_same_home_address_in_one_group_rejected(self):
        self.assert_rejected(self.put_member('shop', **{'home-address': '10.0.1.1'}),
                             '10.0.1.1')

    def test_two_members_with_same_mac_in_one_group_rejected(self):
        self.assert_rejected(self.put_member('shop', mac='02:00:0a:00:01:01'),
                             '02:00:0a:00:01:01')

    def test_same_vm_with_different_home_addresses_in_two_groups_rejected(self):
        r = self.restconf
        self.assert_rejected(r.put_group('batch', [
            r.member('db', '10.0.1.33', '02:00:0a:00:01:03', 'openflow:1', 3)]),
                             'db', ('10.0.1.33', '10.0.1.3', 'home-address', 'home address'))

    def test_same_vm_with_different_macs_in_two_groups_rejected(self):
        r = self.restconf
        self.assert_rejected(r.put_group('batch', [
            r.member('db', '10.0.1.3', '02:00:0a:00:01:33', 'openflow:1', 3)]),
                             'db', ('02:00:0a:00:01:33', 'mac'))

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
        body = {'vm-mobility:application-group': [
            {'name': 'other', 'member': [r.member('x', '10.0.1.9', '02:00:0a:00:01:09')]}]}
        self.assert_rejected(r.put(r.group_path('shop'), body), ('other', 'shop', 'key'))


if __name__ == '__main__':
    unittest.main()
