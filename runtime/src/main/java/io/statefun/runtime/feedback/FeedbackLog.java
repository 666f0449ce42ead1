package io.statefun.runtime.feedback;

import io.statefun.runtime.message.Envelope;
import io.statefun.runtime.message.EnvelopeSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.KeyGroupStatePartitionStreamProvider;
import org.apache.flink.runtime.state.KeyedStateCheckpointOutputStream;

/**
 * Writes the messages that were in the feedback loop at a checkpoint into raw keyed state, one
 * section per key group (so a restore with another parallelism finds them with their key group),
 * and reads them back. The feedback sink writes it; checkpoints taken before the sink did had it in
 * the dispatcher's raw keyed state, which the dispatcher still reads. Each section: a version, a
 * magic number, a count, then the envelopes.
 */
@Internal
public final class FeedbackLog {
  private static final int VERSION = 1;
  private static final int MAGIC = 0x5f46424c; // "_FBL"

  private FeedbackLog() {}

  /** Writes {@code inTransit} into every key group section of {@code out}; returns the count. */
  public static int write(
      Iterable<Envelope> inTransit, int maxParallelism, KeyedStateCheckpointOutputStream out)
      throws IOException {
    // references to the messages, grouped: each key group's section must be contiguous
    Map<Integer, List<Envelope>> byKeyGroup = new HashMap<>();
    int count = 0;
    for (Envelope envelope : inTransit) {
      int keyGroup = KeyGroupRangeAssignment.assignToKeyGroup(envelope.target(), maxParallelism);
      byKeyGroup.computeIfAbsent(keyGroup, k -> new ArrayList<>()).add(envelope);
      count++;
    }
    DataOutputViewStreamWrapper view = new DataOutputViewStreamWrapper(out);
    EnvelopeSerializer serializer = new EnvelopeSerializer();
    for (int keyGroup : out.getKeyGroupList()) {
      out.startNewKeyGroup(keyGroup);
      List<Envelope> envelopes = byKeyGroup.getOrDefault(keyGroup, List.of());
      view.writeInt(VERSION);
      view.writeInt(MAGIC);
      view.writeInt(envelopes.size());
      for (Envelope envelope : envelopes) {
        serializer.serialize(envelope, view);
      }
    }
    view.flush();
    return count;
  }

  /** Appends the logged messages of one key group to {@code into}. */
  public static void read(KeyGroupStatePartitionStreamProvider section, List<Envelope> into)
      throws IOException {
    DataInputViewStreamWrapper view = new DataInputViewStreamWrapper(section.getStream());
    int version = view.readInt();
    int magic = view.readInt();
    if (version != VERSION || magic != MAGIC) {
      throw new IOException(
          "Key group "
              + section.getKeyGroupId()
              + " holds no feedback log (version "
              + version
              + ", magic "
              + Integer.toHexString(magic)
              + ")");
    }
    int count = view.readInt();
    EnvelopeSerializer serializer = new EnvelopeSerializer();
    for (int i = 0; i < count; i++) {
      into.add(serializer.deserialize(view));
    }
  }
}
