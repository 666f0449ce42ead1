/**
 * How an application describes itself to the runtime: a {@link
 * io.statefun.sdk.spi.StatefulFunctionModule} found by {@link java.util.ServiceLoader} binds
 * functions, ingresses, routers and egresses through a {@link io.statefun.sdk.spi.Binder}.
 *
 * <p>Must not depend on Flink or the runtime.
 */
@NullMarked
package io.statefun.sdk.spi;

import org.jspecify.annotations.NullMarked;
