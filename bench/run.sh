#!/usr/bin/env bash
# Runs the benchmark matrix (W1, W2, W4 × heap/RocksDB, W6 on RocksDB; this runtime next to plain
# Flink; then W3, remote functions; then W5, HTTP request/reply next to Restate, which it installs
# with npm into bench/target/restate) and prints the table; writes bench/target/results.csv. Each
# embedded cell is sized by calibration runs of plain Flink (steady window ≥ --min-window, 3 s).
# Extra arguments go to the driver, e.g.
#   bench/run.sh --workloads W1 --backends hashmap --runs 1 --warmups 1
#   bench/run.sh --workloads none --remote false        (W5 only)
# Builds what it needs in the reactor (test-compile, as the HTTP connector resolves the runtime's test
# classes; nothing is installed into ~/.m2).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
  -pl bench -am
java -Xms4g -Xmx4g -XX:+UseG1GC \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  io.statefun.bench.BenchmarkMain "$@"
