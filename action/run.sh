#!/usr/bin/env bash
# The GitHub Action's work (action.yml), runnable anywhere: evaluates each scenario, writes the Markdown
# to the job summary, compares each with the base revision (aichoose diff FILE@BASE FILE), creates or
# updates one pull-request comment with those changes (through the gh CLI), and exits 5 when a --fail-if
# rule is breached (every report is written first), 1 when a scenario could not be evaluated.
#
# Environment (action.yml sets it from the inputs): AICHOOSE (the launcher), AICHOOSE_SCENARIOS (globs,
# one per line), AICHOOSE_FAIL_IF and AICHOOSE_DIFF_FAIL_IF (rules, one per line), AICHOOSE_PRICING,
# AICHOOSE_AS_OF, AICHOOSE_BASE (default origin/$GITHUB_BASE_REF), AICHOOSE_COMMENT (true|false),
# AICHOOSE_OUT (report directory), AICHOOSE_PR (pull request number), GITHUB_REPOSITORY,
# GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, GITHUB_SERVER_URL, GITHUB_RUN_ID, GH_TOKEN.
set -uo pipefail

aichoose=${AICHOOSE:-aichoose}
out=${AICHOOSE_OUT:-aichoose-reports}
summary=${GITHUB_STEP_SUMMARY:-/dev/null}
marker="<!-- aichoose-cost-change -->"
mkdir -p "$out"

lines() { printf '%s\n' "$1" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//' | grep -v '^$' || true; }
rules() { # $1: rules, one per line → --fail-if arguments in the array "args"
  local r
  while IFS= read -r r; do args+=(--fail-if "$r"); done < <(lines "$1")
}
common=()
[ -n "${AICHOOSE_PRICING:-}" ] && common+=(--pricing "$AICHOOSE_PRICING")
[ -n "${AICHOOSE_AS_OF:-}" ] && common+=(--as-of "$AICHOOSE_AS_OF")

base=${AICHOOSE_BASE:-}
if [ -z "$base" ] && [ -n "${GITHUB_BASE_REF:-}" ]; then
  base="origin/$GITHUB_BASE_REF"
  # a shallow checkout lacks the base branch: fetch just it
  git rev-parse --verify -q "$base^{commit}" >/dev/null || git fetch -q --no-tags --depth=1 origin \
    "+refs/heads/$GITHUB_BASE_REF:refs/remotes/origin/$GITHUB_BASE_REF" || true
fi
if [ -n "$base" ] && ! git rev-parse --verify -q "$base^{commit}" >/dev/null; then
  echo "aichoose-action: base revision '$base' not found; comparing nothing (check out with fetch-depth: 0)" >&2
  base=""
fi

scenarios=()
while IFS= read -r glob; do
  for f in $glob; do [ -f "$f" ] && scenarios+=("$f"); done
done < <(lines "${AICHOOSE_SCENARIOS:-scenarios/*.yaml}")
if [ "${#scenarios[@]}" = 0 ]; then
  echo "aichoose-action: no scenario matches '${AICHOOSE_SCENARIOS:-scenarios/*.yaml}'" >&2
  exit 2
fi

breached=0
errors=0
comment="$out/comment.md"
{
  echo "$marker"
  echo "## aichoose: cost change${base:+ against \`${base#origin/}\`}"
  echo
} > "$comment"

for scenario in "${scenarios[@]}"; do
  stem=$(basename "$scenario"); stem=${stem%.*}
  args=()
  rules "${AICHOOSE_FAIL_IF:-}"
  "$aichoose" evaluate "$scenario" --format md,html,xlsx,json -o "$out/" "${common[@]}" "${args[@]}"
  rc=$?
  case $rc in
    0) ;;
    5) breached=1 ;;
    *) errors=1; echo "aichoose-action: evaluate $scenario failed (exit $rc)" >&2 ;;
  esac
  [ -f "$out/$stem.md" ] && { cat "$out/$stem.md"; echo; } >> "$summary"

  if [ -z "$base" ]; then
    continue
  elif ! git cat-file -e "$base:$scenario" 2>/dev/null; then
    printf '### %s\n\nNew in this change: nothing to compare with.\n\n' "$scenario" >> "$comment"
    continue
  fi
  args=()
  rules "${AICHOOSE_DIFF_FAIL_IF:-}"
  "$aichoose" diff "$scenario@$base" "$scenario" --format md -o "$out/$stem-diff.md" "${common[@]}" "${args[@]}"
  rc=$?
  case $rc in
    0) ;;
    5) breached=1 ;;
    *) errors=1; echo "aichoose-action: diff $scenario@$base $scenario failed (exit $rc)" >&2 ;;
  esac
  if [ -f "$out/$stem-diff.md" ]; then
    { cat "$out/$stem-diff.md"; echo; } >> "$summary"
    { echo "### $scenario"; echo; cat "$out/$stem-diff.md"; echo; } >> "$comment"
  fi
done

if [ -n "${GITHUB_SERVER_URL:-}" ] && [ -n "${GITHUB_RUN_ID:-}" ]; then
  echo "Full reports: [the run's summary and artifact]($GITHUB_SERVER_URL/${GITHUB_REPOSITORY:-}/actions/runs/$GITHUB_RUN_ID)" >> "$comment"
fi
[ "$breached" = 1 ] && echo "**A --fail-if rule was breached.**" >> "$comment"

# one comment per pull request, found again by its marker and edited in place
if [ "${AICHOOSE_COMMENT:-true}" = true ] && [ -n "${AICHOOSE_PR:-}" ] && [ -n "$base" ]; then
  repo=${GITHUB_REPOSITORY:?GITHUB_REPOSITORY is needed for the comment}
  id=$(gh api "repos/$repo/issues/$AICHOOSE_PR/comments" --paginate \
         --jq ".[] | select(.body | contains(\"$marker\")) | .id" | head -n 1) || id=""
  if [ -n "$id" ]; then
    gh api -X PATCH "repos/$repo/issues/comments/$id" -F "body=@$comment" >/dev/null \
      && echo "aichoose-action: updated comment $id on #$AICHOOSE_PR" \
      || { echo "aichoose-action: could not update comment $id" >&2; errors=1; }
  else
    gh api -X POST "repos/$repo/issues/$AICHOOSE_PR/comments" -F "body=@$comment" >/dev/null \
      && echo "aichoose-action: commented on #$AICHOOSE_PR" \
      || { echo "aichoose-action: could not comment on #$AICHOOSE_PR" >&2; errors=1; }
  fi
fi

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "report-dir=$out" >> "$GITHUB_OUTPUT"
  echo "breached=$([ "$breached" = 1 ] && echo true || echo false)" >> "$GITHUB_OUTPUT"
fi
[ "$errors" = 1 ] && exit 1
[ "$breached" = 1 ] && exit 5
exit 0
