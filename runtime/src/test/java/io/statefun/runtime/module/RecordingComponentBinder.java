package io.statefun.runtime.module;

import com.fasterxml.jackson.databind.JsonNode;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.io.IngressSpec;
import io.statefun.sdk.spi.Binder;

/**
 * A test kind: {@code test.v1/recorded} binds an ingress that keeps its whole spec, so two files
 * can be checked to bind exactly the same specs. The spec needs an {@code id}.
 */
public final class RecordingComponentBinder implements ComponentBinder<JsonNode> {

  /** The bound spec, as read. */
  public record RecordedSpec(TypeName id, JsonNode spec) implements IngressSpec<Object> {
    @Override
    public TypeName type() {
      return TypeName.parse("test.v1/recorded");
    }
  }

  @Override
  public TypeName kind() {
    return TypeName.parse("test.v1/recorded");
  }

  @Override
  public Class<JsonNode> specClass() {
    return JsonNode.class;
  }

  @Override
  public void bind(JsonNode spec, String where, Binder binder) {
    binder.bindIngress(new RecordedSpec(TypeName.parse(spec.get("id").asText()), spec));
  }
}
