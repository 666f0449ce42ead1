package io.statefun.runtime.remote.http;

import org.apache.flink.annotation.Internal;
import org.jspecify.annotations.Nullable;

/**
 * Certificates for https endpoints, each a PEM resource ({@code classpath:name} or a file path).
 *
 * @param trustCaCerts the CA certificates to trust instead of the JVM's, or null
 * @param clientCert the client certificate (chain) for mutual TLS, or null
 * @param clientKey the client's PKCS#8 private key, or null
 * @param clientKeyPassword a resource holding the key's password, or null for an unencrypted key
 */
@Internal
public record TlsSettings(
    @Nullable String trustCaCerts,
    @Nullable String clientCert,
    @Nullable String clientKey,
    @Nullable String clientKeyPassword) {

  public TlsSettings {
    if ((clientCert == null) != (clientKey == null)) {
      throw new IllegalArgumentException(
          "client_cert and client_key go together; got only "
              + (clientCert == null ? "client_key" : "client_cert"));
    }
    if (clientKeyPassword != null && clientKey == null) {
      throw new IllegalArgumentException("client_key_password needs client_key");
    }
  }
}
