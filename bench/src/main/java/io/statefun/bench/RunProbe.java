package io.statefun.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the counting sink of the running job reports to the benchmark driver: records seen, the sum
 * of the counts they carry (to check the result), the times of the first and last record, and the
 * JVM's allocated bytes at those two records.
 *
 * <p>Static, because Flink instantiates the sink itself inside the local cluster of this JVM and
 * offers no other way to hand an object to it; one run at a time uses it.
 */
final class RunProbe {
  /** What a count function answers when it reported the record itself (with its latency). */
  static final long ALREADY_RECORDED = Long.MIN_VALUE;

  private static final AtomicLong RECORDS = new AtomicLong();
  private static final AtomicLong CHECKSUM = new AtomicLong();
  private static volatile long firstNanos;
  private static volatile long lastNanos;
  private static volatile long firstAllocated;
  private static volatile long lastAllocated;
  private static volatile long expected;
  private static volatile CountDownLatch done = new CountDownLatch(1);
  private static volatile long[] latencies = new long[0];

  private RunProbe() {}

  static void reset(long expectedRecords) {
    RECORDS.set(0);
    CHECKSUM.set(0);
    firstNanos = 0;
    lastNanos = 0;
    firstAllocated = -1;
    lastAllocated = -1;
    expected = expectedRecords;
    done = new CountDownLatch(1);
    latencies = new long[0];
  }

  /** Like {@link #reset(long)}, also keeping each record's end-to-end latency. */
  static void resetWithLatencies(long expectedRecords) {
    reset(expectedRecords);
    latencies = new long[Math.toIntExact(expectedRecords)];
  }

  /** Records a count and the latency since {@code sentNanos} (same JVM clock). */
  static void record(long count, long sentNanos) {
    long latency = System.nanoTime() - sentNanos;
    long seen = RECORDS.get();
    long[] kept = latencies;
    if (seen < kept.length) {
      kept[(int) seen] = latency;
    }
    record(count);
  }

  /** The latency at quantile {@code q} (0..1) in milliseconds, or NaN when none were kept. */
  static double latencyMillis(double q) {
    long[] kept = latencies.clone();
    int n = (int) Math.min(RECORDS.get(), kept.length);
    if (n == 0) {
      return Double.NaN;
    }
    java.util.Arrays.sort(kept, 0, n);
    return kept[Math.min(n - 1, (int) Math.floor(q * n))] / 1e6;
  }

  /** Called by the sink for each record with the count it carries. */
  static void record(long count) {
    long seen = RECORDS.incrementAndGet();
    CHECKSUM.addAndGet(count);
    if (seen == 1) {
      firstNanos = System.nanoTime();
      firstAllocated = AllocatedBytes.total();
    }
    if (seen == expected) {
      lastNanos = System.nanoTime();
      lastAllocated = AllocatedBytes.total();
      done.countDown();
    }
  }

  static boolean await(long seconds) throws InterruptedException {
    return done.await(seconds, TimeUnit.SECONDS);
  }

  static long records() {
    return RECORDS.get();
  }

  static long checksum() {
    return CHECKSUM.get();
  }

  static long firstNanos() {
    return firstNanos;
  }

  static long lastNanos() {
    return lastNanos;
  }

  /**
   * Bytes the JVM allocated per message between the first and the last egress record (the steady
   * window), or NaN when not counted.
   */
  static double allocatedBytesPerMessage() {
    long first = firstAllocated;
    long last = lastAllocated;
    if (first < 0 || last < 0 || expected < 2) {
      return Double.NaN;
    }
    return (double) (last - first) / (expected - 1);
  }
}
