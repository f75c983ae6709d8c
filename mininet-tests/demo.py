#!/usr/bin/python3
"""VM Mobility live demo: web keeps fetching from db, over IPv4 and IPv6, while db migrates to another subnet.

Run (as root, from the repository root, after a build produced the Karaf tarball):

    /usr/bin/python3 mininet-tests/demo.py                  # until Ctrl-C
    /usr/bin/python3 mininet-tests/demo.py --duration 20    # stop by itself 20 s after migrating

It starts OVS if needed, the Karaf distribution (copied and extracted privately, holding
/tmp/vmm-karaf.lock; or uses $VMM_CONTROLLER_URL), builds the test network (vmm.base topology:
router vmm-r on 10.0.1/2/3.0/24, web 10.0.1.1, app 10.0.1.2, db 10.0.1.3, ...), registers the
subnets, then web, app and db in the vm list (home address, MAC, switch port), then the group
'shop' naming them, and starts in web a loop that asks db
(10.0.1.3:5001) over TCP every 200 ms and prints each reply (db answers with the address it saw
web come from and its own address). After a few seconds db migrates from s1 (subnet 1) to s2
(subnet 2) and becomes 10.0.2.3; the loop keeps going against 10.0.1.3 and the replies show
db now answering from 10.0.2.3. The network is dual stack (2001:db8:X::/64 beside every subnet, the
VMs registered with both home addresses): a second loop asks db at 2001:db8:1::3, web resolves
that address through the controller (Neighbor Discovery, db's home link), and one notification
moves both (new-address 10.0.2.3, new-address6 2001:db8:2::3). The translation flows are printed. Ctrl-C tears everything down
(network, Karaf, OVS daemons this demo started).
"""

import argparse
import logging
import os
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from vmm import session  # noqa: E402
from vmm.base import VmmTestCase  # noqa: E402
from vmm.topology import AGENT, PYTHON, TCP_PORT, HostProcess, LineReader, Network  # noqa: E402
from vmm.topology import gateway6_of, gateway_of, ipv6_of, prefix6_of  # noqa: E402
from vmm.topology import is_translation_flow  # noqa: E402

GROUP = ('web', 'app', 'db')


def say(text):
    print('\n=== %s' % text, flush=True)


def pump(loops, seconds, stats):
    """Print the request loops' lines ({label: loop}) for `seconds`; count replies and failures."""
    deadline = time.monotonic() + seconds
    readers = stats.setdefault('readers', {label: LineReader(loop.proc.stdout) for label, loop in loops.items()})
    while time.monotonic() < deadline and not all(reader.eof for reader in readers.values()):
        for label, reader in readers.items():
            for line in reader.lines(0.1):
                stats['failed' if 'FAILED' in line else 'ok'] += 1
                print('web %s> %s' % (label, line.rstrip()), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--duration', type=float, default=None,
                        help='seconds to keep running after the migration (default: until '
                             'Ctrl-C)')
    parser.add_argument('--before', type=float, default=4.0,
                        help='seconds of traffic before the migration')
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format='%(asctime)s %(levelname)s %(message)s')
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))

    say('starting OVS and the controller (about a minute)')
    controller = session.controller()
    restconf = controller.restconf
    net = Network(VmmTestCase.spec(), ipv6=True)
    session.register_network(net)
    try:
        say('building the network')
        net.build()
        net.wait_connected(restconf)
        restconf.delete_root()
        for prefix, _switch in VmmTestCase.SUBNETS:
            print('PUT subnet', prefix, restconf.put_subnet(prefix, gateway_of(prefix),
                                                            net.gateway_mac(prefix))[0])
            print('PUT subnet', prefix6_of(prefix), restconf.put_subnet(
                prefix6_of(prefix), gateway6_of(prefix), net.gateway_mac(prefix))[0])
        for host in GROUP:
            print('PUT vm', host, restconf.put_vm_entry(restconf.vm(
                host, net.ip(host), net.host_mac(host), net.node_id(net.switch_of(host)), net.ofport(host),
                home_address6=ipv6_of(net.ip(host))))[0])
        print('PUT group shop', restconf.put_group('shop', GROUP, 'web, app and db tiers')[0])

        net.start_server('db')
        loops = {label: HostProcess(net, net.host('web'), [PYTHON, '-u', AGENT, 'loop', address,
                                                             str(TCP_PORT), '0.2'])
                 for label, address in (('v4', '10.0.1.3'), ('v6', '2001:db8:1::3'))}
        stats = {'ok': 0, 'failed': 0}
        say('web asks db at 10.0.1.3 and at 2001:db8:1::3 every 200 ms')
        pump(loops, args.before, stats)

        say('migrating db: s1 (10.0.1.3, 2001:db8:1::3) -> s2 (10.0.2.3, 2001:db8:2::3), then one '
            'notify-migration')
        began = time.monotonic()
        status, body = net.migrate('db', 's2', '10.0.2.3', restconf=restconf, family=46)
        print('moved and notified in %.0f ms: %s %s' % ((time.monotonic() - began) * 1000,
                                                         status, body), flush=True)
        before = dict(stats)
        pump(loops, 3, stats)
        print('during the 3 s after the migration: %d replies, %d failed requests'
              % (stats['ok'] - before['ok'], stats['failed'] - before['failed']))
        print('vm=db/state:', restconf.get_vm_state('db'))
        print('migration=db/state:', restconf.get_migration_state('db'))

        say('translation flows now on the switches')
        for switch in net.switch_names():
            flows = [f for f in net.flows(switch) if is_translation_flow(f)]
            print('--- %s (%s): %d translation flows' % (switch, net.node_id(switch),
                                                         len(flows)))
            for flow in flows:
                print('  ', flow.line)

        say('the loop carries on (Ctrl-C to stop)' if args.duration is None
            else 'the loop carries on for %.0f s' % args.duration)
        pump(loops, args.duration if args.duration is not None else 10 ** 9, stats)
    except KeyboardInterrupt:
        pass
    finally:
        say('tearing down: %d replies, %d failed requests in total'
            % (stats['ok'], stats['failed']) if 'stats' in locals() else 'tearing down')
        try:
            restconf.delete_root()
        finally:
            net.stop()
            session.unregister_network(net)
    return 0


if __name__ == '__main__':
    sys.exit(main())
