# Sourced by scripts/test.sh: start a private redis-server on a free port, without persistence,
# in a temporary folder; export REDIS_URL for it and register its removal in cleanup_steps.
if ! command -v redis-server >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    echo "==> Installing redis-server"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  else
    echo "redis-server is missing: run 'sudo apt-get install -y redis-server'." >&2
    exit 1
  fi
fi
redis_dir=$(mktemp -d /tmp/cop-redis.XXXXXX)
redis_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
echo "==> Starting a throwaway Redis on port $redis_port"
redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --dir "$redis_dir" \
  --daemonize yes --pidfile "$redis_dir/redis.pid" --logfile "$redis_dir/redis.log"
for _ in $(seq 50); do
  redis-cli -p "$redis_port" ping 2>/dev/null | grep -q PONG && break
  sleep 0.1
done
redis-cli -p "$redis_port" ping | grep -q PONG || { cat "$redis_dir/redis.log" >&2; exit 1; }
stop_throwaway_redis() {
  redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
  rm -rf "$redis_dir"
}
cleanup_steps+=(stop_throwaway_redis)
export REDIS_URL="redis://127.0.0.1:$redis_port/0"
