package io.statefun.bench;

import java.lang.management.ManagementFactory;

/**
 * The bytes this JVM's live threads have allocated so far, summed from the HotSpot per-thread
 * allocation counters ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}). The
 * difference of two readings is what was allocated in between, less what threads that ended in
 * between had allocated (none of a running job's task threads end mid-run).
 */
final class AllocatedBytes {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private AllocatedBytes() {}

  /** The sum over live threads, or -1 where the JVM does not count allocations. */
  static long total() {
    if (!THREADS.isThreadAllocatedMemorySupported() || !THREADS.isThreadAllocatedMemoryEnabled()) {
      return -1;
    }
    long sum = 0;
    for (long bytes : THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds())) {
      if (bytes > 0) {
        sum += bytes; // -1: the thread ended before it was read
      }
    }
    return sum;
  }
}
