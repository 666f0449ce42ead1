package io.statefun.http.it;

import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.spi.Binder;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code test.crash/once}: throws on its first message in this JVM, so the job fails and Flink
 * restarts it from the last checkpoint; does nothing afterwards.
 */
public final class CrashOnceModule implements StatefulFunctionModule {
  static final TypeName CRASH = TypeName.parse("test.crash/once");
  private static final AtomicBoolean CRASHED = new AtomicBoolean();

  @Override
  public void configure(Map<String, String> globalConfiguration, Binder binder) {
    binder.bindFunction(
        StatefulFunctionSpec.builder(CRASH)
            .withSupplier(
                () ->
                    (context, message) -> {
                      if (CRASHED.compareAndSet(false, true)) {
                        throw new IllegalStateException("test.crash/once crashes the job, once");
                      }
                      return context.done();
                    })
            .build());
  }
}
