package io.statefun.http.it;

import io.statefun.sdk.Context;
import io.statefun.sdk.MessageBuilder;
import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.ValueSpec;
import io.statefun.sdk.spi.Binder;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.util.Map;

/**
 * Functions that answer their callers: {@code test/greeter} counts its visitors and replies {@code
 * Hello <id>, you are visitor #<n>}; {@code test/echo} replies with the message's value as it came;
 * {@code test/silent} never replies.
 */
public final class RepliesModule implements StatefulFunctionModule {
  static final TypeName GREETER = TypeName.parse("test/greeter");
  static final TypeName ECHO = TypeName.parse("test/echo");
  static final TypeName SILENT = TypeName.parse("test/silent");
  private static final ValueSpec<Integer> SEEN = ValueSpec.named("seen").withIntType();

  @Override
  public void configure(Map<String, String> globalConfiguration, Binder binder) {
    binder.bindFunction(
        StatefulFunctionSpec.builder(GREETER)
            .withValueSpec(SEEN)
            .withSupplier(
                () ->
                    (context, message) -> {
                      int seen = context.storage().get(SEEN).orElse(0) + 1;
                      context.storage().set(SEEN, seen);
                      replyTo(
                          context, "Hello " + context.self().id() + ", you are visitor #" + seen);
                      return context.done();
                    })
            .build());
    binder.bindFunction(
        StatefulFunctionSpec.builder(ECHO)
            .withSupplier(
                () ->
                    (context, message) -> {
                      context
                          .caller()
                          .ifPresent(
                              caller ->
                                  context.send(
                                      MessageBuilder.forAddress(caller)
                                          .withTypedValue(message.payload())
                                          .build()));
                      return context.done();
                    })
            .build());
    binder.bindFunction(
        StatefulFunctionSpec.builder(SILENT)
            .withSupplier(() -> (context, message) -> context.done())
            .build());
  }

  private static void replyTo(Context context, String text) {
    context
        .caller()
        .ifPresent(
            caller -> context.send(MessageBuilder.forAddress(caller).withValue(text).build()));
  }
}
