package io.statefun.runtime.module;

import io.statefun.sdk.TypeName;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;

/** Finds the {@link ComponentBinder}s on a class path, one per kind. */
final class ComponentBinders {
  private ComponentBinders() {}

  @SuppressWarnings("rawtypes")
  static Map<TypeName, ComponentBinder<?>> discover(ClassLoader classLoader) {
    Map<TypeName, ComponentBinder<?>> byKind = new LinkedHashMap<>();
    for (ComponentBinder binder : ServiceLoader.load(ComponentBinder.class, classLoader)) {
      ComponentBinder<?> previous = byKind.putIfAbsent(binder.kind(), binder);
      if (previous != null && previous.getClass() != binder.getClass()) {
        throw new ModuleLoadingException(
            "Kind "
                + binder.kind()
                + " is bound by both "
                + previous.getClass().getName()
                + " and "
                + binder.getClass().getName());
      }
    }
    return byKind;
  }
}
