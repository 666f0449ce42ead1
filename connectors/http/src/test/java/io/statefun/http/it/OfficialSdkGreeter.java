package io.statefun.http.it;

import org.apache.flink.statefun.sdk.java.StatefulFunctionSpec;
import org.apache.flink.statefun.sdk.java.StatefulFunctions;
import org.apache.flink.statefun.sdk.java.TypeName;
import org.apache.flink.statefun.sdk.java.ValueSpec;
import org.apache.flink.statefun.sdk.java.message.MessageBuilder;

/**
 * {@code sdk/greeter}, written with the official StateFun 3.3.0 Java SDK (served by {@link
 * SdkFunctionsServer}): it counts its visitors and replies to its caller, unchanged code as any
 * StateFun user writes it.
 */
final class OfficialSdkGreeter {
  private static final ValueSpec<Integer> SEEN = ValueSpec.named("seen").withIntType();

  private OfficialSdkGreeter() {}

  static StatefulFunctions functions() {
    StatefulFunctions functions = new StatefulFunctions();
    functions.withStatefulFunction(
        StatefulFunctionSpec.builder(TypeName.typeNameOf("sdk", "greeter"))
            .withValueSpec(SEEN)
            .withSupplier(
                () ->
                    (context, message) -> {
                      int seen = context.storage().get(SEEN).orElse(0) + 1;
                      context.storage().set(SEEN, seen);
                      context.send(
                          MessageBuilder.forAddress(context.caller().orElseThrow())
                              .withValue(
                                  "Hello "
                                      + message.asUtf8String()
                                      + " #"
                                      + seen
                                      + " from the official SDK")
                              .build());
                      return context.done();
                    })
            .build());
    return functions;
  }
}
