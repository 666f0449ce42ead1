package io.statefun.runtime.remote.http;

import org.apache.flink.annotation.Internal;

/**
 * An HTTP call to a function failed for good: its budget or its retries ran out, or it got an
 * answer that retrying cannot fix (a 4xx status, a wrong content type, a body over the limit). The
 * message names the address, the URL, the attempts and the last error. Says nothing about what the
 * body means: that is the protocol's business.
 */
@Internal
public final class HttpCallFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  HttpCallFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
