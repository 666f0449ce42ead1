/**
 * The greeter as a remote function service: {@code example/greeter} counts each name's visits in
 * its state and sends a greeting to the Kafka egress; {@link
 * io.statefun.examples.greeter.remote.GreeterService} serves it over HTTP. Depends on the SDK only:
 * the runtime, Flink and Kafka are on the other side of the HTTP call, wired by {@code
 * module.yaml}.
 */
package io.statefun.examples.greeter.remote;
