/**
 * The records that flow through the job ({@link io.statefun.runtime.message.Envelope}) and their
 * Flink serializers. No Kryo: every runtime record has a hand-written {@code TypeSerializer}.
 *
 * <p>Depends on the SDK's value types and Flink's type system only; must not depend on any other
 * runtime package.
 */
package io.statefun.runtime.message;
