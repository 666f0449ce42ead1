/**
 * Remote functions: a function type whose instances live behind HTTP and speak the StateFun 3.x
 * request-reply protocol. {@link io.statefun.runtime.remote.RemoteFunction} is "just another
 * function" to the dispatcher (a batching one): it ships an address's backlog with all its
 * registered values in one request, checks the whole reply, and turns it into effects.
 *
 * <p>Depends on the dispatcher's {@code BatchingFunction} contract only, never on its internals;
 * calls go through {@code remote.http}; must not depend on {@code remote.yaml}.
 */
package io.statefun.runtime.remote;
