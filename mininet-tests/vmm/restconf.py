"""A tiny RESTCONF (RFC 8040, ODL's /rests) client on urllib, JSON and XML, basic auth.

Every call returns (status, body) where body is parsed JSON (dict/list), an ElementTree element
for XML, the raw text when it does not parse, or None when empty. No call raises on HTTP errors;
connection errors are returned as status 0 with the error text as body.
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
    def member_path(cls, group, vm_id):
        return cls.group_path(group) + '/member=' + quote_key(vm_id)

    @classmethod
    def migration_path(cls, vm_id):
        return cls.root_path() + '/migration=' + quote_key(vm_id)

    # ---- model helpers ----

    def put_subnet(self, prefix, gateway_address, gateway_mac, description=None):
        subnet = {'prefix': prefix, 'gateway-address': gateway_address,
                  'gateway-mac': gateway_mac}
        if description is not None:
            subnet['description'] = description
        return self.put(self.subnet_path(prefix), {'vm-mobility:subnet': [subnet]})

    @staticmethod
    def member(vm_id, home_address, mac, node_id=None, port=None):
        """A member entry as JSON; attachment only when node_id and port are given."""
        entry = {'vm-id': vm_id, 'home-address': home_address, 'mac': mac}
        if node_id is not None and port is not None:
            entry['attachment'] = {'node-id': node_id, 'port': _port(port)}
        return entry

    def put_group(self, name, members, description=None):
        """PUT one application group; members is a list of member() dicts."""
        group = {'name': name, 'member': list(members)}
        if description is not None:
            group['description'] = description
        return self.put(self.group_path(name), {'vm-mobility:application-group': [group]})

    def put_member(self, group, member):
        return self.put(self.member_path(group, member['vm-id']),
                        {'vm-mobility:member': [member]})

    def delete_group(self, name):
        return self.delete(self.group_path(name))

    def delete_member(self, group, vm_id):
        return self.delete(self.member_path(group, vm_id))

    def delete_migration(self, vm_id):
        return self.delete(self.migration_path(vm_id))

    def delete_root(self):
        return self.delete(self.root_path())

    def notify_migration(self, vm_id, new_address, new_mac=None, node_id=None, port=None):
        """POST notify-migration; returns (status, body) with body['vm-mobility:output']."""
        data = {'vm-id': vm_id, 'new-address': new_address}
        if new_mac is not None:
            data['new-mac'] = new_mac
        if node_id is not None and port is not None:
            data['new-attachment'] = {'node-id': node_id, 'port': _port(port)}
        return self.post('/rests/operations/vm-mobility:notify-migration', {'input': data})

    def complete_migration(self, vm_id):
        return self.post('/rests/operations/vm-mobility:complete-migration',
                         {'input': {'vm-id': vm_id}})

    def get_config(self, path=None, accept=JSON, raw=False):
        """GET the config view of path (default: the whole vm-mobility tree)."""
        return self.get((path or self.root_path()) + '?content=config', accept=accept, raw=raw)

    def get_operational(self, path=None, accept=JSON, raw=False):
        """GET the operational (nonconfig) view of path (default: the whole vm-mobility tree)."""
        return self.get((path or self.root_path()) + '?content=nonconfig', accept=accept, raw=raw)

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
