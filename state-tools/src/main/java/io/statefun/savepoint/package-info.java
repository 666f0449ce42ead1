/**
 * Function state in savepoints, without any function code: {@link
 * io.statefun.savepoint.StateReader} reads every address's values and pending messages, {@link
 * io.statefun.savepoint.StateBootstrap} writes a new savepoint from JSON lines or a {@code
 * DataStream}, {@link io.statefun.savepoint.StateTransformer} edits a copy. Built on Flink's State
 * Processor API and the runtime's state layout; must not depend on the launcher or run a function.
 */
package io.statefun.savepoint;
