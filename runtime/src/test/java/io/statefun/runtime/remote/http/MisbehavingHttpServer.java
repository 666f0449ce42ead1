package io.statefun.runtime.remote.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An HTTP server on 127.0.0.1 that reads each request and then writes whatever its {@link Answer}
 * writes, byte for byte: lying headers, a body that never ends. For what a real server library
 * would not let a test do.
 */
final class MisbehavingHttpServer implements AutoCloseable {
  /** Writes the raw response; may block until the client goes away (writes then fail). */
  interface Answer {
    void write(OutputStream out) throws IOException, InterruptedException;
  }

  private final ServerSocket socket;
  private final Thread acceptor;

  MisbehavingHttpServer(Answer answer) throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor =
        new Thread(
            () -> {
              while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                  skipRequest(connection.getInputStream());
                  answer.write(connection.getOutputStream());
                } catch (IOException e) {
                  // the client hung up, or the server closed
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "misbehaving-http-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + socket.getLocalPort() + path;
  }

  /** Reads the request's headers and its Content-Length bytes of body. */
  private static void skipRequest(InputStream in) throws IOException {
    StringBuilder headers = new StringBuilder();
    while (!headers.toString().endsWith("\r\n\r\n")) {
      int next = in.read();
      if (next < 0) {
        throw new IOException("the request ended early");
      }
      headers.append((char) next);
    }
    long length = 0;
    for (String line : headers.toString().split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Long.parseLong(line.substring("content-length:".length()).trim());
      }
    }
    in.readNBytes((int) length);
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    socket.close();
    acceptor.interrupt();
  }
}
