#!/usr/bin/env bash
# What `evaluate --simulate N` adds to a plain `evaluate` (issue: at most 1 s for 10,000 draws and
# 5 s for 100,000 on the 2-core machine): median wall time of R runs each of a plain evaluate,
# --simulate 1 (the tornado and flip points, which do not depend on N), 10,000 and 100,000 draws,
# and the draws per second that the difference implies.
# Usage: bench/simulate.sh [runs] [scenario]   (defaults: 5, scenarios/support-bot-h100.yaml)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
scenario=${2:-scenarios/support-bot-h100.yaml}

./aichoose --version >/dev/null            # builds the jar if needed, writes the class-data archive

median_ms() {
  local times=() i start end
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'
}

run=(./aichoose evaluate "$scenario" -f json --as-of 2026-12-01)
plain=$(median_ms "${run[@]}")
one=$(median_ms "${run[@]}" --simulate 1)
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "scenario: $scenario, median of $runs runs"
echo "plain evaluate:                 ${plain} ms"
echo "--simulate 1 (tornado, flips):  ${one} ms  (+$((one - plain)) ms)"
for n in 10000 100000; do
  t=$(median_ms "${run[@]}" --simulate "$n")
  per_s=$(awk -v n="$n" -v t="$t" -v o="$one" 'BEGIN { d = (t - o) / 1000; print (d > 0) ? int(n / d) : "n/a" }')
  printf -- "--simulate %-7s              %s ms  (+%s ms over plain; %s draws/s beyond the fixed part)\n" \
    "$n" "$t" "$((t - plain))" "$per_s"
done
