#!/bin/bash
# VM Mobility system tests: the entry point (CI and developers).
#
#   mininet-tests/run.sh [unittest args...]      e.g. run.sh test_translation.RemovalTest
#
# 1. installs the Debian packages the suite needs when any is missing (fresh CI machines),
# 2. starts Open vSwitch (userspace datapath) if it does not run,
# 3. runs every test_*.py against the Karaf distribution tarball
#    (karaf/target/vmmobility-karaf-0.1.0-SNAPSHOT.tar.gz, or $VMM_KARAF_TARBALL; the tests copy
#    and extract it privately and start/stop Karaf once for the whole run, holding
#    /tmp/vmm-karaf.lock), or against $VMM_CONTROLLER_URL when set,
# 4. stops what it started, checks that nothing of ours is left (bridges, veths, processes),
# exit code = the test result (non-zero also when something was left behind).
# Logs: $VMM_LOG_DIR (default /tmp/vmm-test-logs): failing tests' flow dumps, karaf.log copies.
set -u
HERE="$(cd "$(dirname "$0")" && pwd)"
PY=/usr/bin/python3
export VMM_LOG_DIR="${VMM_LOG_DIR:-/tmp/vmm-test-logs}"
mkdir -p "$VMM_LOG_DIR"

if [ "$(id -u)" != 0 ]; then
    echo "run.sh: Mininet and OVS need root" >&2
    exit 2
fi

cd "$HERE"
# 1. packages (apt-get only when one is missing)
$PY -m vmm.ovs install || exit 2

# 2. OVS
ovs_state="$($PY -m vmm.ovs start)" || exit 2
echo "run.sh: OVS ${ovs_state}"

stop_ovs() {
    if [ "$ovs_state" = started ]; then
        $PY -m vmm.ovs stop
    fi
}
trap 'stop_ovs; exit 130' INT TERM

# 3. tests
start=$(date +%s)
if [ $# -gt 0 ]; then
    $PY -m unittest -v "$@"
else
    $PY -m unittest discover -s "$HERE" -t "$HERE" -p 'test_*.py' -v
fi
result=$?
echo "run.sh: tests finished in $(( $(date +%s) - start ))s with exit code $result"

# 4. stop and check what is left
stop_ovs
trap - INT TERM
# Everything named vmm-* belongs to whoever holds /tmp/vmm-karaf.lock (the harness builds its
# networks only while holding it); check for leftovers only when nobody holds it now.
leftovers=""
if [ -n "${VMM_CONTROLLER_URL:-}" ] || flock -n /tmp/vmm-karaf.lock true; then
    links="$(ip -o link show | awk -F': ' '{print $2}' | sed 's/@.*//' | grep -E '^vmm-|^vmmc' || true)"
    [ -n "$links" ] && leftovers="$leftovers links: $links;"
    if command -v ovs-vsctl >/dev/null && ovs-vsctl -t 2 show >/dev/null 2>&1; then
        bridges="$(ovs-vsctl -t 5 list-br | grep '^vmm-' || true)"
        [ -n "$bridges" ] && leftovers="$leftovers bridges: $bridges;"
    fi
    namespaces="$(ip netns list 2>/dev/null | grep '^vmmc' || true)"
    [ -n "$namespaces" ] && leftovers="$leftovers namespaces: $namespaces;"
    pattern='mininet:vmm-|vmm/agent.py|/tmp/vmm-cluster-'
    [ -z "${VMM_CONTROLLER_URL:-}" ] && pattern="$pattern|/tmp/vmm-karaf-"
    procs="$(ps -eo pid,args | grep -E "$pattern" | grep -v grep || true)"
    [ -n "$procs" ] && leftovers="$leftovers processes: $procs;"
    if [ -n "$leftovers" ]; then
        echo "run.sh: LEFT BEHIND:$leftovers" >&2
        [ "$result" = 0 ] && result=3
    else
        echo "run.sh: nothing of ours left (no vmm- links, bridges or processes)"
    fi
else
    echo "run.sh: /tmp/vmm-karaf.lock is held by another run now; leftover check skipped"
fi
exit $result
