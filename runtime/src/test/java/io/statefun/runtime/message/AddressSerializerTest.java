package io.statefun.runtime.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressSerializerTest {
  private static final TypeName GREETER = TypeName.parse("example/greeter");
  private static final TypeName COUNTER = TypeName.parse("example/counter");
  private static final TypeName LATER = TypeName.parse("example/added-later");
  private static final TypeName UNLISTED = TypeName.parse("remote.namespace/fn");

  @Test
  void listedFunctionTypesAreWrittenAsTheirPositionOthersByName() throws Exception {
    AddressSerializer serializer = new AddressSerializer(List.of(GREETER, COUNTER));
    for (Address address :
        List.of(
            new Address(GREETER, "alice"),
            new Address(COUNTER, "a3f1c2de-9b7a-4c1e-8f00-123456789abc"),
            new Address(UNLISTED, "zoë"),
            new Address(COUNTER, ""))) {
      assertThat(serializer.deserialize(new DataInputDeserializer(bytes(serializer, address))))
          .isEqualTo(address);
    }
    Address bob = new Address(COUNTER, "bob");
    assertThat(bytes(serializer, bob)).hasSize(2 + 1 + 3);
    assertThat(bytes(new AddressSerializer(), bob)).hasSize(1 + COUNTER.canonical().length() + 4);
    assertThat(bytes(new AddressSerializer(), bob)).isEqualTo(bytes(legacy(), bob));
  }

  @Test
  void aPositionBeyondTheListIsAnErrorNamingTheKnownTypes() throws Exception {
    byte[] third = bytes(new AddressSerializer(List.of(GREETER, COUNTER, LATER)), address(LATER));

    assertThatThrownBy(
            () ->
                new AddressSerializer(List.of(GREETER, COUNTER))
                    .deserialize(new DataInputDeserializer(third)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("function type number 2")
        .hasMessageContaining("example/greeter");
  }

  @Test
  void aRestoredStateKeepsTheFunctionTypesItWasWrittenWith() throws Exception {
    TypeSerializerSnapshot<Address> written =
        roundTrip(new AddressSerializer(List.of(GREETER, COUNTER)).snapshotConfiguration());
    TypeSerializerSnapshot<Address> now =
        new AddressSerializer(List.of(COUNTER, GREETER, LATER)).snapshotConfiguration();

    TypeSerializerSchemaCompatibility<Address> compatibility =
        now.resolveSchemaCompatibility(written);

    assertThat(compatibility.isCompatibleWithReconfiguredSerializer()).isTrue();
    assertThat(compatibility.getReconfiguredSerializer())
        .isEqualTo(new AddressSerializer(List.of(GREETER, COUNTER)));
    assertThat(now.resolveSchemaCompatibility(now).isCompatibleAsIs()).isTrue();
  }

  @Test
  void aStateWrittenBeforeFunctionTypesHadPositionsKeepsWritingNames() throws Exception {
    TypeSerializerSnapshot<Address> now =
        new AddressSerializer(List.of(GREETER)).snapshotConfiguration();

    TypeSerializerSchemaCompatibility<Address> compatibility =
        now.resolveSchemaCompatibility(roundTrip(new AddressSerializer.Snapshot()));

    assertThat(compatibility.isCompatibleWithReconfiguredSerializer()).isTrue();
    assertThat(compatibility.getReconfiguredSerializer()).isEqualTo(new AddressSerializer());
  }

  /**
   * Counts per address in a keyed job, snapshotted with one serializer (the legacy one, or one
   * listing [greeter, counter]) and restored where the application lists [counter, greeter,
   * added-later]: every count carries on.
   */
  @ParameterizedTest
  @ValueSource(strings = {"heap", "rocksdb", "heap-legacy", "rocksdb-legacy"})
  void countsCarryOnAcrossARestoreIntoAnotherListOfFunctionTypes(String variant) throws Exception {
    StateBackend backend =
        variant.startsWith("rocksdb")
            ? new EmbeddedRocksDBStateBackend()
            : new HashMapStateBackend();
    List<Address> keys =
        List.of(
            address(GREETER), address(COUNTER), new Address(UNLISTED, "x"), address(GREETER, "b"));
    TypeInformation<Address> before =
        variant.endsWith("legacy")
            ? legacyKeyType()
            : RuntimeTypes.addressKey(List.of(GREETER, COUNTER));

    OperatorSubtaskState snapshot;
    try (KeyedOneInputStreamOperatorTestHarness<Address, Address, String> first =
        counting(before, backend)) {
      first.open();
      for (Address key : keys) {
        first.processElement(new StreamRecord<>(key));
      }
      snapshot = first.snapshot(1, 0);
    }

    List<String> counts = new ArrayList<>();
    try (KeyedOneInputStreamOperatorTestHarness<Address, Address, String> second =
        counting(RuntimeTypes.addressKey(List.of(COUNTER, GREETER, LATER)), backend)) {
      second.initializeState(snapshot);
      second.open();
      for (Address key : keys) {
        second.processElement(new StreamRecord<>(key));
      }
      second.processElement(new StreamRecord<>(address(LATER)));
      second.extractOutputValues().forEach(counts::add);
    }

    assertThat(counts)
        .containsExactly(
            "example/greeter/alice 2",
            "example/counter/alice 2",
            "remote.namespace/fn/x 2",
            "example/greeter/b 2",
            "example/added-later/alice 1");
  }

  private static KeyedOneInputStreamOperatorTestHarness<Address, Address, String> counting(
      TypeInformation<Address> keyType, StateBackend backend) throws Exception {
    KeyedOneInputStreamOperatorTestHarness<Address, Address, String> harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new Count()), address -> address, keyType);
    harness.setStateBackend(backend);
    return harness;
  }

  private static final class Count extends KeyedProcessFunction<Address, Address, String> {
    private transient ValueState<Long> count;

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext context) {
      count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
    }

    @Override
    public void processElement(Address address, Context context, Collector<String> out)
        throws Exception {
      long next = (count.value() == null ? 0 : count.value()) + 1;
      count.update(next);
      out.collect(address + " " + next);
    }
  }

  private static Address address(TypeName type) {
    return address(type, "alice");
  }

  private static Address address(TypeName type, String id) {
    return new Address(type, id);
  }

  private static byte[] bytes(TypeSerializer<Address> serializer, Address address)
      throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    serializer.serialize(address, out);
    return out.getCopyOfBuffer();
  }

  private static TypeSerializerSnapshot<Address> roundTrip(TypeSerializerSnapshot<Address> snapshot)
      throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
    return TypeSerializerSnapshot.readVersionedSnapshot(
        new DataInputDeserializer(out.getCopyOfBuffer()),
        AddressSerializerTest.class.getClassLoader());
  }

  /** The key type as it was before function types had positions: its snapshot is the old one. */
  private static TypeInformation<Address> legacyKeyType() {
    return RuntimeTypes.of(Address.class, LegacyAddressSerializer::new);
  }

  private static TypeSerializer<Address> legacy() {
    return new LegacyAddressSerializer();
  }

  /** Writes as {@link AddressSerializer} without a list does; snapshots as before. */
  private static final class LegacyAddressSerializer extends ImmutableRecordSerializer<Address> {
    private final AddressSerializer names = new AddressSerializer();

    @Override
    public TypeSerializer<Address> duplicate() {
      return new LegacyAddressSerializer();
    }

    @Override
    public void serialize(Address record, DataOutputView target) throws IOException {
      names.serialize(record, target);
    }

    @Override
    public Address deserialize(DataInputView source) throws IOException {
      return names.deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
      names.copy(source, target);
    }

    @Override
    public TypeSerializerSnapshot<Address> snapshotConfiguration() {
      return new AddressSerializer.Snapshot();
    }
  }
}
