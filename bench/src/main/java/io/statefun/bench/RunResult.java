package io.statefun.bench;

/**
 * One measured run.
 *
 * @param fromStart messages per second from job submission to the last egress record
 * @param steady messages per second from the first to the last egress record
 * @param verified whether the run produced exactly the expected records and counts
 * @param peakHeapMb the JVM's peak heap use during the run
 */
record RunResult(double fromStart, double steady, boolean verified, long peakHeapMb) {}
