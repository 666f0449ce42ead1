package io.statefun.sdk.remote;

import com.google.protobuf.InvalidProtocolBufferException;
import io.statefun.sdk.Address;
import io.statefun.sdk.Expiration;
import io.statefun.sdk.Message;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.ValueSpec;
import io.statefun.sdk.reqreply.generated.FromFunction;
import io.statefun.sdk.reqreply.generated.FromFunction.ExpirationSpec;
import io.statefun.sdk.reqreply.generated.FromFunction.PersistedValueSpec;
import io.statefun.sdk.reqreply.generated.ToFunction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.NullMarked;

/**
 * Serves functions over the StateFun 3.x request-reply protocol: takes a serialized {@code
 * ToFunction} and completes with a serialized {@code FromFunction}. Any HTTP server can call it
 * (see {@link FunctionServer} for a ready one).
 *
 * <pre>{@code
 * RequestReplyHandler handler = RequestReplyHandler.of(Greeter.SPEC, Counter.SPEC);
 * CompletableFuture<byte[]> reply = handler.handle(requestBody);
 * }</pre>
 *
 * <p>Per request, the invocations of the batch run one after the other (each one's future must
 * complete before the next starts), sharing the address's values. When the request lacks a value
 * the function declares, the reply asks the runtime to register it and to send the batch again.
 * Thread-safe: requests for different addresses may be handled concurrently.
 */
@NullMarked
public final class RequestReplyHandler {
  private final Map<TypeName, StatefulFunctionSpec> specs;

  private RequestReplyHandler(Map<TypeName, StatefulFunctionSpec> specs) {
    this.specs = specs;
  }

  public static RequestReplyHandler of(StatefulFunctionSpec... specs) {
    return of(List.of(specs));
  }

  /** A handler for the given functions; a function type may appear only once. */
  public static RequestReplyHandler of(Collection<StatefulFunctionSpec> specs) {
    Map<TypeName, StatefulFunctionSpec> byType = new LinkedHashMap<>();
    for (StatefulFunctionSpec spec : specs) {
      Objects.requireNonNull(spec, "spec");
      if (byType.putIfAbsent(spec.typeName(), spec) != null) {
        throw new IllegalArgumentException("Function " + spec.typeName() + " is given twice");
      }
    }
    return new RequestReplyHandler(Map.copyOf(byType));
  }

  /** The function types this handler serves. */
  public Collection<TypeName> functionTypes() {
    return specs.keySet();
  }

  /**
   * Handles one request. The future fails when the request is malformed, names an unknown function
   * type, or a function fails; the HTTP layer should then answer with an error status.
   */
  public CompletableFuture<byte[]> handle(byte[] request) {
    try {
      ToFunction toFunction = ToFunction.parseFrom(request);
      return handle(toFunction).thenApply(FromFunction::toByteArray);
    } catch (InvalidProtocolBufferException e) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException(
              "The request is not a ToFunction message: " + e.getMessage(), e));
    } catch (Throwable t) {
      return CompletableFuture.failedFuture(t);
    }
  }

  private CompletableFuture<FromFunction> handle(ToFunction request) throws Throwable {
    if (!request.hasInvocation()) {
      return CompletableFuture.completedFuture(FromFunction.getDefaultInstance());
    }
    ToFunction.InvocationBatchRequest batch = request.getInvocation();
    Address self = ProtocolValues.fromProto(batch.getTarget());
    if (self == null) {
      throw new IllegalArgumentException("The request has no target address");
    }
    StatefulFunctionSpec spec = specs.get(self.type());
    if (spec == null) {
      throw new IllegalArgumentException(
          "No function of type "
              + self.type()
              + " is served here (request for "
              + self
              + "); served: "
              + specs.keySet());
    }
    List<ValueSpec<?>> missing = new ArrayList<>(0);
    RemoteStorage storage =
        RemoteStorage.resolve(self, spec.valueSpecs(), batch.getStateList(), missing::add);
    if (storage == null) {
      return CompletableFuture.completedFuture(incompleteContext(missing));
    }
    StatefulFunction function = spec.supplier().get();
    if (function == null) {
      throw new IllegalStateException("The supplier of function " + self.type() + " returned null");
    }
    RemoteResponse response = new RemoteResponse(storage);
    return applyInOrder(function, response, self, batch.getInvocationsList(), 0)
        .thenApply(done -> response.finish());
  }

  /** Applies invocation {@code index} and, once its future completes, the ones after it. */
  private static CompletableFuture<Void> applyInOrder(
      StatefulFunction function,
      RemoteResponse response,
      Address self,
      List<ToFunction.Invocation> invocations,
      int index) {
    // completed futures are followed in a loop, so a long batch does not grow the stack
    while (index < invocations.size()) {
      ToFunction.Invocation invocation = invocations.get(index);
      CompletableFuture<Void> done;
      RemoteContext context =
          new RemoteContext(
              self,
              invocation.hasCaller() ? ProtocolValues.fromProto(invocation.getCaller()) : null,
              response);
      try {
        Message message = new Message(self, ProtocolValues.fromProto(invocation.getArgument()));
        done = function.apply(context, message);
      } catch (Throwable t) {
        return CompletableFuture.failedFuture(t);
      }
      if (done == null) {
        return CompletableFuture.failedFuture(
            new IllegalStateException("Function " + self + " returned null instead of a future"));
      }
      int next = index + 1;
      if (!done.isDone() || done.isCompletedExceptionally()) {
        return done.whenComplete((ignored, failure) -> context.complete())
            .thenCompose(ignored -> applyInOrder(function, response, self, invocations, next));
      }
      context.complete();
      index = next;
    }
    return CompletableFuture.completedFuture(null);
  }

  private static FromFunction incompleteContext(List<ValueSpec<?>> missing) {
    FromFunction.IncompleteInvocationContext.Builder incomplete =
        FromFunction.IncompleteInvocationContext.newBuilder();
    for (ValueSpec<?> spec : missing) {
      PersistedValueSpec.Builder value =
          PersistedValueSpec.newBuilder()
              .setStateName(spec.name())
              .setTypeTypename(spec.typeName().canonical());
      Expiration expiration = spec.expiration();
      if (expiration.mode() != Expiration.Mode.NONE) {
        value.setExpirationSpec(
            ExpirationSpec.newBuilder()
                .setMode(
                    expiration.mode() == Expiration.Mode.AFTER_CALL
                        ? ExpirationSpec.ExpireMode.AFTER_INVOKE
                        : ExpirationSpec.ExpireMode.AFTER_WRITE)
                .setExpireAfterMillis(expiration.duration().toMillis()));
      }
      incomplete.addMissingValues(value);
    }
    return FromFunction.newBuilder().setIncompleteInvocationContext(incomplete).build();
  }
}
