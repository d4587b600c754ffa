#!/usr/bin/env bash
# How `aichoose bench merge` grows with the number of files it merges: N request-record files of
# R records each (one run at concurrency 4 per file), merged, timed with /usr/bin/time, for each N.
# Usage: bench/merge-scale.sh [N ...]   (default: 50 100 200 400 800)
#        RECORDS=100 RESULTS=1 bench/merge-scale.sh   R records a file; RESULTS=1 writes a result JSON
#        beside each file, as a bench does, which merge reads for its start time.
set -euo pipefail
cd "$(dirname "$0")/.."
counts=("$@")
[ ${#counts[@]} -eq 0 ] && counts=(50 100 200 400 800)
pick_java() {
  for candidate in "${JAVA:-}" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    major=$("$candidate" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ "${major:-0}" -ge 21 ] 2>/dev/null; then echo "$candidate"; return; fi
  done
  echo "merge-scale: no JDK 21+ found (set JAVA=/path/to/bin/java)" >&2; exit 1
}
JAVA=$(pick_java)
JAR=${JAR:-target/aichoose.jar}
[ -f "$JAR" ] || ./mvnw -q -B package -DskipTests
records=${RECORDS:-100}
dir=bench/out/merge-scale-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$dir"
echo "merge-scale: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $records records a file"
printf '%6s %9s %9s %8s %s\n' files records wall_s peak_MB per_file_ms
for n in "${counts[@]}"; do
  rm -rf "$dir/in" && mkdir -p "$dir/in"
  python3 - "$dir/in" "$n" "$records" "${RESULTS:-0}" <<'PY'
import json, os, random, sys
out, n, r, results = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1"
rnd = random.Random(7)
for f in range(n):
    with open(os.path.join(out, f"p{f}.requests.jsonl"), "w") as fh:
        for i in range(r):
            ttft = rnd.uniform(20, 200)
            fh.write(json.dumps({"run": 1, "warmup": False, "concurrency": 4, "index": i,
                "started_at": "2026-12-06T10:00:00Z", "ok": True, "http_status": 200, "ttft_ms": ttft,
                "tpot_ms": 10.0, "e2e_ms": ttft + 490, "itl_ms": [10.0] * 49, "chunks": 50, "input_tokens": 500,
                "output_tokens": 50, "token_counts_from": "server", "run_started_at_ms": 1.8e12 + f,
                "ended_ms": 1000.0 + i * 10}) + "\n")
    if results:
        with open(os.path.join(out, f"p{f}.json"), "w") as fh:
            json.dump({"schema": "aichoose.bench/v1", "endpoint": "http://h", "api": "openai", "model": "m",
                "started_at": "2026-12-06T10:00:00Z", "settings": {}, "runs": []}, fh)
PY
  /usr/bin/time -f "%e %M" -o "$dir/time.txt" "$JAVA" -jar "$JAR" bench merge "$dir"/in/*.requests.jsonl \
      --api openai --endpoint http://h --model m -o "$dir/merged-$n.json" > /dev/null 2> "$dir/err-$n.txt" \
      || { echo "merge-scale: merge failed for $n files" >&2; cat "$dir/err-$n.txt" >&2; exit 1; }
  read -r wall rss < "$dir/time.txt"
  printf '%6s %9s %9s %8s %s\n' "$n" $((n * records)) "$wall" $((rss / 1024)) \
      "$(python3 -c "print(f'{$wall * 1000 / $n:.1f}')")"
done
