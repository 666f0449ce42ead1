package io.statefun.sdk.spi;

import java.util.Map;

/**
 * One unit of an application, discovered with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/io.statefun.sdk.spi.StatefulFunctionModule}. It needs a public no-arg
 * constructor, because every Flink task loads the modules again.
 *
 * <pre>{@code
 * public final class GreeterModule implements StatefulFunctionModule {
 *   public void configure(Map<String, String> globalConfiguration, Binder binder) {
 *     binder.bindFunction(Greeter.SPEC);
 *   }
 * }
 * }</pre>
 */
public interface StatefulFunctionModule {

  /**
   * Binds this module's components.
   *
   * @param globalConfiguration the {@code statefun.module.global-config.*} entries, without that
   *     prefix, plus whatever the launcher or harness adds
   */
  void configure(Map<String, String> globalConfiguration, Binder binder);
}
