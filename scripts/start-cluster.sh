#!/bin/bash
# Runs VM Mobility on a three-node OpenDaylight cluster (README, "A cluster of three controllers").
#
#   scripts/start-cluster.sh [--no-build] [A1 A2 A3]   all three nodes on this host, node N in its own network
#                                                       namespace vmmcN holding address AN (default 172.31.255.1-3)
#   scripts/start-cluster.sh --node N [--no-build] A1 A2 A3
#                                                       three machines: configure and start member N here (AN must
#                                                       be an address of this machine); run it on each machine
#   scripts/start-cluster.sh --restart-node N          start again one node of the local cluster (after a kill)
#   scripts/start-cluster.sh --stop                    stop every node of the local cluster (or the --node one)
#
# Each node is a copy of the distribution in $VMM_CLUSTER_DIR/member-N (default karaf/target/cluster), configured
# before its first boot: configuration/initial/pekko.conf (its canonical address, the three seed nodes, role
# member-N, a failure detector and split-brain resolver tuned to act within seconds), module-shards.conf (every
# shard replicated on member-1..3), modules.conf, the datastore's election timeout (2 s), and node-name=member-N
# in etc/org.opendaylight.vmmobility.cfg. Every node listens on its own address: RESTCONF AN:8181, OpenFlow
# AN:6653 (point switches at all three: ovs-vsctl set-controller BR tcp:A1:6653 tcp:A2:6653 tcp:A3:6653).
# On one host the nodes need their own namespaces because openflowplugin's listen address is cluster-wide
# configuration. Lines of $VMM_CLUSTER_APP_CONFIG (key=value) are added to every node's vmmobility cfg.
set -eu
# a failing command says where, instead of ending the script without a word
trap 'echo "start-cluster.sh: failed (exit $?) at line $LINENO: $BASH_COMMAND" >&2' ERR
TOP="$(cd "$(dirname "$0")/.." && pwd)"
. "$TOP/scripts/jdk.sh"
DIST="$TOP/karaf/target/assembly"
DIR="${VMM_CLUSTER_DIR:-$TOP/karaf/target/cluster}"
BRIDGE=vmmcbr
READY_S=${VMM_CLUSTER_READY_S:-420}
HANG_S=${VMM_CLUSTER_HANG_S:-300}

build=1 node="" action=start
while [ $# -gt 0 ]; do
    case "$1" in
        --no-build) build=0; shift ;;
        --node) node="$2"; shift 2 ;;
        --restart-node) action=restart; node="$2"; shift 2 ;;
        --stop) action=stop; shift ;;
        -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
        *) break ;;
    esac
done
if [ $# -ge 3 ]; then
    ADDR=("$1" "$2" "$3")
elif [ -f "$DIR/addresses" ]; then
    read -r -a ADDR <"$DIR/addresses"
else
    ADDR=(172.31.255.1 172.31.255.2 172.31.255.3)
fi
local_mode=1
[ -n "$node" ] && [ "$action" = start ] && local_mode=0
[ -f "$DIR/mode" ] && [ "$(cat "$DIR/mode")" = remote ] && [ "$action" != start ] && local_mode=0

# Runs a command in node N's namespace (local mode) or here.
in_node() {
    local n=$1; shift
    if [ "$local_mode" = 1 ]; then ip netns exec "vmmc$n" "$@"; else "$@"; fi
}

node_pid() {
    local pid
    pid=$(cat "$DIR/member-$1/karaf.pid" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then echo "$pid"; fi
}

stop_node() {
    local n=$1 pid
    [ -d "$DIR/member-$n" ] || return 0
    pid=$(node_pid "$n")
    [ -n "$pid" ] || return 0
    in_node "$n" env JAVA_HOME="$JAVA_HOME" timeout 20 "$DIR/member-$n/bin/stop" >/dev/null 2>&1 || true
    # the last node of a cluster waits for a quorum that is gone: a bounded wait, then the pid
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
        echo "member-$n (pid $pid) still running after bin/stop; killing it"
        kill -9 "$pid" 2>/dev/null || true
        for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    fi
}

teardown_namespaces() {
    for n in 1 2 3; do
        ip netns del "vmmc$n" 2>/dev/null || true
        ip link del "vmmc$n-h" 2>/dev/null || true
    done
    ip link del "$BRIDGE" 2>/dev/null || true
}

if [ "$action" = stop ]; then
    if [ -n "$node" ]; then stop_node "$node"; exit 0; fi
    for n in 1 2 3; do stop_node "$n" & done
    wait
    [ "$local_mode" = 1 ] && teardown_namespaces
    echo "cluster stopped"
    exit 0
fi

# Local mode: a bridge in this namespace holding .254 of the nodes' /24, and per node a namespace with a veth.
setup_namespaces() {
    local prefix="${ADDR[0]%.*}"
    for a in "${ADDR[@]}"; do
        [ "${a%.*}" = "$prefix" ] || { echo "local mode needs the three addresses in one /24" >&2; exit 2; }
    done
    teardown_namespaces
    ip link add "$BRIDGE" type bridge
    ip addr add "$prefix.254/24" dev "$BRIDGE"
    ip link set "$BRIDGE" up
    for n in 1 2 3; do
        ip netns add "vmmc$n"
        ip link add "vmmc$n-h" type veth peer name "vmmc$n-n"
        ip link set "vmmc$n-n" netns "vmmc$n"
        ip link set "vmmc$n-h" master "$BRIDGE" up
        ip netns exec "vmmc$n" ip link set lo up
        ip netns exec "vmmc$n" ip addr add "${ADDR[$((n - 1))]}/24" dev "vmmc$n-n"
        ip netns exec "vmmc$n" ip link set "vmmc$n-n" up
    done
}

configure_node() {
    local n=$1 home="$DIR/member-$1" seeds="" i
    rm -rf "$home"
    mkdir -p "$home"
    # the distribution as built, never a previous run's state: a standalone run of the same assembly leaves its
    # datastore journal, snapshots, bundle cache, logs, instances and lock files there
    tar -C "$DIST" --exclude=./data --exclude=./journal --exclude=./snapshots --exclude=./instances \
        --exclude=./lock --exclude=./karaf.pid --exclude=./segmented-journal -cf - . | tar -C "$home" -xf -
    for i in 0 1 2; do
        seeds="$seeds\"pekko://opendaylight-cluster-data@${ADDR[$i]}:2550\","
    done
    mkdir -p "$home/configuration/initial"
    cat >"$home/configuration/initial/pekko.conf" <<EOF
odl-cluster-data {
  pekko {
    remote.artery {
      enabled = on
      transport = tcp
      canonical.hostname = "${ADDR[$((n - 1))]}"
      canonical.port = 2550
    }
    cluster {
      seed-nodes = [${seeds%,}]
      roles = ["member-$n"]
      # a dead node is noticed after ~2 s and downed 1.5 s later (defaults: ~4 s and 7 s); the leader removes it
      # and singletons (entity ownership, so switch mastership and the engine) hand over within a few hundred ms
      # (defaults 1 s each; gossip 1 s)
      failure-detector.heartbeat-interval = 500 ms
      failure-detector.acceptable-heartbeat-pause = 1500 ms
      split-brain-resolver.stable-after = 1500 ms
      leader-actions-interval = 250 ms
      gossip-interval = 250 ms
      singleton.hand-over-retry-interval = 250 ms
    }
    persistence.snapshot-store.local {
      use-lz4-compression = false
      lz4-blocksize = 256KB
    }
  }
}
EOF
    cat >"$home/configuration/initial/module-shards.conf" <<EOF
module-shards = [
EOF
    for shard in default topology inventory; do
        cat >>"$home/configuration/initial/module-shards.conf" <<EOF
  { name = "$shard", shards = [ { name = "$shard", replicas = ["member-1", "member-2", "member-3"] } ] },
EOF
    done
    echo "]" >>"$home/configuration/initial/module-shards.conf"
    cp "$home/system/org/opendaylight/controller/sal-clustering-config/11.0.2/sal-clustering-config-11.0.2-moduleconf.xml" \
        "$home/configuration/initial/modules.conf"
    # RAFT: a follower that hears no leader for 500 ms x 4 starts an election (default 500 ms x 20 = 10 s)
    cat >>"$home/etc/org.opendaylight.controller.cluster.datastore.cfg" <<EOF

# scripts/start-cluster.sh: elections within ~2 s of a leader's death
shard-heartbeat-interval-in-millis=500
shard-election-timeout-factor=4
EOF
    # openflowplugin removes a switch from the operational inventory when nobody owns it 500 ms after its master
    # died (device-datastore-removal-delay); in a cluster a survivor owns it only after the dead node is downed
    # (~3.5 s here, longer when the dead node also ran the ownership supervisor). Removing it and writing it back
    # makes every application see a switch that left and returned: wait longer than a hand-over instead.
    cat >>"$home/etc/org.opendaylight.openflowplugin.cfg" <<EOF
# scripts/start-cluster.sh: keep a switch in the inventory through a master hand-over
device-datastore-removal-delay=10000
EOF
    {
        echo ""
        echo "# scripts/start-cluster.sh"
        echo "node-name=member-$n"
        # /metrics on the node's own address (its Prometheus target: ADDR:9464)
        echo "metrics-address=${ADDR[$((n - 1))]}"
        if [ -n "${VMM_CLUSTER_APP_CONFIG:-}" ]; then printf '%s\n' "$VMM_CLUSTER_APP_CONFIG"; fi
    } >>"$home/etc/org.opendaylight.vmmobility.cfg"
    # diagnosis only: log levels (VMM_LOG_LEVELS='logger=LEVEL,logger=LEVEL', as the test harness's single controller)
    if [ -n "${VMM_LOG_LEVELS:-}" ]; then
        local index=0 pair
        IFS=',' read -r -a pairs <<<"$VMM_LOG_LEVELS"
        for pair in "${pairs[@]}"; do
            printf '\nlog4j2.logger.vmmdiag%d.name = %s\nlog4j2.logger.vmmdiag%d.level = %s\n' \
                "$index" "${pair%%=*}" "$index" "${pair#*=}" >>"$home/etc/org.ops4j.pax.logging.cfg"
            index=$((index + 1))
        done
    fi
}

start_node() {
    local n=$1 home="$DIR/member-$1"
    mkdir -p "$home/data/log"
    in_node "$n" env JAVA_HOME="$JAVA_HOME" KARAF_REDIRECT="$home/data/log/console.log" "$home/bin/start"
}

# Waits for RESTCONF 200 on the nodes given; a node whose JVM runs but never answers (the boot hang
# start-controller.sh describes) gets its threads saved and is started once more.
wait_nodes() {
    local began pending n code pid retried=""
    began=$(date +%s)
    pending="$*"
    while [ -n "$pending" ]; do
        local still=""
        for n in $pending; do
            code=$(curl -s -o /dev/null -m 5 -w '%{http_code}' -u admin:admin \
                "http://${ADDR[$((n - 1))]}:8181/rests/data/network-topology:network-topology" || true)
            if [ "$code" = 200 ]; then
                echo "member-$n ready after $(( $(date +%s) - began )) s (http://${ADDR[$((n - 1))]}:8181)"
                continue
            fi
            still="$still $n"
            pid=$(node_pid "$n")
            if [ -z "$pid" ] && [ $(( $(date +%s) - began )) -gt 30 ]; then
                echo "member-$n is not running; see $DIR/member-$n/data/log/karaf.log" >&2
                return 1
            fi
            if [ -n "$pid" ] && [ $(( $(date +%s) - began )) -gt "$HANG_S" ] && [[ "$retried" != *" $n"* ]]; then
                "$JAVA_HOME/bin/jcmd" "$pid" Thread.print -l >"$DIR/member-$n/data/log/boot-hang-threads.txt" 2>&1 || true
                echo "member-$n gave no answer in $HANG_S s; threads saved; starting it once more"
                kill -9 "$pid" 2>/dev/null || true
                sleep 2
                start_node "$n"
                retried="$retried $n"
            fi
        done
        pending="$still"
        [ -z "$pending" ] && break
        if [ $(( $(date +%s) - began )) -gt "$READY_S" ]; then
            echo "members$pending did not answer within $READY_S s" >&2
            return 1
        fi
        sleep 2
    done
}

if [ "$action" = restart ]; then
    start_node "$node"
    wait_nodes "$node"
    exit $?
fi

if [ "$build" = 1 ]; then
    echo "Building with JAVA_HOME=$JAVA_HOME ..."
    (cd "$TOP" && ./mvnw -B -q clean install -DskipTests)
fi
[ -x "$DIST/bin/start" ] || { echo "no distribution at $DIST: build first" >&2; exit 1; }
mkdir -p "$DIR"
echo "${ADDR[*]}" >"$DIR/addresses"
if [ "$local_mode" = 1 ]; then
    echo local >"$DIR/mode"
    for n in 1 2 3; do stop_node "$n"; done
    setup_namespaces
    for n in 1 2 3; do configure_node "$n"; done
    for n in 1 2 3; do start_node "$n"; done
    wait_nodes 1 2 3
else
    echo remote >"$DIR/mode"
    stop_node "$node"
    configure_node "$node"
    start_node "$node"
    wait_nodes "$node"
fi
echo "RESTCONF on each node: http://AN:8181/rests/ (admin/admin); engine: GET .../vm-mobility:vm-mobility/engine"
echo "Switches: ovs-vsctl set-controller BR$(printf ' tcp:%s:6653' "${ADDR[@]}")"
echo "Stop: scripts/start-cluster.sh --stop"
