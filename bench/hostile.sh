#!/usr/bin/env bash
# What `aichoose bench` does against hostile or broken servers: one request per case, against
# src/test/java/dev/aichoose/bench/perf/HostileServer.java on loopback, and per case the exit code,
# the wall time and peak resident memory (/usr/bin/time -v), whether the result files were written
# and read back by the tool itself (`bench merge` over them), and whether any part of the API key
# (a fresh random one, in AICHOOSE_HOSTILE_KEY) reached stdout, stderr or a file.
# Usage: bench/hostile.sh [CASE ...]   (default: every case below)
#        JAR=path/to/aichoose.jar LIMIT_S=120 bench/hostile.sh endless-stream
# A case is a server mode (see HostileServer), optionally with bench flags after '+', e.g.
# 'drip+--deadline 10s'. Every process is bounded in time (LIMIT_S, default 120 s). Figures go to
# stdout; files to bench/out/hostile-<stamp>/.
set -euo pipefail
cd "$(dirname "$0")/.."

cases=("$@")
[ ${#cases[@]} -eq 0 ] && cases=(
  endless-stream
  "endless-stream+--duration 5s"
  endless-line
  sse-no-blank
  ollama-endless-line
  huge-headers
  "drip+--deadline 10s"
  retry-after:Infinity
  retry-after:-5
  retry-after:NaN
  retry-after-date
  "echo-key+--requests 2"
  reset
)

pick_java() {
  for candidate in "${JAVA:-}" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    major=$("$candidate" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ "${major:-0}" -ge 21 ] 2>/dev/null; then echo "$candidate"; return; fi
  done
  echo "hostile: no JDK 21+ found (set JAVA=/path/to/bin/java)" >&2; exit 1
}
JAVA=$(pick_java)
[ -x /usr/bin/time ] || { echo "hostile: /usr/bin/time (GNU time) is needed for the peak memory" >&2; exit 1; }
JAR=${JAR:-target/aichoose.jar}
SERVER_CP=${SERVER_CP:-target/test-classes}
LIMIT_S=${LIMIT_S:-120}
[ -f "$JAR" ] && [ -f "$SERVER_CP/dev/aichoose/bench/perf/HostileServer.class" ] || ./mvnw -q -B package -DskipTests

stamp=$(date -u +%Y%m%dT%H%M%SZ)
dir=bench/out/hostile-$stamp
mkdir -p "$dir"
AICHOOSE_HOSTILE_KEY="sk-hostile-$(od -An -N20 -tx1 /dev/urandom | tr -d ' \n')"
export AICHOOSE_HOSTILE_KEY
key=$AICHOOSE_HOSTILE_KEY
echo '{"prompt": "Say something", "output_tokens": 10}' > "$dir/one.jsonl"
echo "hostile: $(nproc) cores, $("$JAVA" -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg), jar $JAR"
printf '%-34s %5s %8s %9s %-8s %-9s %-6s %s\n' case exit wall_s peak_MB written readback secret errors
server_pid=

stop_server() {
  if [ -n "$server_pid" ]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
}
trap stop_server EXIT

n=0
for case in "${cases[@]}"; do
  n=$((n + 1))
  mode=${case%%+*}
  flags=""
  [ "$mode" != "$case" ] && flags=${case#*+}
  api=openai
  [ "$mode" = ollama-endless-line ] && api=ollama
  count="--requests 1"
  case " $flags " in *" --requests "*|*" --duration "*) count="" ;; esac
  rm -f "$dir/port"
  "$JAVA" -Xmx256m -cp "$SERVER_CP" dev.aichoose.bench.perf.HostileServer --mode "$mode" --port-file "$dir/port" \
      --max-seconds $((LIMIT_S + 30)) > "$dir/server-$n.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do [ -s "$dir/port" ] && break; sleep 0.1; done
  [ -s "$dir/port" ] || { echo "hostile: server did not start for $case" >&2; cat "$dir/server-$n.log" >&2; exit 1; }
  port=$(cat "$dir/port")
  out="$dir/case-$n.json"
  # shellcheck disable=SC2086 # count and flags are lists of bench flags
  set +e
  /usr/bin/time -v -o "$dir/time-$n.txt" timeout -s TERM "$LIMIT_S" "$JAVA" -jar "$JAR" bench \
      --endpoint "http://127.0.0.1:$port" --api "$api" --model m $count --prompts "$dir/one.jsonl" \
      --api-key-env AICHOOSE_HOSTILE_KEY --no-progress -o "$out" $flags > "$dir/stdout-$n.txt" 2> "$dir/stderr-$n.txt"
  code=$?
  set -e
  stop_server
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$dir/time-$n.txt" \
      | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.1f", s }')
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$dir/time-$n.txt")
  written=no
  [ -f "$out" ] && [ -f "${out%.json}.requests.jsonl" ] && written=yes
  readback=-
  if [ "$written" = yes ]; then
    if "$JAVA" -jar "$JAR" bench merge "${out%.json}.requests.jsonl" -o "$dir/readback-$n.json" \
        > /dev/null 2> "$dir/readback-$n.txt"; then readback=ok; else readback="exit$?"; fi
  fi
  # the whole key, or either half of it, anywhere in what the bench printed or wrote
  secret=none
  for part in "$key" "${key:0:$((${#key} / 2))}" "${key:$((${#key} / 2))}"; do
    if cat "$dir/stdout-$n.txt" "$dir/stderr-$n.txt" "$dir"/case-"$n".* 2>/dev/null | grep -qF -- "$part"; then
      secret=LEAKED
    fi
  done
  errors=$(python3 - "$out" <<'PY' 2>/dev/null || echo -
import json, sys
r = json.load(open(sys.argv[1]))
print(";".join(f"{k}x{v}" for run in r["runs"] for k, v in run["requests"]["errors"].items()) or "none",
      "retry_after_s_max=" + str([run.get("retry_after_s_max") for run in r["runs"]]) if any("retry_after_s_max" in run for run in r["runs"]) else "")
PY
)
  printf '%-34s %5s %8s %9s %-8s %-9s %-6s %s\n' "$case" "$code" "$wall" "$((rss / 1024))" "$written" "$readback" "$secret" "$errors"
  ls -a "$dir" | grep -E "case-$n.*(partial|tmp|lock)" | sed 's/^/    left behind: /' || true
done
