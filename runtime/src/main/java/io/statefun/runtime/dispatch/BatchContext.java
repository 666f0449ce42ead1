package io.statefun.runtime.dispatch;

import io.statefun.sdk.Context;
import io.statefun.sdk.ValueSpec;
import java.util.List;

/**
 * The context of a {@link BatchingFunction} invocation. Usable from any thread until completion.
 */
@org.apache.flink.annotation.Internal
public interface BatchContext extends Context {

  /** The values registered for the function type when the invocation started, in order. */
  List<ValueSpec<?>> registeredValues();

  /**
   * Asks, instead of any other effect, to register {@code missing} for the function type and to
   * invoke the same batch again with them loaded. Values already registered under the same name and
   * type are kept; another type under the same name fails the invocation.
   */
  void registerAndRetry(List<ValueSpec<?>> missing);
}
