package io.statefun.runtime.dispatch;

import io.statefun.sdk.TypeName;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.jspecify.annotations.Nullable;

/**
 * The {@link IdempotentRequests.Records} of the current key in Flink keyed state: per reply type, a
 * map state {@code __statefun.idempotency.<reply type>} from key to record, whose entries expire
 * (Flink state TTL, processing time) once the ingress's retention passed since they were last
 * written, that is since the reply was recorded, or since the last repeat while in progress. Task
 * thread only.
 *
 * <p>The static methods give tools that copy savepoints ({@code state-tools}) the same layout.
 */
public final class IdempotencyState implements IdempotentRequests.Records {
  /** The name prefix of the map states. */
  static final String STATE_PREFIX = "__statefun.idempotency.";

  private final Map<TypeName, MapState<String, IdempotencyRecord>> byReplyType = new HashMap<>();

  /**
   * @param retention how long each reply type's keys are kept
   * @param mapState the keyed map state for a descriptor (the operator's runtime context)
   */
  IdempotencyState(
      Map<TypeName, Duration> retention,
      Function<MapStateDescriptor<String, IdempotencyRecord>, MapState<String, IdempotencyRecord>>
          mapState) {
    retention.forEach(
        (replyType, keep) ->
            byReplyType.put(replyType, mapState.apply(descriptor(replyType, keep))));
  }

  /**
   * The map state of {@code replyType}'s records: with {@code retention}, the TTL the dispatcher
   * keeps them with; without (null), a descriptor for tools that copy records from one savepoint to
   * another. Flink 2.2 stamps an entry written without TTL with the restore time when the job
   * declares TTL for it, so a copied record is kept for the job's retention from its start.
   */
  public static MapStateDescriptor<String, IdempotencyRecord> descriptor(
      TypeName replyType, @Nullable Duration retention) {
    MapStateDescriptor<String, IdempotencyRecord> descriptor =
        new MapStateDescriptor<>(
            STATE_PREFIX + replyType.canonical(),
            StringSerializer.INSTANCE,
            new IdempotencyRecordSerializer());
    if (retention != null) {
      descriptor.enableTimeToLive(
          StateTtlConfig.newBuilder(retention)
              .updateTtlOnCreateAndWrite()
              .neverReturnExpired()
              .useProcessingTime()
              .build());
    }
    return descriptor;
  }

  /** The reply type whose records a keyed state of this name holds, if it is such a state. */
  public static Optional<TypeName> replyType(String stateName) {
    return stateName.startsWith(STATE_PREFIX)
        ? Optional.of(TypeName.parse(stateName.substring(STATE_PREFIX.length())))
        : Optional.empty();
  }

  @Override
  public @Nullable IdempotencyRecord get(TypeName replyType, String key) throws Exception {
    return byReplyType.get(replyType).get(key);
  }

  @Override
  public void put(TypeName replyType, String key, IdempotencyRecord record) throws Exception {
    byReplyType.get(replyType).put(key, record);
  }
}
