package io.statefun.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.sdk.Type;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.Types;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class StoredValueSerializerTest {
  private static final Type<String> CUSTOM =
      Types.custom(
          TypeName.parse("example/text"),
          text -> text.getBytes(StandardCharsets.UTF_8),
          bytes -> new String(bytes, StandardCharsets.UTF_8));

  @Test
  void builtInValuesAreStoredAsObjectsOthersAsTheirBytes() {
    assertThat(StoredValues.toStored(Types.LONG, StoredValues.keepsObjects(Types.LONG), 42L))
        .isEqualTo(42L);
    assertThat(StoredValues.toStored(CUSTOM, StoredValues.keepsObjects(CUSTOM), "hi"))
        .isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
    assertThat(StoredValues.toValue(CUSTOM, "hi".getBytes(StandardCharsets.UTF_8))).isEqualTo("hi");
  }

  @Test
  void aRestoredSerializerReadsBytesThatDecodeToTheValueAndWritesThemBackUnchanged()
      throws Exception {
    StoredValueSerializer current = new StoredValueSerializer(Types.LONG.typeName(), Types.LONG);
    DataOutputSerializer written = new DataOutputSerializer(16);
    current.serialize(42L, written);

    // after a restore only the type name is known: the value comes back as its encoding
    StoredValueSerializer restored =
        (StoredValueSerializer) current.snapshotConfiguration().restoreSerializer();
    Object stored = restored.deserialize(new DataInputDeserializer(written.getCopyOfBuffer()));
    assertThat(stored).isEqualTo(Types.LONG.serialize(42L));
    assertThat(StoredValues.toValue(Types.LONG, stored)).isEqualTo(42L);

    DataOutputSerializer rewritten = new DataOutputSerializer(16);
    current.serialize(stored, rewritten);
    assertThat(rewritten.getCopyOfBuffer()).isEqualTo(written.getCopyOfBuffer());
    assertThat(current.deserialize(new DataInputDeserializer(rewritten.getCopyOfBuffer())))
        .isEqualTo(42L);
  }

  @Test
  void aSerializerRestoredFromItsSnapshotWritesTheObjectsOfBuiltInValues() throws Exception {
    // Flink writes a canonical savepoint of heap state with the serializer restored from the
    // snapshot, handing it the running job's objects
    StoredValueSerializer current = new StoredValueSerializer(Types.INT.typeName(), Types.INT);
    StoredValueSerializer restored =
        (StoredValueSerializer) current.snapshotConfiguration().restoreSerializer();
    DataOutputSerializer written = new DataOutputSerializer(16);
    restored.serialize(3, written);

    Object read = current.deserialize(new DataInputDeserializer(written.getCopyOfBuffer()));
    assertThat(read).isEqualTo(3);
  }
}
