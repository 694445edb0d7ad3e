#!/usr/bin/env bash
# Benchmark (issue 8 e): start-to-exit of a pod running /bin/true from a large image (default 1024 MiB of
# incompressible files) beside one from a ~1 MiB image (static busybox), both prefetched and rendered
# (rkt fetch --render), with rkt run --net=none. The target is within 10% (an overlay, no copy).
# Run as root: bench/bigimage.sh [SIZE_MB] [RUNS]
. "$(dirname "$(readlink -f "$0")")/lib/common.sh"
size_mb=${1:-1024}
runs=${2:-5}

bench_aci "$work/small" example.com/small 0
bench_aci "$work/big" example.com/big "$size_mb"
rm -rf "$work/big/rootfs" # the ACI keeps the bytes; a second copy would only fill the disk
$rkt fetch --render "$work/small.aci" >/dev/null
fetch_start=$(date +%s.%N)
$rkt fetch --render "$work/big.aci" >/dev/null
echo "rkt fetch --render of the ${size_mb} MiB image (once): $(echo "$(date +%s.%N) - $fetch_start" | bc) s" >&2
rm -f "$work/big.aci"

hyperfine --warmup 1 --runs "$runs" --export-json "$work/big.json" \
  -n "rkt run --net=none, ~1 MiB image" "$rkt run --net=none example.com/small" \
  -n "rkt run --net=none, ${size_mb} MiB image" "$rkt run --net=none example.com/big" \
  >/dev/null
bench_table_header
bench_table "$work/big.json" 0
bench_machine
