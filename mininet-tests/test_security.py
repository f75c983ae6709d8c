"""Issue 5, access: nobody without the admin's credentials reads or changes anything, and
nobody outside a group gets its translations.

What test_distribution.py (GET without credentials / with a wrong password: 401) and
test_translation.py (non-members n1, n2, n3 not translated and not answered ARP; n1 forging
web's address on its own port) already cover is not repeated here. Added:
  * every data and operations method (GET config/operational, PUT, POST, PATCH, DELETE on VMs,
    groups, members and the whole tree, notify-migration, notify-migrations,
    complete-migration) without credentials, with a wrong password, an unknown user, an empty
    password, a malformed Authorization header and a bearer token: 401, and the config and
    operational trees unchanged,
  * the README tells how to change the default admin password, and that change, done on the
    running controller, makes it refuse admin/admin (401) and accept the new password,
  * a non-member on the migrated VM's peer switch forging a member's address AND MAC (the member
    is offline): no translation (db never sees it), no ARP answer for the home address,
  * a member of another group of the same switch (bk, only in 'backup') gets no translation
    towards a VM of 'shop' and no ARP answer for it.

    mininet-tests/run.sh test_security
"""

import base64
import os
import unittest
import urllib.error
import urllib.request

from vmm.base import VmmTestCase
from vmm.restconf import JSON, RestconfClient
from vmm.topology import mac_for
from vmm.util import wait_until

HERE = os.path.dirname(os.path.abspath(__file__))
README = os.path.join(os.path.dirname(HERE), 'README.md')
GW1_MAC = mac_for('10.0.1.254')

CREDENTIALS = {
    'none': None,
    'wrong-password': 'Basic ' + base64.b64encode(b'admin:wrong').decode(),
    'unknown-user': 'Basic ' + base64.b64encode(b'mallory:admin').decode(),
    'empty-password': 'Basic ' + base64.b64encode(b'admin:').decode(),
    'malformed-basic': 'Basic !!!not-base64!!!',
    'bearer-token': 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.',
}


# The admin user of AAA's identity store (the README's password change)
ADMIN_USER_PATH = '/auth/v1/users/admin@sdn'
NEW_PASSWORD = 'vmm-Security-Test-7q'


def set_admin_password(base_url, current, new):
    """Change the admin password as the README says: PUT of the user on AAA's /auth/v1/users,
    authenticated with the current password. Returns (status, body)."""
    client = RestconfClient(base_url, 'admin', current)
    return client.request('PUT', ADMIN_USER_PATH, {'name': 'admin', 'domainid': 'sdn',
                                                   'password': new},
                          content_type='application/json', accept='application/json')


def raw_request(base_url, method, path, authorization, body=None):
    """One HTTP request with exactly the Authorization header given (None: no header)."""
    headers = {'Accept': JSON}
    if authorization is not None:
        headers['Authorization'] = authorization
    data = None
    if body is not None:
        data = body.encode()
        headers['Content-Type'] = JSON
    req = urllib.request.Request(base_url + path, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status
    except urllib.error.HTTPError as err:
        return err.code
    except (urllib.error.URLError, OSError) as err:
        return 'error %s' % err


class AuthenticationTest(VmmTestCase):
    """401 for every method without valid credentials; nothing changes."""

    NETWORK = False

    def setUp(self):
        super().setUp()
        r = self.restconf
        self.assertIn(r.put_subnet('10.0.1.0/24', '10.0.1.254', GW1_MAC)[0], (200, 201, 204))
        self.assertIn(r.put_subnet('10.0.2.0/24', '10.0.2.254', mac_for('10.0.2.254'))[0],
                      (200, 201, 204))
        status, body = r.merge_intent(
            vms=[r.vm('web', '10.0.1.1', mac_for('10.0.1.1'), 'openflow:1', 1),
                 r.vm('db', '10.0.1.3', mac_for('10.0.1.3'), 'openflow:1', 3)],
            groups={'shop': ['web', 'db']})
        self.assertIn(status, (200, 201, 204), body)

    def requests(self):
        root = RestconfClient.root_path()
        vm = '{"vm-mobility:vm":[{"vm-id":"evil","home-address":"10.0.1.66",' \
             '"mac":"02:00:00:00:00:66"}]}'
        group = '{"vm-mobility:application-group":[{"name":"evil","member":[{"vm-id":"web"}]}]}'
        both = '{"vm-mobility:vm-mobility":{"vm":[{"vm-id":"evil","home-address":"10.0.1.66",' \
               '"mac":"02:00:00:00:00:66"}],"application-group":[{"name":"evil",' \
               '"member":[{"vm-id":"evil"}]}]}}'
        return [
            ('GET', root + '?content=config', None),
            ('GET', root + '?content=nonconfig', None),
            ('GET', RestconfClient.vm_state_path('db') + '?content=nonconfig', None),
            ('GET', '/rests/data/opendaylight-inventory:nodes', None),
            ('PUT', RestconfClient.vm_path('evil'), vm),
            ('PUT', RestconfClient.group_path('evil'), group),
            ('PUT', RestconfClient.member_path('shop', 'evil'),
             '{"vm-mobility:member":[{"vm-id":"evil"}]}'),
            ('POST', root, group),
            ('POST', root, vm),
            ('PATCH', root, both),
            ('PATCH', RestconfClient.group_path('shop'),
             '{"vm-mobility:application-group":[{"name":"shop","description":"pwned"}]}'),
            ('PATCH', RestconfClient.vm_path('db'),
             '{"vm-mobility:vm":[{"vm-id":"db","home-address":"10.0.1.66"}]}'),
            ('DELETE', root, None),
            ('DELETE', RestconfClient.member_path('shop', 'db'), None),
            ('DELETE', RestconfClient.vm_path('db'), None),
            ('POST', '/rests/operations/vm-mobility:notify-migration',
             '{"input":{"vm-id":"db","new-address":"10.0.2.66"}}'),
            ('POST', '/rests/operations/vm-mobility:notify-migrations',
             '{"input":{"migration":[{"vm-id":"db","new-address":"10.0.2.66"}]}}'),
            ('POST', '/rests/operations/vm-mobility:complete-migration',
             '{"input":{"vm-id":"db"}}'),
        ]

    def test_every_method_without_valid_credentials_is_401_and_changes_nothing(self):
        config = self.restconf.get_config(raw=True)
        self.assertEqual(200, config[0], config)
        # the application publishes each registered VM's state right after setUp: wait until it is all there
        box = {'last': None}

        def settled():
            now = self.restconf.get_operational(raw=True)
            stable = now == box['last'] and now[0] == 200 and all(
                ('"vm-id":"%s"' % vm_id) in now[1] for vm_id in ('web', 'db'))
            box['last'] = now
            return stable
        wait_until(settled, 30, interval=0.5, what='the operational view to settle')
        oper = box['last']
        wrong = []
        for label, authorization in CREDENTIALS.items():
            for method, path, body in self.requests():
                status = raw_request(self.restconf.base_url, method, path, authorization, body)
                if status != 401:
                    wrong.append('%s %s with %s: %s' % (method, path, label, status))
        total = len(CREDENTIALS) * len(self.requests())
        print('\n  [figure] authentication: %d unauthenticated requests, %d answered other than '
              '401' % (total, len(wrong)), flush=True)
        self.assertEqual([], wrong)
        self.assertEqual(config, self.restconf.get_config(raw=True), 'config changed')
        self.assertEqual(oper, self.restconf.get_operational(raw=True), 'operational changed')

    def test_readme_says_how_to_change_the_admin_password(self):
        with open(README) as handle:
            text = handle.read()
        self.assertIn(ADMIN_USER_PATH, text)
        self.assertIn('"password"', text)

    def test_documented_password_change_refuses_the_default_credentials(self):
        """The product check behind the README's instruction: the admin password changed on the
        running controller the way the README says (PUT of the user on AAA's /auth/v1/users),
        admin/admin is refused with 401 for reading and for writing (nothing stored), the new
        password is accepted, and no credentials at all stay 401. Set back to admin after."""
        base = self.restconf.base_url
        root = RestconfClient.root_path()
        default = 'Basic ' + base64.b64encode(b'admin:admin').decode()
        changed = 'Basic ' + base64.b64encode(('admin:' + NEW_PASSWORD).encode()).decode()
        config = self.restconf.get_config(raw=True)
        status, body = set_admin_password(base, 'admin', NEW_PASSWORD)
        self.assertIn(status, (200, 201, 204), 'the documented password change failed: %s %s'
                      % (status, body))
        try:
            box = {}

            def refused():
                box['status'] = raw_request(base, 'GET', root + '?content=config', default)
                return box['status'] == 401

            wait_until(refused, 5, interval=0.25,
                       what='admin/admin to be refused after the change',
                       describe=lambda _: 'GET with admin/admin: %s' % box.get('status'))
            vm = '{"vm-mobility:vm":[{"vm-id":"evil","home-address":"10.0.1.66",' \
                 '"mac":"02:00:00:00:00:66"}]}'
            self.assertEqual(401, raw_request(base, 'PUT', RestconfClient.vm_path('evil'),
                                              default, vm), 'PUT with the old admin/admin')
            self.assertEqual(401, raw_request(base, 'GET', ADMIN_USER_PATH, default),
                             'GET of the AAA user with the old admin/admin')
            self.assertEqual(401, raw_request(base, 'GET', root + '?content=config', None))
            self.assertEqual(200, raw_request(base, 'GET', root + '?content=config', changed),
                             'the new password is not accepted')
            client = RestconfClient(base, 'admin', NEW_PASSWORD)
            self.assertEqual(config, client.get_config(raw=True), 'config changed')
        finally:
            # back to admin/admin before tearDown (which uses it)
            self.restore_admin_password()

    def restore_admin_password(self):
        base = self.restconf.base_url
        default = 'Basic ' + base64.b64encode(b'admin:admin').decode()
        status, body = set_admin_password(base, NEW_PASSWORD, 'admin')
        box = {}

        def accepted():
            box['status'] = raw_request(base, 'GET', RestconfClient.root_path()
                                        + '?content=config', default)
            return box['status'] in (200, 404, 409)

        wait_until(accepted, 10, interval=0.25, what='admin/admin to be accepted again by '
                   'RESTCONF (setting the password back answered %s %s)' % (status, body),
                   describe=lambda _: 'GET with admin/admin: %s' % box.get('status'))


class ForgedIdentityTest(VmmTestCase):
    """db (shop) migrates to s2; app (s4) goes offline and n4 (s4, no member) takes app's
    address and MAC; bk (s4) is only in 'backup'."""

    HOSTS = VmmTestCase.HOSTS + (('n4', 's4', '10.0.1.101'),)
    GROUPS = {'shop': ('web', 'app', 'db'), 'backup': ('bk', 'web')}

    def setUp(self):
        super().setUp()
        self.migrate('db', 's2', '10.0.2.3')
        self.wait_until_translation_of('db')
        self.assert_ping('app', '10.0.1.3')

    def test_non_member_forging_member_address_and_mac_gets_nothing(self):
        app_intf = self.net.intf('app').name
        self.net.host('app').cmd('ip link set dev %s down' % app_intf)
        n4 = self.net.host('n4')
        intf = self.net.intf('n4').name
        n4.cmd('ip link set dev %s down; ip link set dev %s address %s; ip link set dev %s up'
               % (intf, intf, mac_for('10.0.1.2'), intf))
        self.net.readdress('n4', '10.0.1.2')
        n4.cmd('ip neigh flush all')
        arp = self.capture('n4', 'arp')
        self.assert_no_ping('n4', '10.0.1.3')
        self.assertEqual([], arp.lines('10.0.1.3 is-at'),
                         'the switch answered ARP for a forged member identity')
        n4.cmd('ip neigh replace 10.0.1.3 lladdr %s dev %s nud permanent' % (GW1_MAC, intf))
        at_db = self.capture('db', 'ip')
        self.assert_no_ping('n4', '10.0.1.3')
        self.assert_no_udp('n4', 'db', '10.0.1.3')
        self.assert_no_tcp('n4', 'db', '10.0.1.3')
        self.assertEqual([], at_db.lines('10.0.1.2'), 'db received traffic of the forger')
        # the real member, back online, is translated again
        n4.cmd('ip link set dev %s down' % intf)
        self.net.host('app').cmd('ip link set dev %s up' % app_intf)
        self.assert_ping('app', '10.0.1.3')

    def test_member_of_another_group_gets_no_translation(self):
        self.net.host('bk').cmd('ip neigh flush all')
        arp = self.capture('bk', 'arp')
        self.assert_no_ping('bk', '10.0.1.3')
        self.assertEqual([], arp.lines('10.0.1.3 is-at'),
                         'ARP for shop\'s db answered to bk (backup only)')
        self.net.host('bk').cmd('ip neigh replace 10.0.1.3 lladdr %s dev %s nud permanent'
                                % (GW1_MAC, self.net.intf('bk').name))
        at_db = self.capture('db', 'ip')
        self.assert_no_ping('bk', '10.0.1.3')
        self.assert_no_udp('bk', 'db', '10.0.1.3')
        self.assertEqual([], at_db.lines('10.0.1.4'), 'db received traffic of bk')
        self.assert_ping('web', '10.0.1.3')


if __name__ == '__main__':
    unittest.main()
