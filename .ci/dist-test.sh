#!/usr/bin/env bash
# The distribution as a user gets it: unpacked anywhere, run from another directory, installed into a
# prefix with install.sh, its completion loaded by bash. Needs target/aichoose-*-dist.tar.gz (./mvnw package).
set -euo pipefail
cd "$(dirname "$0")/.."
archive=$(ls target/aichoose-*-dist.tar.gz | head -n 1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

tar -xzf "$archive" -C "$work"
dist=$(ls -d "$work"/aichoose-*)
for f in bin/aichoose lib/aichoose.jar LICENSE install.sh scenarios/seed-example.yaml; do
  [ -e "$dist/$f" ] || { echo "dist-test: $f missing from $archive" >&2; exit 1; }
done
ls "$dist"/licences/*/ >/dev/null

# unpacked, run from elsewhere, with a scenario given relative to that directory
mkdir -p "$work/elsewhere"
cp "$dist/scenarios/seed-example.yaml" "$work/elsewhere/mine.yaml"
(cd "$work/elsewhere" && "$dist/bin/aichoose" evaluate mine.yaml > report.txt)
grep -q "Recommendation: OPEN SOURCE → rtx-4090-box" "$work/elsewhere/report.txt"
# the workbook and the CSV need the libraries in lib/deps, which aichoose.jar's manifest names
(cd "$work/elsewhere" && "$dist/bin/aichoose" evaluate mine.yaml -f xlsx,csv -o reports/ 2>/dev/null)
[ -s "$work/elsewhere/reports/mine.xlsx" ] && [ -s "$work/elsewhere/reports/mine-options.csv" ] \
  || { echo "dist-test: no workbook or CSV from the distribution (lib/deps?)" >&2; exit 1; }
# the start-up cache (or the marker of a failed training) lives in the distribution, no crash log in the user's directory
ls "$dist"/cache/aichoose-jdk* >/dev/null
if ls "$work"/elsewhere/hs_err_pid* >/dev/null 2>&1; then echo "dist-test: a JVM crash log in the user's directory" >&2; exit 1; fi

# installed into a prefix, reached through PATH
HOME="$work/home" "$dist/install.sh" "$work/prefix" > "$work/install.log"
PATH="$work/prefix/bin:$PATH"
(cd "$work/elsewhere" && aichoose evaluate mine.yaml --format json > report.json)
grep -q '"schema" : "aichoose.evaluation/v1"\|"schema":"aichoose.evaluation/v1"' "$work/elsewhere/report.json"
set +e
aichoose >/dev/null 2>"$work/noargs.txt"
rc=$?
set -e
[ "$rc" = 2 ] || { echo "dist-test: aichoose with no arguments exited $rc, not 2" >&2; exit 1; }
grep -q "Usage: aichoose" "$work/noargs.txt"

# completion: the installed script registers the installed command and completes its subcommands
completion="$work/prefix/share/bash-completion/completions/aichoose"
bash -c "source '$completion' && complete -p aichoose" | grep -q "aichoose"
words=$(bash -c "source '$completion'; COMP_WORDS=(aichoose ev); COMP_CWORD=1; COMP_LINE='aichoose ev'; COMP_POINT=11; \
  _picocli_aichoose; printf '%s\n' \"\${COMPREPLY[@]}\"")
echo "$words" | grep -qx "evaluate" || { echo "dist-test: completion of 'aichoose ev' gave: $words" >&2; exit 1; }
echo "dist-test: $(basename "$archive"): unpacked, installed and completed: ok"
