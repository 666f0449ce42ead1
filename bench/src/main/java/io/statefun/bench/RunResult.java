package io.statefun.bench;

/**
 * One measured run.
 *
 * @param fromStart messages per second from job submission to the last egress record
 * @param steady messages per second from the first to the last egress record
 * @param verified whether the run produced exactly the expected records and counts
 * @param peakHeapMb the JVM's peak heap use during the run
 * @param p50Millis median end-to-end latency (W3), else NaN
 * @param p99Millis 99th percentile end-to-end latency (W3), else NaN
 * @param allocatedBytesPerMessage bytes the JVM allocated per message in the steady window
 */
record RunResult(
    double fromStart,
    double steady,
    boolean verified,
    long peakHeapMb,
    double p50Millis,
    double p99Millis,
    double allocatedBytesPerMessage) {}
