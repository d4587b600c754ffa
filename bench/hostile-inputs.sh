#!/usr/bin/env bash
# Hostile input files (issue 24): each case is generated here, run once through aichoose, and reported
# with its exit code, wall time, peak resident memory and the checks the issue asks for: no input
# overwritten, no secret in any output, no temporary file left, every written file readable by aichoose.
# The bar (docs/reports.md, "Limits on input files"): every case ends within 10 s and 700 MB with a
# documented exit code other than 1, or a correct result.
# Usage: bench/hostile-inputs.sh [CASE...]   (default: every case; names as in the first column)
#        AICHOOSE="java -jar old/aichoose.jar" bench/hostile-inputs.sh   runs another build the same way
#        LIMIT_S=60 (the kill timer of one case; a case that hits it reads "killed")
# The big files (50 MB, 700 MB) are written to a temporary directory and removed at the end.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
limit_s=${LIMIT_S:-60}
if [ -z "${AICHOOSE:-}" ]; then
  ./aichoose --version >/dev/null || exit 1 # builds the jar if needed
  AICHOOSE="$root/aichoose"
fi
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
cd "$work" || exit 1
cp "$root/scenarios/seed-example.yaml" seed.yaml
secret=FAKETOKEN_$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')

# ---- the files
line() { head -c "$1" /dev/zero | tr '\0' "$2"; } # N copies of a character, no newline
bench_run() { # one bench run at concurrency $1 with output throughput $2 and $3 failed requests
  printf '{"concurrency": %d, "requests": {"completed": 100, "failed": %d, "errors": {}}, "duration_s": 10,
  "request_throughput": 10, "output_tokens_per_second": %d, "total_tokens_per_second": %d,
  "ttft_ms": {"mean": 100, "p50": 90, "p90": 150, "p99": 200}, "tpot_ms": {"mean": 20, "p50": 20, "p90": 25, "p99": 30},
  "itl_ms": {"mean": 20, "p50": 20, "p90": 25, "p99": 30}, "e2e_ms": {"mean": 2000, "p50": 2000, "p90": 2500, "p99": 3000},
  "input_tokens": {"mean": 500}, "output_tokens": {"mean": 100}, "token_counts_from": "server"}' "$1" "$3" "$2" "$(($2 * 2))"
}
bench_file() { # a bench result with $1 runs, every other one failing most of its requests
  printf '{"schema": "aichoose.bench/v1", "endpoint": "http://127.0.0.1:8000/v1/chat/completions", "api": "openai",\n'
  printf ' "model": "meta-llama/Llama-3.1-8B-Instruct", "started_at": "2026-12-01T00:00:00Z", "settings": {}, "runs": [\n'
  for ((i = 1; i <= $1; i++)); do
    bench_run "$i" $((100 + i % 900)) $((i % 2 ? 0 : 200))
    [ "$i" -lt "$1" ] && printf ',\n'
  done
  printf ']}\n'
}
benched() { # the seed scenario, its box measured by the bench file $1
  sed "s|tokens_per_second: 120|bench: $1|" seed.yaml
}
litellm() { # a LiteLLM price file with $1 chat models (and $2 as the first model's per-token input price)
  printf '{"last_updated": "2026-12-01",\n'
  for ((i = 0; i < $1; i++)); do
    printf '"prov-%d/model-number-%d": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": %s, "output_cost_per_token": 2e-06, "max_input_tokens": 128000},\n' \
      "$((i % 50))" "$i" "$([ "$i" = 0 ] && echo "${2:-1e-06}" || echo 1e-06)"
  done
  printf '"": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06}}\n'
}

{ printf '#'; line 8000000 a; printf '\n'; cat seed.yaml; } > comment-8mb.yaml
{ printf '#'; line 50000000 a; printf '\n'; cat seed.yaml; } > comment-50mb.yaml
{ cat seed.yaml; printf 'x: '; line 8000000 a; printf '\n'; } > scalar-8mb.yaml
{ cat seed.yaml; printf 'x: "'; line 8000000 a; printf '"\n'; } > quoted-8mb.yaml
{ cat seed.yaml; line 8000000 a; printf ': 1\n'; } > key-8mb.yaml
mkdir -p book-8mb && { printf '#'; line 8000000 a; printf '\napi_models: []\n'; } > book-8mb/a.yaml
mkfifo fifo.yaml
mkdir -p book-fifo && mkfifo book-fifo/a.yaml
mkdir -p dir.yaml
printf 'name: Caf\xe9 \xe9t\xe9\nhorizon_months: 12\n' > latin1.yaml
{ head -n 2 seed.yaml; printf 'name: a\0b\n'; } > nul.yaml
{ cat seed.yaml; printf -- '---\nname: second\n'; } > two-docs.yaml
sed 's|^name: .*|name: *q|' seed.yaml > alias.yaml
sed '/^options:/,$d' seed.yaml > no-options-base.yaml
{ cat no-options-base.yaml; printf 'options:\n'; } > options-empty.yaml
{ cat no-options-base.yaml; printf 'options: []\n'; } > options-list-empty.yaml
printf '%s\n' "$secret" > token.txt
benched token.txt > bench-token.yaml
benched /proc/self/environ > bench-environ.yaml
benched /dev/zero > bench-zero.yaml
benched fifo.yaml > bench-fifo.yaml
bench_file 3 > bench.json
benched bench.json > benched.yaml
bench_file 5000 > bench-5000.json
litellm 3 > prices.json
litellm 3 1e308 > prices-1e308.json
litellm 12000 > prices-12000.json
sed 's|queries_per_month: 100000|queries_per_month: 100000000000|; s|count: 1|count: 1\n      gpus_per_replica: 1|' \
  seed.yaml > huge-load.yaml
sed "s|id: gpt-4|id: \"=HYPERLINK(\\\\\"http://example.invalid\\\\\")\"|" seed.yaml > formula-id.yaml
sed 's|offline_required: false|offline_required: true|; s|tokens_per_second: 120|tokens_per_second: 0.01|' seed.yaml > nothing.yaml
digits=$(line 3000 9)
echo '{}' > private.json && chmod 600 private.json
cp seed.yaml linked.yaml && ln -s linked.yaml link-to-input.yaml && ln linked.yaml hard-link.yaml
for f in o-scenario o-diff; do cp seed.yaml $f.yaml; done
cp prices.json o-import.json
mkdir -p o-bench && bench_file 3 > o-bench/bench.json && benched bench.json > o-bench/benched.yaml

# ---- running one case
# run NAME EXPECT COMMAND...: EXPECT is what the issue wants (a word for the reader); the checks after the
# run compare the checksums of the files that were there before (new files are outputs), look for the
# secret in every output, and for temporary files left.
sums() { find . -maxdepth 2 -type f ! -name '*.out' ! -name '*.err' ! -name time -print0 2>/dev/null \
  | sort -z | xargs -0 md5sum 2>/dev/null | sort; }
printf '%-22s %4s %8s %8s  %s\n' case exit wall_s rss_mb "checks (and the first line of standard error)"
selected=" $* "
run() {
  local name=$1 expect=$2
  shift 2
  [ "$selected" != "  " ] && [[ "$selected" != *" $name "* ]] && return
  local before after rc wall kb note=""
  before=$(sums)
  FAKE_API_KEY=$secret /usr/bin/time -f '%e %M' -o time timeout --foreground -s KILL "$limit_s" \
    bash -c "$*" > "$name.out" 2> "$name.err" < /dev/null
  rc=$?
  read -r wall kb < <(tail -n 1 time)
  [ "$rc" = 137 ] && note="killed at ${limit_s} s; "
  after=$(sums)
  [ -n "$(comm -23 <(echo "$before") <(echo "$after"))" ] && note+="INPUT CHANGED; "
  grep -qs "$secret" "$name.out" "$name.err" ./*.json ./*.csv ./*.md 2>/dev/null && note+="SECRET ECHOED; "
  [ -n "$(find . -name '.*.tmp' -print -quit)" ] && note+="TEMP FILE LEFT; " && find . -name '.*.tmp' -delete
  note+="want: $expect; "
  printf '%-22s %4s %8s %8s  %s%s\n' "$name" "$rc" "${wall:-?}" "$(( ${kb:-0} / 1024 ))" "$note" \
    "$(head -n 1 "$name.err" | cut -c 1-150)"
}
a=$AICHOOSE
run comment-8mb "ok or exit 3" "$a validate comment-8mb.yaml"
run comment-50mb "exit 3" "$a validate comment-50mb.yaml"
if [ -z "${*}" ] || [[ " $* " == *" comment-700mb "* ]]; then
  { printf '#'; line 700000000 a; printf '\n'; cat seed.yaml; } > comment-700mb.yaml
  run comment-700mb "exit 3" "$a validate comment-700mb.yaml"
  rm -f comment-700mb.yaml
fi
run scalar-8mb "exit 3" "$a validate scalar-8mb.yaml"
run quoted-8mb "exit 3" "$a validate quoted-8mb.yaml"
run key-8mb "exit 3" "$a validate key-8mb.yaml"
run book-8mb "ok or exit 3" "$a catalog list -k gpu --pricing book-8mb"
run fifo "exit 3" "$a validate fifo.yaml"
run book-fifo "exit 3" "$a validate seed.yaml --pricing book-fifo"
run dev-zero "exit 3" "$a validate /dev/zero"
run bench-dev-zero "exit 3" "$a validate seed.yaml --bench /dev/zero"
run bench-path-zero "exit 3" "$a validate bench-zero.yaml"
run bench-path-fifo "exit 3" "$a validate bench-fifo.yaml"
run bench-environ "exit 3, no secret" "$a validate bench-environ.yaml"
run bench-token "exit 3, no secret" "$a validate bench-token.yaml"
run directory "exit 3" "$a validate dir.yaml"
run latin1 "exit 3 at 1:7" "$a validate latin1.yaml"
run nul "exit 3 at 3:8" "$a validate nul.yaml"
run two-docs "exit 3" "$a validate two-docs.yaml"
run alias "exit 3" "$a validate alias.yaml"
run options-empty "as options: []" "$a validate options-empty.yaml"
run options-list-empty "as options:" "$a validate options-list-empty.yaml"
run o-scenario "exit 2" "$a evaluate o-scenario.yaml -f json -o o-scenario.yaml"
run o-import "exit 2" "$a catalog import litellm o-import.json -o o-import.json"
run o-diff "exit 2" "$a diff o-diff.yaml nothing.yaml -f md -o o-diff.yaml"
run o-bench "exit 2" "$a evaluate o-bench/benched.yaml -f json -o o-bench/bench.json"
run o-symlink "exit 2" "$a evaluate linked.yaml -f json -o link-to-input.yaml"
run o-hardlink "exit 2" "$a evaluate linked.yaml -f json -o hard-link.yaml"
run o-readonly "exit 6" "$a evaluate seed.yaml -f json -o /sys/aichoose-report.json"
run o-full "exit 6" "ulimit -f 8; $a evaluate seed.yaml -f json -o full.json"
run o-dev-full "exit 6" "$a evaluate seed.yaml -f json -o /dev/full"
run o-mode-0600 "mode 600 kept" "$a evaluate seed.yaml -o private.json && stat -c 'mode %a' private.json >&2"
run import-1e308 "exit 0, price refused" "$a catalog import litellm prices-1e308.json -o out-1e308.yaml"
run fail-if-digits "exit 2" "$a evaluate seed.yaml --fail-if 'tco_usd > $digits'"
run diff-fail-open "exit 5" "$a diff seed.yaml nothing.yaml --fail-if 'tco_change_pct > 1000'"
run bench-5000-runs "ok" "$a evaluate seed.yaml --bench rtx-4090-box=bench-5000.json"
run import-12000 "ok, layer readable" "$a catalog import litellm prices-12000.json -o layer-12000.yaml \
  && $a catalog list -k api --pricing layer-12000.yaml > /dev/null"
run import-empty-key "ok, no id /" "$a catalog import litellm prices.json -o layer-3.yaml \
  && ! grep -q 'id: \"/\"' layer-3.yaml && $a catalog list -k api --pricing layer-3.yaml > /dev/null"
run replicas-overflow "no 2147483647" "$a evaluate huge-load.yaml 2>&1 | grep -o 'about [0-9,.]* [a-z]* *replicas' >&2; \
  ! $a evaluate huge-load.yaml 2>&1 | grep -q 2147483647"
run csv-formula "cell escaped" "$a evaluate formula-id.yaml -f csv -o formula.csv && grep -o \"^.\\{0,3\\}=HYPERLINK\" formula.csv >&2; \
  ! grep -q '^\"\\?=HYPERLINK' formula.csv"
