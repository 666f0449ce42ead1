package io.statefun.http.playground.egress;

import io.statefun.http.playground.topics.TopicRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The records one egress subtask wrote before one checkpoint, held until that checkpoint completes;
 * in operator state as bytes (version, subtask, checkpoint id, then each topic and payload as
 * length-prefixed UTF-8), so that a restore, even at another parallelism, publishes each batch
 * under the subtask that wrote it.
 */
record HeldBatch(int subtask, long checkpointId, List<TopicRecord> records) {
  private static final int VERSION = 1;

  HeldBatch {
    records = List.copyOf(records);
  }

  byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(VERSION);
      out.writeInt(subtask);
      out.writeLong(checkpointId);
      out.writeInt(records.size());
      for (TopicRecord record : records) {
        writeText(out, record.topic());
        writeText(out, record.payload());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static HeldBatch fromBytes(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int version = in.readInt();
      if (version != VERSION) {
        throw new IllegalStateException(
            "playground egress state of version " + version + "; this version reads " + VERSION);
      }
      int subtask = in.readInt();
      long checkpointId = in.readLong();
      int count = in.readInt();
      List<TopicRecord> records = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        records.add(new TopicRecord(readText(in), readText(in)));
      }
      return new HeldBatch(subtask, checkpointId, records);
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt playground egress state", e);
    }
  }

  private static void writeText(DataOutputStream out, String text) throws IOException {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String readText(DataInputStream in) throws IOException {
    byte[] utf8 = new byte[in.readInt()];
    in.readFully(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }
}
