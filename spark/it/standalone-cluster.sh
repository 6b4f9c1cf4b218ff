#!/usr/bin/env bash
# A real Spark standalone cluster on this machine, from the Spark jars Maven resolved (no Spark
# installation): a Master and two Workers (one core each) as separate JVMs on 127.0.0.1, ports
# picked by the OS. latentwalk-spark.jar is submitted with spark-submit's main class
# (org.apache.spark.deploy.SparkSubmit, client mode) to run import -> encode (with --centroids)
# -> centroids -> interpolate on mnist-sample with a small VAE and the logistic judge. During interpolate, once a
# task of its main job runs on an executor, that executor and its Worker are killed (SIGKILL);
# the job must finish through Spark's task retry. The centroids (the centroids job's and those
# encode summed while writing the codes) and every pair metric must
# equal the single-machine engine's exactly: the script prints 'identical' and exits 0, else exits 1.
# Every JVM it started is stopped on success and on failure, and checked gone with pgrep.
#
# Usage: spark/it/standalone-cluster.sh [WORK_DIR]
#   WORK_DIR (new or empty) keeps the data, models, outputs and logs; without it a temporary
#   directory is used and deleted on success (kept, with its logs, on failure).
# Needs: spark/target/latentwalk-spark.jar, spark-classpath.txt, spark-shared-classpath.txt,
# jvm-options.txt and test-classes,
# i.e. 'mvn -B -pl spark -am package -DskipTests' (or the module's verify, which runs this script
# through the 'spark-cluster' profile; skip it with -Dspark.cluster.skip).
# Environment: JAVA_HOME; CLUSTER_STEPS (frames per walk, default 5); TMPDIR (about 2.5 GB free:
# every executor copies the 240 MB jar).
set -euo pipefail

module="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
target="$module/target"
jar="$target/latentwalk-spark.jar"
for f in "$jar" "$target/spark-classpath.txt" "$target/spark-shared-classpath.txt" \
  "$target/jvm-options.txt" "$target/test-classes"; do
  if [ ! -e "$f" ]; then
    echo "standalone-cluster: $f is missing; build it with 'mvn -B -pl spark -am package -DskipTests'" >&2
    exit 1
  fi
done
if ! command -v pgrep >/dev/null 2>&1; then
  echo "standalone-cluster: pgrep is needed to find and check the JVMs; install procps" >&2
  exit 1
fi
java_bin="java"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java_bin="$JAVA_HOME/bin/java"; fi

if [ -n "${1:-}" ]; then
  if [ -e "$1" ] && [ -n "$(ls -A "$1")" ]; then
    echo "standalone-cluster: $1 is not empty; give a new or empty work directory" >&2
    exit 2
  fi
  work="$(mkdir -p "$1" && readlink -f "$1")" own_work=0
else
  work="$(mktemp -d "${TMPDIR:-/tmp}/latentwalk-cluster.XXXXXX")" own_work=1
fi
mkdir -p "$work/logs" "$work/spark-home/jars" "$work/local"
steps="${CLUSTER_STEPS:-5}"
# Every JVM of this run carries this marker, so the final pgrep finds exactly ours.
marker="-Dlatentwalk.cluster=$work"
# The jars of a Spark distribution: Spark's 'provided' jars and its dependencies that latentwalk
# uses at compile scope too (see spark/pom.xml).
spark_cp="$(cat "$target/spark-classpath.txt"):$(cat "$target/spark-shared-classpath.txt")"
jvm_opts="$(cat "$target/jvm-options.txt")"
started=$(date +%s)

# Workers launch executors through Spark's launcher, which needs SPARK_HOME/jars: link the jars
# Maven resolved there.
IFS=: read -r -a spark_jars <<<"$spark_cp"
for j in "${spark_jars[@]}"; do ln -sf "$j" "$work/spark-home/jars/"; done
export SPARK_HOME="$work/spark-home" SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=127.0.0.1
export SPARK_LOCAL_DIRS="$work/local" SPARK_WORKER_DIR="$work/worker-dirs" OMP_NUM_THREADS=1

pids=()      # every JVM started here (daemons, drivers, helpers)
declare -A submitted # NAME -> start time (ms) of its spark-submit
executors=() # executors found under our workers
master_pid="" worker_pids=()

log() { echo "standalone-cluster [$(( $(date +%s) - started )) s]: $*" >&2; }

children() { pgrep -P "$1" 2>/dev/null || true; }

cleanup() {
  local rc=$?
  set +e
  for w in "${worker_pids[@]}"; do
    for e in $(children "$w"); do executors+=("$e"); done
  done
  for p in "${pids[@]}" "${executors[@]}"; do kill -TERM "$p" 2>/dev/null; done
  for _ in $(seq 1 50); do
    alive=0
    for p in "${pids[@]}" "${executors[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.2
  done
  for p in "${pids[@]}" "${executors[@]}"; do kill -KILL "$p" 2>/dev/null; done
  sleep 0.5
  left="$(pgrep -f -- "$marker" || true)"
  if [ -n "$left" ]; then
    echo "standalone-cluster: JVMs left running after cleanup: $left" >&2
    rc=1
  else
    log "stopped every JVM of this run (pgrep -f '$marker' finds none)"
  fi
  if [ "$rc" != 0 ]; then
    echo "standalone-cluster: FAILED (exit $rc); logs in $work/logs" >&2
  elif [ "$own_work" = 1 ]; then
    rm -rf "$work"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Waits until FILE contains a line matching REGEX (or the process PID dies); prints the match.
await_log() {
  local file="$1" regex="$2" pid="$3" secs="${4:-120}"
  for _ in $(seq 1 $((secs * 10))); do
    if [ -f "$file" ] && grep -Eo "$regex" "$file" | head -1 | grep .; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "standalone-cluster: process $pid exited before '$regex' appeared in $file:" >&2
      tail -n 20 "$file" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "standalone-cluster: '$regex' did not appear in $file within $secs s" >&2
  return 1
}

daemon() { # NAME CLASS ARGS...: starts a Spark daemon JVM in the background
  local name="$1"
  shift
  # shellcheck disable=SC2086
  "$java_bin" $jvm_opts "$marker" -Xmx256m -cp "$spark_cp" "$@" >"$work/logs/$name.log" 2>&1 &
  pids+=("$!")
}

daemon master -Dspark.master.rest.enabled=false org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 0 --webui-port 0
master_pid=$!
master_url="$(await_log "$work/logs/master.log" 'spark://127\.0\.0\.1:[0-9]+' "$master_pid" | head -1)"
log "master $master_url (pid $master_pid)"
for i in 1 2; do
  daemon "worker$i" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --port 0 \
    --webui-port 0 --cores 1 --memory 1g --work-dir "$work/worker$i" "$master_url"
  worker_pids+=("$!")
done
for i in 1 2; do
  await_log "$work/logs/worker$i.log" 'Successfully registered with master' "${worker_pids[$((i - 1))]}" >/dev/null
done
log "2 workers registered (pids ${worker_pids[*]}), 1 core and 1 GB each"

helper() { # the Java half: StandaloneClusterCheck
  # shellcheck disable=SC2086
  "$java_bin" $jvm_opts "$marker" -Xmx1g -cp "$target/test-classes:$jar:$spark_cp" \
    org.latentwalk.spark.StandaloneClusterCheck "$@"
}

# Runs spark-submit (client mode) in the background with the latentwalk-spark CLI arguments, on at
# most CORES executor cores; NAME names the logs.
submit() {
  local name="$1" cores="$2"
  shift 2
  submitted[$name]=$(date +%s%3N)
  # shellcheck disable=SC2086
  "$java_bin" $jvm_opts "$marker" -Xmx1g -cp "$spark_cp" org.apache.spark.deploy.SparkSubmit \
    --master "$master_url" --deploy-mode client --class org.latentwalk.spark.cli.SparkMain \
    --name "latentwalk $name" \
    --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
    --conf spark.executor.cores=1 --conf "spark.cores.max=$cores" --conf spark.executor.memory=512m \
    --conf "spark.executor.extraJavaOptions=--add-modules jdk.incubator.vector $marker" \
    --conf spark.ui.enabled=true --conf spark.ui.port=0 \
    "$jar" "$@" >"$work/logs/$name.out" 2>"$work/logs/$name.log" &
  pids+=("$!")
}

finish() { # NAME PID: waits for a submitted job; fails the script if it failed
  local name="$1" pid="$2"
  if ! wait "$pid"; then
    echo "standalone-cluster: '$name' failed:" >&2
    tail -n 5 "$work/logs/$name.out" "$work/logs/$name.log" >&2
    exit 1
  fi
  local wall jobs
  wall=$(( $(date +%s%3N) - ${submitted[$name]} ))
  # DAGScheduler's "Job N finished: ..., took X s" lines: the time inside Spark jobs
  jobs="$(sed -nE 's/.*Job [0-9]+ finished: .*, took ([0-9.]+) s$/\1/p' "$work/logs/$name.log" \
    | awk '{ s += $1 } END { printf "%.1f", s }')"
  log "$name done in $((wall / 1000)).$(( (wall % 1000) / 100 )) s (spark-submit to exit; Spark jobs ${jobs} s): $(tail -n 1 "$work/logs/$name.out")"
}

run() { # NAME ARGS...: submits on both cores and waits
  local name="$1"
  shift
  submit "$name" 2 "$@"
  finish "$name" $!
}

helper models "$work/models" >"$work/logs/models.out" 2>"$work/logs/models.log" &
pids+=("$!")
models_pid=$!
data="file://$work/data"
# the two imports side by side, one executor each
submit import-train 1 import -d mnist-sample --split train --files 4 --output "$data/train"
train_pid=$!
submit import-test 1 import -d mnist-sample --split test --files 4 --output "$data/test"
test_pid=$!
finish import-train "$train_pid"
finish import-test "$test_pid"
wait "$models_pid" || { tail -n 20 "$work/logs/models.log" >&2; exit 1; }
log "trained the VAE and the judge on one machine: $work/models"
run encode encode --input "$data/train" -m "$work/models/vae" --output "$data/codes" \
  --centroids "$work/out/encode-centroids"
run centroids centroids --input "$data/codes" --output "$work/out/centroids"

submit interpolate 2 interpolate --input "$data/test" -m "$work/models/vae" \
  --judge "$work/models/judge" --centroids "$work/out/centroids" --steps "$steps" \
  --output "$work/out/walks"
interpolate_pid=$!
busy="$(helper await-task "$work/logs/interpolate.log" 300 2>"$work/logs/await-task.log")" \
  || { cat "$work/logs/await-task.log" >&2; exit 1; }
read -r app executor <<<"$busy"
victim_exec="" victim_worker=""
for w in "${worker_pids[@]}"; do
  for e in $(children "$w"); do
    if tr '\0' ' ' <"/proc/$e/cmdline" | grep -Eq -- "--executor-id $executor .*--app-id $app( |$)"; then
      victim_exec="$e" victim_worker="$w"
    fi
  done
done
if [ -z "$victim_exec" ]; then
  echo "standalone-cluster: executor $executor of $app not found under workers ${worker_pids[*]}" >&2
  exit 1
fi
kill -KILL "$victim_exec" "$victim_worker"
log "killed executor $executor (pid $victim_exec) and its worker (pid $victim_worker) while it ran a task of interpolate"
finish interpolate "$interpolate_pid"
# The kill must have cost a running task: a task attempt started on the killed executor that never
# finished there, and a later attempt of the same task that finished on the other one.
ilog="$work/logs/interpolate.log"
grep -q "Lost executor $executor on" "$ilog" \
  || { echo "standalone-cluster: the driver never lost executor $executor" >&2; exit 1; }
retried=""
while read -r index attempt stage; do
  if ! grep -q "Finished task $index\.$attempt in stage $stage " "$ilog"; then
    next="$(grep -Eo "Finished task $index\.$((attempt + 1)) in stage $stage \(TID [0-9]+\) in [0-9]+ ms on 127\.0\.0\.1 \(executor [0-9]+\)" "$ilog" || true)"
    if [ -z "$next" ]; then
      echo "standalone-cluster: task $index.$attempt of stage $stage, lost with executor $executor, was not retried to success" >&2
      exit 1
    fi
    retried="$retried; task $index.$attempt of stage $stage lost, retried: $next"
  fi
done < <(sed -nE "s/.*Starting task ([0-9]+)\.([0-9]+) in stage ([0-9.]+) \(TID [0-9]+\) \(127\.0\.0\.1, executor $executor,.*/\1 \2 \3/p" "$ilog")
if [ -z "$retried" ]; then
  echo "standalone-cluster: no task was running on executor $executor when it was killed; the kill did not land mid-job" >&2
  exit 1
fi
log "$(grep -Eo "Lost executor $executor on [^:]*: .*" "$ilog" | head -1)${retried}"
log "interpolate done after the kill: $(grep -E '^all ' "$work/logs/interpolate.out" || true)"

helper compare "$work" "$steps" 1.0 >"$work/logs/compare.out" 2>"$work/logs/compare.log" \
  || { cat "$work/logs/compare.out" >&2; tail -n 20 "$work/logs/compare.log" >&2; exit 1; }
cat "$work/logs/compare.out" >&2
log "cluster run done in $(( $(date +%s) - started )) s; work directory $work"
tail -n 1 "$work/logs/compare.out"
