"""The VM Mobility model v2 (api/src/main/yang/vm-mobility@2026-12-05.yang) as the benchmarks send and read it.

v2 registers every VM once in the top-level list `vm` (home address, MAC, optional attachment); an application
group's members are references to it (only the key `vm-id`); a member must name a registered VM, so VMs are
registered first, or together with their groups in one PATCH (merge) of the root container. Migrations keep their
v1 shape. Operational state: per VM at vm=X/state (status, current address/MAC/attachment, groups, translation
{home-address, current-address, phase}), per migration at migration=X/state (phase, reason, flow-count, switch,
translation counters). The application publishes only these state containers: the operational migration=X
entry no longer carries a copy of new-address (v1's did), so "active for this address" is read from
vm=X/state/translation, where phase and current-address come together. RPCs:
notify-migration, complete-migration (unchanged) and the batch notify-migrations (one transaction for every
accepted entry, an outcome per VM).

The harness's RestconfClient (mininet-tests/vmm/restconf.py) still builds v1 members (member(), put_group(),
member_path()); the benchmarks use only its raw HTTP calls and the paths v2 did not change (root, subnet,
application-group, migration), and build every v2 body here. Pure functions (bodies, parsing) need no
controller: `python3 -c 'import model'` works without the harness.
"""

import json
import time
import urllib.parse

MODULE = 'vm-mobility'
REVISION = '2026-12-05'
ROOT = MODULE + ':vm-mobility'
ROOT_PATH = '/rests/data/' + ROOT
OPERATIONS = '/rests/operations/'
OUTCOMES = ('migrated', 'returned-home', 'refused')


def quote_key(value):
    """Percent-encode a list key for a RESTCONF path (as vmm.restconf.quote_key)."""
    return urllib.parse.quote(str(value), safe='')


# ------------------------------------------------------------------ bodies

def vm(vm_id, home_address, mac, node_id=None, port=None, description=None):
    """One entry of the vm list; attachment only when node_id and port are given."""
    entry = {'vm-id': vm_id, 'home-address': home_address, 'mac': mac}
    if node_id is not None and port is not None:
        entry['attachment'] = {'node-id': node_id, 'port': int(port)}
    if description is not None:
        entry['description'] = description
    return entry


def group(name, vm_ids, description=None):
    """One application group; members are references to registered VMs (only the key vm-id)."""
    entry = {'name': name, 'member': [{'vm-id': vm_id} for vm_id in vm_ids]}
    if description is not None:
        entry['description'] = description
    return entry


def migration_entry(vm_id, new_address, new_mac=None, node_id=None, port=None):
    """A migration (config list entry, and the same shape as one notify-migrations input entry)."""
    entry = {'vm-id': vm_id, 'new-address': new_address}
    if new_mac is not None:
        entry['new-mac'] = new_mac
    if node_id is not None and port is not None:
        entry['new-attachment'] = {'node-id': node_id, 'port': int(port)}
    return entry


def root_content(vms=None, groups=None, migrations=None):
    """The content of the root container (what patch_root sends under 'vm-mobility:vm-mobility')."""
    content = {}
    if vms:
        content['vm'] = list(vms)
    if groups:
        content['application-group'] = list(groups)
    if migrations:
        content['migration'] = list(migrations)
    return content


def root_body(content):
    return {ROOT: content}


def notify_migrations_body(entries):
    """The input of the batch RPC: {"input": {"migration": [...]}}."""
    return {'input': {'migration': list(entries)}}


# ------------------------------------------------------------------ paths

def vm_path(vm_id):
    return ROOT_PATH + '/vm=' + quote_key(vm_id)


def vm_state_path(vm_id):
    return vm_path(vm_id) + '/state'


def group_path(name):
    return ROOT_PATH + '/application-group=' + quote_key(name)


def migration_path(vm_id):
    return ROOT_PATH + '/migration=' + quote_key(vm_id)


def migration_state_path(vm_id):
    return migration_path(vm_id) + '/state'


# ------------------------------------------------------------------ parsing (pure)

def results_of(body):
    """The result list of a notify-migrations answer ([] when absent)."""
    if not isinstance(body, dict):
        return []
    output = body.get(MODULE + ':output') or body.get('output') or {}
    results = output.get('result', [])
    return results if isinstance(results, list) else []


def outcome_counts(results):
    """{'migrated': n, 'returned-home': n, 'refused': n, ...} of a result list."""
    counts = dict((name, 0) for name in OUTCOMES)
    for entry in results:
        key = entry.get('outcome', 'missing')
        counts[key] = counts.get(key, 0) + 1
    return counts


def refused_examples(results, limit=3):
    return [(r.get('vm-id'), r.get('reason')) for r in results if r.get('outcome') == 'refused'][:limit]


def state_of(body, entry_list):
    """The state container of a GET .../entry=X/state answer ({"vm-mobility:state": {...}}) or of a GET of the
    whole entry ({"vm-mobility:<entry_list>": [{..., "state": {...}}]}); {} when absent."""
    if not isinstance(body, dict):
        return {}
    if MODULE + ':state' in body:
        return body[MODULE + ':state'] or {}
    entries = body.get(MODULE + ':' + entry_list, [])
    return (entries[0].get('state') or {}) if entries else {}


def vm_state_of(body):
    return state_of(body, 'vm')


def translation_of(vm_state):
    """(phase, current-address) of a VM state's translation, (None, None) when the VM is at home; the IPv6 one
    (current-address6) for a VM with no IPv4 translation."""
    translation = (vm_state or {}).get('translation') or {}
    return (translation.get('phase'), translation.get('current-address') or translation.get('current-address6'))


# ------------------------------------------------------------------ requests

def patch_root(restconf, content, timeout=600):
    """One PATCH (merge) of the vm-mobility root; returns (status, body, seconds, request bytes)."""
    data = json.dumps(root_body(content)).encode()
    saved = restconf.timeout
    restconf.timeout = timeout
    began = time.monotonic()
    try:
        status, body = restconf.patch(ROOT_PATH, data)
    finally:
        restconf.timeout = saved
    return status, body, time.monotonic() - began, len(data)


def register(restconf, vms, groups=(), timeout=600):
    """Register VMs and (optionally) their groups in one PATCH of the root; returns (status, body)."""
    status, body, _seconds, _size = patch_root(restconf, root_content(vms, groups), timeout)
    return status, body


def delete_group(restconf, name):
    return restconf.delete(group_path(name))


def vm_state(restconf, vm_id):
    """The operational state of one VM (GET vm=X/state), {} when absent."""
    status, body = restconf.get(vm_state_path(vm_id) + '?content=nonconfig')
    if status != 200:
        return {}
    return vm_state_of(body)


def migration_state(restconf, vm_id):
    """The operational state of one migration (GET migration=X/state), {} when absent."""
    status, body = restconf.get(migration_state_path(vm_id) + '?content=nonconfig')
    if status != 200:
        return {}
    return state_of(body, 'migration')


def translation(restconf, vm_id):
    """(phase, current-address) of a VM's translation (vm=X/state/translation); (None, None) when the VM is at
    home, unknown or not yet published."""
    return translation_of(vm_state(restconf, vm_id))


def notify_migrations(restconf, entries, timeout=600):
    """POST the batch RPC with these migration entries; returns (status, body, seconds, request bytes)."""
    data = json.dumps(notify_migrations_body(entries)).encode()
    saved = restconf.timeout
    restconf.timeout = timeout
    began = time.monotonic()
    try:
        status, body = restconf.post(OPERATIONS + MODULE + ':notify-migrations', data)
    finally:
        restconf.timeout = saved
    return status, body, time.monotonic() - began, len(data)


def check_v2(restconf):
    """Raise when the controller lists its RPCs (GET /rests/operations) and notify-migration is there but the
    batch notify-migrations is not: it runs model v1, and every v2 body would be refused. Any other answer is
    let through (the first request will tell)."""
    status, body = restconf.get('/rests/operations')
    if status == 200 and isinstance(body, (dict, list)):
        text = json.dumps(body)
        if MODULE + ':notify-migration"' in text and MODULE + ':notify-migrations"' not in text:
            raise RuntimeError('the controller runs model v1 (no %s:notify-migrations among its RPCs): rebuild '
                               'the distribution (karaf/target) from the v2 sources' % MODULE)
