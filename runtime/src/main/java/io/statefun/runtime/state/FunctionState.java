package io.statefun.runtime.state;

import io.statefun.runtime.message.AddressSerializer;
import io.statefun.sdk.Address;
import io.statefun.sdk.Type;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.ValueSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.jspecify.annotations.Nullable;

/**
 * The Flink states of one function type: one value state named {@code <namespace>.<name>.<value>}
 * per declared value, created once (never per message). Values may be added later (remote functions
 * declare them lazily). Task thread only.
 */
@Internal
public final class FunctionState {
  private final TypeName functionType;
  private final KeyedStateBackend<Address> backend;
  private final List<ValueSpec<?>> specs = new ArrayList<>();
  private final List<ValueState<Object>> states = new ArrayList<>();
  private final List<Boolean> keptAsObjects = new ArrayList<>();
  private final Map<String, Integer> indexByName = new HashMap<>();
  private List<ValueSpec<?>> registered = List.of();

  public FunctionState(
      TypeName functionType, Collection<ValueSpec<?>> specs, KeyedStateBackend<Address> backend) {
    this.functionType = functionType;
    this.backend = backend;
    if (!(backend.getKeySerializer() instanceof AddressSerializer)) {
      throw new IllegalStateException("Function state must be keyed by address");
    }
    specs.forEach(this::register);
  }

  public TypeName functionType() {
    return functionType;
  }

  /** Declares a value; declaring the same name again with another type is an error. */
  public int register(ValueSpec<?> spec) {
    Integer existing = indexByName.get(spec.name());
    if (existing != null) {
      ValueSpec<?> known = specs.get(existing);
      if (!known.typeName().equals(spec.typeName())) {
        throw new IllegalStateException(
            "Function "
                + functionType
                + " declares value '"
                + spec.name()
                + "' as "
                + spec.typeName()
                + ", but it is already registered as "
                + known.typeName());
      }
      return existing;
    }
    boolean asObjects = StoredValues.keepsObjects(spec.type());
    ValueStateDescriptor<Object> descriptor =
        new ValueStateDescriptor<>(
            FunctionValueStates.stateName(functionType, spec.name()),
            new StoredValueSerializer(spec.typeName(), asObjects ? spec.type() : null));
    StateTtlConfig ttl = FunctionValueStates.ttlOf(spec.expiration());
    if (ttl != null) {
      descriptor.enableTimeToLive(ttl);
    }
    try {
      states.add(
          backend.getPartitionedState(
              VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, descriptor));
    } catch (Exception e) {
      throw new IllegalStateException(
          "Cannot create the state of value '" + spec.name() + "' of function " + functionType, e);
    }
    int index = specs.size();
    specs.add(spec);
    keptAsObjects.add(asObjects);
    indexByName.put(spec.name(), index);
    registered = List.copyOf(specs);
    return index;
  }

  /** The index of a declared value (the same spec, or one with its name), or -1. */
  public int indexOf(ValueSpec<?> spec) {
    for (int i = 0; i < specs.size(); i++) {
      if (specs.get(i) == spec) {
        return i;
      }
    }
    return indexOf(spec.name());
  }

  /** The index of a declared value, or -1. */
  public int indexOf(String valueName) {
    Integer index = indexByName.get(valueName);
    return index == null ? -1 : index;
  }

  public int size() {
    return specs.size();
  }

  public ValueSpec<?> spec(int index) {
    return specs.get(index);
  }

  /** The registered values, in registration order; an immutable snapshot. */
  public List<ValueSpec<?>> specs() {
    return registered;
  }

  /** Reads a value of the current key; null when absent. */
  public @Nullable Object read(int index) {
    try {
      Object stored = states.get(index).value();
      return stored == null ? null : StoredValues.toValue(specs.get(index).type(), stored);
    } catch (Exception e) {
      throw new IllegalStateException(
          "Cannot read value '" + specs.get(index).name() + "' of " + functionType, e);
    }
  }

  /**
   * Reads a value of the current key as the function encoded it (no decoding of values stored as
   * bytes); null when absent. Reads only, except that a read counts as an access for a value that
   * expires after its last call.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public @Nullable TypedValue readEncoded(int index) {
    ValueSpec<?> spec = specs.get(index);
    try {
      Object stored = states.get(index).value();
      if (stored == null) {
        return null;
      }
      byte[] bytes =
          stored instanceof byte[] encoded ? encoded : ((Type) spec.type()).serialize(stored);
      return new TypedValue(spec.typeName(), bytes);
    } catch (Exception e) {
      throw new IllegalStateException(
          "Cannot read value '" + spec.name() + "' of " + functionType, e);
    }
  }

  /** Writes (or, with null, clears) a value of the current key. */
  public void write(int index, @Nullable Object value) {
    try {
      if (value == null) {
        states.get(index).clear();
      } else {
        states
            .get(index)
            .update(
                StoredValues.toStored(specs.get(index).type(), keptAsObjects.get(index), value));
      }
    } catch (Exception e) {
      throw new IllegalStateException(
          "Cannot write value '" + specs.get(index).name() + "' of " + functionType, e);
    }
  }
}
