package io.statefun.runtime.message;

import io.statefun.sdk.Address;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Serializes {@link Address}, the key of all function state. */
public final class AddressSerializer extends TypeSerializer<Address> {
  private static final long serialVersionUID = 1L;

  private final transient Codec codec = new Codec();

  /** A copy read back from a job graph gets a codec of its own. */
  private Object readResolve() {
    return new AddressSerializer();
  }

  /** Each thread needs its own instance: the codec reuses a read buffer. */
  @Override
  public TypeSerializer<Address> duplicate() {
    return new AddressSerializer();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AddressSerializer;
  }

  @Override
  public int hashCode() {
    return AddressSerializer.class.hashCode();
  }

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public Address createInstance() {
    return null;
  }

  @Override
  public Address copy(Address from) {
    return from;
  }

  @Override
  public Address copy(Address from, Address reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(Address record, DataOutputView target) throws IOException {
    Codec.writeAddress(record, target);
  }

  @Override
  public Address deserialize(DataInputView source) throws IOException {
    return codec.readAddress(source);
  }

  @Override
  public Address deserialize(Address reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    Codec.copyAddress(source, target);
  }

  @Override
  public TypeSerializerSnapshot<Address> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot of {@link AddressSerializer}, which has no configuration. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<Address> {
    public Snapshot() {
      super(AddressSerializer::new);
    }
  }
}
