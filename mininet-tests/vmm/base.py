"""The one base TestCase of the system tests (after Faucet's mininet_test_base.py).

A test class describes its topology with class attributes; setUp builds that Mininet network
against the shared controller, waits (bounded) until every switch is in the controller's
inventory, and registers over RESTCONF the subnets, then the class's VMs (model v2: each VM once
in the vm list, with its home address, MAC and attachment as built) together with the groups that
name them, in one PATCH of the vm-mobility container. tearDown dumps every
switch's flows, the vm-mobility config/state and the controller log tail when the test failed,
deletes the vm-mobility configuration, stops the network and removes exactly what it created.

Default topology (subnets 10.0.X.0/24, router vmm-r at .254 of each, strict rp_filter):

    subnet 1: s1 --- s4        web 10.0.1.1 (s1)  app 10.0.1.2 (s4)  db 10.0.1.3 (s1)
      |  (r-eth1 on s1)        bk 10.0.1.4 (s4)   n1 10.0.1.100 (s1) [non-member]
    subnet 2: s2 (r-eth2)      n2 10.0.2.100 (s2) [non-member]
    subnet 3: s3 (r-eth3)      n3 10.0.3.100 (s3) [non-member]
"""

import collections
import json
import os
import sys
import time
import unittest
import warnings

from vmm import session
from vmm.restconf import error_messages
from vmm.topology import Network, is_translation_flow
from vmm.util import LOG, wait_until

# Mininet 2.3.0 uses distutils' StrictVersion; keep the test output readable.
warnings.filterwarnings('ignore', category=DeprecationWarning, module='mininet')
warnings.filterwarnings('ignore', message='.*distutils.*', category=DeprecationWarning)

TopologySpec = collections.namedtuple('TopologySpec', 'switches switch_links subnets hosts')

FLOW_TIMEOUT = float(os.environ.get('VMM_FLOW_TIMEOUT', '15'))
TRAFFIC_TIMEOUT = float(os.environ.get('VMM_TRAFFIC_TIMEOUT', '10'))


class VmmTestCase(unittest.TestCase):
    """Base class: topology by class attributes, bounded polling, dumps on failure."""

    # (name, dpid): node id openflow:<dpid>
    SWITCHES = (('s1', 1), ('s2', 2), ('s3', 3), ('s4', 4))
    # switch-to-switch links (layer 2 inside one subnet)
    SWITCH_LINKS = (('s1', 's4'),)
    # (prefix, switch the router's interface on that subnet attaches to)
    SUBNETS = (('10.0.1.0/24', 's1'), ('10.0.2.0/24', 's2'), ('10.0.3.0/24', 's3'))
    # (name, switch, address)
    HOSTS = (('web', 's1', '10.0.1.1'), ('app', 's4', '10.0.1.2'), ('db', 's1', '10.0.1.3'),
             ('bk', 's4', '10.0.1.4'), ('n1', 's1', '10.0.1.100'),
             ('n2', 's2', '10.0.2.100'), ('n3', 's3', '10.0.3.100'))
    # group name -> member host names (registered in setUp)
    GROUPS = {'shop': ('web', 'app', 'db')}
    # hosts registered in the vm list in setUp (None: every member of GROUPS)
    VMS = None
    # register the subnets in setUp
    REGISTER_SUBNETS = True
    # the translation pipeline's base table (the application's default configuration)
    BASE_TABLE = 0
    # build a Mininet network in setUp (False: controller-only tests)
    NETWORK = True
    # dual stack: subnets 2001:db8:X::/64 beside 10.0.X.0/24, hosts 2001:db8:X::Y beside 10.0.X.Y
    # (vmm.topology.Network ipv6), registered with their IPv6 home addresses too
    IPV6 = False
    # dual stack: hosts registered with their IPv6 home address only
    IPV6_ONLY = ()

    net = None
    controller = None
    restconf = None

    # ------------------------------------------------------------ lifecycle

    @classmethod
    def spec(cls):
        return TopologySpec(cls.SWITCHES, cls.SWITCH_LINKS, cls.SUBNETS, cls.HOSTS)

    def setUp(self):
        # unittest's runner installs its own warning filters around each run: add ours here.
        warnings.filterwarnings('ignore', message='.*distutils.*', category=DeprecationWarning)
        self._started = time.monotonic()
        self.controller = self.controller_for_test()
        self.restconf = self.controller.restconf
        self._clear_config()
        if not self.NETWORK:
            return
        session.ensure_ovs()
        self.net = Network(self.spec(), controller_ips=self.switch_controllers(), ipv6=self.IPV6)
        session.register_network(self.net)
        try:
            self.net.build()
            self.net.wait_connected(self.restconf)
            if self.REGISTER_SUBNETS:
                self.register_subnets()
            self.register_intent(self.GROUPS, self.registered_hosts())
        except BaseException:
            self._dump_diagnostics('setUp of %s failed' % self.id())
            self._teardown_network()
            raise

    def controller_for_test(self):
        """What the test talks to (restconf, log_tail, log_path): the shared controller."""
        return session.controller()

    def switch_controllers(self):
        """The addresses every switch connects to (None: the shared controller's)."""
        return None

    def tearDown(self):
        if not self._passed():
            self._dump_diagnostics('%s failed' % self.id())
        self._teardown_network()
        LOG.info('%s took %.1fs', self.id(), time.monotonic() - self._started)

    def _passed(self):
        """Has this test (so far) neither failed nor errored? Called from tearDown."""
        outcome = getattr(self, '_outcome', None)
        if outcome is None:
            return True
        if hasattr(outcome, 'errors'):  # Python <= 3.10 collects them on the outcome
            return all(exc_info is None for _test, exc_info in outcome.errors)
        result = getattr(outcome, 'result', None)  # 3.11+: reported to the result at once
        if result is None:
            return True
        return not any(test is self for test, _ in result.errors + result.failures)

    def _teardown_network(self):
        try:
            # briefly: the next test's setUp clears it again, with the full bound
            self._clear_config(timeout=5)
        except Exception as exc:  # pylint: disable=broad-except
            LOG.warning('clearing vm-mobility config failed: %s', exc)
        if self.net is not None:
            self.net.stop()
            session.unregister_network(self.net)
            ids = {self.net.node_id(s) for s in self.net.switch_names()}
            try:
                wait_until(lambda: not ids & self.restconf.inventory_node_ids(), 20,
                           what='switches to leave the operational inventory')
            except AssertionError as exc:
                LOG.warning('%s', exc)
            self.net = None

    def _clear_config(self, timeout=30):
        """DELETE the whole intent, and see it gone (a GET of the config answers no entry): a DELETE
        that failed (say a cluster's datastore without a leader for a moment) is sent again, within
        the bound; raises when the intent is still there after it."""
        seen = {}

        def cleared():
            try:
                status, body = self.restconf.delete_root()
            except Exception as exc:  # pylint: disable=broad-except
                seen['delete'] = 'failed: %s' % exc
                return False
            seen['delete'] = '%s %s' % (status, body if status not in (200, 204, 404, 409) else '')
            if status not in (200, 204, 404, 409):
                LOG.warning('DELETE vm-mobility: %s %s', status, body)
                return False
            status, body = self.restconf.get_config()
            seen['get'] = '%s %s' % (status, body)
            if status in (404, 409):
                return True
            root = body.get('vm-mobility:vm-mobility', {}) if isinstance(body, dict) else None
            return status == 200 and root is not None and not any(
                root.get(key) for key in ('subnet', 'vm', 'application-group', 'migration'))

        wait_until(cleared, timeout, interval=0.5, what='the vm-mobility intent to be deleted',
                   describe=lambda _: 'last DELETE %s; last GET %s' % (seen.get('delete'),
                                                                        seen.get('get')))

    def _dump_diagnostics(self, title):
        out = ['', '=' * 30 + ' ' + title + ' ' + '=' * 30]
        if self.net is not None and self.net.net is not None:
            for switch in self.net.switch_names():
                out.append('--- flows on %s (%s):' % (switch, self.net.node_id(switch)))
                try:
                    out.append(self.net.dump_flows_text(switch).rstrip())
                except Exception as exc:  # pylint: disable=broad-except
                    out.append('(dump failed: %s)' % exc)
                if self.restconf is not None:
                    # what the config inventory holds for it: a flow on the switch but not here was never
                    # deleted from the switch; one here but not on the switch never reached it
                    try:
                        flows = self.restconf.config_flows(self.net.node_id(switch))
                        out.append('--- config inventory of %s: %s' % (switch, ' '.join(sorted(
                            '%s/t%s/p%s/0x%x' % (flow.get('id'), flow.get('table_id', table),
                                                 flow.get('priority'), int(flow.get('cookie', 0)))
                            for table, entries in flows.items() for flow in entries))))
                    except Exception as exc:  # pylint: disable=broad-except
                        out.append('(config inventory read failed: %s)' % exc)
        if self.restconf is not None:
            for label, getter in (('config', self.restconf.get_config),
                                  ('operational', self.restconf.get_operational)):
                status, body = getter()
                out.append('--- vm-mobility %s: %s %s' % (label, status, json.dumps(body)
                                                          if isinstance(body, (dict, list))
                                                          else body))
        if self.controller is not None:
            out.append('--- controller log tail (%s):' % self.controller.log_path)
            out.append(self.controller.log_tail(60))
        out.append('=' * 80)
        text = '\n'.join(out)
        sys.stderr.write(text + '\n')
        log_dir = os.environ.get('VMM_LOG_DIR', '/tmp/vmm-test-logs')
        os.makedirs(log_dir, exist_ok=True)
        with open(os.path.join(log_dir, '%s.txt' % self.id()), 'w') as handle:
            handle.write(text + '\n')

    # ------------------------------------------------------------ registration

    def register_subnets(self):
        for prefix, _switch in self.SUBNETS:
            from vmm.topology import gateway_of
            status, body = self.restconf.put_subnet(prefix, gateway_of(prefix),
                                                    self.net.gateway_mac(prefix))
            self.assertIn(status, (200, 201, 204), 'PUT subnet %s: %s %s' % (prefix, status,
                                                                             body))
            if self.IPV6:
                from vmm.topology import gateway6_of, prefix6_of
                status, body = self.restconf.put_subnet(prefix6_of(prefix), gateway6_of(prefix),
                                                        self.net.gateway_mac(prefix))
                self.assertIn(status, (200, 201, 204), 'PUT subnet %s: %s %s'
                              % (prefix6_of(prefix), status, body))

    def registered_hosts(self):
        """The hosts setUp registers in the vm list: VMS, or every member of GROUPS."""
        if self.VMS is not None:
            return list(self.VMS)
        return sorted({m for members in self.GROUPS.values() for m in members})

    def vm_entry(self, host, attached=True):
        """A vm list entry for a host as it was built (home address, MAC, attachment)."""
        _switch, ip = self.net.home[host]
        from vmm.topology import ipv6_of
        ip6 = ipv6_of(ip) if self.IPV6 else None
        ip4 = None if host in self.IPV6_ONLY else ip
        if not attached:
            return self.restconf.vm(host, ip4, self.net.host_mac(host), home_address6=ip6)
        return self.restconf.vm(host, ip4, self.net.host_mac(host),
                                self.net.node_id(self.net.switch_of(host)),
                                self.net.ofport(host), home_address6=ip6)

    def register_intent(self, groups, hosts=None):
        """Register hosts (default: the members of groups) in the vm list and the groups
        {name: member hosts} naming them, in one PATCH (one transaction)."""
        if hosts is None:
            hosts = sorted({m for members in groups.values() for m in members})
        if not hosts and not groups:
            return
        status, body = self.restconf.merge_intent(
            vms=[self.vm_entry(h) for h in hosts], groups=dict(groups))
        self.assertIn(status, (200, 201, 204), 'PATCH VMs %s and groups %s: %s %s'
                      % (list(hosts), sorted(groups), status, body))

    def register_vm(self, host):
        entry = self.vm_entry(host)
        status, body = self.restconf.put_vm_entry(entry)
        self.assertIn(status, (200, 201, 204), 'PUT vm %s: %s %s' % (host, status, body))

    def register_group(self, group, members):
        """PUT a group of already registered VMs."""
        status, body = self.restconf.put_group(group, members)
        self.assertIn(status, (200, 201, 204), 'PUT group %s: %s %s' % (group, status, body))

    # ------------------------------------------------------------ actions

    def migrate(self, host, to_switch, new_ip, notify=True, family=4):
        """Move a host (vmm.topology Network.migrate) and, with notify, POST notify-migration; the
        notification must be accepted. Returns its (status, body). family (dual stack): what the
        notification gives: 4 (new-address), 6 (new-address6) or 46 (both)."""
        result = self.net.migrate(host, to_switch, new_ip, restconf=self.restconf,
                                  notify=notify, family=family)
        if notify:
            status, body = result
            self.assertEqual(200, status, 'notify-migration %s -> %s: %s %s'
                             % (host, new_ip, status, body))
        return result

    def migrate_batch(self, moves, extra=()):
        """Move several hosts ((host, to_switch, new_ip) each, vmm.topology Network.migrate) without
        notifying, then tell the controller in ONE notify-migrations call (with the notices of
        extra appended: restconf.migration_notice() dicts). The call must answer 200; returns
        {vm-id: result entry (outcome, reason)}."""
        notices = []
        for host, to_switch, new_ip in moves:
            self.net.migrate(host, to_switch, new_ip, notify=False)
            notices.append(self.restconf.migration_notice(
                host, new_ip, node_id=self.net.node_id(to_switch), port=self.net.ofport(host)))
        notices.extend(extra)
        status, body = self.restconf.notify_migrations(notices)
        self.assertEqual(200, status, 'notify-migrations %s: %s %s' % (notices, status, body))
        results = self.restconf.batch_results(body)
        self.assertEqual(sorted(n['vm-id'] for n in notices), sorted(results),
                         'notify-migrations must answer for every VM: %s' % body)
        return results

    def home_ip(self, host):
        return self.net.home[host][1]

    # ------------------------------------------------------------ flow checks

    def translation_flows(self, switch):
        return [f for f in self.net.flows(switch) if is_translation_flow(f)]

    def wait_until_flows(self, switch, predicate, timeout=FLOW_TIMEOUT, what=None):
        return self.net.wait_until_flows(switch, predicate, timeout, what)

    def wait_until_matching_flow(self, switch, match_text, actions_text=None,
                                 timeout=FLOW_TIMEOUT):
        """Wait for a flow on switch whose line contains match_text (and actions_text in its
        actions)."""
        def predicate(flows):
            return [f for f in flows if match_text in f.line
                    and (actions_text is None or actions_text in f.actions)]
        self.wait_until_flows(switch, predicate, timeout,
                              what='a flow with %r%s on %s' % (
                                  match_text, ' and actions %r' % actions_text
                                  if actions_text else '', switch))

    def wait_until_no_flow_mentions(self, switch, text, timeout=FLOW_TIMEOUT):
        self.wait_until_flows(switch, lambda flows: not [f for f in flows if f.mentions(text)],
                              timeout, what='no flow mentioning %s on %s' % (text, switch))

    def wait_until_only_miss_flows(self, switches=None, timeout=FLOW_TIMEOUT):
        for switch in switches or self.net.switch_names():
            self.wait_until_flows(
                switch, lambda flows: not [f for f in flows if is_translation_flow(f)],
                timeout, what='only the pipeline miss flows on %s' % switch)

    def wait_until_translated_to(self, home_ip, current_ip, switches, timeout=FLOW_TIMEOUT):
        """Wait for the to-current rewrite (ipv4_dst=home -> current) on each switch."""
        for switch in switches:
            self.wait_until_flows(
                switch,
                lambda flows: [f for f in flows if 'nw_dst=%s' % home_ip in f.line
                               and current_ip in f.actions],
                timeout, what='rewrite %s -> %s on %s' % (home_ip, current_ip, switch))

    def groups_of(self, host):
        return [g for g, members in self.GROUPS.items() if host in members]

    def peers_of(self, host):
        """The other members of every group of host."""
        return sorted({m for g in self.groups_of(host) for m in self.GROUPS[g] if m != host})

    def peer_switches(self, host):
        """The current edge switches of host's peers: where its translation must be."""
        return sorted({self.net.switch_of(p) for p in self.peers_of(host)})

    def wait_until_translation_of(self, host, timeout=FLOW_TIMEOUT):
        """Wait for host's home -> current rewrite on every peer's edge switch."""
        self.wait_until_translated_to(self.home_ip(host), self.net.ip(host),
                                      self.peer_switches(host), timeout)

    def config_translation_flows(self, switch):
        """Flows with a match in the controller's config inventory for a switch."""
        flows = self.restconf.config_flows(self.net.node_id(switch))
        return [f for table in flows.values() for f in table if f.get('match')]

    def wait_until_no_config_translation_flows(self, switches=None, timeout=FLOW_TIMEOUT):
        for switch in switches or self.net.switch_names():
            box = {}

            def none_left(switch=switch):
                box['flows'] = self.config_translation_flows(switch)
                return not box['flows']

            wait_until(none_left, timeout, what='no translation flow in the config inventory '
                       'of %s' % switch, describe=lambda _: box.get('flows'))

    def assert_stays(self, predicate, seconds, what):
        """predicate() must hold at every poll for `seconds` (a bounded observation window,
        not a sleep: it fails at the first poll that breaks it)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.assertTrue(predicate(), what)
            time.sleep(0.25)

    def snapshot_flows(self):
        """{switch: sorted flow keys (no statistics)} for every switch."""
        return {s: sorted(f.key() for f in self.net.flows(s)) for s in self.net.switch_names()}

    # ------------------------------------------------------------ traffic checks

    def wait_for_ping(self, src, dst_ip, timeout=TRAFFIC_TIMEOUT):
        wait_until(lambda: self.net.ping(src, dst_ip) > 0, timeout, interval=0.2,
                   what='%s to get a ping reply from %s' % (src, dst_ip))

    def karaf(self, command):
        """Output of one Karaf shell command through bin/client (which must exit 0); the test is
        skipped against an external controller without a local Karaf."""
        if not self.controller.home:
            self.skipTest('no local Karaf (external controller without VMM_KARAF_HOME)')
        code, out = self.controller.client(command)
        self.assertEqual(0, code, 'bin/client %r failed: %s' % (command, out))
        return out

    def assert_ping(self, src, dst_ip, count=3):
        """All of count pings answered (after a first successful one within the bound)."""
        self.wait_for_ping(src, dst_ip)
        received = self.net.ping(src, dst_ip, count=count)
        self.assertEqual(count, received, '%s ping %s: %d/%d' % (src, dst_ip, received, count))

    def assert_no_ping(self, src, dst_ip, count=3):
        received = self.net.ping(src, dst_ip, count=count)
        self.assertEqual(0, received, '%s unexpectedly reached %s' % (src, dst_ip))

    def _reply(self, proto, src, dst_ip, payload, timeout):
        call = self.net.tcp if proto == 'tcp' else self.net.udp
        box = {}

        def answered():
            box['reply'] = call(src, dst_ip, payload)
            return payload in box['reply']

        wait_until(answered, timeout, interval=0.3,
                   what='%s reply from %s:%s to %s' % (proto, dst_ip, proto, src),
                   describe=lambda _: 'last reply: %r' % box.get('reply'))
        return parse_reply(box['reply'])

    def assert_tcp(self, src, dst_host, dst_ip, timeout=TRAFFIC_TIMEOUT, payload=None):
        """TCP from src to dst_ip (served by dst_host) works; returns the server's view
        {'peer': address it saw src as, 'local': its own address, 'data': payload}."""
        self.net.start_server(dst_host)
        return self._reply('tcp', src, dst_ip, payload or 'tcp-%s-%s' % (src, dst_host), timeout)

    def assert_udp(self, src, dst_host, dst_ip, timeout=TRAFFIC_TIMEOUT, payload=None):
        self.net.start_server(dst_host)
        return self._reply('udp', src, dst_ip, payload or 'udp-%s-%s' % (src, dst_host), timeout)

    def assert_no_tcp(self, src, dst_host, dst_ip, payload='no'):
        self.net.start_server(dst_host)
        reply = self.net.tcp(src, dst_ip, payload, timeout=2)
        self.assertNotIn(payload, reply, '%s unexpectedly reached %s over TCP' % (src, dst_ip))

    def assert_no_udp(self, src, dst_host, dst_ip, payload='no'):
        self.net.start_server(dst_host)
        reply = self.net.udp(src, dst_ip, payload, timeout=1)
        self.assertNotIn(payload, reply, '%s unexpectedly reached %s over UDP' % (src, dst_ip))

    def capture(self, host, bpf=''):
        return self.net.capture(host, bpf)

    # ------------------------------------------------------------ operational state

    def migration_state(self, vm_id):
        """A migration's operational state (migration=X/state), {} when it cannot be read."""
        status, state = self.restconf.get_migration_state(vm_id)
        return state if status == 200 and isinstance(state, dict) else {}

    def wait_phase(self, vm_id, phase, timeout=30, reason_contains=None):
        """Bounded wait until migration vm_id is in phase (and its reason contains
        reason_contains); returns its state."""
        box = {}

        def reached():
            box['state'] = self.migration_state(vm_id)
            ok = box['state'].get('phase') == phase
            if ok and reason_contains:
                ok = reason_contains in box['state'].get('reason', '')
            return ok and box['state']

        return wait_until(reached, timeout, interval=0.1,
                          what='migration %s phase %s%s' % (
                              vm_id, phase, ' naming %s' % reason_contains
                              if reason_contains else ''),
                          describe=lambda _: 'last state: %s' % box.get('state'))

    def vm_state(self, vm_id):
        """A VM's operational state (vm=X/state), {} when it cannot be read."""
        status, state = self.restconf.get_vm_state(vm_id)
        return state if status == 200 and isinstance(state, dict) else {}

    def wait_vm_state(self, vm_id, timeout=FLOW_TIMEOUT, **expected):
        """Bounded wait until VM vm_id's state has the expected leaves (keyword names with _
        for -, e.g. current_address='10.0.2.3'; group= compares as a set); returns the state."""
        want = {k.replace('_', '-'): v for k, v in expected.items()}
        box = {}

        def reached():
            box['state'] = state = self.vm_state(vm_id)
            for key, value in want.items():
                have = state.get(key)
                if key == 'group':
                    if sorted(have or []) != sorted(value):
                        return False
                elif have != value:
                    return False
            return state

        return wait_until(reached, timeout, interval=0.2,
                          what='VM %s state %s' % (vm_id, want),
                          describe=lambda _: 'last state: %s' % box.get('state'))

    # ------------------------------------------------------------ RESTCONF checks

    def config_text(self):
        """The raw config datastore view of the vm-mobility tree (for byte comparisons)."""
        return self.restconf.get_config(raw=True)

    def assert_error(self, status_body, *words):
        """A 4xx whose error body names the problem: it contains each of words
        (case-insensitive); a tuple among words means any one of its strings."""
        status, body = status_body
        self.assertTrue(400 <= status < 500, 'expected a 4xx, got %s %s' % (status, body))
        text = ' '.join(error_messages(body)).lower()
        for word in words:
            choices = word if isinstance(word, tuple) else (word,)
            self.assertTrue(any(c.lower() in text for c in choices),
                            'error body does not name %s: %s %s'
                            % (' or '.join(repr(c) for c in choices), status, body))


def parse_reply(line):
    """'tcp peer=A local=B data=C' -> {'proto': 'tcp', 'peer': A, 'local': B, 'data': C}."""
    parts = line.split()
    result = {'proto': parts[0] if parts else '', 'raw': line}
    for part in parts[1:]:
        if '=' in part:
            key, _, value = part.partition('=')
            result.setdefault(key, value)
    return result
