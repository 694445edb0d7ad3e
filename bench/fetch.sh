#!/usr/bin/env bash
# Benchmark (issue 3): fetch + verify + store of a ~100 MB image from a local file, beside the floor of
# sha512sum + tar -x of the same bytes, in the same run. Prints min and median of each and their ratio.
# Run as root on the machine to measure: bench/fetch.sh [SIZE_MB]
set -euo pipefail
ROCKET_TOOL=bench
. "$(dirname "$(readlink -f "$0")")/../bin/lib/java.sh"
. "$ROCKET_ROOT/bin/lib/packages.sh"
rocket_require_packages hyperfine gnupg coreutils tar gzip jq
rocket_find_jdk
rocket_build_if_stale

size_mb=${1:-100}
work=$(mktemp -d)
export GNUPGHOME="$work/gnupg"
trap 'gpgconf --kill all >/dev/null 2>&1; rm -rf "$work"' EXIT
rkt="$ROCKET_ROOT/bin/rkt --dir=$work/data --local-config=$work/etc --system-config=$work/lib"

mkdir -p "$work/layout/rootfs/data" "$work/extract"
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

for compression in none gzip; do
  aci="$work/bench-$compression.aci"
  "$ROCKET_ROOT/bin/actool" build --compression=$compression "$work/layout" "$aci"
  gpg --batch --quiet --armor --detach-sign --output "$aci.asc" "$aci"
  decompress=cat; [ "$compression" = gzip ] && decompress="gzip -dc"
  hyperfine --shell=bash --warmup 1 --runs 5 --export-json "$work/$compression.json" \
    --prepare "rm -rf $work/data $work/extract && mkdir -p $work/extract" \
    -n "rkt fetch ($compression)" "$rkt fetch $aci" \
    -n "sha512sum + tar -x ($compression)" "$decompress $aci | tee >(sha512sum >/dev/null) | tar -x -C $work/extract" \
    >/dev/null
done

printf '%-34s %10s %10s\n' "benchmark" "min (s)" "median (s)"
for compression in none gzip; do
  jq -r '.results[] | [.command, .min, .median] | @tsv' "$work/$compression.json" |
    while IFS=$'\t' read -r name min median; do printf '%-34s %10.3f %10.3f\n' "$name" "$min" "$median"; done
  jq -r '"ratio rkt / floor (\(.results[0].command | sub("rkt fetch ";""))): " + ((.results[0].median / .results[1].median) * 100 | round / 100 | tostring) + "x"' "$work/$compression.json"
done
echo "image: ${size_mb} MiB of incompressible files; machine: $(nproc) cores, $(uname -r)"
