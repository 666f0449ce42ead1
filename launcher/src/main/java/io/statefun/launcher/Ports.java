package io.statefun.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.apache.flink.configuration.Configuration;

/**
 * Checks, before Flink starts, that the ports a server needs are free, to fail with a clear
 * message.
 */
final class Ports {
  private Ports() {}

  /**
   * Fails if {@code key}'s port (a fixed number, not a range or 0) can't be bound on {@code host}.
   */
  static void requireFree(Configuration configuration, String key, String host) {
    String value = configuration.getString(key, null);
    if (value == null || !value.strip().matches("\\d+")) {
      return; // unset, 0 (any free port) or a range: Flink picks
    }
    int port = Integer.parseInt(value.strip());
    if (port == 0) {
      return;
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      InetAddress address = host == null || host.isBlank() ? null : InetAddress.getByName(host);
      socket.bind(new InetSocketAddress(address, port));
    } catch (IOException e) {
      throw new LauncherException(
          "Port "
              + port
              + " ("
              + key
              + ") on "
              + (host == null ? "all interfaces" : host)
              + " is in use: is another statefun or Flink process running? Stop it, or choose"
              + " another port with -D "
              + key
              + "=PORT ("
              + e.getMessage()
              + ")");
    }
  }
}
