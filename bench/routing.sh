#!/usr/bin/env bash
# How long `hybrid: {routes: auto}` takes: the routing alone and the whole evaluation, for 2 to 11
# classes (plus default) over 12 options, median and p95 of N warmed-up runs in one JVM.
# Usage: bench/routing.sh [runs]   (default 200). Target (issue 7): well under 100 ms at 8 classes × 12 options.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-200}
./mvnw -B -q test-compile
cp=$(mktemp)
trap 'rm -f "$cp"' EXIT
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$cp" -Dmdep.includeScope=test >/dev/null
source <(sed -n '/^jdk_major()/,/^}/p;/^find_jdk()/,/^}/p' aichoose)
find_jdk
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $("$jdk/bin/java" -version 2>&1 | head -n 1)"
"$jdk/bin/java" -cp "target/test-classes:target/classes:$(cat "$cp")" dev.aichoose.analysis.RoutingTiming "$runs"
