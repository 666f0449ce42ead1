package io.statefun.runtime.module;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.TypeName;
import org.junit.jupiter.api.Test;

class ApplicationBinderTest {

  @Test
  void theRuntimesOwnNamespaceCannotBeBoundByAModule() {
    ApplicationBinder binder = new ApplicationBinder().bindingFrom("module a.yaml");

    assertThatThrownBy(
            () ->
                binder.bindFunction(
                    StatefulFunctionSpec.builder(TypeName.parse("io.statefun.internal/x"))
                        .withSupplier(() -> (context, message) -> context.done())
                        .build()))
        .isInstanceOf(ModuleLoadingException.class)
        .hasMessageContaining("module a.yaml")
        .hasMessageContaining("reserved");
    assertThatThrownBy(() -> binder.bindFunctionNamespace("io.statefun.internal", type -> null))
        .isInstanceOf(ModuleLoadingException.class);
  }
}
