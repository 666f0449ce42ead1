package io.statefun.http.it;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.statefun.sdk.java.StatefulFunctionSpec;
import org.apache.flink.statefun.sdk.java.StatefulFunctions;
import org.apache.flink.statefun.sdk.java.TypeName;
import org.apache.flink.statefun.sdk.java.ValueSpec;
import org.apache.flink.statefun.sdk.java.message.EgressMessageBuilder;
import org.apache.flink.statefun.sdk.java.message.MessageBuilder;
import org.apache.flink.statefun.sdk.java.types.SimpleType;
import org.apache.flink.statefun.sdk.java.types.Type;

/**
 * The StateFun playground's {@code java/greeter}, written with the official 3.3.0 Java SDK: {@code
 * greeter.fns/user} takes a {@code greeter.types/UserLogin} JSON, counts the user's logins and
 * sends a profile to {@code greeter.fns/greetings}, which sends a greeting to the playground
 * egress's {@code greetings} topic. (The playground's profile is protobuf; here it is JSON.)
 */
final class PlaygroundJavaGreeter {
  private static final ObjectMapper JSON = new ObjectMapper();

  record UserLogin(
      @JsonProperty("user_id") String userId,
      @JsonProperty("user_name") String userName,
      @JsonProperty("login_type") String loginType) {}

  record UserProfile(String name, String loginLocation, int seenCount, long lastSeenDeltaMs) {}

  record EgressRecord(String topic, String payload) {}

  static final Type<UserLogin> USER_LOGIN = json("greeter.types", "UserLogin", UserLogin.class);
  static final Type<UserProfile> USER_PROFILE =
      json("greeter.types", "UserProfile", UserProfile.class);
  static final Type<EgressRecord> EGRESS_RECORD =
      json("io.statefun.playground", "EgressRecord", EgressRecord.class);

  private static final TypeName USER = TypeName.typeNameOf("greeter.fns", "user");
  private static final TypeName GREETINGS = TypeName.typeNameOf("greeter.fns", "greetings");
  private static final TypeName PLAYGROUND_EGRESS =
      TypeName.typeNameOf("io.statefun.playground", "egress");
  private static final ValueSpec<Integer> SEEN_COUNT = ValueSpec.named("seen_count").withIntType();
  private static final ValueSpec<Long> SEEN_TIMESTAMP_MS =
      ValueSpec.named("seen_timestamp_ms").withLongType();
  private static final String[] TEMPLATES = {
    "Welcome %s!", "Nice to see you again %s.", "Third time is a charm %s!"
  };

  private PlaygroundJavaGreeter() {}

  static StatefulFunctions functions() {
    StatefulFunctions functions = new StatefulFunctions();
    functions.withStatefulFunction(
        StatefulFunctionSpec.builder(USER)
            .withValueSpecs(SEEN_COUNT, SEEN_TIMESTAMP_MS)
            .withSupplier(
                () ->
                    (context, message) -> {
                      UserLogin login = message.as(USER_LOGIN);
                      int seen = context.storage().get(SEEN_COUNT).orElse(0) + 1;
                      long now = System.currentTimeMillis();
                      long lastSeen = context.storage().get(SEEN_TIMESTAMP_MS).orElse(now);
                      context.storage().set(SEEN_COUNT, seen);
                      context.storage().set(SEEN_TIMESTAMP_MS, now);
                      context.send(
                          MessageBuilder.forAddress(GREETINGS, login.userId())
                              .withCustomType(
                                  USER_PROFILE,
                                  new UserProfile(
                                      login.userName(), login.loginType(), seen, now - lastSeen))
                              .build());
                      return context.done();
                    })
            .build());
    functions.withStatefulFunction(
        StatefulFunctionSpec.builder(GREETINGS)
            .withSupplier(
                () ->
                    (context, message) -> {
                      UserProfile profile = message.as(USER_PROFILE);
                      context.send(
                          EgressMessageBuilder.forEgress(PLAYGROUND_EGRESS)
                              .withCustomType(
                                  EGRESS_RECORD, new EgressRecord("greetings", greeting(profile)))
                              .build());
                      return context.done();
                    })
            .build());
    return functions;
  }

  private static String greeting(UserProfile profile) {
    if (profile.seenCount() <= TEMPLATES.length) {
      return String.format(TEMPLATES[profile.seenCount() - 1], profile.name());
    }
    return String.format(
        "Nice to see you for the %dth time, %s! It has been %d milliseconds since we last saw you.",
        profile.seenCount(), profile.name(), profile.lastSeenDeltaMs());
  }

  private static <T> Type<T> json(String namespace, String name, Class<T> type) {
    return SimpleType.simpleImmutableTypeFrom(
        TypeName.typeNameOf(namespace, name),
        JSON::writeValueAsBytes,
        bytes -> JSON.readValue(bytes, type));
  }
}
