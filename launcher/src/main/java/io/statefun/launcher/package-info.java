/**
 * The {@code statefun} command: finds the module folders, builds the Flink configuration (file,
 * environment, {@code -D}), and runs the job in one JVM ({@code local}), as a JobManager in
 * application mode ({@code master}) or a TaskManager ({@code worker}), or only describes it.
 *
 * <p>Uses the runtime's job assembly and module loading; must not reach into the dispatcher.
 */
package io.statefun.launcher;
