"""A tiny RESTCONF (RFC 8040, ODL's /rests) client on urllib, JSON and XML, basic auth.

Every call returns (status, body) where body is parsed JSON (dict/list), an ElementTree element
for XML, the raw text when it does not parse, or None when empty. No call raises on HTTP errors;
connection errors are returned as status 0 with the error text as body.

Model v2 (vm-mobility@2026-12-05): a VM is registered once in the vm list (vm(), put_vm()); a
group names registered VMs by vm-id (group(), put_group(name, vm_ids), put_member()); the whole
intent goes in one request with merge_intent() (PATCH) or put_intent() (PUT of the container).
notify_migrations() is the batch RPC (batch_results() reads its per-VM answer);
get_vm_state() and get_migration_state() read vm=X/state and migration=X/state.
"""

import base64
import json
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

ROOT = 'vm-mobility:vm-mobility'
NS = 'urn:opendaylight:params:xml:ns:yang:vm-mobility'
JSON = 'application/yang-data+json'
XML = 'application/yang-data+xml'


def quote_key(value):
    """Percent-encode a list key for a RESTCONF path (/, :, = and , included)."""
    return urllib.parse.quote(str(value), safe='')


class RestconfClient:
    """RESTCONF against one controller."""

    def __init__(self, base_url='http://127.0.0.1:8181', user='admin', password='admin',
                 timeout=30):
        self.base_url = base_url.rstrip('/')
        self.auth = (user, password)
        self.timeout = timeout

    # ---- raw HTTP ----

    def request(self, method, path, body=None, content_type=JSON, accept=JSON, auth=True,
                raw=False):
        """One HTTP request. path is relative to base_url (starting with /rests/...).

        body: dict/list (sent as JSON), str or bytes (sent as is). Returns (status, parsed body);
        with raw=True the body is returned as text, unparsed.
        """
        data = None
        headers = {'Accept': accept}
        if body is not None:
            if isinstance(body, (dict, list)):
                data = json.dumps(body).encode()
            elif isinstance(body, str):
                data = body.encode()
            else:
                data = body
            headers['Content-Type'] = content_type
        if auth:
            token = base64.b64encode(('%s:%s' % self.auth).encode()).decode()
            headers['Authorization'] = 'Basic ' + token
        req = urllib.request.Request(self.base_url + path, data=data, headers=headers,
                                     method=method)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                status, text, ctype = resp.status, resp.read().decode('utf-8', 'replace'), \
                    resp.headers.get('Content-Type', '')
        except urllib.error.HTTPError as err:
            status, ctype = err.code, err.headers.get('Content-Type', '') if err.headers else ''
            text = err.read().decode('utf-8', 'replace')
        except (urllib.error.URLError, OSError) as err:
            return 0, str(err)
        if raw:
            return status, text
        return status, self._parse(text, ctype)

    @staticmethod
    def _parse(text, ctype):
        if not text.strip():
            return None
        if 'xml' in ctype or text.lstrip().startswith('<'):
            try:
                return ET.fromstring(text)
            except ET.ParseError:
                return text
        try:
            return json.loads(text)
        except ValueError:
            return text

    def get(self, path, **kwargs):
        return self.request('GET', path, **kwargs)

    def put(self, path, body, **kwargs):
        return self.request('PUT', path, body, **kwargs)

    def post(self, path, body, **kwargs):
        return self.request('POST', path, body, **kwargs)

    def patch(self, path, body, **kwargs):
        return self.request('PATCH', path, body, **kwargs)

    def delete(self, path, **kwargs):
        return self.request('DELETE', path, **kwargs)

    # ---- paths ----

    @staticmethod
    def root_path():
        return '/rests/data/' + ROOT

    @classmethod
    def subnet_path(cls, prefix):
        return cls.root_path() + '/subnet=' + quote_key(prefix)

    @classmethod
    def group_path(cls, name):
        return cls.root_path() + '/application-group=' + quote_key(name)

    @classmethod
    def vm_path(cls, vm_id):
        return cls.root_path() + '/vm=' + quote_key(vm_id)

    @classmethod
    def vm_state_path(cls, vm_id):
        return cls.vm_path(vm_id) + '/state'

    @classmethod
    def member_path(cls, group, vm_id):
        return cls.group_path(group) + '/member=' + quote_key(vm_id)

    @classmethod
    def migration_path(cls, vm_id):
        return cls.root_path() + '/migration=' + quote_key(vm_id)

    @classmethod
    def migration_state_path(cls, vm_id):
        return cls.migration_path(vm_id) + '/state'

    # ---- model helpers ----

    def put_subnet(self, prefix, gateway_address, gateway_mac, description=None):
        subnet = {'prefix': prefix, 'gateway-address': gateway_address,
                  'gateway-mac': gateway_mac}
        if description is not None:
            subnet['description'] = description
        return self.put(self.subnet_path(prefix), {'vm-mobility:subnet': [subnet]})

    # Model v2: every VM is registered once in the vm list (home address, MAC, attachment);
    # a group's members and a migration name it by vm-id. A group's members must be registered
    # first, or in the same request (merge_intent / put_intent).

    @staticmethod
    def vm(vm_id, home_address, mac, node_id=None, port=None, description=None, interface_name=None,
           home_address6=None):
        """A vm list entry as JSON; attachment only when node_id and port are given; interface-name
        (the VM's switch port name, located from the switches' port reports) when given; an IPv6
        home address when given (home_address None: an IPv6-only VM)."""
        entry = {'vm-id': vm_id, 'mac': mac}
        if home_address is not None:
            entry['home-address'] = home_address
        if home_address6 is not None:
            entry['home-address6'] = home_address6
        if node_id is not None and port is not None:
            entry['attachment'] = {'node-id': node_id, 'port': _port(port)}
        if interface_name is not None:
            entry['interface-name'] = interface_name
        if description is not None:
            entry['description'] = description
        return entry

    def put_vm(self, vm_id, home_address, mac, node_id=None, port=None, description=None):
        """PUT one VM into the vm list (create or replace)."""
        return self.put_vm_entry(self.vm(vm_id, home_address, mac, node_id, port, description))

    def put_vm_entry(self, entry):
        """PUT a vm entry exactly as given (tests send wrong fields on purpose)."""
        return self.put(self.vm_path(entry['vm-id']), {'vm-mobility:vm': [entry]})

    @staticmethod
    def group(name, vm_ids, description=None):
        """An application-group entry as JSON: its members by vm-id only."""
        group = {'name': name, 'member': [{'vm-id': vm_id} for vm_id in vm_ids]}
        if description is not None:
            group['description'] = description
        return group

    def put_group(self, name, vm_ids, description=None):
        """PUT one application group whose members are the (registered) VMs vm_ids."""
        return self.put(self.group_path(name),
                        {'vm-mobility:application-group': [self.group(name, vm_ids,
                                                                      description)]})

    def put_member(self, group, vm_id):
        """PUT one member (a registered VM's id) into an existing group."""
        return self.put(self.member_path(group, vm_id), {'vm-mobility:member': [{'vm-id': vm_id}]})

    @classmethod
    def intent(cls, vms=(), groups=(), subnets=(), migrations=()):
        """The vm-mobility container as JSON. vms: vm() entries; groups: {name: vm ids} or
        group() entries; subnets and migrations: entries as JSON. Empty lists are left out."""
        if isinstance(groups, dict):
            groups = [cls.group(name, vm_ids) for name, vm_ids in groups.items()]
        body = {}
        for key, entries in (('subnet', subnets), ('vm', vms), ('application-group', groups),
                             ('migration', migrations)):
            if entries:
                body[key] = list(entries)
        return {'vm-mobility:vm-mobility': body}

    def merge_intent(self, vms=(), groups=(), subnets=(), migrations=()):
        """One plain PATCH (merge) of the vm-mobility container: the VMs and the groups that
        name them are stored in one transaction; what is not mentioned stays as it is."""
        return self.patch(self.root_path(), self.intent(vms, groups, subnets, migrations))

    def put_intent(self, vms=(), groups=(), subnets=(), migrations=()):
        """One PUT of the whole vm-mobility container: replaces every subnet, VM, group and
        migration with the given ones."""
        return self.put(self.root_path(), self.intent(vms, groups, subnets, migrations))

    def delete_group(self, name):
        return self.delete(self.group_path(name))

    def delete_member(self, group, vm_id):
        return self.delete(self.member_path(group, vm_id))

    def delete_vm(self, vm_id):
        return self.delete(self.vm_path(vm_id))

    def delete_migration(self, vm_id):
        return self.delete(self.migration_path(vm_id))

    def delete_root(self):
        return self.delete(self.root_path())

    @staticmethod
    def migration_notice(vm_id, new_address, new_mac=None, node_id=None, port=None,
                         new_address6=None):
        """One VM's notice as notify-migration(s) take it; new-attachment only when node_id and
        port are given; new-address6 when given (new_address None: an IPv6-only move)."""
        data = {'vm-id': vm_id}
        if new_address is not None:
            data['new-address'] = new_address
        if new_address6 is not None:
            data['new-address6'] = new_address6
        if new_mac is not None:
            data['new-mac'] = new_mac
        if node_id is not None and port is not None:
            data['new-attachment'] = {'node-id': node_id, 'port': _port(port)}
        return data

    def notify_migration(self, vm_id, new_address, new_mac=None, node_id=None, port=None,
                         new_address6=None):
        """POST notify-migration; returns (status, body) with body['vm-mobility:output']."""
        return self.post('/rests/operations/vm-mobility:notify-migration',
                         {'input': self.migration_notice(vm_id, new_address, new_mac, node_id,
                                                         port, new_address6)})

    def notify_migrations(self, notices):
        """POST notify-migrations (batch) with migration_notice() dicts; returns (status, body)
        with body['vm-mobility:output']['result'] (see batch_results)."""
        return self.post('/rests/operations/vm-mobility:notify-migrations',
                         {'input': {'migration': list(notices)}})

    @staticmethod
    def batch_results(body):
        """{vm-id: result entry (outcome, reason)} of a notify-migrations answer."""
        output = body.get('vm-mobility:output', {}) if isinstance(body, dict) else {}
        return {entry.get('vm-id'): entry for entry in output.get('result', [])}

    def cut_over(self, vm_id, peer):
        """POST cut-over: peer now uses migrated VM vm_id's new address; returns (status, body)
        with body['vm-mobility:output']['completed']."""
        return self.post('/rests/operations/vm-mobility:cut-over',
                         {'input': {'vm-id': vm_id, 'peer': peer}})

    def complete_migration(self, vm_id):
        return self.post('/rests/operations/vm-mobility:complete-migration',
                         {'input': {'vm-id': vm_id}})

    def get_config(self, path=None, accept=JSON, raw=False):
        """GET the config view of path (default: the whole vm-mobility tree)."""
        return self.get((path or self.root_path()) + '?content=config', accept=accept, raw=raw)

    def get_operational(self, path=None, accept=JSON, raw=False):
        """GET the operational (nonconfig) view of path (default: the whole vm-mobility tree)."""
        return self.get((path or self.root_path()) + '?content=nonconfig', accept=accept, raw=raw)

    def get_vm_state(self, vm_id):
        """GET a VM's operational state (vm=X/state): (status, the state dict) on 200, else
        (status, the error body)."""
        return self._state(self.get_operational(self.vm_state_path(vm_id)))

    def get_migration_state(self, vm_id):
        """GET a migration's operational state (migration=X/state): (status, the state dict)
        on 200, else (status, the error body)."""
        return self._state(self.get_operational(self.migration_state_path(vm_id)))

    @staticmethod
    def _state(reply):
        status, body = reply
        if status == 200 and isinstance(body, dict):
            return status, body.get('vm-mobility:state', {})
        return status, body

    def inventory_node_ids(self):
        """Node ids in the operational inventory (switches openflowplugin sees connected)."""
        status, body = self.get('/rests/data/opendaylight-inventory:nodes?content=nonconfig')
        if status != 200 or not isinstance(body, dict):
            return set()
        nodes = body.get('opendaylight-inventory:nodes', {}).get('node', [])
        return {node.get('id') for node in nodes}

    def config_flows(self, node_id):
        """Flows the config inventory holds for a switch: {table_id: [flow dicts]}."""
        path = '/rests/data/opendaylight-inventory:nodes/node=%s?content=config' % quote_key(
            node_id)
        status, body = self.get(path)
        flows = {}
        if status != 200 or not isinstance(body, dict):
            return flows
        for node in body.get('opendaylight-inventory:node', []):
            for table in node.get('flow-node-inventory:table', []):
                flows[table.get('id')] = table.get('flow', [])
        return flows


def error_messages(body, with_tags=False):
    """The texts of a RESTCONF error body (JSON or XML) that can name a problem:
    error-message, error-app-tag, error-path, error-info (error-tag too with with_tags)."""
    texts = []
    keys = ('error-message', 'error-app-tag', 'error-path', 'error-info')
    if with_tags:
        keys += ('error-tag',)
    if isinstance(body, dict):
        errors = body.get('errors') or body.get('ietf-restconf:errors') or {}
        for err in errors.get('error', []):
            for key in keys:
                if key in err:
                    texts.append(json.dumps(err[key]) if not isinstance(err[key], str)
                                 else err[key])
    elif isinstance(body, ET.Element):
        texts.extend(t for t in body.itertext() if t.strip())
    elif body:
        texts.append(str(body))
    return texts


def _port(port):
    """A port as a JSON number when it is one (tests also send wrong types on purpose)."""
    try:
        return int(port)
    except (TypeError, ValueError):
        return port
