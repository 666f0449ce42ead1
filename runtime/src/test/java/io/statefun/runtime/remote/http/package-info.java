/**
 * Tests of the HTTP transport without Flink, against real servers on 127.0.0.1 (plain, TLS and a
 * Unix domain socket), and {@link io.statefun.runtime.remote.http.TestEndpoint}, the scriptable
 * function endpoint the remote-function tests share.
 */
package io.statefun.runtime.remote.http;
