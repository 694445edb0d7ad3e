#!/usr/bin/env bash
# Benchmark (issue 8 f): N pods (default 50) running /bin/true started at once: the wall time until the last
# exits and how many failed, for rkt run --net=none, rkt run (default network) and, as the baseline, runc run.
# A failed pod's exit code and last lines of output are kept and shown.
# Run as root: bench/concurrent.sh [N]
. "$(dirname "$(readlink -f "$0")")/lib/common.sh"
n=${1:-50}

bench_aci "$work/busybox" example.com/busybox 0
$rkt fetch --render "$work/busybox.aci" >/dev/null
bench_bundle "$work/busybox" '["/bin/true"]'
mkdir -p "$work/out"

# burst NAME COMMAND: starts N copies of the command at once (each with ID set to its number), waits for all
burst() {
  local name=$1 command=$2 i start end failed=0 pids=()
  rm -f "$work/out/"*
  start=$(date +%s.%N)
  for i in $(seq 1 "$n"); do
    ID=$i bash -c "$command >$work/out/$i.log 2>&1; echo \$? > $work/out/$i.rc" & pids+=($!)
  done
  wait "${pids[@]}"
  end=$(date +%s.%N)
  for i in $(seq 1 "$n"); do
    if [ "$(cat "$work/out/$i.rc")" != 0 ]; then
      failed=$((failed + 1))
      [ "$failed" -le 3 ] && echo "  $name #$i exited $(cat "$work/out/$i.rc"): $(tail -n 2 "$work/out/$i.log" | tr '\n' ' ')" >&2
    fi
  done
  printf '%-32s %5d %10.2f %8d\n' "$name" "$n" "$(echo "$end - $start" | bc)" "$failed"
}

for i in $(seq 1 "$n"); do bench_runc_ids+=("bench-burst-$i"); done
printf '%-32s %5s %10s %8s\n' benchmark pods "wall (s)" failures
burst "runc run" "runc run --bundle $work/busybox bench-burst-\$ID"
burst "rkt run --net=none" "$rkt run --net=none example.com/busybox"
$rkt gc --grace-period=0s >/dev/null 2>&1
burst "rkt run (default network)" "$rkt run example.com/busybox"
$rkt gc --grace-period=0s >/dev/null 2>&1
bench_machine
