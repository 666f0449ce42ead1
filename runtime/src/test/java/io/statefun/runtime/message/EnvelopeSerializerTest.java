package io.statefun.runtime.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.Types;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class EnvelopeSerializerTest {
  private static final Address TARGET = new Address(TypeName.parse("ns/fn"), "id-ü");
  private static final Address CALLER = new Address(TypeName.parse("ns/caller"), "c");
  private static final TypedValue LONG_VALUE = TypedValue.of(Types.LONG, 7L);

  @Test
  void envelopesRoundTripWithAndWithoutCaller() throws Exception {
    for (Envelope envelope :
        new Envelope[] {
          new Envelope(TARGET, null, TypedValue.of(Types.STRING, "hello")),
          new Envelope(TARGET, CALLER, TypedValue.of(Types.LONG, 42L)),
          new Envelope(TARGET, CALLER, new TypedValue(TypeName.parse("a/b"), new byte[0])),
          // lengths of one, two and three varint bytes
          new Envelope(
              new Address(TypeName.parse("ns/" + "n".repeat(200)), "i".repeat(127)),
              new Address(TypeName.parse("ns/fn"), "é".repeat(100)),
              new TypedValue(TypeName.parse("a/b"), new byte[70_000]))
        }) {
      DataOutputSerializer out = new DataOutputSerializer(64);
      new EnvelopeSerializer().serialize(envelope, out);
      Envelope read =
          new EnvelopeSerializer().deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
      assertThat(read).isEqualTo(envelope);

      DataOutputSerializer copied = new DataOutputSerializer(64);
      new EnvelopeSerializer().copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
      assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
    }
  }

  @Test
  void functionTypesOfTheApplicationTravelAsCodesOthersByName() throws Exception {
    EnvelopeSerializer coded =
        new EnvelopeSerializer(List.of(TARGET.type(), CALLER.type(), TypeName.parse("ns/other")));
    for (Envelope envelope :
        new Envelope[] {
          new Envelope(TARGET, CALLER, TypedValue.of(Types.STRING, "hello")),
          new Envelope(new Address(TypeName.parse("ns/unbound"), "x"), TARGET, LONG_VALUE)
        }) {
      byte[] bytes = serialize(coded, envelope);
      assertThat(coded.deserialize(new DataInputDeserializer(bytes))).isEqualTo(envelope);
      DataOutputSerializer copied = new DataOutputSerializer(64);
      coded.copy(new DataInputDeserializer(bytes), copied);
      assertThat(copied.getCopyOfBuffer()).isEqualTo(bytes);
    }
    Envelope toTarget = new Envelope(TARGET, null, LONG_VALUE);
    // "ns/fn" (5 bytes and a length) becomes a marker and 8 bytes: longer names gain
    assertThat(serialize(coded, toTarget))
        .hasSize(serialize(new EnvelopeSerializer(), toTarget).length + 3);
  }

  @Test
  void aCodeMeansTheSameTypeToAnotherVersionOfTheApplication() throws Exception {
    Envelope envelope = new Envelope(TARGET, CALLER, LONG_VALUE);
    byte[] written =
        serialize(new EnvelopeSerializer(List.of(CALLER.type(), TARGET.type())), envelope);
    EnvelopeSerializer withMoreTypes =
        new EnvelopeSerializer(List.of(TypeName.parse("a/new"), TARGET.type(), CALLER.type()));

    assertThat(withMoreTypes.deserialize(new DataInputDeserializer(written))).isEqualTo(envelope);
  }

  @Test
  void aCodeOfATypeTheApplicationNoLongerHasIsAnErrorNamingIt() throws Exception {
    byte[] written =
        serialize(
            new EnvelopeSerializer(List.of(TARGET.type())), new Envelope(TARGET, null, LONG_VALUE));
    EnvelopeSerializer withoutIt = new EnvelopeSerializer(List.of(CALLER.type()));

    assertThatThrownBy(() -> withoutIt.deserialize(new DataInputDeserializer(written)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(String.format("%016x", ContentCodes.derive(TARGET.type())))
        .hasMessageContaining("savepoint");
  }

  @Test
  void aRestoredSerializerKnowsTheTypesOfBoth() {
    EnvelopeSerializer current = new EnvelopeSerializer(List.of(TARGET.type()));
    TypeSerializerSnapshot<Envelope> old =
        new EnvelopeSerializer(List.of(CALLER.type())).snapshotConfiguration();

    var compatibility = current.snapshotConfiguration().resolveSchemaCompatibility(old);

    assertThat(compatibility.isCompatibleWithReconfiguredSerializer()).isTrue();
    assertThat(compatibility.getReconfiguredSerializer())
        .isEqualTo(new EnvelopeSerializer(List.of(TARGET.type(), CALLER.type())));
    assertThat(
            current
                .snapshotConfiguration()
                .resolveSchemaCompatibility(current.snapshotConfiguration())
                .isCompatibleAsIs())
        .isTrue();
  }

  private static byte[] serialize(EnvelopeSerializer serializer, Envelope envelope)
      throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    serializer.serialize(envelope, out);
    return out.getCopyOfBuffer();
  }

  @Test
  void eachThreadGetsItsOwnSerializerBecauseTheCodecReusesABuffer() {
    EnvelopeSerializer serializer = new EnvelopeSerializer();
    assertThat(serializer.duplicate()).isNotSameAs(serializer).isEqualTo(serializer);
    assertThat(RuntimeTypes.ENVELOPE.createSerializer(null))
        .isNotSameAs(RuntimeTypes.ENVELOPE.createSerializer(null));
  }

  @Test
  void addressesRoundTripAsKeys() throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(32);
    new AddressSerializer().serialize(TARGET, out);
    assertThat(
            new AddressSerializer().deserialize(new DataInputDeserializer(out.getCopyOfBuffer())))
        .isEqualTo(TARGET)
        .hasSameHashCodeAs(TARGET);
  }
}
