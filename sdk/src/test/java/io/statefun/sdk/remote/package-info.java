/**
 * Tests of the remote-function handler and server, including golden exchanges compared byte for
 * byte with the official StateFun 3.3.0 Java SDK.
 */
package io.statefun.sdk.remote;
