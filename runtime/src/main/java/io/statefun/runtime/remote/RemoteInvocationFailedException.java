package io.statefun.runtime.remote;

import org.apache.flink.annotation.Internal;

/**
 * A remote function could not process a batch (its HTTP call failed for good, or its reply was
 * invalid) and the endpoint has no dead-letter egress: the invocation fails, which fails the job
 * (as in StateFun), and the batch is sent again after the restart. The message names the address,
 * the URL and the cause, which is the {@link
 * io.statefun.runtime.remote.http.HttpCallFailedException} or the invalid reply.
 */
@Internal
public final class RemoteInvocationFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RemoteInvocationFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
