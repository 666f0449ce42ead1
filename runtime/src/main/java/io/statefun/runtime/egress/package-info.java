/**
 * Egresses: the {@link io.statefun.runtime.egress.EgressProvider} SPI that attaches a Flink sink to
 * the stream of values functions send to one egress id.
 *
 * <p>Must not depend on dispatch, state or the feedback loop.
 */
package io.statefun.runtime.egress;
