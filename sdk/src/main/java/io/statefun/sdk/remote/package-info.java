/**
 * Serving {@link io.statefun.sdk.StatefulFunction}s as remote functions: {@link
 * io.statefun.sdk.remote.RequestReplyHandler} speaks the StateFun 3.x request-reply protocol (bytes
 * in, bytes out) and {@link io.statefun.sdk.remote.FunctionServer} puts it behind the JDK's
 * built-in HTTP server.
 *
 * <p>Only the JDK and the generated protocol classes: must not depend on Flink, the runtime or
 * Netty.
 */
package io.statefun.sdk.remote;
