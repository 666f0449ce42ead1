/**
 * Loading an application: modules found with {@link java.util.ServiceLoader} or named
 * explicitly, and {@code module.yaml} documents whose {@code kind}s are bound by pluggable {@link
 * io.statefun.runtime.module.ComponentBinder}s. The result is an {@link
 * io.statefun.runtime.module.Application}.
 *
 * <p>Must not depend on the dispatcher, state or job assembly.
 */
package io.statefun.runtime.module;
