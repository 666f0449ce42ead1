package io.statefun.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the counting sink of the running job reports to the benchmark driver: records seen, the
 * sum of the counts they carry (to check the result), and the times of the first and last record.
 *
 * <p>Static, because Flink instantiates the sink itself inside the local cluster of this JVM and
 * offers no other way to hand an object to it; one run at a time uses it.
 */
final class RunProbe {
  private static final AtomicLong RECORDS = new AtomicLong();
  private static final AtomicLong CHECKSUM = new AtomicLong();
  private static volatile long firstNanos;
  private static volatile long lastNanos;
  private static volatile long expected;
  private static volatile CountDownLatch done = new CountDownLatch(1);

  private RunProbe() {}

  static void reset(long expectedRecords) {
    RECORDS.set(0);
    CHECKSUM.set(0);
    firstNanos = 0;
    lastNanos = 0;
    expected = expectedRecords;
    done = new CountDownLatch(1);
  }

  /** Called by the sink for each record with the count it carries. */
  static void record(long count) {
    long seen = RECORDS.incrementAndGet();
    CHECKSUM.addAndGet(count);
    if (seen == 1) {
      firstNanos = System.nanoTime();
    }
    if (seen == expected) {
      lastNanos = System.nanoTime();
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
}
