/**
 * Ingress and egress descriptions and routers. A spec only names a connector and carries its
 * settings; the runtime finds the implementation by the spec's {@code type()}. Must not depend on
 * Flink or the runtime.
 */
@NullMarked
package io.statefun.sdk.io;

import org.jspecify.annotations.NullMarked;
