#!/bin/bash
# Builds VM Mobility and starts the OpenDaylight controller that carries it (README, command 1).
#
#   scripts/start-controller.sh            build, start in the background, wait until RESTCONF answers
#   scripts/start-controller.sh --no-build start the distribution already built
#   scripts/start-controller.sh --stop     stop it
#
# The distribution runs from karaf/target/assembly: RESTCONF on :8181 (admin/admin), OpenFlow on :6653,
# Karaf shell on :8101 (ssh) and karaf/target/assembly/bin/client. Log: karaf/target/assembly/data/log/karaf.log.
set -eu
TOP="$(cd "$(dirname "$0")/.." && pwd)"
. "$TOP/scripts/jdk.sh"
KARAF="$TOP/karaf/target/assembly"

if [ "${1:-}" = "--stop" ]; then
    "$KARAF/bin/stop" || true
    exit 0
fi
if [ "${1:-}" != "--no-build" ]; then
    echo "Building with JAVA_HOME=$JAVA_HOME ..."
    (cd "$TOP" && ./mvnw -B -q clean install -DskipTests)
fi
# Waits up to $1 s for RESTCONF 200; prints a dot a second.
wait_restconf() {
    for _ in $(seq 1 "$1"); do
        code=$(curl -s -o /dev/null -w '%{http_code}' -u admin:admin \
            http://127.0.0.1:8181/rests/data/network-topology:network-topology || true)
        [ "$code" = 200 ] && return 0
        printf '.'
        sleep 1
    done
    return 1
}

if "$KARAF/bin/status" >/dev/null 2>&1; then
    echo "The controller is already running ($KARAF)."
else
    "$KARAF/bin/start"
fi
start=$(date +%s)
printf 'Waiting for RESTCONF'
if ! wait_restconf 90; then
    # A boot that hangs (seen about once in 40 restarts: AAA's encryption service never activates and
    # RESTCONF answers 401 for good): keep the JVM's threads for a post-mortem, end it by pid, start once more.
    pid=$(cat "$KARAF/karaf.pid" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        dump="$KARAF/data/log/boot-hang-threads-$(date +%Y%m%d-%H%M%S).txt"
        "$JAVA_HOME/bin/jcmd" "$pid" Thread.print -l >"$dump" 2>&1 || true
        echo " no answer after 90 s; threads saved in $dump; starting it once more"
        "$KARAF/bin/stop" >/dev/null 2>&1 || true
        for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
        kill -9 "$pid" 2>/dev/null || true
        "$KARAF/bin/start"
        printf 'Waiting for RESTCONF'
    fi
    if ! wait_restconf 180; then
        echo " RESTCONF did not answer; see $KARAF/data/log/karaf.log" >&2
        exit 1
    fi
fi
echo " ready after $(( $(date +%s) - start )) s."
echo "RESTCONF:      http://127.0.0.1:8181/rests/ (admin/admin)"
echo "API explorer:  http://127.0.0.1:8181/openapi/explorer/index.html"
echo "OpenFlow:      tcp:127.0.0.1:6653 (ovs-vsctl set-controller <bridge> tcp:127.0.0.1:6653)"
echo "Karaf shell:   $KARAF/bin/client   (stop: scripts/start-controller.sh --stop)"
