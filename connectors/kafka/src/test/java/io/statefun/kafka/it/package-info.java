/**
 * Integration tests of the Kafka connector: applications on a shared Flink MiniCluster (2 task
 * managers x 2 slots) reading from and writing to a real embedded Kafka broker, both on 127.0.0.1.
 */
package io.statefun.kafka.it;
