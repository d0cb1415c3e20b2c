#!/usr/bin/env bash
# A real single-node Apache Kafka broker (KRaft, combined broker+controller) on
# 127.0.0.1, run from the Maven Central jars that pom.xml names. For tests, CI and
# benchmarks on machines without Docker.
#
#   kafka.sh fetch                      download the jars into .cache/lib (once per pom)
#   kafka.sh start [--port N] [--controller-port M] [--data DIR] [--partitions P]
#                  [--keep-data] [--timeout SECS]
#                                       format a fresh data dir (or keep it) and start;
#                                       prints the bootstrap address on stdout when ready
#   kafka.sh stop [--port N] [--timeout SECS] [--delete-data]
#                                       SIGTERM, wait, SIGKILL; idempotent
#   kafka.sh status                     the brokers this folder started
#   kafka.sh clean                      delete .run/<port> of every stopped broker
#   kafka.sh console-consumer --topic T [--bootstrap H:P] [--max-messages N]
#                  [--timeout-ms MS] [--group G] [-- extra ConsoleConsumer args]
#                                       Kafka's own consumer, --from-beginning; prints
#                                       one line per record: headers<TAB>key<TAB>value
#                                       (headers as k:v,k2:v2 or NO_HEADERS)
#   kafka.sh version                    the Kafka version in pom.xml
#
# Environment: JAVA_HOME; KAFKA_HEAP_OPTS (default -Xms128m -Xmx512m); KAFKA_JVM_OPTS;
# KAFKA_OPTS (added); KAFKA_READY_CHECK=auto|node|java|none; KAFKA_START_TIMEOUT (s, 90);
# KAFKA_CDS=0 (no class-sharing archives); KAFKA_MVN_ARGS (added to mvn).
# Layout (all beside this script): .cache/lib (jars), .run/<port>.pid,
# .run/<port>/{server.properties,broker.env,broker.log,console.out,data/}.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$HERE/../.." && pwd)"
CACHE="$HERE/.cache"
LIB="$CACHE/lib"
RUN="$HERE/.run"
POM="$HERE/pom.xml"
LOG4J2="$HERE/log4j2.xml"

if [[ -n "${JAVA_HOME:-}" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="java"; fi

DEFAULT_PORT=19092

die() { echo "kafka.sh: $*" >&2; exit 1; }
note() { echo "kafka.sh: $*" >&2; }

kafka_version() {
  sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$POM" | head -n1
}

# The marker names the version and a hash of the pom, so editing the pom refetches.
marker_name() {
  local h
  h="$(sha256sum "$POM" | cut -c1-12)"
  echo ".fetched-kafka-$(kafka_version)-$h"
}

now_ms() { date +%s%3N; }

cmd_fetch() {
  local marker
  marker="$(marker_name)"
  [[ -f "$LIB/$marker" ]] && return 0
  mkdir -p "$CACHE"
  # jest workers or parallel CI steps may fetch at once: one downloads, others wait.
  exec 9>"$CACHE/fetch.lock"
  flock -w 600 9 || die "timed out waiting for another fetch (lock $CACHE/fetch.lock)"
  if [[ -f "$LIB/$marker" ]]; then flock -u 9; return 0; fi
  command -v mvn >/dev/null || die "mvn not found (Maven 3.8+ is needed to fetch the Kafka jars)"
  local tmp="$CACHE/lib.tmp.$$" t0
  t0="$(now_ms)"
  rm -rf "$tmp"
  note "fetching Apache Kafka $(kafka_version) jars from Maven (once)..."
  # shellcheck disable=SC2086
  if ! mvn -B -q -Dstyle.color=never ${KAFKA_MVN_ARGS:-} -f "$POM" \
      dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" \
      >"$CACHE/fetch.log" 2>&1; then
    tail -n 40 "$CACHE/fetch.log" >&2 || true
    rm -rf "$tmp"
    die "fetch failed (full output: $CACHE/fetch.log)"
  fi
  ls "$tmp"/kafka_2.13-*.jar >/dev/null 2>&1 || die "fetch produced no kafka_2.13 jar in $tmp"
  touch "$tmp/$marker"
  rm -rf "$LIB"
  mv "$tmp" "$LIB"
  flock -u 9
  note "fetched $(find "$LIB" -name '*.jar' | wc -l) jars ($(du -sh "$LIB" | cut -f1)) in $(( $(now_ms) - t0 ))ms"
}

# AppCDS: the first run of each Java entry point dumps the classes it loaded into
# .cache/cds/<name>-<key>.jsa; later runs map that archive, which cuts JVM start-up
# by seconds on a small machine. The key covers the jars and the java binary, so a
# new pom or JDK makes a new archive; a stale or broken one is ignored by the JVM
# (-Xshare:auto). KAFKA_CDS=0 turns it off. Archives are written to a .tmp name
# and renamed when the process has exited normally.
cds_file() {
  local jbin
  jbin="$(readlink -f "$(command -v "$JAVA")" 2>/dev/null || echo "$JAVA")"
  echo "$CACHE/cds/$1-$(marker_name | cut -c2-)-$(printf '%s %s' "$jbin" "$(stat -c %Y "$jbin" 2>/dev/null)" | sha256sum | cut -c1-8).jsa"
}

# cds_opts NAME TMP_SUFFIX: prints the JVM options for that archive
cds_opts() {
  [[ "${KAFKA_CDS:-1}" == 1 ]] || return 0
  local f
  f="$(cds_file "$1")"
  if [[ -f "$f" ]]; then
    echo "-Xshare:auto -XX:SharedArchiveFile=$f"
  else
    mkdir -p "$(dirname "$f")"
    echo "-XX:ArchiveClassesAtExit=$f.$2.tmp"
  fi
}

# cds_commit NAME TMP_SUFFIX OK: after the process exited, keep its archive if OK
cds_commit() {
  [[ "${KAFKA_CDS:-1}" == 1 ]] || return 0
  local f
  f="$(cds_file "$1")"
  [[ -f "$f.$2.tmp" ]] || return 0
  if [[ "$3" == 1 && -s "$f.$2.tmp" && ! -f "$f" ]]; then mv -f "$f.$2.tmp" "$f"; else rm -f "$f.$2.tmp"; fi
}

# JVM's own warnings go to stderr (the default, stdout, would mix with the console
# consumer's records); class-sharing chatter is dropped.
JVM_LOG_OPTS=(-Xlog:disable -Xlog:all=warning:stderr '-Xlog:cds*=off:stderr')

need_java() {
  command -v "$JAVA" >/dev/null 2>&1 || die "java not found ($JAVA); install a JDK 17+ or set JAVA_HOME"
}

java_cp() {
  # stdin closed so nothing waits on a terminal
  "$JAVA" "${JVM_LOG_OPTS[@]}" -Dlog4j2.configurationFile="$LOG4J2" "$@" </dev/null
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pid_alive() {
  local pid="$1"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka'
}

read_pid() { if [[ -f "$RUN/$1.pid" ]]; then cat "$RUN/$1.pid"; fi; }

require_int() { [[ "$2" =~ ^[0-9]+$ ]] || die "$1 needs a number, got '$2'"; }

# Ask the broker for metadata: proof that it answers requests, not just that the
# port is bound. kafkajs from the repo if node has it, else Kafka's own TopicCommand.
ready_probe() {
  local bootstrap="$1" how="${KAFKA_READY_CHECK:-auto}"
  if [[ "$how" == auto ]]; then
    if command -v node >/dev/null && (cd "$REPO_ROOT" && node -e "require.resolve('kafkajs')" 2>/dev/null); then
      how=node
    else
      how=java
    fi
  fi
  case "$how" in
    none) return 0 ;;
    node)
      (cd "$REPO_ROOT" && KAFKA_PROBE_BOOTSTRAP="$bootstrap" timeout 20 node -e '
        const { Kafka, logLevel } = require("kafkajs");
        const admin = new Kafka({ clientId: "kafka-sh-ready", brokers: [process.env.KAFKA_PROBE_BOOTSTRAP],
          logLevel: logLevel.NOTHING, retry: { retries: 0 }, connectionTimeout: 2000, requestTimeout: 5000 }).admin();
        (async () => {
          await admin.connect();
          const c = await admin.describeCluster();
          if (!c.brokers.length || c.controller == null) throw new Error("no broker/controller yet");
          await admin.listTopics();
          await admin.disconnect();
        })().then(() => process.exit(0), () => process.exit(1));
      ' >/dev/null 2>&1) ;;
    java)
      java_cp -Xmx128m -XX:TieredStopAtLevel=1 -Dkafka.logs.dir="$RUN" -Dkafka.log.name=tools -cp "$LIB/*" \
        org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" --list >/dev/null 2>&1 ;;
    *) die "KAFKA_READY_CHECK must be auto, node, java or none" ;;
  esac
}

cmd_start() {
  local port="$DEFAULT_PORT" cport="" data="" partitions="" keep=0 timeout="${KAFKA_START_TIMEOUT:-90}"
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --port) port="${2:?}"; shift 2 ;;
      --controller-port) cport="${2:?}"; shift 2 ;;
      --data) data="${2:?}"; shift 2 ;;
      --partitions) partitions="${2:?}"; shift 2 ;;
      --keep-data) keep=1; shift ;;
      --timeout) timeout="${2:?}"; shift 2 ;;
      *) die "start: unknown option $1" ;;
    esac
  done
  require_int --port "$port"
  local dir="$RUN/$port"
  # A restart on kept data reuses what the first start chose: with a dynamic KRaft
  # quorum the controller endpoint is written into the metadata log at format time.
  if [[ $keep == 1 && -f "$dir/broker.env" ]]; then
    local saved_cport saved_data saved_partitions
    saved_cport="$(sed -n 's/^CONTROLLER_PORT=//p' "$dir/broker.env")"
    saved_data="$(sed -n 's/^DATA_DIR=//p' "$dir/broker.env")"
    saved_partitions="$(sed -n 's/^PARTITIONS=//p' "$dir/broker.env")"
    cport="${cport:-$saved_cport}"; data="${data:-$saved_data}"; partitions="${partitions:-$saved_partitions}"
  fi
  cport="${cport:-$((port + 1))}"; data="${data:-$dir/data}"; partitions="${partitions:-1}"
  require_int --controller-port "$cport"; require_int --partitions "$partitions"; require_int --timeout "$timeout"
  [[ "$port" != "$cport" ]] || die "--port and --controller-port must differ"
  [[ "$data" == /* ]] || data="$PWD/$data"

  local old_pid
  old_pid="$(read_pid "$port")"
  if pid_alive "$old_pid"; then die "a broker is already running on port $port (pid $old_pid); run: $HERE/kafka.sh stop --port $port"; fi
  rm -f "$RUN/$port.pid"
  port_open "$port" && die "port $port is already in use by another process"
  port_open "$cport" && die "controller port $cport is already in use by another process"

  need_java
  cmd_fetch
  local t0 version
  t0="$(now_ms)"
  version="$(kafka_version)"
  mkdir -p "$dir"

  if [[ $keep == 0 ]]; then
    # never wipe a folder that is not a Kafka log dir
    if [[ -d "$data" && -n "$(ls -A "$data")" && ! -f "$data/meta.properties" ]]; then
      die "refusing to wipe $data: it is not empty and not a Kafka data dir"
    fi
    rm -rf "$data"
  fi
  mkdir -p "$data"

  cat >"$dir/server.properties" <<EOF
# written by kafka.sh start; do not edit (rewritten at every start)
process.roles=broker,controller
node.id=1
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
controller.quorum.bootstrap.servers=127.0.0.1:$cport
log.dirs=$data
num.partitions=$partitions
default.replication.factor=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
min.insync.replicas=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
delete.topic.enable=true
num.network.threads=3
num.io.threads=4
log.cleaner.dedupe.buffer.size=16777216
EOF
  printf 'CONTROLLER_PORT=%s\nDATA_DIR=%s\nPARTITIONS=%s\nKAFKA_VERSION=%s\n' \
    "$cport" "$data" "$partitions" "$version" >"$dir/broker.env"

  [[ -f "$dir/broker.log" ]] && mv -f "$dir/broker.log" "$dir/broker.log.1"
  [[ -f "$dir/console.out" ]] && mv -f "$dir/console.out" "$dir/console.out.1"

  if [[ ! -f "$data/meta.properties" ]]; then
    [[ $keep == 1 ]] && note "--keep-data: $data holds no Kafka data, formatting it fresh"
    local cluster_id
    # a Kafka cluster id is 16 random bytes in URL-safe base64 without padding; like Kafka's own
    # Uuid.randomUuid, never one starting with '-' (1 in 64: the format command would take it
    # for an option and fail with "--cluster-id: expected one argument")
    cluster_id=-
    while [[ $cluster_id == -* ]]; do
      cluster_id="$(head -c16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
    done
    local fok=1
    # shellcheck disable=SC2046
    java_cp -Xmx256m -XX:TieredStopAtLevel=1 $(cds_opts format "$$") \
        -Dkafka.logs.dir="$dir" -Dkafka.log.name=format -cp "$LIB/*" \
        kafka.tools.StorageTool format --config "$dir/server.properties" \
        --cluster-id="$cluster_id" --standalone >"$dir/format.out" 2>&1 || fok=0
    cds_commit format "$$" "$fok"
    if [[ $fok == 0 ]]; then
      cat "$dir/format.out" >&2
      die "formatting $data failed"
    fi
  fi

  local heap="${KAFKA_HEAP_OPTS:--Xms128m -Xmx512m}"
  local jvm="${KAFKA_JVM_OPTS:--server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true}"
  # setsid: the broker outlives this shell and is not hit by the caller's Ctrl-C;
  # all its stdio goes to files so callers reading our stdout are not held open.
  # shellcheck disable=SC2086
  # the broker's archive is committed by `stop` (it is written when the JVM exits)
  cds_commit broker "port$port" 0
  # shellcheck disable=SC2086,SC2046
  setsid "$JAVA" "${JVM_LOG_OPTS[@]}" $heap $jvm $(cds_opts broker "port$port") ${KAFKA_OPTS:-} \
    -Dlog4j2.configurationFile="$LOG4J2" -Dkafka.logs.dir="$dir" -Dkafka.log.name=broker \
    -cp "$LIB/*" kafka.Kafka "$dir/server.properties" \
    </dev/null >"$dir/console.out" 2>&1 &
  local pid=$!
  echo "$pid" >"$RUN/$port.pid"

  local deadline=$(( $(date +%s) + timeout )) stage=listen
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$RUN/$port.pid"
      echo "---- $dir/console.out (tail)" >&2; tail -n 30 "$dir/console.out" 2>/dev/null >&2 || true
      echo "---- $dir/broker.log (tail)" >&2; tail -n 30 "$dir/broker.log" 2>/dev/null >&2 || true
      die "broker on port $port exited during startup"
    fi
    if [[ $stage == listen ]] && port_open "$port" \
        && grep -q 'Kafka Server started' "$dir/broker.log" 2>/dev/null; then
      stage=probe
    fi
    if [[ $stage == probe ]] && ready_probe "127.0.0.1:$port"; then break; fi
    if (( $(date +%s) >= deadline )); then
      echo "---- $dir/broker.log (tail)" >&2; tail -n 40 "$dir/broker.log" 2>/dev/null >&2 || true
      cmd_stop --port "$port" --timeout 10 2>/dev/null || true
      die "broker on port $port not ready after ${timeout}s (stage: $stage); stopped it. Logs: $dir"
    fi
    sleep 0.2
  done
  note "Kafka $version ready on 127.0.0.1:$port (controller $cport, pid $pid, data $data) in $(( $(now_ms) - t0 ))ms"
  echo "127.0.0.1:$port"
}

# removes .run/<port> (and a --data dir elsewhere if it holds Kafka data)
delete_run_dir() {
  local port="$1" data=""
  [[ -f "$RUN/$port/broker.env" ]] && data="$(sed -n 's/^DATA_DIR=//p' "$RUN/$port/broker.env")"
  if [[ -n "$data" && -f "$data/meta.properties" ]]; then rm -rf "$data"; fi
  rm -rf "${RUN:?}/$port"
}

cmd_stop() {
  local port="$DEFAULT_PORT" timeout=30 delete=0
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --port) port="${2:?}"; shift 2 ;;
      --timeout) timeout="${2:?}"; shift 2 ;;
      --delete-data) delete=1; shift ;;
      *) die "stop: unknown option $1" ;;
    esac
  done
  require_int --port "$port"; require_int --timeout "$timeout"
  local pid
  pid="$(read_pid "$port")"
  if ! pid_alive "$pid"; then
    rm -f "$RUN/$port.pid"
    note "no broker running on port $port"
    [[ $delete == 1 ]] && delete_run_dir "$port"
    return 0
  fi
  # a JVM that writes its class-sharing archive at exit needs longer, once
  if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'ArchiveClassesAtExit' && (( timeout < 120 )); then
    timeout=120
  fi
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$(( $(date +%s) + timeout )) clean=1
  while kill -0 "$pid" 2>/dev/null; do
    if (( $(date +%s) >= deadline )); then
      note "broker pid $pid did not stop within ${timeout}s, killing it"
      kill -KILL "$pid" 2>/dev/null || true
      clean=0
      sleep 0.2
      break
    fi
    sleep 0.1
  done
  rm -f "$RUN/$port.pid"
  cds_commit broker "port$port" "$clean"
  [[ $delete == 1 ]] && delete_run_dir "$port"
  note "stopped broker on port $port (pid $pid)$([[ $delete == 1 ]] && echo ', data deleted')"
}

cmd_status() {
  local any=0 f port pid state
  echo "kafka $(kafka_version); jars: $([[ -f "$LIB/$(marker_name)" ]] && echo "fetched ($LIB)" || echo "not fetched (run: $HERE/kafka.sh fetch)")"
  shopt -s nullglob
  for f in "$RUN"/*.pid; do
    any=1
    port="$(basename "$f" .pid)"; pid="$(cat "$f")"
    if pid_alive "$pid"; then
      state="running pid $pid rss $(( $(awk '/VmRSS/{print $2}' "/proc/$pid/status") / 1024 ))MiB"
    else
      state="dead (stale pid file, pid $pid)"
    fi
    echo "port $port: $state; $(grep '^DATA_DIR=' "$RUN/$port/broker.env" 2>/dev/null || true)"
  done
  [[ $any == 1 ]] || echo "no broker started from $HERE"
}

# deletes the folders and data of every broker in .run that is not running
cmd_clean() {
  local d port
  shopt -s nullglob
  for d in "$RUN"/*/; do
    port="$(basename "$d")"
    [[ "$port" =~ ^[0-9]+$ ]] || continue
    if pid_alive "$(read_pid "$port")"; then note "port $port: running, kept"; continue; fi
    rm -f "$RUN/$port.pid"
    delete_run_dir "$port"
    note "port $port: deleted"
  done
}

cmd_console_consumer() {
  local topic="" bootstrap="127.0.0.1:$DEFAULT_PORT" max="" timeout_ms=30000 group=""
  local -a extra=()
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --topic) topic="${2:?}"; shift 2 ;;
      --bootstrap|--bootstrap-server) bootstrap="${2:?}"; shift 2 ;;
      --max-messages) max="${2:?}"; shift 2 ;;
      --timeout-ms) timeout_ms="${2:?}"; shift 2 ;;
      --group) group="${2:?}"; shift 2 ;;
      --) shift; extra=("$@"); break ;;
      *) die "console-consumer: unknown option $1" ;;
    esac
  done
  [[ -n "$topic" ]] || die "console-consumer: --topic is required"
  need_java
  cmd_fetch
  mkdir -p "$RUN"
  local -a args=(--bootstrap-server "$bootstrap" --topic "$topic" --from-beginning
    --timeout-ms "$timeout_ms"
    --formatter-property print.key=true --formatter-property print.headers=true
    --formatter-property print.value=true
    --formatter-property key.separator=$'\t' --formatter-property 'headers.separator=,'
    --formatter-property headers.key.separator=:
    --formatter-property null.literal=null)
  [[ -n "$max" ]] && args+=(--max-messages "$max")
  [[ -n "$group" ]] && args+=(--group "$group")
  local rc=0
  # shellcheck disable=SC2046
  java_cp -Xmx256m -XX:TieredStopAtLevel=1 $(cds_opts console-consumer "$$") \
    -Dkafka.logs.dir="$RUN" -Dkafka.log.name=tools -cp "$LIB/*" \
    org.apache.kafka.tools.consumer.ConsoleConsumer "${args[@]}" ${extra[@]+"${extra[@]}"} || rc=$?
  cds_commit console-consumer "$$" "$([[ $rc == 0 ]] && echo 1 || echo 0)"
  return "$rc"
}

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    fetch) cmd_fetch "$@" ;;
    start) cmd_start "$@" ;;
    stop) cmd_stop "$@" ;;
    status) cmd_status "$@" ;;
    clean) cmd_clean "$@" ;;
    console-consumer) cmd_console_consumer "$@" ;;
    version) kafka_version ;;
    ""|-h|--help|help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" ;;
    *) die "unknown command '$cmd' (fetch|start|stop|status|clean|console-consumer|version)" ;;
  esac
}

main "$@"
