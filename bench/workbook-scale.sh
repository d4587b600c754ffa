#!/usr/bin/env bash
# How `aichoose evaluate --format xlsx` scales (issue 24): a generated scenario with N options over M
# months (the mix of bench/options-scale.sh: a quarter APIs, the rest owned and rented hardware sized
# with `count: auto`), written as a workbook through the launcher. Reports the wall and CPU time, the
# peak resident memory and the file's size; then starts the same run again, sends it SIGTERM after
# STOP_AFTER seconds and checks that it stops, leaving neither a partial workbook nor a temporary file
# (the report's own beside it, or Apache POI's in java.io.tmpdir).
# Usage: bench/workbook-scale.sh [options] [months]   (default 1000 options, 600 months)
#        AICHOOSE="java -jar old/aichoose.jar" bench/workbook-scale.sh   measures another build the same way
#        STOP_AFTER=5 (seconds before the SIGTERM; 0 skips that part)
# Bound (docs/reports.md, "Excel workbook"): 1,000 options over 600 months within 700 MB peak RSS.
set -uo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
months=${2:-600}
stop_after=${STOP_AFTER:-5}
if [ -z "${AICHOOSE:-}" ]; then
  ./aichoose --version >/dev/null || exit 1 # builds the jar if needed
  AICHOOSE="$PWD/aichoose"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tmp"
scenario="$work/scale.yaml"
{
  cat <<YAML
name: Workbook scale, $n options over $months months
horizon_months: $months
workload: {queries_per_month: 2000000, input_tokens_per_query: 800, output_tokens_per_query: 300,
           monthly_growth: 0.004, peak_to_average: 3}
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
         printf '  - {id: owned-%d, self_hosted: {hardware: %s, count: auto, hardware_usd: %d, model: meta/llama-3.1-8b-instruct%s}}\n' \
           "$i" "${gpus[$((i % ${#gpus[@]}))]}" $((1500 + 37 * i)) "$tps" ;;
      3) printf '  - {id: rented-%d, rented: {offer: %s, count: auto, usd_per_gpu_hour: %d.%02d, model: meta/llama-3.1-8b-instruct}}\n' \
           "$i" "${offers[$((i % ${#offers[@]}))]}" $((1 + i % 3)) $((i % 100)) ;;
    esac
  done
} > "$scenario"

# POI's temporary files go to java.io.tmpdir: a directory of its own, to see what is left there
export AICHOOSE_JAVA_OPTS="${AICHOOSE_JAVA_OPTS:-} -Djava.io.tmpdir=$work/tmp"
out="$work/scale.xlsx"
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
/usr/bin/time -f '%e %M %U %S' -o "$work/time" $AICHOOSE evaluate "$scenario" -o "$out" 2>"$work/err"
rc=$?
read -r wall kb user sys < <(tail -n 1 "$work/time")
echo "machine: $(nproc) cores, load average $load_before before and $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) after"
echo "$n options over $months months: exit $rc, ${wall} s wall, $(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}') s CPU, peak RSS $((kb / 1024)) MB"
[ -f "$out" ] && echo "workbook: $(wc -c < "$out") bytes"
[ "$rc" = 0 ] || head -n 3 "$work/err"
rm -f "$out"

if [ "$stop_after" != 0 ]; then
  $AICHOOSE evaluate "$scenario" -o "$out" 2>/dev/null &
  pid=$!
  sleep "$stop_after"
  start=$(date +%s.%N)
  kill -TERM "$pid" 2>/dev/null # the launcher execs java: this is the JVM itself
  wait "$pid"
  rc=$?
  took=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.2f", e - s}')
  left=$(find "$work" -type f \( -name '*.tmp' -o -name 'poi*' -o -name 'scale.xlsx' \) | tr '\n' ' ')
  echo "SIGTERM after ${stop_after} s: exit $rc, stopped ${took} s after the signal; left behind: ${left:-nothing}"
fi
