package io.statefun.runtime.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.Types;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class IdempotencyRecordSerializerTest {

  @Test
  void recordsInProgressAndRepliedRoundTrip() throws Exception {
    for (IdempotencyRecord record :
        List.of(
            new IdempotencyRecord.InProgress(List.of("0-a", "1-b")),
            new IdempotencyRecord.InProgress(List.of()),
            new IdempotencyRecord.Replied(TypedValue.of(Types.STRING, "Hello")),
            new IdempotencyRecord.Replied(new TypedValue(TypeName.parse("a/b"), new byte[3])))) {
      DataOutputSerializer out = new DataOutputSerializer(32);
      new IdempotencyRecordSerializer().serialize(record, out);
      assertThat(
              new IdempotencyRecordSerializer()
                  .deserialize(new DataInputDeserializer(out.getCopyOfBuffer())))
          .isEqualTo(record);
    }
  }

  @Test
  void theWaitersOfAKeyInProgressAreBounded() {
    IdempotencyRecord.InProgress record = new IdempotencyRecord.InProgress(List.of("r0"));
    for (int i = 1; i < 10; i++) {
      record = record.with("r" + i, 4);
    }
    assertThat(record.waiters()).containsExactly("r6", "r7", "r8", "r9");
  }
}
