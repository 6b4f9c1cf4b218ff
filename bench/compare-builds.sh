#!/usr/bin/env bash
# Compares two builds of the latentwalk CLI on the same training command, interleaved (A B A B ...)
# so that load on the machine hits both alike: whole-process wall time and peak resident memory
# (/usr/bin/time -v) beside the mean images/s of epochs 2..N, per run and as B/A ratios.
#
# usage: bench/compare-builds.sh A.jar B.jar ROUNDS -- TRAIN_ARGS...
#   bench/compare-builds.sh /tmp/before.jar cli/target/latentwalk.jar 3 -- \
#       --model vae --dataset mnist-sample --set epochs=20 --seed 1
# Environment: JVM_OPTS (flags for both, default: the launcher's), OMP_NUM_THREADS (default 1).
set -euo pipefail
a="${1:?A.jar}"; b="${2:?B.jar}"; rounds="${3:?rounds}"; shift 3
[ "${1:-}" = "--" ] && shift
targs=("$@")
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
ext=""
if grep -qw avx512f /proc/cpuinfo 2>/dev/null; then ext="-onednn-avx512"
elif grep -qw avx2 /proc/cpuinfo 2>/dev/null; then ext="-onednn-avx2"; fi  # as ./latentwalk picks it
read -r -a jvm <<< "${JVM_OPTS:--XX:+UseParallelGC}"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
run() { # jar label -> "wall_s rss_mb img_s"
  local out="$tmp/$2"; rm -rf "$out.model"
  /usr/bin/time -v java "${jvm[@]}" --add-modules jdk.incubator.vector \
    "-Dorg.bytedeco.javacpp.platform.extension=$ext" -jar "$1" train "${targs[@]}" --out "$out.model" \
    >/dev/null 2>"$out.err" || { tail -5 "$out.err" >&2; return 1; }
  local wall rss ips
  wall="$(sed -n 's/.*Elapsed (wall clock).*: //p' "$out.err" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')"
  rss="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out.err")"
  ips="$(grep -o ', [0-9]* images/s$' "$out.err" | tr -dc '0-9\n' | tail -n +2 | awk '{ s += $1; n++ } END { if (n) printf "%.0f", s / n; else print "nan" }')"
  echo "$wall $((rss / 1024)) $ips"
}
printf '%-6s %-4s %10s %9s %12s\n' round jar wall_s rss_mb img_s_ep2+
for r in $(seq 1 "$rounds"); do
  ra=($(run "$a" "a$r")); printf '%-6s %-4s %10s %9s %12s\n' "$r" A "${ra[@]}"
  rb=($(run "$b" "b$r")); printf '%-6s %-4s %10s %9s %12s\n' "$r" B "${rb[@]}"
  awk -v wa="${ra[0]}" -v wb="${rb[0]}" -v ia="${ra[2]}" -v ib="${rb[2]}" -v ma="${ra[1]}" -v mb="${rb[1]}" \
    'BEGIN { printf "%-6s B/A  wall %.3f  rss %.3f  img/s %.3f\n", "", wb / wa, mb / ma, ib / ia }'
done
