#!/usr/bin/env bash
# How long `aichoose evaluate scenarios/seed-example.yaml` takes through the launcher, against a trivial
# Java program run with the JVM's default flags (and its default class-data archive), as a user would run
# one: median wall and CPU time of N runs each, the ratios, and the load average.
# Usage: bench/startup.sh [runs]   (default 15). Target (issue 2): ratio at most 3.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}

./aichoose --version >/dev/null            # builds the jar if needed, writes the class-data archive
./aichoose evaluate scenarios/seed-example.yaml >/dev/null
# the JDK the launcher picks, found by the launcher's own functions
source <(sed -n '/^jdk_major()/,/^}/p;/^find_jdk()/,/^}/p' aichoose)
find_jdk
java_bin="$jdk/bin/java"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/Trivial.java" <<'JAVA'
public class Trivial { public static void main(String[] a) { System.out.println("hello"); } }
JAVA
"$jdk/bin/javac" -d "$work" "$work/Trivial.java"
# the baseline runs as a user would run a small program: the JVM's default flags and class-data archive
trivial=("$java_bin" -cp "$work" Trivial)
"${trivial[@]}" >/dev/null

# Median wall time and median CPU time (user + system, all threads: the JIT compiler and the collector
# run beside the main thread, so on a busy machine CPU is the steadier figure) of N runs, in ms.
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
measure() { # sets wall and cpu
  local walls=() cpus=() i start end
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    if [ -x /usr/bin/time ]; then
      /usr/bin/time -o "$work/time" -f '%U %S' "$@" >/dev/null 2>&1
      cpus+=("$(awk '{printf "%d", ($1 + $2) * 1000}' "$work/time")")
    else
      "$@" >/dev/null 2>&1
    fi
    end=$(date +%s%N)
    walls+=($(( (end - start) / 1000000 )))
  done
  wall=$(printf '%s\n' "${walls[@]}" | median)
  cpu=$([ ${#cpus[@]} -gt 0 ] && printf '%s\n' "${cpus[@]}" | median || echo "?")
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)
measure "${trivial[@]}"; t_trivial=$wall; c_trivial=$cpu
measure ./aichoose evaluate scenarios/seed-example.yaml; t_eval=$wall; c_eval=$cpu
echo "machine: $(nproc) cores, $("$java_bin" -version 2>&1 | head -n 1)"
echo "load average: $load_before before, $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) after (wall times mean little above about 1)"
echo "trivial java program:          ${t_trivial} ms wall, ${c_trivial} ms CPU (medians of $runs)"
echo "aichoose evaluate seed-example: ${t_eval} ms wall, ${c_eval} ms CPU (medians of $runs)"
awk -v a="$t_eval" -v b="$t_trivial" 'BEGIN { printf "ratio: %.2f wall (target: at most 3)\n", a / b }'
if [ "$c_eval" != "?" ]; then
  awk -v a="$c_eval" -v b="$c_trivial" 'BEGIN { if (b > 0) printf "ratio: %.2f CPU (CPU times to 10 ms)\n", a / b }'
fi
