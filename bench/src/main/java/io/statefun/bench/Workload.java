package io.statefun.bench;

/** What is measured: how messages travel, and at which parallelism. */
enum Workload {
  /** Generator → counter function (increment a long, emit it). */
  W1(false, 1),
  /** Generator → forwarder → counter, same id. */
  W2(true, 1),
  /** W2 at parallelism 2: forwarder and counter of an id are often on different subtasks. */
  W4(true, 2),
  /** W1 over 1,000,000 distinct ids (growth), on RocksDB only. */
  W6(false, 1, 1_000_000, "rocksdb");

  final boolean chained;
  final int parallelism;

  /** The ids this workload always uses, or 0: the driver's {@code --keys}. */
  private final long fixedKeys;

  /** The only state backend this workload runs on, or null: the driver's {@code --backends}. */
  private final String onlyBackend;

  Workload(boolean chained, int parallelism) {
    this(chained, parallelism, 0, null);
  }

  Workload(boolean chained, int parallelism, long fixedKeys, String onlyBackend) {
    this.chained = chained;
    this.parallelism = parallelism;
    this.fixedKeys = fixedKeys;
    this.onlyBackend = onlyBackend;
  }

  long keys(long defaultKeys) {
    return fixedKeys > 0 ? fixedKeys : defaultKeys;
  }

  boolean runsOn(String backend) {
    return onlyBackend == null || onlyBackend.equals(backend);
  }
}
