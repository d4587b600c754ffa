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

# median wall and CPU (user + system) milliseconds and peak resident memory (MB) of R runs:
# "WALL CPU MB". CPU time is the steadier figure on a shared machine; wall time is what a user waits.
median_ms() {
  local walls=() cpus=() mems=() i line out
  out=$(mktemp)
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f '%e %U %S %M' -o "$out" "$@" >/dev/null 2>&1
    line=$(tail -n 1 "$out")
    walls+=($(awk '{printf "%d", $1 * 1000}' <<<"$line"))
    cpus+=($(awk '{printf "%d", ($2 + $3) * 1000}' <<<"$line"))
    mems+=($(awk '{printf "%d", $4 / 1024}' <<<"$line"))
  done
  rm -f "$out"
  med() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }
  echo "$(med "${walls[@]}") $(med "${cpus[@]}") $(med "${mems[@]}")"
}

run=(./aichoose evaluate "$scenario" -f json --as-of 2026-12-01)
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
read -r plain plain_cpu plain_mb < <(median_ms "${run[@]}")
read -r one one_cpu one_mb < <(median_ms "${run[@]}" --simulate 1)
echo "scenario: $scenario, median of $runs runs (wall ms / CPU ms / peak MB resident)"
echo "plain evaluate:                 ${plain} / ${plain_cpu} / ${plain_mb}"
echo "--simulate 1 (tornado, flips):  ${one} / ${one_cpu} / ${one_mb}  (+$((one - plain)) / +$((one_cpu - plain_cpu)))"
for n in 10000 100000; do
  read -r t t_cpu t_mb < <(median_ms "${run[@]}" --simulate "$n")
  rate() { awk -v n="$n" -v t="$1" -v o="$2" 'BEGIN { d = (t - o) / 1000; print (d > 0) ? int(n / d) : "n/a" }'; }
  printf -- "--simulate %-7s              %s / %s / %s  (+%s / +%s over plain; %s draws/s wall, %s per CPU-second)\n" \
    "$n" "$t" "$t_cpu" "$t_mb" "$((t - plain))" "$((t_cpu - plain_cpu))" "$(rate "$t" "$one")" "$(rate "$t_cpu" "$one_cpu")"
done
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
