/**
 * The HTTP transport of remote functions: bytes to a URL and bytes back, over kept-alive Netty
 * connections (TCP, TLS, or a Unix domain socket), with a time budget, retries and a bound on
 * requests in flight. Knows nothing of the protocol inside the bodies.
 *
 * <p>Must not depend on the rest of the runtime (remote, dispatch, module) or on Flink (its
 * stability annotations aside).
 */
package io.statefun.runtime.remote.http;
