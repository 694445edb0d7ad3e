#!/usr/bin/env bash
# Benchmark (issues 3 and 8 d): fetch + verify + store + render into the tree store of a ~100 MB signed image,
# from a local file and from loopback HTTPS, beside the floor of sha512sum + tar -x of the same bytes (read the
# same way: a file, or curl from the same server) and beside `podman load` of the same rootfs as an OCI archive
# (one layer, compressed the same way, into a temp podman store), in the same run. Also `rkt fetch --render`
# on the JVM's default tiered JIT (the launcher runs C1 only, which has no SHA/AES-GCM intrinsics), to show
# what that flag costs. Prints min and median of each and the ratios.
# Run as root on the machine to measure: bench/fetch.sh [SIZE_MB] [RUNS]
set -euo pipefail
ROCKET_TOOL=bench
. "$(dirname "$(readlink -f "$0")")/../bin/lib/java.sh"
. "$ROCKET_ROOT/bin/lib/packages.sh"
rocket_require_packages hyperfine gnupg coreutils tar gzip jq curl openssl python3 podman runc
rocket_find_jdk
rocket_build_if_stale

size_mb=${1:-100}
runs=${2:-5}
work=$(mktemp -d)
export GNUPGHOME="$work/gnupg"
server=
podman="podman --root $work/podman/root --runroot $work/podman/runroot"
export CONTAINERS_CONF="$work/containers.conf"
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; fi
  if [ -d "$work/podman" ]; then $podman system reset --force >/dev/null 2>&1; fi
  gpgconf --kill all >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
# The HTTPS server's certificate is made here, so rkt fetches it with --insecure-options=tls (the image's
# signature is still verified; only the transport's certificate check is skipped).
rkt_options="--dir=$work/data --local-config=$work/etc --system-config=$work/lib --insecure-options=tls"
rkt="$ROCKET_ROOT/bin/rkt $rkt_options"
# bin/rkt's JVM flags (bin/lib/java.sh) but for -XX:TieredStopAtLevel=1
rkt_tiered="$JAVA_HOME/bin/java -XX:+UseSerialGC -Xss1m --enable-native-access=ALL-UNNAMED -cp $ROCKET_JAR dev.rocket.cli.rkt.RktCommand $rkt_options"

mkdir -p "$work/layout/rootfs/data" "$work/extract" "$work/www"
# incompressible content in files of 1 MiB, like a real image's binaries
for i in $(seq 1 "$size_mb"); do head -c 1048576 /dev/urandom > "$work/layout/rootfs/data/f$i"; done
cat > "$work/layout/manifest" <<JSON
{"acKind": "ImageManifest", "acVersion": "0.8.11", "name": "example.com/bench",
 "labels": [{"name": "os", "value": "linux"}, {"name": "arch", "value": "amd64"}]}
JSON
mkdir -m 700 "$GNUPGHOME"
gpg --batch --quiet --passphrase '' --quick-gen-key "Bench <bench@example.com>" ed25519 sign never 2>/dev/null
gpg --batch --quiet --armor --export bench@example.com > "$work/key.asc"
$rkt trust --prefix=example.com --skip-fingerprint-review "$work/key.asc" >/dev/null

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
  -keyout "$work/tls.key" -out "$work/tls.crt" 2>/dev/null
python3 - "$work/www" "$work/tls.crt" "$work/tls.key" "$work/port" <<'PY' &
import functools, http.server, ssl, sys
www, cert, key, port_file = sys.argv[1:]
class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
handler = functools.partial(Quiet, directory=www)
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
tls.load_cert_chain(cert, key)
server.socket = tls.wrap_socket(server.socket, server_side=True)
open(port_file, "w").write(str(server.server_address[1]))
server.serve_forever()
PY
server=$!
for _ in $(seq 1 100); do [ -s "$work/port" ] && break; sleep 0.1; done
base="https://127.0.0.1:$(cat "$work/port")"

# oci_archive COMPRESSION OUT: the image's rootfs as an OCI archive of one layer (podman load's input)
oci_archive() {
  local compression=$1 out=$2 dir media=application/vnd.oci.image.layer.v1.tar diff_id layer config manifest
  dir=$(mktemp -d "$work/oci.XXXXXX")
  mkdir -p "$dir/blobs/sha256"
  tar -C "$work/layout/rootfs" --numeric-owner -cf "$dir/layer" .
  diff_id=$(sha256sum < "$dir/layer" | cut -d' ' -f1)
  if [ "$compression" = gzip ]; then gzip -n "$dir/layer" && mv "$dir/layer.gz" "$dir/layer"; media=$media+gzip; fi
  layer=$(sha256sum < "$dir/layer" | cut -d' ' -f1)
  mv "$dir/layer" "$dir/blobs/sha256/$layer"
  jq -cn --arg d "sha256:$diff_id" '{architecture: "amd64", os: "linux", config: {},
      rootfs: {type: "layers", diff_ids: [$d]}}' > "$dir/config"
  config=$(sha256sum < "$dir/config" | cut -d' ' -f1)
  jq -cn --arg c "sha256:$config" --argjson cs "$(stat -c %s "$dir/config")" --arg m "$media" \
     --arg l "sha256:$layer" --argjson ls "$(stat -c %s "$dir/blobs/sha256/$layer")" \
     '{schemaVersion: 2, mediaType: "application/vnd.oci.image.manifest.v1+json",
       config: {mediaType: "application/vnd.oci.image.config.v1+json", digest: $c, size: $cs},
       layers: [{mediaType: $m, digest: $l, size: $ls}]}' > "$dir/manifest"
  mv "$dir/config" "$dir/blobs/sha256/$config"
  manifest=$(sha256sum < "$dir/manifest" | cut -d' ' -f1)
  jq -cn --arg d "sha256:$manifest" --argjson s "$(stat -c %s "$dir/manifest")" \
     '{schemaVersion: 2, manifests: [{mediaType: "application/vnd.oci.image.manifest.v1+json", digest: $d,
       size: $s, annotations: {"org.opencontainers.image.ref.name": "bench"}}]}' > "$dir/index.json"
  mv "$dir/manifest" "$dir/blobs/sha256/$manifest"
  echo '{"imageLayoutVersion": "1.0.0"}' > "$dir/oci-layout"
  tar -C "$dir" -cf "$out" oci-layout index.json blobs
  rm -rf "$dir"
}
mkdir -p "$work/podman"
cat > "$CONTAINERS_CONF" <<'CONF'
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF

prepare="rm -rf $work/data $work/extract && mkdir -p $work/extract && { $podman rmi --all --force >/dev/null 2>&1 || true; }"
for compression in none gzip; do
  aci="$work/www/bench-$compression.aci"
  "$ROCKET_ROOT/bin/actool" build --compression=$compression "$work/layout" "$aci"
  gpg --batch --quiet --armor --detach-sign --output "$aci.asc" "$aci"
  oci_archive "$compression" "$work/bench-$compression.oci.tar"
  decompress=cat; [ "$compression" = gzip ] && decompress="gzip -dc"
  floor="tee >(sha512sum >/dev/null) | tar -x -C $work/extract"
  hyperfine --shell=bash --warmup 1 --runs "$runs" --export-json "$work/$compression.json" --prepare "$prepare" \
    -n "rkt fetch --render, file ($compression)" "$rkt fetch --render $aci" \
    -n "sha512sum + tar -x, file ($compression)" "$decompress < $aci | $floor" \
    -n "rkt fetch --render, https ($compression)" "$rkt fetch --render $base/bench-$compression.aci" \
    -n "sha512sum + tar -x, https ($compression)" "curl -sfk $base/bench-$compression.aci | $decompress | $floor" \
    -n "podman load, OCI archive file ($compression)" "$podman load --quiet -i $work/bench-$compression.oci.tar" \
    -n "rkt fetch --render, file, tiered JIT ($compression)" "$rkt_tiered fetch --render $aci" \
    -n "rkt fetch --render, https, tiered JIT ($compression)" "$rkt_tiered fetch --render $base/bench-$compression.aci" \
    >/dev/null
done

printf '%-52s %10s %10s\n' "benchmark" "min (s)" "median (s)"
for compression in none gzip; do
  jq -r '.results[] | [.command, .min, .median] | @tsv' "$work/$compression.json" |
    while IFS=$'\t' read -r name min median; do printf '%-52s %10.3f %10.3f\n' "$name" "$min" "$median"; done
  jq -r '.results as $r | def m(i): $r[i].median; def x(a; b): (m(a) / m(b) * 100 | round / 100 | tostring) + "x";
    "ratios of medians (\($r[0].command | sub("rkt fetch --render, file ";""))):",
    "  rkt / floor: file " + x(0; 1) + ", https " + x(2; 3) + "; tiered JIT: file " + x(5; 1) + ", https " + x(6; 3),
    "  rkt / podman load: file " + x(0; 4) + ", https " + x(2; 4) + "; tiered JIT: file " + x(5; 4) + ", https " + x(6; 4)' \
    "$work/$compression.json"
done
echo "image: ${size_mb} MiB of incompressible files; machine: $(nproc) cores, $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg)"
