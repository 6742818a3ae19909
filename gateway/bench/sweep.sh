#!/usr/bin/env bash
# The gateway's figures (gateway/README.md "Measured"): one fresh server a run (bench/quick-server.sh), the client in
# its own JVM (bench/quick-load.sh), each threading mode named; prints the machine, its own hiccups before and after,
# each run's latency and CPU, the server's busiest threads over the run's last 10 s (bench/threads.py), and the
# cores that niced processes used meanwhile (other work on the machine: it should read 0.00).
# The batched runs raise the per-account rate limit (200,000/s in config/hotpath.yaml) to 100M/s, so that the
# gateway and not the limit is measured (one of them also quadruples streamQueue, the stream's credit); everything
# else is config/hotpath.yaml as shipped.
# Build first: ./mvnw -B -o -q install -DskipTests && ./mvnw -B -o -q test-compile -pl gateway   (about 12 minutes)
set -uo pipefail
cd "$(dirname "$0")/../.."
BENCH_DIR=${BENCH_DIR:-/tmp/hp-bench}
mkdir -p "$BENCH_DIR"
sed -e 's/^  perSecond: .*/  perSecond: 100000000/' -e 's/^  burst: .*/  burst: 200000000/' config/hotpath.yaml \
  > "$BENCH_DIR/unlimited.yaml"
sed -e 's/^streamQueue: [0-9]*/streamQueue: 16384/' "$BENCH_DIR/unlimited.yaml" > "$BENCH_DIR/unlimited-queue16k.yaml"
lscpu | grep -E 'Model name|Hypervisor|^CPU\(s\)'; uname -r
./hotpath loadgen hiccups --duration 10s 2>&1 | tail -1
run() { # THREADING CONFIG WARMUP quick-load arguments...
  local mode=$1 config=$2 warm=$3; shift 3
  CONFIG=$config gateway/bench/quick-server.sh --threading "$mode" > /dev/null 2>&1; sleep 2
  echo "=== threading $mode, $config: $*"
  read -r _ _ n0 _ < /proc/stat; local t0; t0=$(date +%s.%N)
  python3 gateway/bench/threads.py ServerMain 10 2 > "$BENCH_DIR/threads.txt" 2>&1 &
  CLIENT_JVM_OPTS=-Dwarmup=$warm gateway/bench/quick-load.sh "$@" 2>&1 | grep -E "mode=|latency|cpu"
  wait
  read -r _ _ n1 _ < /proc/stat
  echo "niced (other) work during the run: $(awk -v a="$n1" -v b="$n0" -v t="$(date +%s.%N)" -v s="$t0" \
    'BEGIN {printf "%.2f", (a - b) / 100 / (t - s)}') cores"
  awk '/^---/ {n++} n == 2' "$BENCH_DIR/threads.txt" | head -7
}
run INVOKER config/hotpath.yaml 200000 stream 700000 10000
run SHARED config/hotpath.yaml 200000 stream 700000 10000
run INVOKER config/hotpath.yaml 600000 stream 1800000 30000
run INVOKER config/hotpath.yaml 3000000 stream 6000000 100000
run SHARED config/hotpath.yaml 1000000 stream 4000000 100000
run INVOKER config/hotpath.yaml 1000000 unary 2500000 30000 256
run INVOKER "$BENCH_DIR/unlimited.yaml" 10000000 stream 20000000 500000 100
run INVOKER "$BENCH_DIR/unlimited-queue16k.yaml" 10000000 stream 20000000 500000 100
run SHARED "$BENCH_DIR/unlimited.yaml" 10000000 stream 20000000 500000 100
run INVOKER "$BENCH_DIR/unlimited.yaml" 20000000 stream 40000000 1000000 100
gateway/bench/quick-server.sh > /dev/null 2>&1; sleep 20
SP=$(cat "$BENCH_DIR/server.pid"); b=$(awk '{print $14+$15}' "/proc/$SP/stat"); sleep 10; a=$(awk '{print $14+$15}' "/proc/$SP/stat")
echo "=== idle server (default threading), 10 s: $(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f", (a - b) / 100}') s of CPU"
kill -TERM "$SP"
./hotpath loadgen hiccups --duration 10s 2>&1 | tail -1
