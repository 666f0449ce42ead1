package io.statefun.kafka.ingress;

import io.statefun.kafka.KafkaIngressAutoResetPosition;
import io.statefun.kafka.KafkaIngressSpec;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** Maps a startup position and auto-reset position to the Kafka source's offsets initializer. */
final class StartingOffsets {
  private StartingOffsets() {}

  @SuppressWarnings("deprecation") // OffsetResetStrategy is what the Flink 2.2 connector takes
  static OffsetsInitializer of(KafkaIngressSpec<?> spec) {
    OffsetResetStrategy reset =
        spec.autoResetPosition() == KafkaIngressAutoResetPosition.EARLIEST
            ? OffsetResetStrategy.EARLIEST
            : OffsetResetStrategy.LATEST;
    return switch (spec.startupPosition().kind()) {
      case GROUP_OFFSETS -> OffsetsInitializer.committedOffsets(reset);
      case EARLIEST -> OffsetsInitializer.earliest();
      case LATEST -> OffsetsInitializer.latest();
      case SPECIFIC_OFFSETS ->
          spec.consumerGroupId() != null
              // other partitions: the group's committed offsets, else the reset position
              ? OffsetsInitializer.offsets(spec.startupPosition().specificOffsets(), reset)
              : new SpecificOffsetsInitializer(spec.startupPosition().specificOffsets(), reset);
      case DATE -> OffsetsInitializer.timestamp(spec.startupPosition().date().toEpochMilli());
    };
  }
}
