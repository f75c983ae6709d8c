"""Synthetic VMs and groups for the controller-scale benchmarks (mass migration, scale, loaded convergence):
VMs attached to bare OVS bridges (bench/common.Bridges), no Mininet hosts.

A VM number i (0-based) has home address HOME_NET + i + 1, MAC 02:aa:<i as 4 bytes>, and when migrated the
address NEW_NET + i + 1 (another subnet). Subnets: 10.64.0.0/10 (home) and 10.128.0.0/10 (new), gateways .254
at the top of each.

Model v2 (bench/model.py): each VM is registered once in the vm list (home address, MAC, attachment); a group
lists only its members' vm-ids. register_groups() sends both in the same PATCH of the root container, chunk by
chunk (a chunk's groups and exactly their VMs), so every member reference names a VM of the same request.
"""

import ipaddress
import time

import common
import model
from vmm.util import wait_until

HOME_NET = ipaddress.ip_network('10.64.0.0/10')
NEW_NET = ipaddress.ip_network('10.128.0.0/10')
SUBNETS = ((str(HOME_NET), '10.127.255.254', '02:bb:00:00:00:01'),
           (str(NEW_NET), '10.191.255.254', '02:bb:00:00:00:02'))
# the 10,000-group load of scale.py (big) and convergence.py --loaded: home bridges and migration target
BIG_HOME_DPIDS = (101, 102, 103, 104)
BIG_NEW_DPIDS = (105,)
# OVS refuses OpenFlow port numbers above 65,279 ("port 100006 is outside the supported range 0 through 65279" in
# ovs-vswitchd.log; the switch answers BADMATCH/BADVALUE to a flow matching in_port=100006): a load of more VMs than
# the four home bridges hold below that spreads over more home bridges (1,000,000 VMs: 16 bridges of 62,500 ports)
MAX_PORTS_PER_BRIDGE = 65000
EXTRA_HOME_DPIDS = tuple(range(131, 191))


def big_home_dpids(vms):
    """The home bridges of a load of this many VMs: the four of BIG_HOME_DPIDS, more if their ports would exceed
    MAX_PORTS_PER_BRIDGE."""
    needed = max(len(BIG_HOME_DPIDS), -(-vms // MAX_PORTS_PER_BRIDGE))
    dpids = (BIG_HOME_DPIDS + EXTRA_HOME_DPIDS)[:needed]
    if len(dpids) < needed:
        raise ValueError('%d VMs need %d home bridges, more than the %d provided' % (vms, needed, len(dpids)))
    return dpids


def home_ip(i):
    return str(HOME_NET.network_address + i + 1)


def new_ip(i):
    return str(NEW_NET.network_address + i + 1)


def mac(i):
    return '02:aa:%02x:%02x:%02x:%02x' % ((i >> 24) & 255, (i >> 16) & 255, (i >> 8) & 255, i & 255)


def gateway_mac(network):
    return dict((net, gmac) for net, _gw, gmac in SUBNETS)[str(network)]


class Layout:
    """groups x size VMs; group g's members attach at home to bridge home_dpids[g % len] and, migrated, to
    new_dpids[g % len], with the same port number (unique per bridge)."""

    def __init__(self, groups, size, home_dpids, new_dpids, first_vm=0, prefix='g'):
        self.groups = groups
        self.size = size
        self.home_dpids = list(home_dpids)
        self.new_dpids = list(new_dpids)
        self.first_vm = first_vm
        self.prefix = prefix

    def group_name(self, g):
        return '%s%d' % (self.prefix, g)

    def vm_index(self, g, j):
        return self.first_vm + g * self.size + j

    def vm_id(self, g, j):
        return 'vm%d' % self.vm_index(g, j)

    def port(self, g, j):
        return (g // len(self.home_dpids)) * self.size + j + 1

    def home_node(self, g):
        return 'openflow:%d' % self.home_dpids[g % len(self.home_dpids)]

    def new_node(self, g):
        return 'openflow:%d' % self.new_dpids[g % len(self.new_dpids)]

    def vm(self, g, j):
        """The vm list entry of member j of group g (registered once, referenced by the group)."""
        i = self.vm_index(g, j)
        return model.vm(self.vm_id(g, j), home_ip(i), mac(i), self.home_node(g), self.port(g, j))

    def vms(self, g):
        return [self.vm(g, j) for j in range(self.size)]

    def group(self, g):
        """The application-group entry: only member references (vm-id)."""
        return model.group(self.group_name(g), [self.vm_id(g, j) for j in range(self.size)])

    def migration(self, g, j):
        i = self.vm_index(g, j)
        return {'vm-id': self.vm_id(g, j), 'new-address': new_ip(i),
                'new-attachment': {'node-id': self.new_node(g), 'port': self.port(g, j)}}

    def all_members(self):
        return [(g, j) for g in range(self.groups) for j in range(self.size)]


def put_subnets(restconf):
    for prefix, gateway, gmac in SUBNETS:
        status, body = restconf.put_subnet(prefix, gateway, gmac)
        assert status in (200, 201, 204), (status, body)


def patch_root(restconf, content, timeout=600):
    """One PATCH (merge) of the vm-mobility root; returns (status, body, seconds, request bytes)."""
    return model.patch_root(restconf, content, timeout)


def chunk_content(layout, start, stop):
    """The root content registering groups start..stop-1: their VMs (vm list) and the groups (references)."""
    vms = [entry for g in range(start, stop) for entry in layout.vms(g)]
    return model.root_content(vms, [layout.group(g) for g in range(start, stop)])


def register_groups(restconf, layout, batch=500, verbose=True, max_seconds=None, strict=True):
    """Register the layout's VMs and groups by PATCHes of the root, each carrying `batch` groups and exactly their
    batch * size VMs (500 groups of 10: 5,000 VMs, ~0.8 MB). Returns the per-request timings; with max_seconds
    the registration stops after the request that exceeded it (scaled down: the caller reports it). strict:
    raise on a refused request, else stop there (the failed request is the last entry)."""
    batches = []
    began = time.monotonic()
    for start in range(0, layout.groups, batch):
        stop = min(layout.groups, start + batch)
        status, body, seconds, size = patch_root(restconf, chunk_content(layout, start, stop))
        row = {'first_group': start, 'groups': stop - start, 'vms': (stop - start) * layout.size,
               'members': (stop - start) * layout.size, 'status': status, 'seconds': seconds,
               'request_bytes': size}
        batches.append(row)
        if verbose:
            print('  PATCH groups %d..%d (%d VMs + %d groups, %.2f MB): %s in %.2f s' % (
                start, stop - 1, row['vms'], row['groups'], size / 1e6, status, seconds), flush=True)
        if status not in (200, 201, 204):
            row['error'] = str(body)[:500]
            if strict:
                raise RuntimeError('PATCH VMs and groups failed: %s %s' % (status, str(body)[:500]))
            print('  registration failed: %s' % str(body)[:500], flush=True)
            break
        if max_seconds is not None and time.monotonic() - began > max_seconds:
            print('  stopping registration after %.0f s (--max-seconds)' % (time.monotonic() - began),
                  flush=True)
            break
    return batches


def registered_groups(batches):
    return sum(b['groups'] for b in batches if b['status'] in (200, 201, 204))


def register_figures(batches, registered, size, seconds, requested):
    """The registration's figures for a result (scale.py big, convergence.py --loaded)."""
    ok = [b for b in batches if b['status'] in (200, 201, 204)]
    return {'batches': batches, 'groups_registered': registered, 'vms_registered': registered * size,
            'members_registered': registered * size, 'registration_requests_s': seconds,
            'registration_requests': len(batches),
            'registration_request_mb': sum(b['request_bytes'] for b in batches) / 1e6,
            'registration_request_max_s': max((b['seconds'] for b in ok), default=None),
            'registration_complete': registered == requested}


def wait_published(restconf, vm_id, group_name=None, timeout=600):
    """Wait until the operational view shows this VM's state (vm=X/state; with group_name, listing that group
    in its group leaf-list); returns the seconds waited, None on timeout."""
    began = time.monotonic()

    def published():
        state = model.vm_state(restconf, vm_id)
        return bool(state) and (group_name is None or group_name in (state.get('group') or []))
    try:
        wait_until(published, timeout, interval=0.5, what='operational state of %s (vm=%s/state)'
                   % (group_name or vm_id, vm_id))
    except AssertionError as exc:
        print('  %s' % exc, flush=True)
        return None
    return time.monotonic() - began


def alternative_flows(layout, migrated):
    """[(node_id, flow_id, flow)] in the order of the migrations: what the admin's script pushes for these migrations, pair by pair, with the
    application's semantics (dst rewrite and reverse src rewrite per (peer, migrated) pair at the peer's current
    edge switch; the ARP reply only where the migrated VM's home address is in the peer's current subnet,
    as the application does)."""
    moved = set(migrated)
    ordered = []
    for g, j in migrated:
        i = layout.vm_index(g, j)
        target = {'vm': layout.vm_id(g, j), 'home': home_ip(i), 'current': new_ip(i)}
        for k in range(layout.size):
            if k == j:
                continue
            p = layout.vm_index(g, k)
            peer_moved = (g, k) in moved
            peer_ip = new_ip(p) if peer_moved else home_ip(p)
            peer_net = NEW_NET if peer_moved else HOME_NET
            node = layout.new_node(g) if peer_moved else layout.home_node(g)
            # next hop: the migrated VM itself when its new address is in the peer's subnet, else the gateway
            nh = mac(i) if ipaddress.ip_address(target['current']) in peer_net else gateway_mac(peer_net)
            peer = {'vm': layout.vm_id(g, k), 'ip': peer_ip, 'mac': mac(p), 'port': layout.port(g, k)}
            flows = common.pair_flows(peer, target, nh, node_id=node)
            if ipaddress.ip_address(target['home']) not in peer_net:
                flows = [f for f in flows if not f[0].startswith('alt-arp-')]
            ordered.extend((node, fid, flow) for fid, flow in flows)
    return ordered


def per_node_counts(ordered):
    counts = {}
    for node, _fid, _flow in ordered:
        counts[node] = counts.get(node, 0) + 1
    return counts
