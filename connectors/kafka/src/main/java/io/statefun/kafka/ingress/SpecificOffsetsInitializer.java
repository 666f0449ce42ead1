package io.statefun.kafka.ingress;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;

/**
 * Specific offsets for an ingress without a consumer group: the given offset where there is one,
 * the earliest or latest offset elsewhere. (Flink's own initializer looks up the group's committed
 * offsets for the other partitions, which fails without a group id.)
 */
@SuppressWarnings("deprecation") // OffsetResetStrategy is what the Flink 2.2 connector takes
final class SpecificOffsetsInitializer implements OffsetsInitializer {
  private static final long serialVersionUID = 1L;

  private final Map<TopicPartition, Long> offsets;
  private final OffsetResetStrategy reset;

  SpecificOffsetsInitializer(Map<TopicPartition, Long> offsets, OffsetResetStrategy reset) {
    this.offsets = new HashMap<>(offsets);
    this.reset = reset;
  }

  @Override
  public Map<TopicPartition, Long> getPartitionOffsets(
      Collection<TopicPartition> partitions, PartitionOffsetsRetriever retriever) {
    Map<TopicPartition, Long> starting = new HashMap<>();
    List<TopicPartition> others = new ArrayList<>();
    for (TopicPartition partition : partitions) {
      Long offset = offsets.get(partition);
      if (offset != null) {
        starting.put(partition, offset);
      } else {
        others.add(partition);
      }
    }
    if (!others.isEmpty()) {
      starting.putAll(
          reset == OffsetResetStrategy.EARLIEST
              ? retriever.beginningOffsets(others)
              : retriever.endOffsets(others));
    }
    return starting;
  }

  @Override
  public OffsetResetStrategy getAutoOffsetResetStrategy() {
    return reset;
  }
}
