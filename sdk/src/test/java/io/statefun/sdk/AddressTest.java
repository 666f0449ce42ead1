package io.statefun.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressTest {
  private static final TypeName TYPE = TypeName.parse("ns/fn");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "7",
        "alice",
        "12345678",
        "123456789",
        "exactly-16-chars",
        "seventeen-chars-x",
        "a3f1c2de-9b7a-4c1e-8f00-123456789abc",
        "zoë",
        "日本",
        "tab\there",
        "nul\0byte"
      })
  void anAddressReadFromUtf8BytesEqualsTheOneMadeFromItsString(String id) {
    byte[] utf8 = ("xx" + id).getBytes(StandardCharsets.UTF_8);
    Address read = Address.fromUtf8(TYPE, utf8, 2, utf8.length - 2);
    Address made = new Address(TYPE, id);

    assertThat(read).isEqualTo(made).hasSameHashCodeAs(made);
    assertThat(made).isEqualTo(read);
    assertThat(read.hashCode()).isEqualTo(31 * "ns/fn".hashCode() + id.hashCode());
    assertThat(read.id()).isEqualTo(id);
    assertThat(read).hasToString("ns/fn/" + id);
  }

  @Test
  void addressesDifferingInTheirIdOrTypeAreNotEqual() {
    Address alice = new Address(TYPE, "alice");
    assertThat(alice)
        .isNotEqualTo(new Address(TYPE, "alicf"))
        .isNotEqualTo(new Address(TYPE, "alice\0"))
        .isNotEqualTo(new Address(TypeName.parse("ns/other"), "alice"))
        .isNotEqualTo(new Address(TYPE, "exactly-16-chars"));
    assertThat(new Address(TYPE, "exactly-16-chars"))
        .isNotEqualTo(new Address(TYPE, "exactly-16-charz"));
    assertThat(new Address(TYPE, "seventeen-chars-x"))
        .isNotEqualTo(new Address(TYPE, "seventeen-chars-y"));
  }

  @Test
  void shortAsciiIdsAreCopiedAsBytesOthersAreNot() {
    byte[] target = new byte[Address.SHORT_ID_MAX];
    assertThat(new Address(TYPE, "exactly-16-chars").copyShortId(target)).isEqualTo(16);
    assertThat(new String(target, StandardCharsets.US_ASCII)).isEqualTo("exactly-16-chars");
    assertThat(new Address(TYPE, "seventeen-chars-x").copyShortId(target)).isEqualTo(-1);
    assertThat(new Address(TYPE, "zoë").copyShortId(target)).isEqualTo(-1);
  }

  @Test
  void javaSerializationKeepsTheAddress() throws Exception {
    for (Address address :
        new Address[] {
          Address.fromUtf8(TYPE, "bob".getBytes(StandardCharsets.US_ASCII), 0, 3),
          new Address(TYPE, "a3f1c2de-9b7a-4c1e-8f00-123456789abc")
        }) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(address);
      }
      try (ObjectInputStream in =
          new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        Address back = (Address) in.readObject();
        assertThat(back).isEqualTo(address).hasSameHashCodeAs(address);
        assertThat(back.id()).isEqualTo(address.id());
      }
    }
  }
}
