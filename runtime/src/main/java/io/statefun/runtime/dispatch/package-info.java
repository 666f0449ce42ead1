/**
 * The dispatcher: one keyed operator for all function types. It delivers each message to its
 * function with the address's state, keeps messages for addresses with unfinished work in a
 * backlog, sends messages it owns locally and the rest through the feedback loop, keeps delayed
 * messages, and hands egress messages to side outputs.
 *
 * <p>The operator runs on one task thread; async completions come back through its mailbox.
 */
package io.statefun.runtime.dispatch;
