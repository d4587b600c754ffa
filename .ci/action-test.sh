#!/usr/bin/env bash
# The GitHub Action's script (action/run.sh), offline: a local git repository with two commits (the base
# and a pull request that raises a scenario's cost and adds one), a stand-in `gh` that keeps the
# pull request's comments in a folder, and two runs: the first creates the comment, the second (with a
# tighter rule) updates that same comment and fails with exit 5, its reports written all the same.
set -euo pipefail
cd "$(dirname "$0")/.."
aichoose="$PWD/aichoose"
run_sh="$PWD/action/run.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "action-test: $*" >&2; exit 1; }

# the user's repository: main, then a change on a branch
repo="$work/repo"
mkdir -p "$repo/scenarios"
cp scenarios/seed-example.yaml "$repo/scenarios/assistant.yaml"
git -C "$repo" init -q -b main
git -C "$repo" -c user.name=ci -c user.email=ci@example.invalid add -A
git -C "$repo" -c user.name=ci -c user.email=ci@example.invalid commit -q -m base
git -C "$repo" checkout -q -b feature
sed -i 's/host_usd: 1400/host_usd: 2400/' "$repo/scenarios/assistant.yaml"
grep -q 'host_usd: 2400' "$repo/scenarios/assistant.yaml" || fail "the seed example changed shape"
cp scenarios/prototype-low-volume.yaml "$repo/scenarios/prototype.yaml"
git -C "$repo" -c user.name=ci -c user.email=ci@example.invalid add -A
git -C "$repo" -c user.name=ci -c user.email=ci@example.invalid commit -q -m "bigger box, new scenario"

# a stand-in gh: `gh api` against a pull request whose comments live in $state
state="$work/gh"
mkdir -p "$state/bin"
cat > "$state/bin/gh" <<'GH'
#!/usr/bin/env bash
set -euo pipefail
state=$(cd "$(dirname "$0")/.." && pwd)
echo "$*" >> "$state/calls.log"
[ "$1" = api ] || { echo "fake gh: only 'gh api'" >&2; exit 2; }
shift
method=GET path="" body=""
while [ $# -gt 0 ]; do
  case $1 in
    -X) method=$2; shift 2 ;;
    -F) case $2 in body=@*) body=${2#body=@} ;; esac; shift 2 ;;
    --jq) shift 2 ;;
    --paginate) shift ;;
    *) path=$1; shift ;;
  esac
done
case "$method $path" in
  "GET repos/acme/costs/issues/7/comments")
    # what the real --jq filter yields: the ids of comments carrying the marker
    for c in "$state"/comment-*; do
      [ -f "$c" ] && grep -q '<!-- aichoose-cost-change -->' "$c" && echo "${c##*comment-}"
    done; true ;;
  "POST repos/acme/costs/issues/7/comments") id=$((4242 + $(ls "$state" | grep -c '^comment-' || true)))
    cp "$body" "$state/comment-$id" ;;
  "PATCH repos/acme/costs/issues/comments/"*) id=${path##*/}
    [ -f "$state/comment-$id" ] || { echo "fake gh: HTTP 404 no comment $id" >&2; exit 1; }
    cp "$body" "$state/comment-$id" ;;
  *) echo "fake gh: unexpected $method $path" >&2; exit 1 ;;
esac
GH
chmod +x "$state/bin/gh"

run() { # $1: diff rule; the exit status of run.sh is returned
  local rc=0
  (cd "$repo" && PATH="$state/bin:$PATH" AICHOOSE="$aichoose" AICHOOSE_BASE=main AICHOOSE_PR=7 \
     GITHUB_REPOSITORY=acme/costs GITHUB_STEP_SUMMARY="$work/summary-$2.md" GITHUB_OUTPUT="$work/output-$2" \
     AICHOOSE_FAIL_IF="tco_usd > 1_000_000" AICHOOSE_DIFF_FAIL_IF="$1" AICHOOSE_AS_OF=2026-11-24 \
     AICHOOSE_OUT=reports "$run_sh" > "$work/log-$2" 2>&1) || rc=$?
  return $rc
}

# 1: nothing breached: reports, summary, a new comment
rc=0; run "tco_change_pct > 1000" 1 || rc=$?
[ "$rc" = 0 ] || { cat "$work/log-1" >&2; fail "first run exited $rc"; }
for f in assistant.md assistant.html assistant.xlsx assistant.json assistant-diff.md prototype.xlsx prototype.html; do
  [ -s "$repo/reports/$f" ] || fail "reports/$f missing"
done
grep -q "Recommended option" "$work/summary-1.md" || fail "the job summary lacks the evaluation"
[ "$(grep -c '^POST' "$state/calls.log" || true)" = 0 ] || fail "gh called with a bare POST"
[ "$(grep -c -- '-X POST' "$state/calls.log")" = 1 ] || fail "expected one comment created"
comment=$(ls "$state"/comment-*)
grep -q '<!-- aichoose-cost-change -->' "$comment" || fail "the comment lacks its marker"
grep -q '### scenarios/assistant.yaml' "$comment" || fail "the comment lacks the changed scenario"
grep -q 'rtx-4090-box' "$comment" || fail "the comment lacks the diff"
grep -q 'scenarios/prototype.yaml' "$comment" && grep -q 'New in this change' "$comment" \
  || fail "the new scenario is not said to be new"
grep -qx 'breached=false' "$work/output-1" || fail "outputs: $(cat "$work/output-1")"

# 2: the rise breaks a tighter rule: exit 5, the same comment updated, reports still written
rm -rf "$repo/reports"
rc=0; run "tco_change_pct > 10" 2 || rc=$?
[ "$rc" = 5 ] || { cat "$work/log-2" >&2; fail "second run exited $rc, not 5"; }
[ "$(grep -c -- '-X POST' "$state/calls.log")" = 1 ] || fail "a second comment was created"
grep -q -- "-X PATCH repos/acme/costs/issues/comments/${comment##*comment-}" "$state/calls.log" \
  || fail "the comment was not updated"
[ "$(ls "$state" | grep -c '^comment-')" = 1 ] || fail "more than one comment"
grep -q 'A --fail-if rule was breached' "$comment" || fail "the updated comment does not say the rule broke"
grep -q "breached" "$work/log-2" || fail "the log does not name the breach"
[ -s "$repo/reports/assistant.xlsx" ] && [ -s "$repo/reports/assistant-diff.md" ] || fail "reports not written on a breach"
grep -qx 'breached=true' "$work/output-2" || fail "outputs: $(cat "$work/output-2")"
echo "action-test: action/run.sh: summary, one comment created then updated, artifacts, --fail-if exit 5: ok"
