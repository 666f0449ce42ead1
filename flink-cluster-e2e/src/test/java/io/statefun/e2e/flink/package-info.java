/**
 * End-to-end tests of Stateful Functions as an ordinary Flink job: a standalone Flink session
 * cluster started as OS processes from Flink's own artifacts, jobs submitted with Flink's CLI, a
 * real Kafka broker, everything on 127.0.0.1. Run by failsafe after {@code package}; nothing here
 * may load this project's runtime into the cluster.
 */
package io.statefun.e2e.flink;
