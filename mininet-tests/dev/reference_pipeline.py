"""Development aid, NOT part of the suite: DESIGN.md's translation pipeline written with
ovs-ofctl, to check the data-plane tests' expectations without the Java application.

    /usr/bin/python3 mininet-tests/dev/reference_pipeline.py test_translation.MigratedVmTest

It runs the given tests with no controller at all: the RESTCONF calls that change intent
(merge_intent, put_group, put_member, delete_*, notify_migration(s)) are applied to a local
model (model v2: groups name VMs by vm-id; the VMs' homes are the hosts as built) and the flows
of tables
0..4 (base table 0) are computed per DESIGN.md and installed with `ovs-ofctl replace-flows`
(plus the miss flows of the default forwarding). Tests that read the controller's datastores
fail here by construction (complete-migration, operational state, config reads).
The switches stay unconnected (fail_mode secure); nothing listens on 6653.
"""
import ipaddress, subprocess, sys, unittest, zlib
import os
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vmm import topology, base, restconf as rc
from vmm.topology import mac_for, gateway_of, subnet_of

STATE = {'net': None, 'groups': {}, 'migr': {}}

def h32(s): return zlib.crc32(s.encode()) & 0xffffffff

def apply():
    net = STATE['net']
    if net is None or net.net is None: return
    groups, migr = STATE['groups'], STATE['migr']
    vms = {}
    for g, ms in groups.items():
        for m in ms: vms.setdefault(m, set()).add(g)
    # current state of each member
    cur = {}
    for vm in vms:
        if vm in migr:
            ip, sw, port = migr[vm]
        else:
            ip, sw, port = net.home[vm][1], net.home[vm][0], None
        cur[vm] = (ip, sw)
    flows = {s: [] for s in net.switch_names()}
    for s in net.switch_names():
        f = flows[s]
        f += ['table=0,priority=0,actions=goto_table:2', 'table=1,priority=0,actions=goto_table:2',
              'table=2,priority=0,actions=NORMAL', 'table=3,priority=0,actions=NORMAL']
    for P in vms:
        pip, psw = cur[P]
        psub = subnet_of(pip, net.prefixes)
        cls = h32(','.join(sorted(vms[P])) + '|' + psub)
        tag = h32(P)
        mig = [M for M in migr if M != P and vms[M] & vms[P]]
        if not mig: continue
        port = net.ofport(P)
        f = flows[psw]
        md = '0x%x/0xffffffffffffffff' % ((cls << 32) | tag)
        f.append('table=0,priority=1000,ip,in_port=%d,nw_src=%s,actions=write_metadata:%s,goto_table:1' % (port, pip, md))
        f.append('table=0,priority=1000,arp,arp_op=1,in_port=%d,arp_spa=%s,actions=write_metadata:%s,goto_table:1' % (port, pip, md))
        cm = '0x%x/0xffffffff00000000' % (cls << 32)
        f.append('table=2,priority=1000,ip,nw_dst=%s,actions=write_metadata:%s,goto_table:3' % (pip, cm))
        f.append('table=4,priority=1000,arp,metadata=0x%x/0xffffffff,actions=set_field:%s->eth_dst,set_field:%s->arp_tha,set_field:%s->arp_tpa,IN_PORT' % (tag, mac_for(net.home[P][1]), mac_for(net.home[P][1]), pip))
        for M in mig:
            H = net.home[M][1]; C = cur[M][0]
            nh = mac_for(net.home[M][1]) if ipaddress.ip_address(C) in ipaddress.ip_network(psub) else mac_for(gateway_of(psub))
            f.append('table=1,priority=1000,ip,metadata=%s,nw_dst=%s,actions=set_field:%s->ip_dst,set_field:%s->eth_dst,goto_table:2' % (cm, H, C, nh))
            if ipaddress.ip_address(H) in ipaddress.ip_network(psub):
                f.append('table=1,priority=1000,arp,arp_op=1,metadata=%s,arp_tpa=%s,actions=set_field:%s->eth_src,set_field:2->arp_op,set_field:%s->arp_sha,set_field:%s->arp_spa,goto_table:4' % (cm, H, nh, nh, H))
            f.append('table=3,priority=1000,ip,metadata=%s,nw_src=%s,actions=set_field:%s->ip_src,NORMAL' % (cm, C, H))
    for s, fl in flows.items():
        text = '\n'.join(sorted(set(fl))) + '\n'
        subprocess.run(['ovs-ofctl', '-O', 'OpenFlow13', 'replace-flows', 'vmm-' + s, '-'], input=text, text=True, check=True)

from vmm import session
class Dummy:
    restconf = rc.RestconfClient('http://127.0.0.1:1')
    log_path = None
    home = None
    def log_tail(self, n=60): return ''
session.controller = lambda: Dummy()
def wait_connected(self, restconf, timeout=90):
    STATE['net'] = self; STATE['groups'] = {}; STATE['migr'] = {}
    apply()
topology.Network.wait_connected = wait_connected

C = rc.RestconfClient
def put_group(self, name, vm_ids, description=None):
    STATE['groups'][name] = list(vm_ids); apply(); return 201, None
def put_member(self, g, vm):
    STATE['groups'].setdefault(g, []).append(vm); apply(); return 201, None
def merge_intent(self, vms=(), groups=(), subnets=(), migrations=()):
    if isinstance(groups, dict): groups = [C.group(n, v) for n, v in groups.items()]
    for g in groups: STATE['groups'][g['name']] = [m['vm-id'] for m in g['member']]
    apply(); return 200, None
def put_subnet(self, *a, **k): return 201, None
def put_vm(self, *a, **k): return 201, None
def put_vm_entry(self, *a, **k): return 201, None
def delete_group(self, name):
    STATE['groups'].pop(name, None); apply(); return 204, None
def delete_member(self, g, vm):
    STATE['groups'][g].remove(vm); apply(); return 204, None
def delete_vm(self, vm):
    for ms in STATE['groups'].values():
        if vm in ms: ms.remove(vm)
    STATE['migr'].pop(vm, None); apply(); return 204, None
def delete_root(self):
    STATE['groups'] = {}; STATE['migr'] = {}; apply(); return 204, None
def notify_migration(self, vm, new, new_mac=None, node_id=None, port=None):
    net = STATE['net']
    if new == net.home[vm][1]:
        STATE['migr'].pop(vm, None); apply(); return 200, {'vm-mobility:output': {'outcome': 'returned-home'}}
    sw = 's%s' % node_id.split(':')[1]
    STATE['migr'][vm] = (new, sw, port); apply(); return 200, {'vm-mobility:output': {'outcome': 'migrated'}}
def notify_migrations(self, notices):
    result = []
    for n in notices:
        if n['vm-id'] not in STATE['net'].home:
            result.append({'vm-id': n['vm-id'], 'outcome': 'refused', 'reason': 'VM %s is not registered' % n['vm-id']})
            continue
        att = n.get('new-attachment', {})
        _, body = notify_migration(self, n['vm-id'], n['new-address'], None, att.get('node-id'), att.get('port'))
        result.append({'vm-id': n['vm-id'], 'outcome': body['vm-mobility:output']['outcome']})
    return 200, {'vm-mobility:output': {'result': result}}
for n, f in list(locals().items()):
    if n in ('put_group', 'put_member', 'merge_intent', 'put_subnet', 'put_vm', 'put_vm_entry', 'delete_group', 'delete_member', 'delete_vm', 'delete_root', 'notify_migration', 'notify_migrations'):
        setattr(C, n, f)
unittest.main(module=None, argv=['x', '-v'] + sys.argv[1:])
