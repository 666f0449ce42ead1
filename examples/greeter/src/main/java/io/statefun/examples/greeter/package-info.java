/**
 * The greeter: names arrive as Kafka record keys on topic {@code names}, the {@code
 * example/greeter} function counts each name's visits in its state, and the greetings leave,
 * exactly once, as records keyed by the name on topic {@code greetings}. An embedded Java module,
 * found by ServiceLoader; only SDK and connector API types.
 */
package io.statefun.examples.greeter;
