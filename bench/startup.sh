#!/usr/bin/env bash
# How long `aichoose evaluate scenarios/seed-example.yaml` takes, against a trivial Java program on
# the same JVM with the same flags: median wall time of N runs each, and the ratio.
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

t_trivial=$(median_ms "${trivial[@]}")
t_eval=$(median_ms ./aichoose evaluate scenarios/seed-example.yaml)
echo "machine: $(nproc) cores, $("$java_bin" -version 2>&1 | head -n 1)"
echo "trivial java program:          ${t_trivial} ms (median of $runs)"
echo "aichoose evaluate seed-example: ${t_eval} ms (median of $runs)"
awk -v a="$t_eval" -v b="$t_trivial" 'BEGIN { printf "ratio: %.2f (target: at most 3)\n", a / b }'
