#!/usr/bin/env bash
# Benchmark (issue 3): fetch + verify + store + render into the tree store of a ~100 MB signed image, from a
# local file and from loopback HTTPS, beside the floor of sha512sum + tar -x of the same bytes (read the same
# way: a file, or curl from the same server), in the same run. Prints min and median of each and the ratio.
# Run as root on the machine to measure: bench/fetch.sh [SIZE_MB] [RUNS]
set -euo pipefail
ROCKET_TOOL=bench
. "$(dirname "$(readlink -f "$0")")/../bin/lib/java.sh"
. "$ROCKET_ROOT/bin/lib/packages.sh"
rocket_require_packages hyperfine gnupg coreutils tar gzip jq curl openssl python3
rocket_find_jdk
rocket_build_if_stale

size_mb=${1:-100}
runs=${2:-5}
work=$(mktemp -d)
export GNUPGHOME="$work/gnupg"
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; fi
  gpgconf --kill all >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
# The HTTPS server's certificate is made here, so rkt fetches it with --insecure-options=tls (the image's
# signature is still verified; only the transport's certificate check is skipped).
rkt="$ROCKET_ROOT/bin/rkt --dir=$work/data --local-config=$work/etc --system-config=$work/lib --insecure-options=tls"

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

prepare="rm -rf $work/data $work/extract && mkdir -p $work/extract"
for compression in none gzip; do
  aci="$work/www/bench-$compression.aci"
  "$ROCKET_ROOT/bin/actool" build --compression=$compression "$work/layout" "$aci"
  gpg --batch --quiet --armor --detach-sign --output "$aci.asc" "$aci"
  decompress=cat; [ "$compression" = gzip ] && decompress="gzip -dc"
  floor="tee >(sha512sum >/dev/null) | tar -x -C $work/extract"
  hyperfine --shell=bash --warmup 1 --runs "$runs" --export-json "$work/$compression.json" --prepare "$prepare" \
    -n "rkt fetch --render, file ($compression)" "$rkt fetch --render $aci" \
    -n "sha512sum + tar -x, file ($compression)" "$decompress < $aci | $floor" \
    -n "rkt fetch --render, https ($compression)" "$rkt fetch --render $base/bench-$compression.aci" \
    -n "sha512sum + tar -x, https ($compression)" "curl -sfk $base/bench-$compression.aci | $decompress | $floor" \
    >/dev/null
done

printf '%-42s %10s %10s\n' "benchmark" "min (s)" "median (s)"
for compression in none gzip; do
  jq -r '.results[] | [.command, .min, .median] | @tsv' "$work/$compression.json" |
    while IFS=$'\t' read -r name min median; do printf '%-42s %10.3f %10.3f\n' "$name" "$min" "$median"; done
  jq -r '"ratio rkt / floor, median (\(.results[0].command | sub("rkt fetch --render, ";""))): " + ((.results[0].median / .results[1].median) * 100 | round / 100 | tostring) + "x",
         "ratio rkt / floor, median (\(.results[2].command | sub("rkt fetch --render, ";""))): " + ((.results[2].median / .results[3].median) * 100 | round / 100 | tostring) + "x"' "$work/$compression.json"
done
echo "image: ${size_mb} MiB of incompressible files; machine: $(nproc) cores, $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg)"
