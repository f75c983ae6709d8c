"""Flows per switch as the application's planner counts them, for the figures of bench/report.py.

A transcription of SwitchPlanner.perPairCount and SwitchPlanner.sharedCount
(impl/src/main/java/org/opendaylight/vmmobility/impl/planner/SwitchPlanner.java), which decide each switch's
layout under flow-layout auto (docs/DESIGN.md, "Per-pair layout"):
  per-pair: one miss flow, plus per (peer P, migration M translated for P) 3 flows when M's home address lies in
            P's subnet (pair-to, pair-from, pair-arp), else 2;
  shared:   four miss flows, plus per peer 4 flows when some of its migrations' home addresses lie in its subnet
            (it ARPs for them), else 2, plus per (peer class, migration of that class) 3 flows, else 2;
  auto:     per-pair when it needs strictly fewer flows than shared, else shared.
A peer is a VM attached to the switch that shares a group with a translated migration other than its own; its
class is keyed by its groups and its subnet (no cut-overs here). The per-pair count is also what the
alternative, an admin's script PUTting pair flows (bench/synth.alternative_flows), writes, without the one miss
flow. check() re-derives the counts PlanSizeTest (impl/src/test/.../planner/PlanSizeTest.java) asserts.
Pure Python, no controller.
"""

SHARED_MISS = 4
PER_PAIR_MISS = 1


def switch_counts(peers):
    """peers: [(class_key, subnet, {migrated vm: subnet of its home address})], one per peer on the switch.
    Returns {'shared', 'per_pair', 'auto', 'layout'} with the miss flows, and 'translation' (auto's count
    without its miss flows: the flows that translate, what the figures compare)."""
    if not peers:
        return {'shared': 0, 'per_pair': 0, 'auto': 0, 'layout': None, 'translation': 0}
    per_pair = PER_PAIR_MISS
    shared = SHARED_MISS
    classes = {}
    for class_key, subnet, relevant in peers:
        per_pair += sum(3 if home == subnet else 2 for home in relevant.values())
        shared += 4 if any(home == subnet for home in relevant.values()) else 2
        classes.setdefault(class_key, (subnet, {}))[1].update(relevant)
    for subnet, migrations in classes.values():
        shared += sum(3 if home == subnet else 2 for home in migrations.values())
    per_pair_wins = per_pair < shared
    auto = per_pair if per_pair_wins else shared
    return {'shared': shared, 'per_pair': per_pair, 'auto': auto,
            'layout': 'per-pair' if per_pair_wins else 'shared',
            'translation': auto - (PER_PAIR_MISS if per_pair_wins else SHARED_MISS)}


def group_peers(group, members, migrated, subnet_of, home_subnet='A'):
    """The peers among `members` (vm ids attached to one switch, all in `group`) and what each is translated for:
    every migrated VM of the group but itself. subnet_of(vm): the subnet of the VM's current address."""
    peers = []
    for vm in members:
        relevant = {m: home_subnet for m in migrated if m != vm}
        if relevant:
            peers.append(('groups=%s;subnet=%s' % (group, subnet_of(vm)), subnet_of(vm), relevant))
    return peers


def sweep(n, k):
    """bench/scale.py --parts sweep: one group of n members attached to a home switch in subnet A; k of them
    migrate to another switch and subnet B. Returns {'home': counts, 'new': counts}."""
    members = ['vm%d' % i for i in range(n)]
    migrated = members[:k]

    def subnet_of(vm):
        return 'B' if vm in migrated else 'A'
    return {'home': switch_counts(group_peers('g', members[k:], migrated, subnet_of)),
            'new': switch_counts(group_peers('g', migrated, migrated, subnet_of))}


def evacuation(groups, n):
    """bench/mass.py: `groups` groups of n members, every member migrated to one new switch in subnet B (each
    mass.py new bridge receives 50 groups of 10). Returns the new switch's counts."""
    peers = []
    for g in range(groups):
        members = ['g%d-vm%d' % (g, i) for i in range(n)]
        peers += group_peers('g%d' % g, members, members, lambda _vm: 'B')
    return switch_counts(peers)


def one_switch(n, k):
    """PlanSizeTest's case: n members on one switch in subnet A, k of them migrate to subnet B and stay on it."""
    members = ['vm%d' % i for i in range(n)]
    migrated = members[:k]
    return switch_counts(group_peers('big', members, migrated, lambda vm: 'B' if vm in migrated else 'A'))


def check():
    """The shared-layout totals PlanSizeTest.flowsGrowLinearly asserts (10 members on one switch; the test forces
    flow-layout shared): 43, 53 and 44 flows for 1, 3 and 10 migrated. Raises AssertionError on a mismatch."""
    for k, total in ((1, 43), (3, 53), (10, 44)):
        got = one_switch(10, k)['shared']
        assert got == total, 'plan-size model: %d migrated of 10 gives %d shared flows, PlanSizeTest %d' % (
            k, got, total)


if __name__ == '__main__':
    check()
    for size in (2, 5, 10, 20, 50, 100, 200):
        print(size, sweep(size, 1)['home'], sweep(size, max(1, size // 2))['home'], evacuation(50, size))
