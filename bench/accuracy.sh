#!/usr/bin/env bash
# How exactly `aichoose bench` times a stream, against what the server did, beside a naive client.
#
# A scripted loopback server (src/test/java/dev/aichoose/bench/perf/LoadServer.java) answers in
# each wire format: first content chunk 80 ms after the request is complete, then one every
# 20 ms, 20 chunks, and logs on its own clock when each chunk started to leave. The same requests
# are sent by `aichoose bench` and by a naive Python client (a thread per request, http.client,
# a stamp after each line read, no JSON parsing), both sending x-request-id. Per request:
#   TTFT error = client TTFT - server's (first content chunk sent - request complete)
#   ITL error  = client gap  - server's gap between the same two chunks
# Usage: bench/accuracy.sh [openai|anthropic|ollama ...]   (default: all three)
#        STREAMS="1 10 40" bench/accuracy.sh openai          other stream counts
#        BENCH_JAVA_OPTS="-Djdk.pollerMode=1" bench/accuracy.sh   extra JVM flags for the bench
#        BENCH_GC="-XX:+UseSerialGC -Xmn1g" bench/accuracy.sh     another collector for the bench (default ZGC)
#        JAR=/path/to/aichoose.jar bench/accuracy.sh              another build of the client (default target/aichoose.jar)
#        SERVER=heldout bench/accuracy.sh                         the held-out Python server (bench/heldout-server.py)
#        SERVER=heldout HELDOUT_OPTS="--framing line" bench/accuracy.sh   with its frames written line by line
# Defaults: openai at 1, 10, 40, 100, 200 and 1,000 streams; anthropic and ollama at 1, 10, 40
# and 100. Loopback only; every process is bounded in time. Figures go to stdout and bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."

formats=("$@")
[ ${#formats[@]} -eq 0 ] && formats=(openai anthropic ollama)

pick_java() {
  for candidate in "${JAVA:-}" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    major=$("$candidate" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ "${major:-0}" -ge 21 ] 2>/dev/null; then echo "$candidate"; return; fi
  done
  echo "accuracy: no JDK 21+ found (set JAVA=/path/to/bin/java)" >&2; exit 1
}
JAVA=$(pick_java)
command -v python3 >/dev/null || { echo "accuracy: python3 is needed for the naive client and the figures" >&2; exit 1; }
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
JAR=${JAR:-target/aichoose.jar} # another build of the client, for a paired comparison
[ -f "$JAR" ] && [ -f target/test-classes/dev/aichoose/bench/perf/LoadServer.class ] || ./mvnw -q -B package -DskipTests

out=bench/out
mkdir -p "$out"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
echo "accuracy: $(nproc) cores, $("$JAVA" -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg), server ${SERVER:-load} ${HELDOUT_OPTS:-}"
server_pid=

stop_server() {
  if [ -n "$server_pid" ]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
}
trap stop_server EXIT

naive_client() { # host port path streams requests prefix jsonl
  timeout 300 python3 - "$@" <<'PY'
import http.client, json, sys, threading, time
host, port, path, streams, requests, prefix, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6], sys.argv[7]
body = json.dumps({"model": "load", "stream": True, "messages": [{"role": "user", "content": "Say something"}]})
lock, records, counter = threading.Lock(), [], iter(range(10**9))
def worker():
    while True:
        with lock: n = next(counter)
        if n >= requests: return
        conn = http.client.HTTPConnection(host, port)
        conn.connect()
        t0 = time.perf_counter_ns()
        conn.request("POST", path, body, {"content-type": "application/json", "x-request-id": f"{prefix}{n}"})
        resp, stamps = conn.getresponse(), []
        for line in resp:
            if b" tok" in line: stamps.append(time.perf_counter_ns())
        conn.close()
        r = {"request_id": f"{prefix}{n}", "warmup": False, "ok": bool(stamps), "ttft_ms": (stamps[0] - t0) / 1e6 if stamps else None,
             "itl_ms": [(b - a) / 1e6 for a, b in zip(stamps, stamps[1:])]}
        with lock: records.append(r)
threads = [threading.Thread(target=worker) for _ in range(streams)]
for t in threads: t.start()
for t in threads: t.join()
with open(out, "w") as f:
    for r in records: f.write(json.dumps(r) + "\n")
PY
}

path_of() { case "$1" in openai) echo /v1/chat/completions ;; anthropic) echo /v1/messages ;; ollama) echo /api/chat ;; esac; }

for format in "${formats[@]}"; do
  case "$format" in
    openai) counts=${STREAMS:-"1 10 40 100 200 1000"} ;;
    anthropic|ollama) counts=${STREAMS:-"1 10 40 100"} ;;
    *) echo "accuracy: unknown format $format (openai, anthropic or ollama)" >&2; exit 2 ;;
  esac
  log="$out/accuracy-$format-$stamp.server.jsonl"
  rm -f "$out/port"
  if [ "${SERVER:-load}" = heldout ]; then
    # shellcheck disable=SC2086 # HELDOUT_OPTS is a list of the server's flags
    python3 bench/heldout-server.py --port-file "$out/port" --max-seconds 900 --chunks 20 --first-ms 80 \
        --every-ms 20 --log "$log" ${HELDOUT_OPTS:-} > "$out/accuracy-$format-$stamp.server.log" 2>&1 &
  else
    "$JAVA" -Xmx1g -XX:+UseParallelGC -cp target/test-classes dev.aichoose.bench.perf.LoadServer \
        --port-file "$out/port" --max-seconds 900 --chunks 20 --first-ms 80 --every-ms 20 --log "$log" \
        > "$out/accuracy-$format-$stamp.server.log" 2>&1 &
  fi
  server_pid=$!
  for _ in $(seq 1 100); do [ -s "$out/port" ] && break; sleep 0.1; done
  [ -s "$out/port" ] || { echo "accuracy: load server did not start" >&2; exit 1; }
  port=$(cat "$out/port")
  clients=()
  for n in $counts; do
    requests=$(( n * 3 > 20 ? n * 3 : 20 ))
    echo "-- $format, $n streams, $requests requests each client (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    ours="$out/accuracy-$format-$n-$stamp"
    # ZGC as in harness.sh; warm-up requests at the run's concurrency warm the JIT and open the connections
    # shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of JVM flags
    timeout 300 "$JAVA" -Xmx2g ${BENCH_GC:--XX:+UseZGC} ${BENCH_JAVA_OPTS:-} -cp "$JAR" dev.aichoose.Main bench \
        --endpoint "http://127.0.0.1:$port" --api "$format" --model load --concurrency "$n" --requests "$requests" \
        --warmup "$n" --input-tokens 20 --output-tokens 20 --no-progress -o "$ours.json" > "$ours.txt" 2>&1 \
        || { echo "accuracy: bench failed, see $ours.txt" >&2; cat "$ours.txt" >&2; }
    naive_client 127.0.0.1 "$port" "$(path_of "$format")" "$n" "$requests" "naive-$n-" "$ours.naive.jsonl"
    clients+=("$n:$ours.requests.jsonl:$ours.naive.jsonl")
  done
  stop_server
  python3 - "$format" "$log" "${clients[@]}" <<'PY'
import json, sys
fmt, log = sys.argv[1], sys.argv[2]
server = {}
for line in open(log):
    r = json.loads(line); server[r["request_id"]] = r["sent_ms"]
def q(v, p):
    if not v: return float("nan")
    v = sorted(v); k = (len(v) - 1) * p; f = int(k); c = min(f + 1, len(v) - 1)
    return v[f] + (v[c] - v[f]) * (k - f)
def errors(path):
    ttft, itl, missing = [], [], 0
    for line in open(path):
        r = json.loads(line)
        if r.get("warmup") or not r.get("ok"): continue
        sent = server.get(r.get("request_id"))
        if sent is None or r.get("ttft_ms") is None: missing += 1; continue
        ttft.append(r["ttft_ms"] - sent[0])
        gaps = [b - a for a, b in zip(sent, sent[1:])]
        itl.extend(g - s for g, s in zip(r["itl_ms"], gaps))
    return ttft, itl, missing
print(f"{'format':9} {'streams':>7} {'client':7} {'requests':>8} {'TTFT err p50':>12} {'p99':>7} {'ITL err mean':>12} {'p99':>7}  (ms)")
for entry in sys.argv[3:]:
    n, ours, naive = entry.split(":")
    for name, path in (("aichoose", ours), ("naive", naive)):
        try: ttft, itl, missing = errors(path)
        except FileNotFoundError: print(f"{fmt:9} {n:>7} {name:7} no records"); continue
        mean = sum(itl) / len(itl) if itl else float("nan")
        print(f"{fmt:9} {n:>7} {name:7} {len(ttft):>8} {q(ttft, .5):12.2f} {q(ttft, .99):7.2f} {mean:12.3f} {q(itl, .99):7.2f}"
              + (f"  ({missing} unmatched)" if missing else ""))
PY
done
