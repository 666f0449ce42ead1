package io.statefun.runtime.remote.http;

import io.statefun.sdk.Address;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.annotation.Internal;

/** Sends a serialized {@code ToFunction} to a function and completes with its serialized reply. */
@Internal
public interface RequestReplyClient extends AutoCloseable {

  /**
   * Calls the function at {@code url}. Never throws: failures (after any retries) complete the
   * future with a {@link HttpCallFailedException}.
   *
   * @param target the invoked address, for error messages
   */
  CompletableFuture<byte[]> call(URI url, byte[] request, Address target);

  /** Closes the client's connections and threads; calls after it fail. */
  void close();
}
