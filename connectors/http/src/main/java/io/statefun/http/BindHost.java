package io.statefun.http;

import java.io.Serializable;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Where one of this connector's servers listens: {@code address}, unless {@code variable} names an
 * environment variable that is set where the server starts (on each TaskManager); by default the
 * launcher's {@code $STATEFUN_BIND_HOST}, which the image sets to {@code 0.0.0.0}.
 *
 * @param address the address to bind when the variable is unset, or always without one
 * @param variable the environment variable read where the server starts, or null
 */
public record BindHost(String address, @Nullable String variable) implements Serializable {
  /** The environment variable with the address the launcher's servers bind. */
  public static final String LAUNCHER_VARIABLE = "STATEFUN_BIND_HOST";

  public static final String LOOPBACK = "127.0.0.1";

  public BindHost {
    Objects.requireNonNull(address, "address");
    if (address.isBlank()) {
      throw new IllegalArgumentException("bindHost must not be blank");
    }
    if (variable != null && variable.isBlank()) {
      throw new IllegalArgumentException("the bind host's environment variable needs a name");
    }
  }

  /** The launcher's bind host where the server starts, else loopback. */
  public static BindHost launchers() {
    return new BindHost(LOOPBACK, LAUNCHER_VARIABLE);
  }

  /** {@code address}, whatever the environment says. */
  public static BindHost fixed(String address) {
    return new BindHost(address, null);
  }

  /** The address to bind, read where the server starts. */
  public String resolve() {
    return resolve(System::getenv);
  }

  /** {@link #resolve()} with {@code environment} for the process's environment. */
  public String resolve(UnaryOperator<@Nullable String> environment) {
    if (variable != null) {
      String value = environment.apply(variable);
      if (value != null && !value.isBlank()) {
        return value.trim();
      }
    }
    return address;
  }

  @Override
  public String toString() {
    return variable == null ? address : "$" + variable + " or " + address;
  }
}
