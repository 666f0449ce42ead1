/**
 * The {@code statefun.*} options a user tunes, as Flink {@code ConfigOption}s; Flink's own options
 * pass through untouched. Must not depend on any other runtime package.
 */
package io.statefun.runtime.config;
