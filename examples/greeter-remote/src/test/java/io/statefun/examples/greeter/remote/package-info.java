/** Tests of the remote greeter: its service driven by the runtime over HTTP, with a real broker. */
package io.statefun.examples.greeter.remote;
