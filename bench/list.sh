#!/usr/bin/env bash
# Benchmark (issue 8 b): rkt list, rkt status UUID and rkt image list with 0, 100 and 1000 pods and images in
# the store, beside a Java hello world on bin/rkt's JDK flags (the JVM floor; ratios are against it).
# Pods are copies of one prepared pod under new UUIDs (a prepared pod's files do not name its UUID); images
# are manifest-only ACIs written straight into the blob store and its SQLite index, as a fetch would leave them.
# Also list and status with one pod running on the default network.
# Run as root: bench/list.sh [RUNS]
. "$(dirname "$(readlink -f "$0")")/lib/common.sh"
rocket_require_packages sqlite3 uuid-runtime
runs=${1:-5}

bench_aci "$work/busybox" example.com/busybox 0
$rkt fetch "$work/busybox.aci" >/dev/null
uuid=$($rkt prepare example.com/busybox 2>/dev/null)
bench_java_floor

# bench_fill DIR N: a copy of the base store with N prepared pods and N images (the base ones included)
bench_fill() {
  local dir=$1 n=$2 i hex blob
  cp -a "$work/data" "$dir"
  for i in $(seq 2 "$n"); do cp -a "$dir/pods/prepared/$uuid" "$dir/pods/prepared/$(uuidgen)"; done
  mkdir -p "$work/img"
  for i in $(seq 2 "$n"); do
    printf '{"acKind":"ImageManifest","acVersion":"0.8.11","name":"example.com/filler-%d","labels":[{"name":"os","value":"linux"},{"name":"arch","value":"amd64"}]}' "$i" \
      > "$work/img/manifest"
    tar -C "$work/img" --mtime=@0 -cf "$work/img/blob" manifest
    hex=$(sha512sum "$work/img/blob" | cut -d' ' -f1)
    blob="$dir/cas/blob/sha512/${hex:0:2}/sha512-$hex"
    mkdir -p "${blob%/*}" && mv "$work/img/blob" "$blob"
    echo "INSERT INTO images (id, name, import_time, last_used, size) VALUES ('sha512-$hex', 'example.com/filler-$i', $i, $i, $(stat -c %s "$blob"));"
    echo "INSERT INTO image_labels VALUES ('sha512-$hex', 0, 'os', 'linux'), ('sha512-$hex', 1, 'arch', 'amd64');"
  done | { echo "BEGIN;"; cat; echo "COMMIT;"; } | sqlite3 "$dir/cas/db/images.sqlite3"
}

commands=(-n "java hello (JVM floor)" "$java_floor")
mkdir -p "$work/empty"
commands+=(-n "rkt list, 0 pods" "$rkt_bin --dir=$work/empty list"
           -n "rkt image list, 0 images" "$rkt_bin --dir=$work/empty image list")
for n in 1 100 1000; do
  bench_fill "$work/data-$n" "$n"
  r="$rkt_bin --dir=$work/data-$n"
  [ "$($r list --no-legend | wc -l)" -eq "$n" ] || rocket_fail "expected $n pods in $work/data-$n"
  [ "$($r image list --no-legend | wc -l)" -eq "$n" ] || rocket_fail "expected $n images in $work/data-$n"
  commands+=(-n "rkt list, $n pods" "$r list"
             -n "rkt status UUID, $n pods" "$r status $uuid"
             -n "rkt image list, $n images" "$r image list")
done
# A running pod on the default network, in the base store and after the copies (its mounts are not to be copied):
# list and status then read its lock state, PID and networks.
$rkt run --uuid-file-save="$work/running.uuid" example.com/busybox --exec=/bin/sleep -- 3600 >/dev/null 2>&1 &
for _ in $(seq 1 300); do
  [ -s "$work/running.uuid" ] && $rkt status "$(cat "$work/running.uuid")" 2>/dev/null | grep -q '^networks=' && break
  sleep 0.2
done
$rkt status "$(cat "$work/running.uuid")" 2>/dev/null | grep -q '^networks=' || rocket_fail "the running pod did not come up"
commands+=(-n "rkt list, 1 prepared + 1 running pod" "$rkt_bin --dir=$work/data list"
           -n "rkt status UUID, running pod" "$rkt_bin --dir=$work/data status $(cat "$work/running.uuid")")
hyperfine --warmup 1 --runs "$runs" --export-json "$work/list.json" "${commands[@]}" >/dev/null
bench_table_header
bench_table "$work/list.json" 0
bench_machine
