# Selects a JDK >= 25 for Gust's scripts (./mvnw and ./gust source this file, POSIX sh).
# Keeps JAVA_HOME if it is one; otherwise takes the first under /usr/lib/jvm; exports it.
# When there is none, says what is missing and exits.

gust_required_java=25

gust_java_major() { # prints the feature version of the JDK at $1, or nothing
  if [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
  fi
}

gust_select_jdk() {
  case $- in *f*) gust_noglob=1 ;; *) gust_noglob=0 ;; esac
  set +f
  for gust_candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$gust_candidate" ] && [ -d "$gust_candidate" ] || continue
    gust_major="$(gust_java_major "$gust_candidate")"
    if [ -n "$gust_major" ] && [ "$gust_major" -ge "$gust_required_java" ]; then
      JAVA_HOME="$gust_candidate"
      export JAVA_HOME
      [ "$gust_noglob" = 0 ] || set -f
      return 0
    fi
  done
  [ "$gust_noglob" = 0 ] || set -f
  echo "gust: needs a JDK $gust_required_java or newer (java and javac)." >&2
  echo "      Looked at JAVA_HOME (${JAVA_HOME:-unset}) and /usr/lib/jvm/*." >&2
  echo "      Install one (for example Temurin 25) and set JAVA_HOME to it." >&2
  exit 1
}

gust_select_jdk
