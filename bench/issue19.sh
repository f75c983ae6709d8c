#!/bin/bash
# The figures of issue 19, one build, one benchmark after the other, each on its own fresh controller, then the
# summary (bench/results/summary.json and the goal table). Run as root after a clean build produced
# karaf/target/*.tar.gz; nothing else may run (one Karaf, one OVS test at a time). Logs: $LOGS (default
# /tmp/vmm-issue19). Set VMM_PROFILE=<dir> to record JFR profiles as well (bench/flame.py; not for figures:
# recording costs CPU).
#
#   bash bench/issue19.sh [all | convergence | million | loaded | mass | mass10k | mass10k-r1 | mass10k-r2 | mass10k-r3 |
#                          scale | dataplane | summary ...]
set -u
cd "$(dirname "$0")/.." || exit 2
. scripts/jdk.sh
LOGS=${LOGS:-/tmp/vmm-issue19}
mkdir -p "$LOGS"
PY=/usr/bin/python3
parts=("$@")
[ ${#parts[@]} -eq 0 ] && parts=(all)
[ "${parts[0]}" = all ] && parts=(convergence million loaded mass mass10k-r1 mass10k-r2 mass10k-r3 scale dataplane summary)
status=0
for part in "${parts[@]}"; do
    case "$part" in
        convergence) cmd=(bench/convergence.py --migrations 20 --floor 20) ;;
        million) cmd=(bench/convergence.py --loaded --load-groups 100000 --migrations 20 --floor 20) ;;
        loaded) cmd=(bench/convergence.py --loaded --migrations 20 --floor 20) ;;
        mass) cmd=(bench/mass.py --floor --put-floor) ;;
        mass10k) cmd=(bench/mass.py --groups 1000 --bursts batch --floor --floor-fresh) ;;
        # the 10k evacuation and its floor, three times, each on its own fresh controller: summary.py takes the
        # pair whose ratio is the median (single pairs spread 0.99x-2.76x on one build, BENCHMARKS.md section 10)
        mass10k-r[123]) cmd=(bench/mass.py --groups 1000 --bursts batch --floor --floor-fresh --name "mass-10000-${part#mass10k-}") ;;
        scale) cmd=(bench/scale.py --parts big --groups 10000,100000) ;;
        dataplane) cmd=(bench/dataplane.py) ;;
        summary) cmd=(bench/summary.py) ;;
        *) echo "unknown part $part" >&2; exit 2 ;;
    esac
    echo "$(date -u +%H:%M:%S) $part: ${cmd[*]}"
    if ! "$PY" "${cmd[@]}" > "$LOGS/$part.log" 2>&1; then
        echo "$(date -u +%H:%M:%S) $part FAILED (rc $?): $LOGS/$part.log"
        status=1
    fi
    echo "$(date -u +%H:%M:%S) $part done"
done
exit $status
