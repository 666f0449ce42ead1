package ${package};

import io.statefun.sdk.spi.Binder;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.util.Map;

/**
 * Binds the functions of this application; {@link java.util.ServiceLoader} finds it through
 * {@code META-INF/services/io.statefun.sdk.spi.StatefulFunctionModule}. The Kafka ingress and
 * egress are bound in {@code module.yaml}.
 */
public final class GreeterModule implements StatefulFunctionModule {
  @Override
  public void configure(Map<String, String> globalConfiguration, Binder binder) {
    binder.bindFunction(Greeter.SPEC);
  }
}
