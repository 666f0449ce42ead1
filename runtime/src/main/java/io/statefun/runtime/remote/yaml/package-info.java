/**
 * The {@code module.yaml} kinds {@code io.statefun.endpoints.v1/http} and {@code
 * io.statefun.endpoints.v2/http}: each spec is read with StateFun 3.x's field names and bound as a
 * {@link io.statefun.runtime.remote.RemoteEndpoint}.
 *
 * <p>Must not depend on dispatch, state or the feedback loop.
 */
package io.statefun.runtime.remote.yaml;
