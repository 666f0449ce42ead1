/**
 * The dispatcher: one keyed operator for all function types. {@link
 * io.statefun.runtime.dispatch.FunctionDispatcherOperator} keeps Flink's lifecycle; {@link
 * io.statefun.runtime.dispatch.FunctionInvoker} delivers each message to its function with the
 * address's state and applies what the invocation asked for; {@link
 * io.statefun.runtime.dispatch.BusyAddresses} queues messages behind unfinished work; {@link
 * io.statefun.runtime.dispatch.MessageRouter} sends them on: locally, through the feedback loop, or
 * to an egress's side output. {@link io.statefun.runtime.dispatch.IdempotentRequests} delivers a
 * request with an idempotency key once per address and answers its repeats with the first reply;
 * {@link io.statefun.runtime.dispatch.AddressQueries} answers the live state endpoint's queries
 * without invoking anything.
 *
 * <p>The operator runs on one task thread; async completions come back through its mailbox.
 */
@NullMarked
package io.statefun.runtime.dispatch;

import org.jspecify.annotations.NullMarked;
