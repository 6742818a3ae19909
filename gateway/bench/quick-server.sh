#!/usr/bin/env bash
# Starts `hotpath server` (config/hotpath.yaml, fresh journal in $BENCH_DIR) on 127.0.0.1:50551 for
# bench/quick-load.sh; extra arguments go to the server (e.g. --wait-strategy BLOCKING). Stops a server it
# started before. Build first: ./mvnw -B -o -q package -DskipTests -pl gateway (after installing engine).
set -euo pipefail
cd "$(dirname "$0")/../.."
BENCH_DIR=${BENCH_DIR:-/tmp/hp-bench}
mkdir -p "$BENCH_DIR"
if [ -f "$BENCH_DIR/server.pid" ] && kill -TERM "$(cat "$BENCH_DIR/server.pid")" 2>/dev/null; then
  while kill -0 "$(cat "$BENCH_DIR/server.pid")" 2>/dev/null; do sleep 0.2; done
fi
rm -rf "$BENCH_DIR/journal"
./hotpath java -Xms1g -Xmx2g ${SERVER_JVM_OPTS:-} -cp "gateway/target/classes:gateway/target/lib/*" dev.hotpath.gateway.ServerMain \
  -c "${CONFIG:-config/hotpath.yaml}" --journal-dir "$BENCH_DIR/journal" --port 50551 --metrics-port 9465 "$@" \
  > "$BENCH_DIR/server.log" 2>&1 &
echo $! > "$BENCH_DIR/server.pid"
for _ in $(seq 1 150); do grep -q listening "$BENCH_DIR/server.log" && break; sleep 0.2; done
grep listening "$BENCH_DIR/server.log"
