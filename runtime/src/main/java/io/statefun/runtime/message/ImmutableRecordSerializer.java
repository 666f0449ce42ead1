package io.statefun.runtime.message;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputView;

/**
 * What the serializers of the runtime's immutable records share: a copy is the record itself, there
 * is nothing to reuse, and instances are per thread (their codec reuses a read buffer), so {@link
 * #duplicate()} makes a new one, as does reading one back from a job graph. Two instances are equal
 * when they are of the same class (and configured alike, for one with configuration).
 */
@Internal
public abstract class ImmutableRecordSerializer<T> extends TypeSerializer<T> {
  private static final long serialVersionUID = 1L;

  /** A new instance of the concrete serializer. */
  @Override
  public abstract TypeSerializer<T> duplicate();

  /** A copy read back from a job graph gets state of its own. */
  protected final Object readResolve() {
    return duplicate();
  }

  @Override
  public final boolean isImmutableType() {
    return true;
  }

  @Override
  public final T createInstance() {
    return null;
  }

  @Override
  public final T copy(T from) {
    return from;
  }

  @Override
  public final T copy(T from, T reuse) {
    return from;
  }

  @Override
  public final int getLength() {
    return -1;
  }

  @Override
  public final T deserialize(T reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public boolean equals(Object o) {
    return o != null && o.getClass() == getClass();
  }

  @Override
  public int hashCode() {
    return getClass().hashCode();
  }
}
