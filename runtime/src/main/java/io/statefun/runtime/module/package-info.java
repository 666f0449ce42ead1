/**
 * Loading an application: modules found with {@link java.util.ServiceLoader} or named explicitly,
 * and {@code module.yaml} documents whose {@code kind}s are bound by pluggable {@link
 * io.statefun.runtime.module.ComponentBinder}s. The result is an {@link
 * io.statefun.runtime.module.Application}. StateFun 3.0's single-document {@code module.yaml} is
 * translated into the same components, never bound by a path of its own.
 *
 * <p>Must not depend on the dispatcher, state or job assembly.
 */
package io.statefun.runtime.module;
