package io.statefun.runtime.dispatch;

import io.statefun.runtime.module.Application;
import io.statefun.runtime.state.FunctionState;
import io.statefun.sdk.Address;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.TypeName;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.jspecify.annotations.Nullable;

/**
 * The function types this dispatcher has met: one instance and one {@link FunctionState} per type,
 * made on the first message for the type and reused after. Task thread only.
 */
final class FunctionRegistry {
  private static final LoadedFunction UNKNOWN = new LoadedFunction(null, null, null);

  private final Application application;
  private final KeyedStateBackend<Address> backend;
  private final MetricGroup functionsGroup;
  private final ToIntFunction<TypeName> busyOfType;
  private final ToIntFunction<TypeName> backlogOfType;
  private final Map<TypeName, LoadedFunction> byType = new HashMap<>();
  // messages come in runs of one type: the last answer is checked first, by identity
  private TypeName lastType;
  private LoadedFunction lastLoaded;

  /**
   * @param busyOfType how many addresses of a type have unfinished work (a metric)
   * @param backlogOfType how many messages wait behind them (a metric)
   */
  FunctionRegistry(
      Application application,
      KeyedStateBackend<Address> backend,
      MetricGroup functionsGroup,
      ToIntFunction<TypeName> busyOfType,
      ToIntFunction<TypeName> backlogOfType) {
    this.application = application;
    this.backend = backend;
    this.functionsGroup = functionsGroup;
    this.busyOfType = busyOfType;
    this.backlogOfType = backlogOfType;
  }

  /** Closes the functions that hold resources (remote clients). */
  void close() {
    for (LoadedFunction loaded : byType.values()) {
      if (loaded.function() instanceof BatchingFunction batching) {
        batching.close();
      }
    }
  }

  /** The function of a type; null when nothing binds the type. */
  @Nullable LoadedFunction get(TypeName type) {
    if (type == lastType) {
      return lastLoaded;
    }
    LoadedFunction loaded = byType.get(type);
    if (loaded == null) {
      loaded = load(type);
      byType.put(type, loaded);
    }
    lastType = type;
    lastLoaded = loaded == UNKNOWN ? null : loaded;
    return lastLoaded;
  }

  private LoadedFunction load(TypeName type) {
    StatefulFunctionSpec spec = application.functionSpec(type).orElse(null);
    if (spec == null) {
      return UNKNOWN;
    }
    StatefulFunction function = spec.supplier().get();
    if (function == null) {
      throw new IllegalStateException("The supplier of function " + type + " returned null");
    }
    MetricGroup group = functionsGroup.addGroup(type.namespace()).addGroup(type.name());
    FunctionTypeMetrics metrics =
        new FunctionTypeMetrics(
            group, () -> busyOfType.applyAsInt(type), () -> backlogOfType.applyAsInt(type));
    if (function instanceof BatchingFunction batching) {
      batching.open(group);
    }
    return new LoadedFunction(
        function, new FunctionState(type, spec.valueSpecs().values(), backend), metrics);
  }

  /** A function type's instance, state and metrics, and a completed context to reuse. */
  static final class LoadedFunction {
    private final StatefulFunction function;
    private final FunctionState state;
    private final FunctionTypeMetrics metrics;
    private RecordingContext reusable;

    LoadedFunction(StatefulFunction function, FunctionState state, FunctionTypeMetrics metrics) {
      this.function = function;
      this.state = state;
      this.metrics = metrics;
    }

    StatefulFunction function() {
      return function;
    }

    FunctionState state() {
      return state;
    }

    FunctionTypeMetrics metrics() {
      return metrics;
    }

    /** A completed context whose parts the next invocation may take over; leaves none. */
    @Nullable RecordingContext takeReusable() {
      RecordingContext taken = reusable;
      reusable = null;
      return taken;
    }

    /** Offers a context that completed on the task thread for reuse. */
    void offerForReuse(RecordingContext context) {
      reusable = context;
    }
  }
}
