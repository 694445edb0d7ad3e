# Sourced by the pod benchmarks: installs what they need, builds Rocket, makes a temp dir with a static-busybox
# ACI fetched into a temp store, its rootfs as an OCI bundle for runc, and (on demand) the same rootfs in a temp
# podman store. The EXIT trap removes every pod, container and file it made.
set -euo pipefail
ROCKET_TOOL=bench
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../../bin/lib/java.sh"
. "$ROCKET_ROOT/bin/lib/packages.sh"
rocket_require_packages hyperfine jq bc busybox-static runc conmon crun podman containernetworking-plugins iptables util-linux
rocket_find_jdk
rocket_build_if_stale
# measure with the AOT cache bin/rkt uses, trained now rather than in the background during the runs
rocket_aot_all_fresh || rocket_train_aot

work=$(mktemp -d /tmp/rocket-bench.XXXXXX)
rkt_bin="$ROCKET_ROOT/bin/rkt"
rkt="$rkt_bin --dir=$work/data --local-config=$work/etc --system-config=$work/lib --insecure-options=image"
podman="podman --root $work/podman/root --runroot $work/podman/runroot"
export CONTAINERS_CONF="$work/containers.conf"
bench_runc_ids=()
bench_cleanup_hooks=()
# crun, run as Rocket runs it: on a hybrid cgroup host with the cgroup2 mount hidden in a mount namespace of its own
bench_crun="crun --root $work/crun"
if findmnt -t cgroup >/dev/null 2>&1 && findmnt -t cgroup2 -n -o TARGET >/dev/null 2>&1; then
  bench_crun="unshare -m --propagation slave sh -c 'umount $(findmnt -t cgroup2 -n -o TARGET | head -1) && exec \"\$0\" \"\$@\"' crun --root $work/crun"
fi

# stops every running pod of the temp store at once
bench_rkt_stop_all() {
  local running
  running=$($rkt list --format=json 2>/dev/null | jq -r '.[]? | select(.state == "running") | .name')
  [ -z "$running" ] || $rkt stop --force $running >/dev/null 2>&1
}

bench_cleanup() {
  set +e
  local hook id
  for hook in "${bench_cleanup_hooks[@]}"; do "$hook"; done
  for id in "${bench_runc_ids[@]}"; do runc delete --force "$id" >/dev/null 2>&1; done
  if [ -d "$work/podman" ]; then
    $podman rm --all --force --time 0 >/dev/null 2>&1
    $podman system reset --force >/dev/null 2>&1
  fi
  if [ -d "$work/data" ]; then
    bench_rkt_stop_all >/dev/null 2>&1
    $rkt gc --grace-period=0s >/dev/null 2>&1
  fi
  # overlay and other mounts a failed run may leave under the temp dir
  grep -o " $work[^ ]*" /proc/self/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null
  rm -rf "$work"
}
trap bench_cleanup EXIT

# bench_aci DIR NAME SIZE_MB: a static-busybox image layout with SIZE_MB of incompressible padding, built to DIR.aci
bench_aci() {
  local dir=$1 name=$2 size_mb=${3:-0} i
  mkdir -p "$dir/rootfs/bin" "$dir/rootfs/data"
  cp /bin/busybox "$dir/rootfs/bin/busybox"
  for applet in sh true sleep cat; do ln -sf busybox "$dir/rootfs/bin/$applet"; done
  for i in $(seq 1 "$size_mb"); do head -c 1048576 /dev/urandom > "$dir/rootfs/data/f$i"; done
  cat > "$dir/manifest" <<JSON
{"acKind": "ImageManifest", "acVersion": "0.8.11", "name": "$name",
 "labels": [{"name": "os", "value": "linux"}, {"name": "arch", "value": "amd64"}],
 "app": {"exec": ["/bin/true"], "user": "0", "group": "0"}}
JSON
  "$ROCKET_ROOT/bin/actool" build --compression=none "$dir" "$dir.aci"
}

# bench_bundle DIR ARGS_JSON: an OCI bundle on DIR/rootfs (already there) running ARGS_JSON, no terminal
bench_bundle() {
  local dir=$1 args=$2
  (cd "$dir" && rm -f config.json && runc spec)
  jq --argjson args "$args" '.process.args = $args | .process.terminal = false | .root.readonly = true
      | .process.rlimits = [{"type": "RLIMIT_NOFILE", "hard": 1024, "soft": 1024}]' \
    "$dir/config.json" > "$dir/config.json.new"
  mv "$dir/config.json.new" "$dir/config.json"
}

# bench_podman_import DIR NAME: the rootfs in DIR/rootfs as podman image NAME, in the temp podman store
bench_podman_import() {
  local dir=$1 name=$2
  mkdir -p "$work/podman"
  cat > "$CONTAINERS_CONF" <<'CONF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
  tar -C "$dir/rootfs" -c . | $podman import --quiet - "$name" >/dev/null
}

# Sets java_floor: a Java hello world from a jar, on bin/rkt's JDK flags (see bin/lib/java.sh)
bench_java_floor() {
  mkdir -p "$work/hello"
  echo 'public class Hello { public static void main(String[] args) { System.out.println("hello"); } }' > "$work/hello/Hello.java"
  "$JAVA_HOME/bin/javac" -d "$work/hello" "$work/hello/Hello.java"
  "$JAVA_HOME/bin/jar" --create --file "$work/hello/hello.jar" -C "$work/hello" Hello.class
  java_floor="$JAVA_HOME/bin/java ${ROCKET_JVM_FLAGS[*]} -cp $work/hello/hello.jar Hello"
}

bench_machine() {
  echo "machine: $(nproc) cores, kernel $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
}

# bench_table JSON [BASELINE_INDEX]: min, median and the median ratio against result BASELINE_INDEX (default 0)
bench_table() {
  local json=$1 base=${2:-0}
  jq -r --argjson b "$base" '.results[$b].median as $m | .results[] |
      [.command, (.min * 1000 | round), (.median * 1000 | round), ((.median / $m) * 100 | round / 100)] | @tsv' "$json" |
    while IFS=$'\t' read -r name min median ratio; do
      printf '%-50s %9s %11s %8sx\n' "$name" "$min" "$median" "$ratio"
    done
}
bench_table_header() { printf '%-50s %9s %11s %9s\n' "benchmark" "min (ms)" "median (ms)" "ratio"; }
