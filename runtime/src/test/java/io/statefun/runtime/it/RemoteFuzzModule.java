package io.statefun.runtime.it;

import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.spi.Binder;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.util.Map;

/**
 * The {@link FuzzModule} program with remote functions: an embedded entry function (which throws at
 * the chosen invocations, failing the task) forwards each command to the remote function of the
 * same id, {@link #REMOTE_FN}, served over HTTP with the SDK's handler, which answers 500 while an
 * outage a command started lasts.
 */
public final class RemoteFuzzModule implements StatefulFunctionModule {
  static final TypeName ENTRY = TypeName.parse("fuzz/entry");
  static final TypeName REMOTE_FN = TypeName.parse("fuzzremote/fn");

  /** The remote function, as its service serves it. */
  static final StatefulFunctionSpec REMOTE_SPEC =
      StatefulFunctionSpec.builder(REMOTE_FN)
          .withValueSpecs(FuzzModule.COUNT)
          .withSupplier(
              () ->
                  (context, message) -> {
                    FuzzModule.failWhileEndpointDown();
                    return FuzzModule.interpret(REMOTE_FN, context, message);
                  })
          .build();

  @Override
  public void configure(Map<String, String> globalConfiguration, Binder binder) {
    binder.bindIngress(ChainModule.placeholderIngress(FuzzModule.INGRESS));
    binder.bindEgress(ChainModule.placeholderEgress(FuzzModule.EGRESS));
    binder.bindFunction(
        StatefulFunctionSpec.builder(ENTRY)
            .withSupplier(
                () ->
                    (context, message) -> {
                      FuzzModule.maybeFail(context);
                      context.send(
                          FuzzModule.to(REMOTE_FN, context.self().id(), message.asString()));
                      return context.done();
                    })
            .build());
  }
}
