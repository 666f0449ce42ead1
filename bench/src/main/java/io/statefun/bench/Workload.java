package io.statefun.bench;

/** What is measured: how messages travel, and at which parallelism. */
enum Workload {
  /** Generator → counter function (increment a long, emit it). */
  W1(false, 1),
  /** Generator → forwarder → counter, same id. */
  W2(true, 1),
  /** W2 at parallelism 2: forwarder and counter of an id are often on different subtasks. */
  W4(true, 2);

  final boolean chained;
  final int parallelism;

  Workload(boolean chained, int parallelism) {
    this.chained = chained;
    this.parallelism = parallelism;
  }
}
