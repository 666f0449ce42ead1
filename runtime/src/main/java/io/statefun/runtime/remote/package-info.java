/**
 * Remote functions: a function type whose instances live behind HTTP and speak the StateFun 3.x
 * request-reply protocol. {@link io.statefun.runtime.remote.RemoteFunction} is "just another
 * function" to the dispatcher (a batching one): it ships an address's backlog with all its
 * registered values in one request and turns the reply into effects; the HTTP client retries within
 * a time budget; the {@code io.statefun.endpoints.v1|v2/http} kinds bind endpoints from {@code
 * module.yaml}.
 *
 * <p>Depends on the dispatcher's {@code BatchingFunction} contract only, never on its internals.
 */
package io.statefun.runtime.remote;
