package io.statefun.runtime.message;

import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/** The binary layout of the runtime's values, shared by its serializers. */
final class Codec {
  private Codec() {}

  static void writeTypeName(TypeName typeName, DataOutputView out) throws IOException {
    StringValue.writeString(typeName.namespace(), out);
    StringValue.writeString(typeName.name(), out);
  }

  static TypeName readTypeName(DataInputView in) throws IOException {
    String namespace = StringValue.readString(in);
    String name = StringValue.readString(in);
    return TypeName.of(namespace, name);
  }

  static void writeAddress(Address address, DataOutputView out) throws IOException {
    writeTypeName(address.type(), out);
    StringValue.writeString(address.id(), out);
  }

  static Address readAddress(DataInputView in) throws IOException {
    TypeName type = readTypeName(in);
    return new Address(type, StringValue.readString(in));
  }

  static void writeTypedValue(TypedValue value, DataOutputView out) throws IOException {
    writeTypeName(value.typeName(), out);
    byte[] bytes = value.value();
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static TypedValue readTypedValue(DataInputView in) throws IOException {
    TypeName typeName = readTypeName(in);
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return new TypedValue(typeName, bytes);
  }

  static void copyTypeName(DataInputView in, DataOutputView out) throws IOException {
    StringValue.copyString(in, out);
    StringValue.copyString(in, out);
  }

  static void copyAddress(DataInputView in, DataOutputView out) throws IOException {
    copyTypeName(in, out);
    StringValue.copyString(in, out);
  }

  static void copyTypedValue(DataInputView in, DataOutputView out) throws IOException {
    copyTypeName(in, out);
    int length = in.readInt();
    out.writeInt(length);
    out.write(in, length);
  }
}
