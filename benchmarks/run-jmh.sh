#!/usr/bin/env bash
# JMH microbenchmarks of Spindle's operators and Parquet reader (io.spindle.benchmarks.jmh): builds this checkout,
# then runs the benchmarks whose names match REGEX (all of them by default), each in one forked JVM, and prints
# JMH's table, also written to benchmarks/target/jmh-results.txt (and as JSON to jmh-results.json). Scores are
# rows per second. See docs/benchmarks.md.
set -euo pipefail

usage() {
  cat <<'EOF_USAGE'
usage: benchmarks/run-jmh.sh [--no-build] [REGEX] [-- JMH options...]
  REGEX       which benchmarks to run, matched against their names, e.g. Sort or 'Join.*hashJoin'
              (default: every benchmark of io.spindle.benchmarks.jmh)
  --no-build  run what the last build left in benchmarks/target
  JMH options after --, e.g. -- -p keys=unique -prof gc; -- -h lists them all.
The whole suite takes about 4 minutes on 2 cores, more on a busy machine.
Environment: JMH_MAX_LOAD (default 2.5) and JMH_QUIET_WAIT (seconds, default 120): before running, wait up to
JMH_QUIET_WAIT for the 1-minute load average to drop below JMH_MAX_LOAD, as run-tpch.sh does.
EOF_USAGE
}

build=true
regex=io.spindle.benchmarks.jmh
jmh_options=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=false; shift ;;
    -h|--help) usage; exit 0 ;;
    --) shift; jmh_options=("$@"); break ;;
    -*) echo "run-jmh.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
    *) regex=$1; shift ;;
  esac
done

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
target=$here/target

if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/java-17-openjdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
fi
java_bin=${JAVA_HOME:+$JAVA_HOME/bin/}java

# The benchmarks drive container-runtime's operators directly, so they must run against this checkout's modules,
# not against whatever snapshot someone last installed into the local Maven repository (run-tpch.sh builds with
# -pl benchmarks alone and measures that snapshot). Hence -am: Maven builds the modules the benchmarks depend on in
# the same reactor, and the package phase copies the reactor's jars, not the repository's, to target/spindle-jars.
# Nothing is installed, so the shared repository is left as it is. -Dexec.skip leaves out resolving Spark's class
# path, which only the TPC-H run needs; -Dmaven.test.skip leaves out every module's tests (the benchmarks' own
# set-up test runs with: mvn -Pbenchmarks -pl benchmarks -am test -Dtest=BenchmarkSetUpTest
# -Dsurefire.failIfNoSpecifiedTests=false). The first build downloads JMH.
if [ "$build" = true ]; then
  echo "== building: mvn -q -Pbenchmarks -pl benchmarks -am package -Dmaven.test.skip=true -Dexec.skip=true"
  (cd "$root" && mvn -q -B -Pbenchmarks -pl benchmarks -am package -Dmaven.test.skip=true -Dexec.skip=true)
fi
jar=$(ls "$target"/spindle-benchmarks-*.jar 2>/dev/null | head -n 1 || true)
if [ -z "$jar" ] || [ ! -s "$target/classpath/spindle.txt" ] || ! ls "$target"/spindle-jars/*.jar > /dev/null 2>&1; then
  echo "run-jmh.sh: no build in $target; run without --no-build" >&2
  exit 1
fi
# JMH's forked JVMs inherit this class path.
classpath="$jar:$(ls "$target"/spindle-jars/*.jar | paste -sd: -):$(cat "$target/classpath/spindle.txt")"

# A busy machine slows every score; wait, within limits, for other work to settle, and record the load.
max_load=${JMH_MAX_LOAD:-2.5}
quiet_wait=${JMH_QUIET_WAIT:-120}
waited=0
load=$(cut -d' ' -f1 /proc/loadavg)
while awk -v l="$load" -v m="$max_load" 'BEGIN { exit !(l > m) }' && [ "$waited" -lt "$quiet_wait" ]; do
  if [ "$waited" -eq 0 ]; then echo "== load average $load > $max_load: waiting up to ${quiet_wait} s for it to drop"; fi
  sleep 10
  waited=$((waited + 10))
  load=$(cut -d' ' -f1 /proc/loadavg)
done

{
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m 1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  "$java_bin" -version 2>&1 | head -n 1
} | tee "$target/jmh-machine.txt"

"$java_bin" -cp "$classpath" org.openjdk.jmh.Main "$regex" -rf json -rff "$target/jmh-results.json" "${jmh_options[@]}" \
  | tee "$target/jmh-results.txt"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$target/jmh-machine.txt"
