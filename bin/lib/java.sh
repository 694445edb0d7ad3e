# Sourced by Rocket's launchers: finds a Java 25 JDK, builds the project when its sources changed, and starts
# the JVM with the JDK's AOT cache of the command-line jar (trained here, see rocket_train_aot).
# Prints one line and exits non-zero when something it needs is missing.

ROCKET_ROOT=$(cd "${BASH_SOURCE[0]%/*}/../.." && pwd)
ROCKET_JAR="$ROCKET_ROOT/rocket-cli/target/rocket-cli.jar"
ROCKET_AOT="$ROCKET_ROOT/rocket-cli/target/rocket-cli.aot"
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

# Whether the AOT cache is newer than the jar and every jar of its class path (bash tests only: no process).
rocket_aot_fresh() {
  [ -f "$ROCKET_AOT" ] || return 1
  local jar
  for jar in "$ROCKET_JAR" "$ROCKET_ROOT"/rocket-cli/target/lib/*.jar; do
    [ "$jar" -nt "$ROCKET_AOT" ] && return 1
  done
  return 0
}

# Trains the AOT cache on the jar (dev.rocket.cli.AotTraining: the short commands in a throw-away store; a few
# seconds) and moves it into place whole, so a JVM never maps a half-written cache. Output goes to
# rocket-cli/target/rocket-cli.aot.log. A cache that is missing, stale or unusable only costs start-up time:
# the JVM is told to ignore it silently (-Xlog:aot=off,cds=off). -XX:+AOTClassLinking: the cache also holds the
# classes linked and the lambda and method-handle classes the training resolved, loaded at start instead of spun
# (rkt run --net=none 800 -> 600 ms, list 349 -> 306 ms, version unchanged; it needs the jars unsealed, which
# LibraryJarsForStartup does, else the JVM stops with a sealing violation; docs/performance.md).
rocket_train_aot() {
  local tmp sqlite=()
  rocket_sqlite_flags
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/rocket-aot.XXXXXX") || return 0
  if "$JAVA_HOME/bin/java" "${ROCKET_JVM_FLAGS[@]}" -XX:AOTCacheOutput="$tmp/cache.aot" -XX:+AOTClassLinking -Xlog:aot=off -Xlog:cds=off \
       "${sqlite[@]}" -cp "$ROCKET_JAR" dev.rocket.cli.AotTraining "$tmp/work" >"$ROCKET_AOT.log" 2>&1 </dev/null \
     && [ -s "$tmp/cache.aot" ]; then
    mv -f "$tmp/cache.aot" "$ROCKET_AOT"
  fi
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

# Trains the AOT cache in the background, once at a time, if the jar changed since (e.g. built by Maven directly).
# Quiet even where target/ is not writable (the lock's redirection comes after stderr's).
rocket_train_aot_if_stale() {
  rocket_aot_fresh && return 0
  command -v flock >/dev/null || return 0
  (
    flock -n 9 || exit 0
    rocket_aot_fresh || rocket_train_aot
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

# Replaces this shell with the JVM running MAIN_CLASS.
rocket_exec() {
  local main_class=$1
  shift
  rocket_find_jdk
  rocket_build_if_stale
  local aot=() sqlite=()
  rocket_sqlite_flags
  if rocket_aot_fresh; then
    aot=(-XX:AOTCache="$ROCKET_AOT" -Xlog:aot=off -Xlog:cds=off)
  else
    rocket_train_aot_if_stale
  fi
  # shellcheck disable=SC2086 # ROCKET_JAVA_OPTS is a list of flags
  exec "$JAVA_HOME/bin/java" "${ROCKET_JVM_FLAGS[@]}" "${aot[@]}" "${sqlite[@]}" ${ROCKET_JAVA_OPTS:-} -cp "$ROCKET_JAR" "$main_class" "$@"
}
