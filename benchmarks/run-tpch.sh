#!/usr/bin/env bash
# TPC-H on Spindle (local[2], and on the embedded one-machine YARN cluster with warm executors), Spark and
# DuckDB on this machine: generates the data (once per scale factor), runs each query's standard SQL text on
# each engine in its own JVM (one warm-up run, then --runs timed runs), checks that the engines return the
# same rows, and prints the medians, the ratios and their geometric means, also written to
# benchmarks/target/tpch-results.md. A query that fails or times out on an engine, or an engine
# whose JVM dies, is shown as failed in the report and does not stop the run.
# See benchmarks/README.md.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: benchmarks/run-tpch.sh [--scale-factor 1] [--runs 3] [--queries all] [--engines all] [--timeout 300] [--jfr]
  --scale-factor N  TPC-H scale factor; data goes to benchmarks/target/tpch/sf<N> (default 1)
  --runs N          timed runs of each query on each engine, after one warm-up run (default 3)
  --queries LIST    comma-separated TPC-H queries, q1 to q22, or all (default all)
  --engines LIST    comma-separated engines, or all (default all: spindle,spindle-yarn,spark,duckdb):
                    spindle       Spindle in local[2] mode
                    spindle-yarn  Spindle on the embedded one-machine YARN cluster: one application, 2 executors
                                  of 1 core and 1536m heap each, kept up across all queries
                    spark         Spark 3.5 in local[2] mode
                    duckdb        DuckDB with 2 threads
  --timeout S       seconds any one run of a query may take before it is recorded as failed (default 300)
  --jfr             record Spindle's JVM with Java Flight Recorder (benchmarks/target/tpch-runs/spindle.jfr)
Environment: TPCH_MAX_LOAD (default 2.5) and TPCH_QUIET_WAIT (seconds, default 120): before each engine,
wait up to TPCH_QUIET_WAIT for the 1-minute load average to drop below TPCH_MAX_LOAD.
EOF
}

command_line="$0${*:+ $*}"
scale_factor=1
runs=3
queries=all
engines=all
timeout=300
jfr=false
while [ $# -gt 0 ]; do
  case "$1" in
    --scale-factor|--runs|--queries|--engines|--timeout)
      if [ $# -lt 2 ]; then echo "run-tpch.sh: $1 needs a value" >&2; usage >&2; exit 2; fi
      case "$1" in
        --scale-factor) scale_factor=$2 ;;
        --runs) runs=$2 ;;
        --queries) queries=$2 ;;
        --engines) engines=$2 ;;
        --timeout) timeout=$2 ;;
      esac
      shift 2 ;;
    --jfr) jfr=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run-tpch.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
if ! [[ $scale_factor =~ ^([0-9]+\.?[0-9]*|\.[0-9]+)$ ]] || ! awk -v sf="$scale_factor" 'BEGIN { exit !(sf > 0) }'; then
  echo "run-tpch.sh: --scale-factor must be a positive number such as 1 or 0.1, not '$scale_factor'" >&2; exit 2
fi
if ! [[ $runs =~ ^[1-9][0-9]*$ ]]; then
  echo "run-tpch.sh: --runs must be a positive whole number, not '$runs'" >&2; exit 2
fi
if ! [[ $timeout =~ ^[1-9][0-9]*$ ]]; then
  echo "run-tpch.sh: --timeout must be a positive whole number of seconds, not '$timeout'" >&2; exit 2
fi
queries=$(echo "$queries" | tr 'A-Z' 'a-z' | tr -d ' ')
if [ "$queries" = all ]; then
  queries=$(seq -s, -f 'q%g' 1 22)
fi
if ! [[ $queries =~ ^q([1-9]|1[0-9]|2[0-2])(,q([1-9]|1[0-9]|2[0-2]))*$ ]]; then
  echo "run-tpch.sh: --queries must be all or a comma-separated list of q1 to q22 such as q1,q6, not '$queries'" >&2; exit 2
fi
all_engines=spindle,spindle-yarn,spark,duckdb
engines=$(echo "$engines" | tr 'A-Z' 'a-z' | tr -d ' ')
if [ "$engines" = all ]; then
  engines=$all_engines
fi
if ! [[ $engines =~ ^(spindle|spindle-yarn|spark|duckdb)(,(spindle|spindle-yarn|spark|duckdb))*$ ]]; then
  echo "run-tpch.sh: --engines must be all or a comma-separated list of $all_engines such as spindle,duckdb, not '$engines'" >&2; exit 2
fi
# in the fixed order of all_engines, each once
engines=$(echo "$all_engines" | tr , '\n' | grep -x -F -f <(echo "$engines" | tr , '\n') | paste -sd, -)
selected() { [[ ",$engines," == *",$1,"* ]]; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
target=$here/target

# Hadoop 3.4 and Spark 3.5 want Java 17: prefer it when JAVA_HOME does not say otherwise.
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/java-17-openjdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
fi
java_bin=${JAVA_HOME:+$JAVA_HOME/bin/}java

# --- build, when there is none or the module changed since -------------------------------------------
jar=$(ls "$target"/spindle-benchmarks-*.jar 2>/dev/null | head -n 1 || true)
if [ -z "$jar" ] || [ ! -s "$target/classpath/spark.txt" ] || [ ! -s "$target/classpath/spindle.txt" ] || [ ! -s "$target/classpath/yarn.txt" ] \
    || [ -n "$(find "$here/pom.xml" "$here/spark-classpath/pom.xml" "$here/yarn-classpath/pom.xml" "$root/pom.xml" "$here/src" "$root/planner/src/main/resources/tpch" -newer "$jar" -print -quit)" ]; then
  echo "== building: mvn -q -Pbenchmarks -pl benchmarks package (the first build downloads Spark)"
  (cd "$root" && mvn -q -B -Pbenchmarks -pl benchmarks package)
  jar=$(ls "$target"/spindle-benchmarks-*.jar | head -n 1)
fi
# The Spindle jars as of the last build (see pom.xml), then the rest; not the shuffle service's shaded jar (-nm),
# which the embedded cluster's NodeManagers load by themselves.
spindle_jars=$(ls "$target"/spindle-jars/*.jar | grep -v -- '-nm\.jar$' | paste -sd: -)
spindle_cp="$jar:$spindle_jars:$(cat "$target/classpath/spindle.txt")"
# Spindle on YARN's JVM also hosts the embedded cluster; its containers run from the same class path.
yarn_cp="$jar:$spindle_jars:$(cat "$target/classpath/yarn.txt")"
spark_cp="$jar:$(cat "$target/classpath/spark.txt")"
duckdb_cp="$jar:$(cat "$target/classpath/duckdb.txt")"

logging=(-Dlog4j2.configurationFile=classpath:benchmark-log4j2.xml)
# What Spindle's own launcher (bin/spindle) and its tests open.
spindle_opens=(--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED)
spindle_flags=(-Xmx3g "${spindle_opens[@]}")
# The JVM of HDFS, YARN's ResourceManager and NodeManagers and the client; the driver and the executors run in
# containers of their own, sized by SpindleYarnTpch.
yarn_flags=(-Xmx2g "${spindle_opens[@]}")
# What Spark's own launcher passes on Java 17 (JavaModuleOptions); without them the session fails with
# IllegalAccessError on sun.nio.ch.DirectBuffer.
spark_flags=(-Xmx3g -XX:+IgnoreUnrecognizedVMOptions -Djdk.reflect.useDirectMethodHandle=false)
for opened in java.base/java.lang java.base/java.lang.invoke java.base/java.lang.reflect java.base/java.io \
    java.base/java.net java.base/java.nio java.base/java.util java.base/java.util.concurrent \
    java.base/java.util.concurrent.atomic java.base/jdk.internal.ref java.base/sun.nio.ch java.base/sun.nio.cs \
    java.base/sun.security.action java.base/sun.util.calendar java.security.jgss/sun.security.krb5; do
  spark_flags+=("--add-opens=$opened=ALL-UNNAMED")
done
duckdb_flags=(-Xmx1g)
export SPARK_LOCAL_IP=127.0.0.1

sf_name=$(awk -v sf="$scale_factor" 'BEGIN { s = sprintf("%.6f", sf); sub(/0+$/, "", s); sub(/\.$/, "", s); print s }')
data=$target/tpch/sf$sf_name
runs_dir=$target/tpch-runs
rm -rf "$runs_dir"
mkdir -p "$runs_dir"
phases=$runs_dir/phases.tsv
: > "$phases"

{
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m 1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "memory: $(free -h | awk '/^Mem:/ { print $2 }')"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "\$ java -version"
  "$java_bin" -version 2>&1
} > "$runs_dir/machine.txt"

now_ms() { date +%s%3N; }

# Waits, within limits, for other work on the machine to settle, and says what the load was.
quiet_note=""
wait_for_quiet() {
  local max_load=${TPCH_MAX_LOAD:-2.5} waited=0 limit=${TPCH_QUIET_WAIT:-120} load
  load=$(cut -d' ' -f1 /proc/loadavg)
  while awk -v l="$load" -v m="$max_load" 'BEGIN { exit !(l > m) }' && [ "$waited" -lt "$limit" ]; do
    if [ "$waited" -eq 0 ]; then echo "   load average $load > $max_load: waiting up to ${limit} s for it to drop"; fi
    sleep 10
    waited=$((waited + 10))
    load=$(cut -d' ' -f1 /proc/loadavg)
  done
  quiet_note="load average $load at start"
  if [ "$waited" -gt 0 ]; then quiet_note="$quiet_note, after waiting $waited s"; fi
}

# --- 1. data -----------------------------------------------------------------------------------------
echo "== TPC-H scale factor $sf_name under $data"
start=$(now_ms)
present=0
for marker in "$data"/*/_SUCCESS; do
  if [ -f "$marker" ]; then present=$((present + 1)); fi
done
note="generated"
if [ "$present" -eq 8 ]; then note="already there, skipped"; elif [ "$present" -gt 0 ]; then note="$present of 8 tables already there"; fi
"$java_bin" -Xmx2g "${spindle_opens[@]}" "${logging[@]}" -cp "$spindle_cp" io.spindle.benchmarks.tpch.GenerateTpch \
  --scale-factor "$scale_factor" --out "$data"
printf 'data generation\t%s\t%s\n' "$(($(now_ms) - start))" "$note" >> "$phases"

# --- 2. engines --------------------------------------------------------------------------------------
# run_engine ENGINE NAME MAIN CLASSPATH [JVM FLAGS...] [-- ENGINE OPTIONS...]
run_engine() {
  local engine=$1 name=$2 main=$3 cp=$4
  shift 4
  local jvm_flags=() engine_options=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do jvm_flags+=("$1"); shift; done
  if [ $# -gt 0 ]; then shift; engine_options=("$@"); fi
  local log=$runs_dir/$engine.log
  wait_for_quiet
  echo "== $name ($quiet_note)"
  local start status=0
  start=$(now_ms)
  "$java_bin" "${jvm_flags[@]}" "${logging[@]}" -cp "$cp" "$main" \
    --data "$data" --queries "$queries" --runs "$runs" --timeout "$timeout" --out "$runs_dir/$engine.tsv" \
    "${engine_options[@]}" 2> "$log" || status=$?
  local note="JVM start, set-up, warm-ups and timed runs; $quiet_note"
  if [ "$status" -ne 0 ]; then
    # The queries it finished are in its run file; the report shows the rest as failed.
    echo "run-tpch.sh: $name failed with exit status $status; the end of its log, $log:" >&2
    tail -n 20 "$log" >&2
    note="$note; FAILED with exit status $status"
  fi
  printf '%s JVM\t%s\t%s\n' "$name" "$(($(now_ms) - start))" "$note" >> "$phases"
}

spindle_extra=()
if [ "$jfr" = true ]; then
  spindle_extra=(-XX:StartFlightRecording=filename="$runs_dir/spindle.jfr",settings=profile)
fi
if selected spindle; then
  run_engine spindle Spindle io.spindle.benchmarks.tpch.SpindleTpch "$spindle_cp" "${spindle_flags[@]}" "${spindle_extra[@]}"
fi
if selected spindle-yarn; then
  run_engine spindle-yarn "Spindle on YARN" io.spindle.benchmarks.tpch.SpindleYarnTpch "$yarn_cp" "${yarn_flags[@]}" \
    -- --phases "$phases"
fi
if selected spark; then
  run_engine spark Spark io.spindle.benchmarks.tpch.SparkTpch "$spark_cp" "${spark_flags[@]}"
fi
if selected duckdb; then
  run_engine duckdb DuckDB io.spindle.benchmarks.tpch.DuckDbTpch "$duckdb_cp" "${duckdb_flags[@]}"
fi

# --- 3. report ---------------------------------------------------------------------------------------
"$java_bin" -cp "$jar" io.spindle.benchmarks.tpch.TpchReport --runs-dir "$runs_dir" --queries "$queries" --engines "$engines" \
  --scale-factor "$sf_name" --command "$command_line" --out "$target/tpch-results.md"
