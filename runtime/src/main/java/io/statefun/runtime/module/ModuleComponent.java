package io.statefun.runtime.module;

/**
 * One component of a {@code module.yaml}, ready to bind: its kind as written (or as translated from
 * the legacy format) with the line it came from, and its spec.
 */
record ModuleComponent(String kind, int kindLine, LocatedYaml spec) {}
