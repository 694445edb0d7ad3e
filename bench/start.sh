#!/usr/bin/env bash
# Benchmark (issue 8 a): start-to-exit of a one-app pod running /bin/true from a prefetched static-busybox
# image: rkt run --net=none and with the default network, rkt prepare and rkt run-prepared separately, beside
# runc run (and crun run) of an OCI bundle on the same rootfs, podman run --rm of the same rootfs (with and without
# its network) and a Java hello world on bin/rkt's JDK flags (the JVM floor); rkt run --oci-runtime=crun too.
# Ratios are against podman --net=none.
# Run as root: bench/start.sh [RUNS]
. "$(dirname "$(readlink -f "$0")")/lib/common.sh"
runs=${1:-10}

bench_aci "$work/busybox" example.com/busybox 0
$rkt fetch --render "$work/busybox.aci" >/dev/null
bench_bundle "$work/busybox" '["/bin/true"]'
bench_podman_import "$work/busybox" bench-busybox

bench_java_floor

bench_runc_ids+=(bench-true)
hyperfine --warmup 1 --runs "$runs" --export-json "$work/start.json" \
  -n "podman run --rm --net=none" "$podman run --rm --net=none bench-busybox /bin/true" \
  -n "podman run --rm (default network)" "$podman run --rm bench-busybox /bin/true" \
  -n "runc run" "runc run --bundle $work/busybox bench-true" \
  -n "crun run" "$bench_crun run --bundle $work/busybox bench-true-crun" \
  -n "java hello (JVM floor)" "$java_floor" \
  -n "rkt run --net=none" "$rkt run --net=none example.com/busybox" \
  -n "rkt run --net=none --oci-runtime=crun" "$rkt run --net=none --oci-runtime=crun example.com/busybox" \
  -n "rkt run (default network)" "$rkt run example.com/busybox" \
  -n "rkt prepare" "$rkt prepare example.com/busybox" \
  >/dev/null
hyperfine --warmup 1 --runs "$runs" --export-json "$work/run-prepared.json" \
  --prepare "$rkt prepare example.com/busybox > $work/uuid" \
  -n "rkt run-prepared --net=none" "$rkt run-prepared --net=none \$(cat $work/uuid)" \
  >/dev/null

bench_table_header
bench_table "$work/start.json" 0
bench_table "$work/run-prepared.json" | sed 's/ *[0-9.]*x$//'
jq -r -s '(.[0].results | map({(.command): .median}) | add) as $m |
  "rkt run --net=none / (JVM floor + runc run): \(($m["rkt run --net=none"] / ($m["java hello (JVM floor)"] + $m["runc run"]) * 100 | round) / 100)x (target <= 1.2x)",
  "rkt run --net=none / podman --net=none: \(($m["rkt run --net=none"] / $m["podman run --rm --net=none"] * 100 | round) / 100)x (target <= 0.5x)",
  "rkt run --net=none --oci-runtime=crun / (JVM floor + crun run): \(($m["rkt run --net=none --oci-runtime=crun"] / ($m["java hello (JVM floor)"] + $m["crun run"]) * 100 | round) / 100)x",
  "rkt run default / podman default network: \(($m["rkt run (default network)"] / $m["podman run --rm (default network)"] * 100 | round) / 100)x (target <= 0.5x)"' \
  "$work/start.json"
bench_machine
