#!/usr/bin/env bash
# Installs aichoose into a prefix: PREFIX/lib/aichoose (the distribution), PREFIX/bin/aichoose (a link
# to its launcher) and the bash/zsh completion under PREFIX/share.
# Usage: ./install.sh [PREFIX]   (default: ~/.local; /usr/local needs sudo)
# Run it from an unpacked distribution, or from a source checkout (it builds the distribution first).
set -euo pipefail

prefix=${1:-$HOME/.local}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [ -f "$here/lib/aichoose.jar" ]; then
  dist=$here
elif [ -f "$here/pom.xml" ]; then
  echo "install.sh: building the distribution (./mvnw package)..." >&2
  (cd "$here" && ./mvnw -q -B -DskipTests package >&2)
  archive=$(ls "$here"/target/aichoose-*-dist.tar.gz | head -n 1)
  unpacked=$(mktemp -d)
  trap 'rm -rf "$unpacked"' EXIT
  tar -xzf "$archive" -C "$unpacked"
  dist=$(ls -d "$unpacked"/aichoose-*)
else
  echo "install.sh: run me from an unpacked aichoose distribution or a source checkout." >&2
  exit 2
fi

target="$prefix/lib/aichoose"
mkdir -p "$prefix/bin" "$prefix/lib"
rm -rf "$target.new"
cp -R "$dist" "$target.new"
rm -rf "$target.new/cache" "$target"
mv "$target.new" "$target"
ln -sfn "../lib/aichoose/bin/aichoose" "$prefix/bin/aichoose"

# the first run trains the start-up cache; doing it now keeps that out of the user's first command
"$prefix/bin/aichoose" --version >/dev/null

# completion for the installed command (picocli's script serves bash, and zsh through bashcompinit)
completions="$prefix/share/bash-completion/completions"
mkdir -p "$completions"
"$prefix/bin/aichoose" generate-completion > "$completions/aichoose"

echo "installed: $prefix/bin/aichoose ($("$prefix/bin/aichoose" --version))"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "add it to PATH:   export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
echo "completion (bash): source $completions/aichoose   (bash-completion loads it by itself from ~/.local/share)"
