package io.statefun.runtime.message;

import io.statefun.sdk.Address;
import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Serializes {@link Address}, the key of all function state. */
@Internal
public final class AddressSerializer extends ImmutableRecordSerializer<Address> {
  private static final long serialVersionUID = 1L;

  private final transient Codec codec = new Codec();

  @Override
  public TypeSerializer<Address> duplicate() {
    return new AddressSerializer();
  }

  @Override
  public void serialize(Address record, DataOutputView target) throws IOException {
    codec.writeAddress(record, target);
  }

  @Override
  public Address deserialize(DataInputView source) throws IOException {
    return codec.readAddress(source);
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
