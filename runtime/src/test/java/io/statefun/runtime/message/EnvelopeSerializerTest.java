package io.statefun.runtime.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.Types;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class EnvelopeSerializerTest {
  private static final Address TARGET = new Address(TypeName.parse("ns/fn"), "id-ü");
  private static final Address CALLER = new Address(TypeName.parse("ns/caller"), "c");

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
