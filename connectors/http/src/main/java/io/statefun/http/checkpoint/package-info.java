/**
 * What the HTTP connector's operators share to release their output only once it is durable:
 * records held per checkpoint until that checkpoint completes. Plain classes, task thread only.
 * Must not depend on dispatch, state, the feedback loop, netty or the server.
 */
package io.statefun.http.checkpoint;
