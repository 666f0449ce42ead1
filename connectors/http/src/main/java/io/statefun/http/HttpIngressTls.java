package io.statefun.http;

import java.io.Serializable;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The TLS of an HTTP ingress's server: its certificate and key, and optionally the CA certificates
 * that clients' certificates must be signed by (mutual TLS). Each is a PEM resource, {@code
 * classpath:name} or a file path, read where the server starts (on each TaskManager), as the {@code
 * trust_cacerts}, {@code client_cert}, {@code client_key} and {@code client_key_password} of the
 * HTTP endpoint kinds are; the keys never travel in the job.
 *
 * <pre>{@code
 * HttpIngressTls.of("/etc/statefun/ingress.pem", "/etc/statefun/ingress.key")
 *     .withTrustCaCerts("classpath:clients-ca.pem");   // only clients with a certificate
 * }</pre>
 *
 * @param cert the server's certificate chain, its own certificate first
 * @param key the server's PKCS#8 private key ({@code -----BEGIN PRIVATE KEY-----}, or {@code
 *     ENCRYPTED PRIVATE KEY} with {@code keyPassword})
 * @param keyPassword a resource holding the key's password, for an encrypted key
 * @param trustCaCerts when set, clients must present a certificate signed by one of these CAs
 */
public record HttpIngressTls(
    String cert, String key, @Nullable String keyPassword, @Nullable String trustCaCerts)
    implements Serializable {

  public HttpIngressTls {
    Objects.requireNonNull(cert, "cert");
    Objects.requireNonNull(key, "key");
    checkNotBlank(cert, "cert");
    checkNotBlank(key, "key");
    if (keyPassword != null) {
      checkNotBlank(keyPassword, "keyPassword");
    }
    if (trustCaCerts != null) {
      checkNotBlank(trustCaCerts, "trustCaCerts");
    }
  }

  /** TLS with this certificate and unencrypted key; clients need no certificate. */
  public static HttpIngressTls of(String cert, String key) {
    return new HttpIngressTls(cert, key, null, null);
  }

  /** The key is encrypted; its password is in {@code keyPassword} (a resource). */
  public HttpIngressTls withKeyPassword(String keyPassword) {
    return new HttpIngressTls(cert, key, Objects.requireNonNull(keyPassword), trustCaCerts);
  }

  /** Mutual TLS: only clients with a certificate signed by one of these CAs are served. */
  public HttpIngressTls withTrustCaCerts(String trustCaCerts) {
    return new HttpIngressTls(cert, key, keyPassword, Objects.requireNonNull(trustCaCerts));
  }

  /** Whether clients must present a certificate. */
  public boolean requiresClientCertificate() {
    return trustCaCerts != null;
  }

  private static void checkNotBlank(String resource, String field) {
    if (resource.isBlank()) {
      throw new IllegalArgumentException("tls." + field + " must name a file or classpath:name");
    }
  }
}
