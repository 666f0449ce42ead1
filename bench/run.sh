#!/usr/bin/env bash
# Runs the benchmark matrix (W1, W2, W4 × heap/RocksDB × this runtime/plain Flink) and prints the
# table; writes bench/target/results.csv. Extra arguments go to the driver, e.g.
#   bench/run.sh --workloads W1 --backends hashmap --runs 1 --warmups 1
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q install -DskipTests -pl bench -am
./mvnw -B -q -f bench/pom.xml dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
java -Xms4g -Xmx4g -XX:+UseG1GC \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  io.statefun.bench.BenchmarkMain "$@"
