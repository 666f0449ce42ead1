/**
 * Runs a Stateful Functions application as an ordinary Flink job ({@code flink run}, a session
 * cluster, the Flink Kubernetes Operator): the main class {@link
 * io.statefun.distribution.StatefulFunctionsJob} and how it finds the application on the job's
 * class path. Builds on the runtime's job assembly; must not depend on the launcher.
 */
package io.statefun.distribution;
