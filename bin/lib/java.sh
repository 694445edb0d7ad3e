# Sourced by Rocket's launchers: finds a Java 25 JDK, builds the project when its sources changed, and starts
# the JVM with the JDK's AOT cache of the command line's family of commands (trained here, see rocket_train_aot).
# Prints one line and exits non-zero when something it needs is missing.

ROCKET_ROOT=$(cd "${BASH_SOURCE[0]%/*}/../.." && pwd)
ROCKET_JAR="$ROCKET_ROOT/rocket-cli/target/rocket-cli.jar"
ROCKET_AOT_DIR="$ROCKET_ROOT/rocket-cli/target/aot"
ROCKET_AOT_WORKLOADS=(fetch fetch-remote start list status image-list general) # as dev.rocket.cli.AotTraining.WORKLOADS
# The JVM flags of every command, measured for start-up: C1 only, the serial GC, methods compiled after four times
# the usual number of calls and loop turns (a command is short: most methods it compiles by default run a few
# hundred times and never pay their compile back; -8 to -12% CPU for version, list, prepare and a 100 MB fetch,
# docs/performance.md). ROCKET_JAVA_OPTS adds to (and, being later, overrides) them for one command, e.g.
# ROCKET_JAVA_OPTS=-XX:TieredStopAtLevel=4 for C2 (the AOT cache still serves its classes; fetches hash and decrypt
# with OpenSSL, so C2 gains them nothing, measured), or "-XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0"
# to map the AOT cache without relocating it (~30 ms less per start, at the price of a fixed address for the JVM's
# class metadata: see docs/performance.md).
ROCKET_JVM_FLAGS=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=4 -Xss1m
  --enable-native-access=ALL-UNNAMED)

rocket_fail() {
  echo "$ROCKET_TOOL: $*" >&2
  exit 254
}

# Sets JAVA_HOME to a Java 25 JDK: $JAVA_HOME if it is one, else the first under /usr/lib/jvm.
rocket_find_jdk() {
  local candidate line
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk* /usr/lib/jvm/*-25-* /usr/lib/jvm/*25*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] && [ -f "$candidate/release" ] || continue
    while IFS= read -r line; do
      if [[ $line == 'JAVA_VERSION="25'* ]]; then
        export JAVA_HOME="$candidate"
        return 0
      fi
    done < "$candidate/release"
  done
  rocket_fail "needs a Java 25 JDK: set JAVA_HOME to one, or install one (e.g. the temurin-25-jdk package)"
}

# Whether the jar is missing or older than a main source or pom: one find, stopping at the first newer file.
rocket_jar_stale() {
  [ -f "$ROCKET_JAR" ] || return 0
  [ -n "$(find "$ROCKET_ROOT"/pom.xml "$ROCKET_ROOT"/rocket-*/pom.xml "$ROCKET_ROOT"/rocket-*/src/main \
            -newer "$ROCKET_JAR" -print -quit 2>/dev/null)" ]
}

# Builds the command-line jar when it is missing or older than any main source or pom, then trains its AOT cache.
rocket_build_if_stale() {
  rocket_jar_stale || return 0
  command -v flock >/dev/null || rocket_fail "needs flock (Debian package util-linux) to build safely"
  mkdir -p "$ROCKET_ROOT/rocket-cli/target"
  (
    flock 9
    # Another launcher may have built it while this one waited.
    rocket_jar_stale || exit 0
    echo "$ROCKET_TOOL: building Rocket (first use or sources changed)..." >&2
    MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" "$ROCKET_ROOT/mvnw" -q -B -ntp -f "$ROCKET_ROOT/pom.xml" -DskipTests package >&2 \
      || rocket_fail "the build failed; see the Maven output above"
    touch "$ROCKET_JAR"
    rocket_train_aot
  ) 9>"$ROCKET_ROOT/rocket-cli/target/.build.lock" || exit $?
}

# Whether the AOT cache of WORKLOAD is newer than the jar and every jar of its class path (bash tests only).
rocket_aot_fresh() {
  local cache="$ROCKET_AOT_DIR/$1.aot" jar
  [ -f "$cache" ] || return 1
  for jar in "$ROCKET_JAR" "$ROCKET_ROOT"/rocket-cli/target/lib/*.jar; do
    [ "$jar" -nt "$cache" ] && return 1
  done
  return 0
}

# Whether every AOT cache is fresh.
rocket_aot_all_fresh() {
  local workload
  for workload in "${ROCKET_AOT_WORKLOADS[@]}"; do rocket_aot_fresh "$workload" || return 1; done
}

# Sets the caller's `workload` to the AOT cache a command line starts with: TOOL is rkt or actool, then its
# arguments. A cache made with class linking loads all its classes at every start, so the commands whose start-up
# matters most have their own (dev.rocket.cli.AotTraining): fetch; start (run, prepare, run-prepared); list; status;
# image-list; and general for every other one. A wrong guess costs only start-up time.
rocket_aot_workload() {
  local tool=$1 word
  shift
  workload=general
  [ "$tool" = rkt ] || return 0
  while [ $# -gt 0 ]; do
    word=$1
    shift
    case $word in
      --dir|--insecure-options|--local-config|--system-config|--user-config|--connect-to) shift ;; # and its value
      -*) ;;
      fetch) workload=fetch; rocket_aot_fetch_source "$@"; return 0 ;;
      list|status) workload=$word; return 0 ;;
      run|prepare|run-prepared) workload=start; return 0 ;;
      image) [ "${1:-}" != list ] || workload=image-list; return 0 ;;
      *) return 0 ;;
    esac
  done
  return 0
}

# For rkt fetch: fetch-remote (the cache that also holds the JDK's HTTP client and TLS, ~1000 classes more to load
# at start) when an image argument is neither a local file nor a file:// URL (https://, docker://, or a name to
# discover); a local fetch keeps the smaller cache.
rocket_aot_fetch_source() {
  while [ $# -gt 0 ]; do
    case $1 in
      --dir|--insecure-options|--local-config|--system-config|--user-config|--connect-to|--signature|--pull-policy) shift ;;
      -*|file://*) ;;
      *) [ -e "$1" ] || { workload=fetch-remote; return 0; } ;;
    esac
    [ $# -eq 0 ] || shift
  done
}

# Trains the AOT caches on the jar (dev.rocket.cli.AotTraining: each family of commands in turn, in one throw-away
# store; several seconds) and moves each into place whole, so a JVM never maps a half-written cache. Output goes to
# rocket-cli/target/aot/training.log. A cache that is missing, stale or unusable only costs start-up time: the
# JVM is told to ignore it silently (-Xlog:aot=off,cds=off). -XX:+AOTClassLinking: the cache also holds the classes
# linked and the lambda and method-handle classes the training resolved, loaded at start instead of spun (rkt run
# --net=none 800 -> 600 ms, list 349 -> 306 ms); it needs the jars unsealed, which LibraryJarsForStartup does, else
# the JVM stops with a sealing violation (docs/performance.md).
rocket_train_aot() {
  local tmp workload sqlite=() java training
  rocket_sqlite_flags
  mkdir -p "$ROCKET_AOT_DIR" || return 0
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/rocket-aot.XXXXXX") || return 0
  java=("$JAVA_HOME/bin/java" "${ROCKET_JVM_FLAGS[@]}" -Xlog:aot=off -Xlog:cds=off "${sqlite[@]}")
  training=(-cp "$ROCKET_JAR" dev.rocket.cli.AotTraining)
  {
    "${java[@]}" "${training[@]}" setup "$tmp/work"
    for workload in "${ROCKET_AOT_WORKLOADS[@]}"; do
      if "${java[@]}" -XX:AOTCacheOutput="$tmp/$workload.aot" -XX:+AOTClassLinking "${training[@]}" "$workload" "$tmp/work" \
           && [ -s "$tmp/$workload.aot" ]; then
        mv -f "$tmp/$workload.aot" "$ROCKET_AOT_DIR/$workload.aot"
      fi
    done
  } >"$ROCKET_AOT_DIR/training.log" 2>&1 </dev/null
  # The training's starts are rehearsals (LaunchRehearsal): undone, and no cgroup is ever made; a training killed
  # half-way can still leave a pod's mounts under the work dir, which go first. --one-file-system: never through one.
  rocket_unmount_under "$tmp"
  rm -rf --one-file-system "$tmp"
}

# Unmounts (lazily) everything mounted under DIR, deepest first.
rocket_unmount_under() {
  local dir=$1 point
  [ -r /proc/self/mountinfo ] || return 0
  while read -r point; do
    printf -v point '%b' "$point" # mountinfo escapes spaces and the like in octal
    umount -l "$point" 2>/dev/null || true
  done < <(awk -v d="$dir/" 'index($5, d) == 1 { print $5 }' /proc/self/mountinfo | sort -r)
}

# Trains the AOT caches in the background, once at a time, if the jar changed since (e.g. built by Maven directly).
# Quiet even where target/ is not writable (the lock's redirection comes after stderr's).
rocket_train_aot_if_stale() {
  command -v flock >/dev/null || return 0
  (
    flock -n 9 || exit 0
    rocket_aot_all_fresh || rocket_train_aot
  ) >/dev/null 2>&1 </dev/null 9>"$ROCKET_ROOT/rocket-cli/target/.aot.lock" &
  disown 2>/dev/null || true
}

# Sets the caller's array `sqlite` to the flags that load sqlite-jdbc's native library as the build unpacked it (no
# extraction to /tmp, no `uname -o` per start), with its temp dir there too: at first load sqlite-jdbc lists its
# whole temp dir for stale copies to delete (a busy /tmp of 4000 entries cost ~80 ms per command).
rocket_sqlite_flags() {
  local native="$ROCKET_ROOT/rocket-cli/target/sqlite-native/org/sqlite/native/Linux/${HOSTTYPE:-x86_64}"
  [ -f "$native/libsqlitejdbc.so" ] || return 0
  sqlite=(-Dorg.sqlite.lib.path="$native" -Dorg.sqlite.lib.name=libsqlitejdbc.so -Dorg.sqlite.tmpdir="$native")
}

# Replaces this shell with the JVM running MAIN_CLASS, with the AOT cache of the command line's family.
rocket_exec() {
  local main_class=$1
  shift
  rocket_find_jdk
  rocket_build_if_stale
  local aot=() sqlite=() workload
  rocket_sqlite_flags
  rocket_aot_workload "$ROCKET_TOOL" "$@"
  if rocket_aot_fresh "$workload"; then
    aot=(-XX:AOTCache="$ROCKET_AOT_DIR/$workload.aot" -Xlog:aot=off -Xlog:cds=off)
  else
    rocket_train_aot_if_stale
  fi
  # shellcheck disable=SC2086 # ROCKET_JAVA_OPTS is a list of flags
  exec "$JAVA_HOME/bin/java" "${ROCKET_JVM_FLAGS[@]}" "${aot[@]}" "${sqlite[@]}" ${ROCKET_JAVA_OPTS:-} -cp "$ROCKET_JAR" "$main_class" "$@"
}
