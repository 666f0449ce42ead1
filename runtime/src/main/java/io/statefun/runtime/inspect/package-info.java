/**
 * The JSON form of what the runtime keeps for an address (typed values, pending delayed messages,
 * queued messages), one format for the savepoint tools and the live state endpoint. Must not depend
 * on dispatch, state or the feedback loop.
 */
@NullMarked
package io.statefun.runtime.inspect;

import org.jspecify.annotations.NullMarked;
