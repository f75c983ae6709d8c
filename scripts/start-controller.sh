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
if "$KARAF/bin/status" >/dev/null 2>&1; then
    echo "The controller is already running ($KARAF)."
else
    "$KARAF/bin/start"
fi
start=$(date +%s)
printf 'Waiting for RESTCONF'
for _ in $(seq 1 180); do
    code=$(curl -s -o /dev/null -w '%{http_code}' -u admin:admin \
        http://127.0.0.1:8181/rests/data/network-topology:network-topology || true)
    if [ "$code" = 200 ]; then
        echo " ready after $(( $(date +%s) - start )) s."
        echo "RESTCONF:      http://127.0.0.1:8181/rests/ (admin/admin)"
        echo "API explorer:  http://127.0.0.1:8181/openapi/explorer/index.html"
        echo "OpenFlow:      tcp:127.0.0.1:6653 (ovs-vsctl set-controller <bridge> tcp:127.0.0.1:6653)"
        echo "Karaf shell:   $KARAF/bin/client   (stop: scripts/start-controller.sh --stop)"
        exit 0
    fi
    printf '.'
    sleep 1
done
echo " RESTCONF did not answer within 180 s; see $KARAF/data/log/karaf.log" >&2
exit 1
