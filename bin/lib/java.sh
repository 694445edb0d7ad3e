# Sourced by Rocket's launchers: finds a Java 25 JDK and builds the project when its sources changed.
# Prints one line and exits non-zero when something it needs is missing.

ROCKET_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ROCKET_JAR="$ROCKET_ROOT/rocket-cli/target/rocket-cli.jar"

rocket_fail() {
  echo "$ROCKET_TOOL: $*" >&2
  exit 254
}

# Sets JAVA_HOME to a Java 25 JDK: $JAVA_HOME if it is one, else the first under /usr/lib/jvm.
rocket_find_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk* /usr/lib/jvm/*-25-* /usr/lib/jvm/*25*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] && [ -f "$candidate/release" ] || continue
    if grep -q '^JAVA_VERSION="25' "$candidate/release"; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  rocket_fail "needs a Java 25 JDK: set JAVA_HOME to one, or install one (e.g. the temurin-25-jdk package)"
}

# Builds the command-line jar when it is missing or older than any main source or pom.
rocket_build_if_stale() {
  if [ -f "$ROCKET_JAR" ] && [ -z "$(find "$ROCKET_ROOT" -maxdepth 1 -name pom.xml -newer "$ROCKET_JAR" -print -quit)" ] \
     && [ -z "$(find "$ROCKET_ROOT"/rocket-*/src/main "$ROCKET_ROOT"/rocket-*/pom.xml -newer "$ROCKET_JAR" -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  command -v flock >/dev/null || rocket_fail "needs flock (Debian package util-linux) to build safely"
  mkdir -p "$ROCKET_ROOT/rocket-cli/target"
  (
    flock 9
    # Another launcher may have built it while this one waited.
    if [ -f "$ROCKET_JAR" ] && [ -z "$(find "$ROCKET_ROOT"/rocket-*/src/main "$ROCKET_ROOT"/pom.xml "$ROCKET_ROOT"/rocket-*/pom.xml -newer "$ROCKET_JAR" -print -quit 2>/dev/null)" ]; then
      exit 0
    fi
    echo "$ROCKET_TOOL: building Rocket (first use or sources changed)..." >&2
    MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" "$ROCKET_ROOT/mvnw" -q -B -ntp -f "$ROCKET_ROOT/pom.xml" -DskipTests package >&2 \
      || rocket_fail "the build failed; see the Maven output above"
    touch "$ROCKET_JAR"
  ) 9>"$ROCKET_ROOT/rocket-cli/target/.build.lock" || exit $?
}

# Replaces this shell with the JVM running MAIN_CLASS.
rocket_exec() {
  local main_class=$1
  shift
  rocket_find_jdk
  rocket_build_if_stale
  exec "$JAVA_HOME/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss1m \
    --enable-native-access=ALL-UNNAMED -cp "$ROCKET_JAR" "$main_class" "$@"
}
