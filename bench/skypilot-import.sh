#!/usr/bin/env bash
# How long `aichoose catalog import skypilot DIR -o LAYER` takes on SkyPilot's AWS and Lambda catalogs
# (catalogs/v7/aws/vms.csv, about 2.5 MB and 27,000 rows; lambda/vms.csv, about 60 KB): median wall and
# CPU time of N runs, JVM start-up included, as a user runs it. Target (issue 20): under 2 s.
# Usage: bench/skypilot-import.sh DIR [runs]     DIR holds aws/vms.csv and lambda/vms.csv
#                                                 (a checkout's catalogs/v7, or a copy of the two files)
#        bench/skypilot-import.sh --standin [runs]
# --standin builds files of the same sizes from the trimmed real rows under src/test/resources (each row
# repeated with a numbered instance type) when the real files cannot be had; say so when you report its
# figures. Its rows are mostly GPU rows (about 6,500 offers written), where AWS's real file is mostly CPU
# rows, so it asks more of the import than the real files do.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:?usage: bench/skypilot-import.sh DIR|--standin [runs]}
runs=${2:-7}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

if [[ $dir == --standin ]]; then
  dir=$out/v7
  mkdir -p "$dir/aws" "$dir/lambda"
  src=src/test/resources/catalog/skypilot/v7
  # AWS: 2,469,222 bytes in revision 001367d2; Lambda: 59,797 bytes in revision 11580132
  for pair in "aws 2469222" "lambda 59797"; do
    set -- $pair
    awk -v target="$2" 'NR == 1 { print; size = length($0) + 1; next }
      { rows[++n] = $0 }
      END {
        for (k = 0; size < target; k++)
          for (i = 1; i <= n && size < target; i++) {
            split(rows[i], f, ","); t = f[1]; sub(/\./, "-" k ".", t); if (t == f[1]) t = t "-" k
            line = t substr(rows[i], length(f[1]) + 1); print line; size += length(line) + 1
          }
      }' "$src/$1/vms.csv" >"$dir/$1/vms.csv"
  done
fi

./aichoose --version >/dev/null            # builds the jar if needed, trains the class-data archive
./aichoose catalog import skypilot "$dir" --as-of 2026-12-06 -o "$out/warm.yaml" 2>/dev/null

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
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg)"
for f in "$dir"/aws/vms.csv "$dir"/lambda/vms.csv; do echo "file: $f, $(wc -c <"$f") bytes, $(wc -l <"$f") lines"; done
measure "catalog import skypilot (aws + lambda)" ./aichoose catalog import skypilot "$dir" --as-of 2026-12-06 -o "$out/layer.yaml"
measure "baseline (catalog list -k model)" ./aichoose catalog list -k model
echo "layer: $(grep -c '^  - id:' "$out/layer.yaml") offers"
