"""A Mininet network for the data-plane and convergence benchmarks (built with the harness's Network).

    s1 (subnet 10.0.1.0/24, router vmm-r .254)    web 10.0.1.1, db 10.0.1.3 (home), n1 10.0.1.100 (non-member)
    s4 (subnet 10.0.1.0/24, linked to s1)         app 10.0.1.2
    s2 (subnet 10.0.2.0/24)                       db moves here as 10.0.2.3
    s3 (subnet 10.0.3.0/24)                       ... and here as 10.0.3.3

Group 'shop' = web, app, db: a migration of db puts translation flows on s1 (web) and s4 (app). Model v2: the
three VMs are registered once in the vm list (home address, MAC, attachment) and the group lists their vm-ids,
all in one PATCH of the root; n1 is not registered (it is no VM of the application).
"""

import common  # noqa: F401  (puts mininet-tests on sys.path)
import model
from vmm import session
from vmm.base import TopologySpec
from vmm.topology import Network, gateway6_of, gateway_of, ipv6_of, prefix6_of

SWITCHES = (('s1', 1), ('s2', 2), ('s3', 3), ('s4', 4))
SWITCH_LINKS = (('s1', 's4'),)
SUBNETS = (('10.0.1.0/24', 's1'), ('10.0.2.0/24', 's2'), ('10.0.3.0/24', 's3'))
HOSTS = (('web', 's1', '10.0.1.1'), ('app', 's4', '10.0.1.2'), ('db', 's1', '10.0.1.3'),
         ('n1', 's1', '10.0.1.100'))
GROUP = ('web', 'app', 'db')


def build(restconf, hosts=HOSTS, group=GROUP, ipv6=False, ipv6_only=()):
    """Build the network, wait for the switches, register subnets, the group's VMs and the group 'shop'.
    ipv6: dual stack (2001:db8:X::/64 beside every subnet, 2001:db8:X::Y beside every host, the VMs registered
    with both home addresses; those of ipv6_only with their IPv6 one only)."""
    net = Network(TopologySpec(SWITCHES, SWITCH_LINKS, SUBNETS, hosts), ipv6=ipv6)
    session.register_network(net)
    net.build()
    net.wait_connected(restconf)
    common.clear_config(restconf)
    for prefix, _switch in SUBNETS:
        status, body = restconf.put_subnet(prefix, gateway_of(prefix), net.gateway_mac(prefix))
        assert status in (200, 201, 204), (status, body)
        if ipv6:
            status, body = restconf.put_subnet(prefix6_of(prefix), gateway6_of(prefix), net.gateway_mac(prefix))
            assert status in (200, 201, 204), (status, body)
    if group:
        entries = vm_entries(net, group)
        for entry in entries:
            if entry['vm-id'] in ipv6_only:
                del entry['home-address']
        status, body = model.register(restconf, entries, [model.group('shop', group)])
        assert status in (200, 201, 204), (status, body)
    return net


def vm_entries(net, hosts):
    """The vm list entries of these hosts as built: home address(es), MAC, attachment (switch, port)."""
    entries = [model.vm(h, net.ip(h), net.host_mac(h), net.node_id(net.switch_of(h)), net.ofport(h)) for h in hosts]
    if net.ipv6:
        for entry in entries:
            entry['home-address6'] = ipv6_of(entry['home-address'])
    return entries


def teardown(net, restconf):
    try:
        common.clear_config(restconf)
    finally:
        net.stop()
        session.unregister_network(net)
