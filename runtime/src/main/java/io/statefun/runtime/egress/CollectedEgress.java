package io.statefun.runtime.egress;

import io.statefun.sdk.TypeName;
import io.statefun.sdk.io.EgressSpec;
import java.io.Serializable;
import java.util.Objects;
import org.apache.flink.annotation.Internal;

/**
 * An egress whose values the job's client collects (the harness hands them to a consumer). It has
 * no provider: job assembly leaves its stream to the caller.
 */
@Internal
public record CollectedEgress(TypeName id) implements EgressSpec, Serializable {
  public static final TypeName TYPE = TypeName.of("io.statefun.harness", "collected-egress");

  public CollectedEgress {
    Objects.requireNonNull(id, "id");
  }

  @Override
  public TypeName type() {
    return TYPE;
  }
}
