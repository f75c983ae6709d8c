#!/bin/bash
# A/B of the first move after boot (BENCHMARKS.md section 21): fresh-controller runs of
# `bench/convergence.py --modes app --migrations 5 --floor 5`, alternating (ABBA) between the distribution as it is
# ("base") and the same with the JIT's compiler threads at nice 19 ("prio": -XX:ThreadPriorityPolicy=1
# -XX:CompilerThreadPriority=19, every Java priority mapped to nice 0 so that nothing else changes). Run as root,
# alone on the machine. Each run's line goes to $OUT/summary.txt (default /tmp/abj).
cd "$(dirname "$0")/.." || exit 1
OUT=${OUT:-/tmp/abj}
P="-XX:ThreadPriorityPolicy=1 -XX:CompilerThreadPriority=19"
for i in 1 2 3 4 5 6 7 8 9 10; do P="$P -XX:JavaPriority${i}_To_OSPriority=0"; done
mkdir -p "$OUT"
n=0
for order in "base prio" "prio base" "base prio" "prio base"; do
  n=$((n+1))
  for v in $order; do
    if [ "$v" = prio ]; then opts="$P"; else opts=""; fi
    EXTRA_JAVA_OPTS="$opts" /usr/bin/python3 bench/convergence.py --modes app --migrations 5 --floor 5 \
      > "$OUT/$v-$n.log" 2>&1
    f=$(grep -o "bench/results/convergence-[0-9-]*.json" "$OUT/$v-$n.log" | tail -1)
    echo "$v $n $f $(grep first_after_boot "$OUT/$v-$n.log") | $(grep 'app  *reply_ms' "$OUT/$v-$n.log")" \
      >> "$OUT/summary.txt"
  done
done
echo done >> "$OUT/summary.txt"
