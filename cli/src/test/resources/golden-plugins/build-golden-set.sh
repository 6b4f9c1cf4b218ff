#!/usr/bin/env bash
# Builds a golden plugin set: the example plugins compiled against this checkout's core, as a plugin
# author's build would (javac --release 17, core on the class path, never shaded into the jar).
# Run it only when starting a new set (SPI_VERSION was raised); see README.md beside this script.
#   cli/src/test/resources/golden-plugins/build-golden-set.sh      # from the repository root
set -euo pipefail
root="$(git rev-parse --show-toplevel)"
cd "$root"
spi="$(sed -n 's/.*public static final int SPI_VERSION = \([0-9]*\);.*/\1/p' \
  core/src/main/java/org/latentwalk/core/Latentwalk.java)"
[ -n "$spi" ] || { echo "cannot read SPI_VERSION from core's Latentwalk.java" >&2; exit 1; }
out="cli/src/test/resources/golden-plugins/spi-$spi"
if [ -e "$out" ]; then
  echo "$out exists: a golden set is never rebuilt; delete it only if it was never committed" >&2
  exit 1
fi
if [ -n "$(git status --porcelain -- core examples)" ]; then
  echo "core/ or examples/ has uncommitted changes: build golden jars from a commit" >&2
  exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mvn -B -q -pl core compile dependency:build-classpath -Dmdep.outputFile="$work/core.cp" \
  -Dspotless.check.skip=true
cp="core/target/classes:$(cat "$work/core.cp")"   # what the examples' poms give javac: core, provided
mkdir -p "$out"
for example in pca-model shapes-dataset strategy-plugin; do
  src="examples/$example/src/main"
  mkdir -p "$work/$example"
  find "$src/java" -name '*.java' | sort > "$work/$example.sources"
  javac --release 17 -encoding UTF-8 -cp "$cp" -d "$work/$example" "@$work/$example.sources"
  cp -r "$src/resources/." "$work/$example/"
  # a fixed entry date keeps the jar's bytes a function of its sources
  jar --create --date=2026-01-01T00:00:00Z --no-manifest --file "$out/$example-1.0.0.jar" \
    -C "$work/$example" .
done
cat > "$out/golden-set.properties" <<PROPS
# what this golden set is; read by GoldenPluginsTest
spi=$spi
commit=$(git rev-parse HEAD)
built=$(date -u +%Y-%m-%dT%H:%M:%SZ)
jdk=$(javac -version 2>&1 | sed 's/javac //')
status=active
retired-because=
PROPS
ls -l "$out"
echo "Now record expected.json: run GoldenPluginsTest; it prints the values to record when it has none."
