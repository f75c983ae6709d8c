"""Synthetic groups for the controller-scale benchmarks (mass migration, scale): members attached to bare OVS
bridges (bench/common.Bridges), no Mininet hosts.

A VM number i (0-based) has home address HOME_NET + i + 1, MAC 02:aa:<i as 4 bytes>, and when migrated the
address NEW_NET + i + 1 (another subnet). Subnets: 10.64.0.0/10 (home) and 10.128.0.0/10 (new), gateways .254
at the top of each.
"""

import ipaddress
import json
import time

import common

HOME_NET = ipaddress.ip_network('10.64.0.0/10')
NEW_NET = ipaddress.ip_network('10.128.0.0/10')
SUBNETS = ((str(HOME_NET), '10.127.255.254', '02:bb:00:00:00:01'),
           (str(NEW_NET), '10.191.255.254', '02:bb:00:00:00:02'))


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

    def member(self, g, j):
        i = self.vm_index(g, j)
        return {'vm-id': self.vm_id(g, j), 'home-address': home_ip(i), 'mac': mac(i),
                'attachment': {'node-id': self.home_node(g), 'port': self.port(g, j)}}

    def group(self, g):
        return {'name': self.group_name(g), 'member': [self.member(g, j) for j in range(self.size)]}

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
    data = json.dumps({'vm-mobility:vm-mobility': content}).encode()
    saved = restconf.timeout
    restconf.timeout = timeout
    began = time.monotonic()
    try:
        status, body = restconf.patch(restconf.root_path(), data)
    finally:
        restconf.timeout = saved
    return status, body, time.monotonic() - began, len(data)


def register_groups(restconf, layout, batch=1000, verbose=True):
    """Register the layout's groups by PATCHes of `batch` groups; returns a list of per-batch timings."""
    batches = []
    for start in range(0, layout.groups, batch):
        groups = [layout.group(g) for g in range(start, min(layout.groups, start + batch))]
        status, body, seconds, size = patch_root(restconf, {'application-group': groups})
        batches.append({'groups': len(groups), 'members': len(groups) * layout.size, 'status': status,
                        'seconds': seconds, 'request_bytes': size})
        if verbose:
            print('  PATCH %d groups (%d members, %.1f MB): %s in %.2f s' % (
                len(groups), len(groups) * layout.size, size / 1e6, status, seconds), flush=True)
        if status not in (200, 201, 204):
            raise RuntimeError('PATCH groups failed: %s %s' % (status, str(body)[:500]))
    return batches


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
