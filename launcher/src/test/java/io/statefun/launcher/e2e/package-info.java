/**
 * End-to-end tests of the distribution: the real {@code bin/statefun} as separate OS processes, a
 * real Kafka broker, everything on 127.0.0.1. Run by failsafe after {@code package}.
 */
package io.statefun.launcher.e2e;
