#!/usr/bin/python3
"""The platform floor of the RPC figure: how many RESTCONF requests per second one controller answers from 8
clients on this machine, without the application doing anything for them, next to notify-migration.

Same run, same fresh controller: GET of a subnet (read only), PUT of a subnet (one config write each, which the
application only indexes), and notify-migration of registered VMs that have no attachment (one config write plus
the application's validation and published state, no flows). Prints requests/s and writes
bench/results/rpc-floor-<time>.json.

    /usr/bin/python3 bench/rpc_floor.py [--requests 1000] [--clients 8]
"""

import argparse
import concurrent.futures
import json
import time

import common
import model


def rate(restconf, clients, requests, call):
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        statuses = list(pool.map(call, range(requests)))
    elapsed = time.monotonic() - started
    return {'requests': requests, 'clients': clients, 'seconds': elapsed, 'per_second': requests / elapsed,
            'answered_ok': sum(1 for status in statuses if status in (200, 201, 204)),
            'statuses': sorted(set(statuses))}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--requests', type=int, default=1000)
    parser.add_argument('--clients', type=int, default=8)
    args = parser.parse_args()
    ctl = common.controller()
    r = ctl.restconf
    common.clear_config(r)
    status, body = r.put_subnet('10.200.0.0/16', '10.200.255.254', '02:00:00:c8:ff:fe')
    assert status in (200, 201, 204), body
    vms = [{'vm-id': 'f%d' % i, 'home-address': '10.200.%d.%d' % (i // 250, 1 + i % 250),
            'mac': '02:00:00:c8:%02x:%02x' % (i // 256, i % 256)} for i in range(args.requests)]
    status, body = r.request('PATCH', model.ROOT_PATH, json.dumps({'vm-mobility:vm-mobility': {'vm': vms}}))
    assert status in (200, 201, 204), body
    results = {}
    for rnd in (1, 2):
        common.banner('round %d (round 1 warms the controller up)' % rnd)
        results['get-%d' % rnd] = rate(r, args.clients, args.requests, lambda i: r.request(
            'GET', '/rests/data/vm-mobility:vm-mobility/subnet=10.200.0.0%2F16')[0])
        results['put-%d' % rnd] = rate(r, args.clients, args.requests, lambda i: r.request(
            'PUT', '/rests/data/vm-mobility:vm-mobility/subnet=10.%d.%d.0%%2F24' % (201 + rnd, i % 250),
            json.dumps({'vm-mobility:subnet': [{'prefix': '10.%d.%d.0/24' % (201 + rnd, i % 250),
                                                'gateway-address': '10.%d.%d.254' % (201 + rnd, i % 250),
                                                'gateway-mac': '02:00:00:c9:00:fe'}]}))[0])
        results['notify-%d' % rnd] = rate(r, args.clients, args.requests, lambda i: r.request(
            'POST', '/rests/operations/vm-mobility:notify-migration',
            json.dumps({'input': {'vm-id': 'f%d' % i, 'new-address': '10.%d.%d.%d' % (210 + rnd, i // 250,
                                                                                    1 + i % 250)}}))[0])
        for kind in ('get', 'put', 'notify'):
            row = results['%s-%d' % (kind, rnd)]
            print('%-7s %5d requests from %d clients: %6.1f /s (statuses %s)'
                  % (kind, row['requests'], row['clients'], row['per_second'], row['statuses']), flush=True)
    result = {'meta': common.meta('rpc-floor'), 'controller': common.controller_facts(ctl), 'rounds': results}
    common.save('rpc-floor', result)


if __name__ == '__main__':
    main()
