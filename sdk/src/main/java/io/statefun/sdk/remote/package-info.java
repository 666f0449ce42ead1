/**
 * Serving {@link io.statefun.sdk.StatefulFunction}s as remote functions: {@link
 * io.statefun.sdk.remote.RequestReplyHandler} speaks the StateFun 3.x request-reply protocol (bytes
 * in, bytes out) and {@link io.statefun.sdk.remote.FunctionServer} puts it behind the JDK's
 * built-in HTTP server.
 *
 * <p>No Flink and no HTTP framework here: only the JDK and the generated protocol classes.
 */
package io.statefun.sdk.remote;
