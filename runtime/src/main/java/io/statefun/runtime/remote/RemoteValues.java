package io.statefun.runtime.remote;

import io.statefun.sdk.TypeName;
import io.statefun.sdk.Types;
import io.statefun.sdk.ValueSpec;
import io.statefun.sdk.reqreply.generated.FromFunction.ExpirationSpec;
import io.statefun.sdk.reqreply.generated.FromFunction.PersistedValueSpec;
import java.time.Duration;

/**
 * The values of remote functions: raw bytes the runtime never interprets, kept under the type name
 * the function declared. Each is a {@code ValueSpec<byte[]>} with an identity type.
 */
final class RemoteValues {
  /** What StateFun registers a value as when a function declares no type name. */
  static final String UNSET_TYPE_NAME = "io.statefun.types/unset";

  private RemoteValues() {}

  /** The spec of a value a function asked for in an {@code IncompleteInvocationContext}. */
  static ValueSpec<byte[]> specOf(PersistedValueSpec declared) {
    String typeName =
        declared.getTypeTypename().isEmpty() ? UNSET_TYPE_NAME : declared.getTypeTypename();
    ValueSpec.Untyped spec = ValueSpec.named(declared.getStateName());
    if (declared.hasExpirationSpec()) {
      ExpirationSpec expiration = declared.getExpirationSpec();
      long millis = expiration.getExpireAfterMillis();
      if (millis > 0) {
        switch (expiration.getMode()) {
          case AFTER_WRITE -> spec = spec.thatExpireAfterWrite(Duration.ofMillis(millis));
          case AFTER_INVOKE -> spec = spec.thatExpireAfterCall(Duration.ofMillis(millis));
          default -> {}
        }
      }
    }
    return spec.withCustomType(bytesNamed(TypeName.parse(typeName)));
  }

  private static io.statefun.sdk.Type<byte[]> bytesNamed(TypeName typeName) {
    return Types.custom(typeName, bytes -> bytes, bytes -> bytes);
  }
}
