# Sourced by Rocket's set-up scripts: installs the Debian packages a command needs, or says what is missing.

# rocket_require_packages PACKAGE... installs the packages that are not installed yet.
rocket_require_packages() {
  local missing=() package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    rocket_fail "needs these Debian packages, installed as root: ${missing[*]}"
  fi
  echo "$ROCKET_TOOL: installing ${missing[*]}..." >&2
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; } >&2 \
    || rocket_fail "could not install the Debian packages: ${missing[*]}"
}
