#!/usr/bin/env bash
# How long `aichoose catalog import litellm FILE -o LAYER` takes on the whole LiteLLM price file
# (about 1.5 MB, 2,985 keys): median wall time of N runs, JVM start-up included, as a user runs it.
# Usage: bench/catalog-import.sh FILE [runs]   (default 7). Target (issue 11): under 2 s on 2 cores.
# FILE is model_prices_and_context_window.json from BerriAI/litellm (or an exact mirror of it).
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:?usage: bench/catalog-import.sh model_prices_and_context_window.json [runs]}
runs=${2:-7}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

./aichoose --version >/dev/null            # builds the jar if needed, trains the class-data archive
./aichoose catalog import litellm "$file" -o "$out/warm.yaml" 2>/dev/null

# wall and CPU (user + sys) seconds of each run; CPU time says what the run cost when the machine is busy
TIMEFORMAT='%R %U %S'
measure() {
  local label=$1; shift
  local walls=() cpus=() i t
  for ((i = 0; i < runs; i++)); do
    t=$( { time "$@" >/dev/null 2>&1; } 2>&1 )
    walls+=($(awk '{printf "%d", $1 * 1000}' <<<"$t"))
    cpus+=($(awk '{printf "%d", ($2 + $3) * 1000}' <<<"$t"))
  done
  echo "$label: wall $(median "${walls[@]}") ms, cpu $(median "${cpus[@]}") ms (medians of $runs; wall runs: ${walls[*]})"
}
median() {
  printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'
}
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg); file: $(wc -c <"$file") bytes"
measure "catalog import litellm" ./aichoose catalog import litellm "$file" -o "$out/layer.yaml"
# the same JVM start and shipped-catalog load without the import, to separate the two
measure "baseline (catalog list -k model)" ./aichoose catalog list -k model
echo "layer: $(grep -c '^  - id:' "$out/layer.yaml") models"
