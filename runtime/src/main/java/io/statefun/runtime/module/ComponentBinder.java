package io.statefun.runtime.module;

import io.statefun.sdk.TypeName;
import io.statefun.sdk.spi.Binder;
import org.jspecify.annotations.NullMarked;

/**
 * Binds one {@code kind} of {@code module.yaml} component, e.g. {@code
 * io.statefun.kafka.v1/ingress}. Found with {@link java.util.ServiceLoader}; the {@code spec} of a
 * component is bound to {@link #specClass()} by Jackson with unknown fields rejected, so the class
 * should declare exactly the fields of the kind.
 *
 * @param <S> the spec's Java form
 */
@NullMarked
public interface ComponentBinder<S> {

  TypeName kind();

  Class<S> specClass();

  /**
   * Binds the component.
   *
   * @param where the file and line of the component, to put in error messages
   */
  void bind(S spec, String where, Binder binder);
}
