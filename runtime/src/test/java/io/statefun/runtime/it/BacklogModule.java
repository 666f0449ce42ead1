package io.statefun.runtime.it;

import io.statefun.runtime.dispatch.BatchContext;
import io.statefun.runtime.dispatch.BatchingFunction;
import io.statefun.runtime.message.Envelope;
import io.statefun.sdk.EgressMessageBuilder;
import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.Types;
import io.statefun.sdk.spi.Binder;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A slow batching function (as remote functions are) that takes at most {@link #MAX_BACKLOG} queued
 * messages per invocation and reports each batch it gets as {@code a,b,c}.
 */
public final class BacklogModule implements StatefulFunctionModule {
  static final TypeName INGRESS = TypeName.parse("backlog/in");
  static final TypeName EGRESS = TypeName.parse("backlog/out");
  static final TypeName SLOW = TypeName.parse("backlog/slow");
  static final int MAX_BACKLOG = 3;

  @Override
  public void configure(Map<String, String> globalConfiguration, Binder binder) {
    binder.bindIngress(ChainModule.placeholderIngress(INGRESS));
    binder.bindEgress(ChainModule.placeholderEgress(EGRESS));
    binder.bindFunction(StatefulFunctionSpec.builder(SLOW).withSupplier(SlowBatches::new).build());
  }

  private static final class SlowBatches implements BatchingFunction {
    @Override
    public CompletableFuture<Void> applyBatch(BatchContext context, List<Envelope> batch) {
      String texts =
          batch.stream().map(e -> e.payload().as(Types.STRING)).collect(Collectors.joining(","));
      return CompletableFuture.runAsync(
          () -> context.send(EgressMessageBuilder.forEgress(EGRESS).withValue(texts).build()),
          CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS));
    }

    @Override
    public int maxBacklog() {
      return MAX_BACKLOG;
    }
  }
}
