package io.statefun.runtime.message;

import io.statefun.sdk.TypeName;
import java.io.IOException;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The snapshot of a serializer made with the application's function types: the list, by name. What
 * a restore does with a list other than the current one is the serializer's own business.
 */
@Internal
public abstract class FunctionTypeListSnapshot<T> implements TypeSerializerSnapshot<T> {
  private static final int VERSION = 1;

  private List<TypeName> functionTypes;

  FunctionTypeListSnapshot(List<TypeName> functionTypes) {
    this.functionTypes = List.copyOf(functionTypes);
  }

  /** The function types of the serializer this snapshot was taken of. */
  final List<TypeName> functionTypes() {
    return functionTypes;
  }

  @Override
  public final int getCurrentVersion() {
    return VERSION;
  }

  @Override
  public final void writeSnapshot(DataOutputView out) throws IOException {
    Codec.writeTypeNames(functionTypes, out);
  }

  @Override
  public final void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader)
      throws IOException {
    functionTypes = Codec.readTypeNames(in);
  }
}
