/**
 * The function API shared by embedded and remote functions: {@link
 * io.statefun.sdk.StatefulFunction}, its {@link io.statefun.sdk.Context}, addresses, typed messages
 * and state specs.
 *
 * <p>Depends on nothing but the JDK: must not depend on Flink, the runtime, protobuf or any other
 * SDK package.
 */
@NullMarked
package io.statefun.sdk;

import org.jspecify.annotations.NullMarked;
