/** Tests of the Kafka connector's shape: the dependency rules its package docs state, checked. */
package io.statefun.kafka.architecture;
