#!/usr/bin/env bash
# Runs QuickLoadClient against the server bench/quick-server.sh started, and prints the machine's load and
# the CPU seconds the client and the server used during the run.
#   bench/quick-load.sh stream COUNT RATE_PER_S [BATCH] (RATE 0: as fast as the stream takes; BATCH orders a message)
#   bench/quick-load.sh unary  COUNT RATE_PER_S WINDOW
set -euo pipefail
cd "$(dirname "$0")/../.."
BENCH_DIR=${BENCH_DIR:-/tmp/hp-bench}
SP=$(cat "$BENCH_DIR/server.pid")
before=$(awk '{print $14+$15}' "/proc/$SP/stat")
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f "client cpu: user=%Us sys=%Ss wall=%es" ./hotpath java -Xms512m -Xmx1g ${CLIENT_JVM_OPTS:-} \
  -cp "gateway/target/test-classes:gateway/target/classes:gateway/target/lib/*" dev.hotpath.gateway.QuickLoadClient \
  127.0.0.1 50551 demo-key-alice-0001-NOT-SECRET "$@" 2>&1 | grep -v '^WARNING' | grep .
after=$(awk '{print $14+$15}' "/proc/$SP/stat")
echo "server cpu during run: $(awk -v a="$after" -v b="$before" 'BEGIN {printf "%.2f", (a - b) / 100}')s; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
