#!/usr/bin/env bash
# Measures the client-side limits of `aichoose bench` against a fast loopback streaming server
# (src/test/java/dev/aichoose/bench/perf/LoadServer.java):
#   (a) content chunks per second the harness ingests,
#   (b) at 1,000 concurrent streams (first token after 200 ms, then a chunk every 20 ms), the
#       median and p99 error of reported TTFT and ITL against the script,
#   (c) the most concurrent streams held (target 10,000).
#   (r) like (b) but open loop (Poisson arrivals keeping ~STREAMS in flight), not run by default.
# Usage: bench/harness.sh [a|b|r|c ...]   (default: a b c). Figures go to stdout and bench/out/.
#        STREAMS=100 EVERY_MS=40 WARMUP_WAVES=2 bench/harness.sh b   varies (b) (and r).
#        JAR=/path/to/aichoose.jar bench/harness.sh a   another build of the client (default target/aichoose.jar).
set -euo pipefail
cd "$(dirname "$0")/.."

scenarios=("$@")
[ ${#scenarios[@]} -eq 0 ] && scenarios=(a b c)

# a JDK 21 or newer: $JAVA, else java on the PATH, else one under /usr/lib/jvm
pick_java() {
  for candidate in "${JAVA:-}" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    major=$("$candidate" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ "${major:-0}" -ge 21 ] 2>/dev/null; then echo "$candidate"; return; fi
  done
  echo "harness: no JDK 21+ found (set JAVA=/path/to/bin/java)" >&2; exit 1
}
JAVA=$(pick_java)

# 10,000 streams need 10,000 sockets in each process
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
echo "harness: open-file limit $(ulimit -n), $(nproc) cores, $("$JAVA" -version 2>&1 | head -1)"

JAR=${JAR:-target/aichoose.jar} # another build of the client, for a paired comparison
[ -f "$JAR" ] && [ -d target/test-classes/dev/aichoose/bench/perf ] || ./mvnw -q -B package -DskipTests

out=bench/out
mkdir -p "$out"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
server_pid=

stop_server() {
  if [ -n "$server_pid" ]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
}
trap stop_server EXIT

start_server() { # args for LoadServer
  rm -f "$out/port"
  "$JAVA" -Xmx1g -XX:+UseParallelGC -cp target/test-classes dev.aichoose.bench.perf.LoadServer \
      --port-file "$out/port" --max-seconds 600 "$@" > "$out/server-$stamp.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do [ -s "$out/port" ] && break; sleep 0.1; done
  [ -s "$out/port" ] || { echo "harness: load server did not start" >&2; cat "$out/server-$stamp.log" >&2; exit 1; }
  port=$(cat "$out/port")
}

bench() { # args for aichoose bench
  # ZGC: with Parallel GC, young pauses of 100-190 ms on this busy 2-core machine were the p99 of
  # every timing figure; ZGC's pauses are under a millisecond
  # shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of JVM flags
  "$JAVA" -Xmx3g -XX:+UseZGC ${BENCH_JAVA_OPTS:-} \
      -cp "$JAR" dev.aichoose.Main bench --endpoint "http://127.0.0.1:$port" --api openai --model load --no-progress "$@"
}

timing_errors() { # JSONL, scripted chunk interval, label: |error| of TTFT (vs 200 ms) and ITL
  python3 - "$1" "$2" "$3" <<'PY'
import json, sys
every, label = float(sys.argv[2]), sys.argv[3]
ttft, itl, failed = [], [], 0
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r["warmup"]: continue
    if not r["ok"]: failed += 1; continue
    ttft.append(abs(r["ttft_ms"] - 200)); itl.extend(abs(g - every) for g in r["itl_ms"])
def q(v, p):
    v = sorted(v); k = (len(v) - 1) * p; f = int(k); c = min(f + 1, len(v) - 1)
    return v[f] + (v[c] - v[f]) * (k - f)
print(f"{label} {len(ttft)} requests, {failed} failed; |TTFT error| ms median {q(ttft,.5):.2f} p99 {q(ttft,.99):.2f}; "
      f"|ITL error| ms median {q(itl,.5):.2f} p99 {q(itl,.99):.2f} ({len(itl)} gaps)")
PY
}

for scenario in "${scenarios[@]}"; do
  # the client and the server share the machine with whatever else runs: say how busy it was
  echo "-- load average before ($scenario): $(cut -d' ' -f1-3 /proc/loadavg)"
  case "$scenario" in
    a)
      echo "== (a) ingest: 32 streams, 2,000 chunks each, no delay"
      start_server --chunks 2000 --first-ms 0 --every-ms 0
      bench --concurrency 32 --requests 320 --warmup 64 --input-tokens 50 --output-tokens 2000 -o "$out/a-$stamp.json" > "$out/a-$stamp.txt"
      stop_server
      python3 - "$out/a-$stamp.json" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
print(f"(a) content chunks/s ingested: {run['output_tokens_per_second']:,.0f} "
      f"({run['requests']['completed']} streams x 2000 chunks in {run['duration_s']:.2f} s, failed {run['requests']['failed']})")
PY
      ;;
    b)
      streams=${STREAMS:-1000}
      every=${EVERY_MS:-20}
      waves=${WARMUP_WAVES:-1} # warm-up requests, in multiples of the stream count
      echo "== (b) accuracy: $streams streams, first chunk at 200 ms, then every $every ms, 50 chunks"
      start_server --chunks 50 --first-ms 200 --every-ms "$every"
      bench --concurrency "$streams" --requests $((3 * streams)) --warmup $((waves * streams)) --input-tokens 50 --output-tokens 50 \
          -o "$out/b-$stamp.json" > "$out/b-$stamp.txt"
      stop_server
      timing_errors "$out/b-$stamp.requests.jsonl" "$every" "(b)"
      grep -o 'send_lateness_us.*' "$out/server-$stamp.log" | sed 's/^/(b) server /'
      ;;
    r)
      # open loop: Poisson arrivals at the rate that keeps STREAMS in flight on average, so that
      # requests do not start in synchronised waves as they do at a fixed concurrency
      streams=${STREAMS:-1000}
      every=${EVERY_MS:-20}
      rate=$(python3 -c "print(round($streams / (0.2 + 49 * $every / 1000), 1))")
      echo "== (r) accuracy, open loop: $rate requests/s (~$streams streams), first chunk at 200 ms, then every $every ms"
      start_server --chunks 50 --first-ms 200 --every-ms "$every"
      bench --rate "$rate" --requests $((3 * streams)) --warmup "$streams" --input-tokens 50 --output-tokens 50 \
          -o "$out/r-$stamp.json" > "$out/r-$stamp.txt"
      stop_server
      timing_errors "$out/r-$stamp.requests.jsonl" "$every" "(r)"
      grep -o 'send_lateness_us.*' "$out/server-$stamp.log" | sed 's/^/(r) server /'
      ;;
    c)
      echo "== (c) 10,000 concurrent streams, each held ~22 s (first chunk at 2 s, 40 chunks 500 ms apart)"
      start_server --chunks 40 --first-ms 2000 --every-ms 500 --max-connections 12000
      bench --concurrency 10000 --requests 10000 --input-tokens 20 --output-tokens 40 --timeout 120s -o "$out/c-$stamp.json" > "$out/c-$stamp.txt" || true
      stop_server
      python3 - "$out/c-$stamp.json" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
print(f"(c) bench: {run['requests']['completed']} completed, {run['requests']['failed']} failed {run['requests']['errors']}, "
      f"TTFT p50 {run['ttft_ms']['p50']} ms p99 {run['ttft_ms']['p99']} ms, {run['duration_s']:.1f} s")
PY
      grep -o 'max_concurrent_streams=[0-9]*' "$out/server-$stamp.log" | sed 's/^/(c) server /'
      ;;
    *) echo "harness: unknown scenario $scenario (a, b, r or c)" >&2; exit 2 ;;
  esac
done
