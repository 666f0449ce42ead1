package io.statefun.sdk;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Everything the runtime needs to run a function type: its name, the values each address keeps, and
 * how to make an instance.
 *
 * <pre>{@code
 * StatefulFunctionSpec spec = StatefulFunctionSpec.builder(TypeName.parse("example/greeter"))
 *     .withValueSpecs(SEEN)
 *     .withSupplier(Greeter::new)
 *     .build();
 * }</pre>
 */
public final class StatefulFunctionSpec {
  private final TypeName typeName;
  private final Map<String, ValueSpec<?>> valueSpecs;
  private final Supplier<? extends StatefulFunction> supplier;

  private StatefulFunctionSpec(
      TypeName typeName,
      Map<String, ValueSpec<?>> valueSpecs,
      Supplier<? extends StatefulFunction> supplier) {
    this.typeName = typeName;
    this.valueSpecs = valueSpecs;
    this.supplier = supplier;
  }

  public static Builder builder(TypeName typeName) {
    return new Builder(Objects.requireNonNull(typeName, "typeName"));
  }

  public TypeName typeName() {
    return typeName;
  }

  /** The declared values by name, in declaration order. */
  public Map<String, ValueSpec<?>> valueSpecs() {
    return valueSpecs;
  }

  public Supplier<? extends StatefulFunction> supplier() {
    return supplier;
  }

  @Override
  public String toString() {
    return "StatefulFunctionSpec{" + typeName + ", values " + valueSpecs.keySet() + "}";
  }

  /** Builds a {@link StatefulFunctionSpec}. */
  public static final class Builder {
    private final TypeName typeName;
    private final List<ValueSpec<?>> valueSpecs = new ArrayList<>();
    private @Nullable Supplier<? extends StatefulFunction> supplier;

    private Builder(TypeName typeName) {
      this.typeName = typeName;
    }

    public Builder withValueSpec(ValueSpec<?> spec) {
      valueSpecs.add(Objects.requireNonNull(spec, "spec"));
      return this;
    }

    public Builder withValueSpecs(ValueSpec<?>... specs) {
      for (ValueSpec<?> spec : specs) {
        withValueSpec(spec);
      }
      return this;
    }

    public Builder withSupplier(Supplier<? extends StatefulFunction> supplier) {
      this.supplier = Objects.requireNonNull(supplier, "supplier");
      return this;
    }

    public StatefulFunctionSpec build() {
      if (supplier == null) {
        throw new IllegalStateException("The function spec of " + typeName + " needs a supplier");
      }
      Map<String, ValueSpec<?>> byName = new LinkedHashMap<>();
      for (ValueSpec<?> spec : valueSpecs) {
        if (byName.putIfAbsent(spec.name(), spec) != null) {
          throw new IllegalArgumentException(
              "Function " + typeName + " declares the value '" + spec.name() + "' twice");
        }
      }
      return new StatefulFunctionSpec(typeName, Collections.unmodifiableMap(byName), supplier);
    }
  }
}
