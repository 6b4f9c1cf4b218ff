#!/usr/bin/env bash
# The README's main command as a user times it: `./latentwalk reproduce` on a fresh model cache
# (a temporary LATENTWALK_CACHE), whole process under /usr/bin/time -v, stderr to a file. Prints
# wall time, CPU time and peak resident memory, the load average before and after, and the report's
# own stage timings (report.json "timings": stages of jobs side by side overlap).
#
# usage: bench/reproduce.sh [ROUNDS=1] [-- REPRODUCE_ARGS...]
#   bench/reproduce.sh 1
#   bench/reproduce.sh 1 -- --jobs 1
set -euo pipefail
rounds="${1:-1}"; shift || true
[ "${1:-}" = "--" ] && shift
cd "$(dirname "$0")/.."
./latentwalk models >/dev/null 2>&1 || { echo "reproduce.sh: ./latentwalk does not run" >&2; exit 1; }
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
for r in $(seq 1 "$rounds"); do
  rm -rf "$tmp/cache" "$tmp/report"
  echo "round $r: load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  LATENTWALK_CACHE="$tmp/cache" /usr/bin/time -v ./latentwalk reproduce --out "$tmp/report" "$@" \
    >/dev/null 2>"$tmp/err" || { tail -20 "$tmp/err" >&2; exit 1; }
  echo "round $r: load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
  grep -E 'Elapsed \(wall|User time|System time|Percent of CPU|Maximum resident' "$tmp/err" | sed 's/^\s*/  /'
  if grep -q $'\r' "$tmp/err"; then echo "  (the log has carriage returns)"; fi
  /usr/bin/python3 - "$tmp/report/report.json" <<'EOF'
import json, sys
t = json.load(open(sys.argv[1]))["timings"]
print("  stages: " + ", ".join(f"{k} {v:.1f} s" for k, v in t.items()))
EOF
done
