#!/usr/bin/env bash
# Benchmark (issue 8 c): host-side memory of running pods: RSS and PSS (from /proc/PID/smaps_rollup) of every
# process a runtime leaves beside the app, for 1 and 50 pods running sleep: rkt run --net=none (in the
# background, as a shell would; with runc and with --oci-runtime=crun), runc run (foreground, in the background) and podman run -d (conmon).
# "Not the app" = every process of the run's tree (or conmon) that is in the host's PID namespace.
# Run as root: bench/memory.sh [COUNTS...] (default: 1 50)
. "$(dirname "$(readlink -f "$0")")/lib/common.sh"
counts=("${@:-1}"); [ $# -eq 0 ] && counts=(1 50)

bench_aci "$work/busybox" example.com/busybox 0
$rkt fetch --render "$work/busybox.aci" >/dev/null
bench_bundle "$work/busybox" '["/bin/sleep", "3600"]'
bench_podman_import "$work/busybox" bench-busybox
host_pidns=$(readlink /proc/self/ns/pid)
background=()
stop_background() { local p; for p in "${background[@]}"; do kill -KILL "$p" 2>/dev/null; done; background=(); }
bench_cleanup_hooks+=(stop_background)

# descendants PID...: the PIDs and all their descendants
descendants() {
  ps -e -o pid=,ppid= | awk -v roots="$*" '
    BEGIN { n = split(roots, r, " "); for (i = 1; i <= n; i++) keep[r[i]] = 1 }
    { parent[$1] = $2 } END {
      do { changed = 0; for (p in parent) if (!(p in keep) && (parent[p] in keep)) { keep[p] = 1; changed = 1 } } while (changed)
      for (p in keep) print p }'
}
# count_apps PID...: how many of the trees' processes are in another PID namespace (the apps)
count_apps() {
  local p n=0
  for p in $(descendants "$@"); do [ "$(readlink /proc/$p/ns/pid 2>/dev/null)" != "$host_pidns" ] && [ -e /proc/$p ] && n=$((n + 1)); done
  echo $n
}
# host_memory PID...: "processes RSS_KB PSS_KB" summed over the trees' processes in the host PID namespace
host_memory() {
  local p procs=0 rss=0 pss=0 r s
  for p in $(descendants "$@"); do
    [ "$(readlink /proc/$p/ns/pid 2>/dev/null)" = "$host_pidns" ] || continue
    read -r r s < <(awk '/^Rss:/ {r = $2} /^Pss:/ {s = $2} END {print r + 0, s + 0}' /proc/$p/smaps_rollup 2>/dev/null) || continue
    procs=$((procs + 1)); rss=$((rss + r)); pss=$((pss + s))
  done
  echo "$procs $rss $pss"
}
wait_apps() {
  local want=$1; shift
  for _ in $(seq 1 600); do [ "$(count_apps "$@")" -ge "$want" ] && return 0; sleep 0.5; done
  rocket_fail "only $(count_apps "$@") of $want apps started"
}
report() {
  local name=$1 n=$2 procs rss pss; shift 2
  sleep 2 # let the launchers settle (the JVM execs into the shell once the pod is set up)
  read -r procs rss pss < <(host_memory "$@")
  printf '%-28s %5d %9d %11d %11d %13d\n' "$name" "$n" "$procs" "$rss" "$pss" $((rss / n))
}

printf '%-28s %5s %9s %11s %11s %13s\n' runtime pods processes "RSS (KiB)" "PSS (KiB)" "RSS/pod (KiB)"
for n in "${counts[@]}"; do
  for i in $(seq 1 "$n"); do $rkt run --net=none example.com/busybox --exec=/bin/sleep -- 3600 >/dev/null 2>&1 & background+=($!); done
  wait_apps "$n" "${background[@]}"
  report "rkt run --net=none" "$n" "${background[@]}"
  bench_rkt_stop_all >/dev/null 2>&1 || true
  wait "${background[@]}" 2>/dev/null || true; background=()
  $rkt gc --grace-period=0s >/dev/null 2>&1

  for i in $(seq 1 "$n"); do $rkt run --net=none --oci-runtime=crun example.com/busybox --exec=/bin/sleep -- 3600 >/dev/null 2>&1 & background+=($!); done
  wait_apps "$n" "${background[@]}"
  report "rkt run --oci-runtime=crun" "$n" "${background[@]}"
  bench_rkt_stop_all >/dev/null 2>&1 || true
  wait "${background[@]}" 2>/dev/null || true; background=()
  $rkt gc --grace-period=0s >/dev/null 2>&1

  for i in $(seq 1 "$n"); do bench_runc_ids+=("bench-sleep-$i"); runc run --bundle "$work/busybox" "bench-sleep-$i" >/dev/null 2>&1 & background+=($!); done
  wait_apps "$n" "${background[@]}"
  report "runc run (foreground)" "$n" "${background[@]}"
  for i in $(seq 1 "$n"); do runc kill "bench-sleep-$i" KILL 2>/dev/null || true; done
  wait "${background[@]}" 2>/dev/null || true; background=()
  for i in $(seq 1 "$n"); do runc delete --force "bench-sleep-$i" 2>/dev/null || true; done

  for i in $(seq 1 "$n"); do $podman run -d --net=none bench-busybox /bin/sleep 3600 >/dev/null; done
  conmons=$(pgrep -f "conmon.*$work" | tr '\n' ' ')
  wait_apps "$n" $conmons
  report "podman run -d (conmon)" "$n" $conmons
  $podman rm --all --force --time 0 >/dev/null
done
bench_machine
