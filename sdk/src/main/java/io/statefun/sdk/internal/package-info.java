/**
 * Internal: public only so the runtime, the remote handler and the tester share it; not an API for
 * functions, and it may change without notice. The one {@link io.statefun.sdk.Context} contract
 * every implementation follows lives here.
 *
 * <p>Depends on the SDK's API only.
 */
@NullMarked
package io.statefun.sdk.internal;

import org.jspecify.annotations.NullMarked;
