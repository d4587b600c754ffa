#!/usr/bin/env bash
# How fast `aichoose evaluate` prices many options: a generated 60-month scenario with N options
# (a quarter APIs, the rest owned and rented hardware sized with `count: auto`, half of it by
# roofline estimate), evaluated to JSON through the launcher as a user runs it.
# Reports the median wall time of RUNS runs, options per second, the CPU time (steadier than wall time
# on a shared machine) and the peak resident memory.
# Usage: bench/options-scale.sh [options] [runs]   (default 1000 options, 5 runs).
#        COUNT=4 bench/options-scale.sh   states a count instead of auto.
# Target (issue 8): 1,000 options within 1 s and 200 MB on the 2-core machine. Measured figures: docs/bench.md.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
runs=${2:-5}
count=${COUNT:-auto}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
scenario="$work/scale.yaml"
{
  cat <<YAML
name: Scale test, $n options over 60 months
horizon_months: 60
workload: {queries_per_month: 2000000, input_tokens_per_query: 800, output_tokens_per_query: 300,
           monthly_growth: 0.04, peak_to_average: 3}
assumptions: {ops_hours_per_month: 10}
options:
YAML
  gpus=(nvidia/rtx-4090 nvidia/h100-sxm nvidia/l40s nvidia/hgx-h100-8x-server)
  offers=(runpod/h100-sxm lambda/h100-sxm aws/p5-h100)
  for ((i = 0; i < n; i++)); do
    case $((i % 4)) in
      0) printf '  - {id: api-%d, api: {model: custom/m%d, input_usd_per_mtok: %d.%02d, output_usd_per_mtok: %d.%02d}}\n' \
           "$i" "$i" $((i % 7)) $((i % 100)) $((1 + i % 13)) $((i * 7 % 100)) ;;
      1|2) tps=""
         [ $((i % 8)) -lt 4 ] && tps=", tokens_per_second: $((200 + i % 900))"
         printf '  - {id: owned-%d, self_hosted: {hardware: %s, count: %s, hardware_usd: %d, model: meta/llama-3.1-8b-instruct%s}}\n' \
           "$i" "${gpus[$((i % ${#gpus[@]}))]}" "$count" $((1500 + 37 * i)) "$tps" ;;
      3) printf '  - {id: rented-%d, rented: {offer: %s, count: %s, usd_per_gpu_hour: %d.%02d, model: meta/llama-3.1-8b-instruct}}\n' \
           "$i" "${offers[$((i % ${#offers[@]}))]}" "$count" $((1 + i % 3)) $((i % 100)) ;;
    esac
  done
} > "$scenario"

./aichoose validate "$scenario" >/dev/null        # builds the jar if needed and checks the file
./aichoose evaluate "$scenario" --format json -o "$work/warm.json" 2>/dev/null   # the page cache, once

load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
times=() rss=() cpus=()
for ((r = 0; r < runs; r++)); do
  /usr/bin/time -f '%e %M %U %S' -o "$work/time" ./aichoose evaluate "$scenario" --format json -o "$work/out.json" 2>/dev/null
  read -r wall kb user sys < "$work/time"
  times+=("$wall") rss+=("$kb") cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
t=$(median "${times[@]}")
m=$(median "${rss[@]}")
c=$(median "${cpus[@]}")
echo "machine: $(nproc) cores, load average $load_before before and $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) after (wall time follows it; CPU time much less)"
echo "$n options, 60 months, count: $count; $runs runs"
echo "evaluate --format json: ${t} s wall median (runs: ${times[*]}); ${c} s CPU (user + sys) median"
awk -v n="$n" -v t="$t" -v kb="$m" 'BEGIN {printf "options/s: %.0f\npeak RSS: %.0f MB median\n", n / t, kb / 1024}'
echo "report size: $(wc -c < "$work/out.json") bytes"
