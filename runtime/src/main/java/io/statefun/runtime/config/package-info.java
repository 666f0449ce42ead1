/**
 * The {@code statefun.*} options a user tunes, as Flink {@code ConfigOption}s; Flink's own options
 * pass through untouched. Depends on nothing else in the runtime.
 */
package io.statefun.runtime.config;
