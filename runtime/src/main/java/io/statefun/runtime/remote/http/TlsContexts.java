package io.statefun.runtime.remote.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.flink.annotation.Internal;
import org.jspecify.annotations.Nullable;

/**
 * Makes the {@link SSLContext} of an endpoint from PEM files: CA certificates to trust, and a
 * client certificate with its PKCS#8 key (optionally encrypted) for mutual TLS. Resources are
 * {@code classpath:name} or file paths. The HTTP ingress's server reads its certificate, key and
 * client CAs with the same {@link #keyManagers} and {@link #trustManagers}.
 */
@Internal
public final class TlsContexts {
  private static final Pattern PEM_KEY =
      Pattern.compile(
          "-----BEGIN (ENCRYPTED )?PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END (ENCRYPTED )?PRIVATE KEY-----");
  private static final char[] KEYSTORE_PASSWORD = new char[0];

  private TlsContexts() {}

  static SSLContext create(TlsSettings settings) {
    KeyManagerFactory keys =
        settings.clientCert() == null
            ? null
            : keyManagers(
                settings.clientCert(), settings.clientKey(), settings.clientKeyPassword());
    TrustManagerFactory trust =
        settings.trustCaCerts() == null ? null : trustManagers(settings.trustCaCerts());
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          keys == null ? null : keys.getKeyManagers(),
          trust == null ? null : trust.getTrustManagers(),
          null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("Cannot set up TLS from " + settings + ": " + e, e);
    }
  }

  /**
   * Key managers holding one certificate (chain) and its PKCS#8 key.
   *
   * @param certificate PEM certificates, the own one first
   * @param key a PEM PKCS#8 key, encrypted if {@code password} is given
   * @param password a resource holding the key's password, or null
   * @throws IllegalArgumentException naming the resource that cannot be read or used
   */
  public static KeyManagerFactory keyManagers(
      String certificate, String key, @Nullable String password) {
    try {
      List<Certificate> chain = certificates(certificate);
      String secret =
          password == null ? null : new String(read(password), StandardCharsets.UTF_8).strip();
      KeyStore own = emptyKeyStore();
      own.setKeyEntry(
          "own", privateKey(key, secret), KEYSTORE_PASSWORD, chain.toArray(new Certificate[0]));
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(own, KEYSTORE_PASSWORD);
      return keys;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(
          "Cannot use certificate " + certificate + " with key " + key + ": " + e, e);
    }
  }

  /**
   * Trust managers that trust exactly the PEM CA certificates in {@code caCertificates}.
   *
   * @throws IllegalArgumentException naming the resource that cannot be read or used
   */
  public static TrustManagerFactory trustManagers(String caCertificates) {
    try {
      KeyStore trusted = emptyKeyStore();
      int index = 0;
      for (Certificate certificate : certificates(caCertificates)) {
        trusted.setCertificateEntry("ca-" + index++, certificate);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      return trust;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(
          "Cannot trust the CA certificates in " + caCertificates + ": " + e, e);
    }
  }

  private static KeyStore emptyKeyStore() throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    return store;
  }

  private static List<Certificate> certificates(String resource)
      throws GeneralSecurityException, IOException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<Certificate> certificates =
        new ArrayList<>(factory.generateCertificates(new ByteArrayInputStream(read(resource))));
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("No certificate in " + resource);
    }
    return certificates;
  }

  private static PrivateKey privateKey(String resource, String password)
      throws GeneralSecurityException, IOException {
    String pem = new String(read(resource), StandardCharsets.US_ASCII);
    Matcher matcher = PEM_KEY.matcher(pem);
    if (!matcher.find()) {
      throw new IllegalArgumentException(
          "No PKCS#8 PEM key ('-----BEGIN PRIVATE KEY-----') in " + resource);
    }
    byte[] der = Base64.getMimeDecoder().decode(matcher.group(2));
    PKCS8EncodedKeySpec spec;
    if (matcher.group(1) != null) {
      if (password == null) {
        throw new IllegalArgumentException(
            "The key in " + resource + " is encrypted and no password is given");
      }
      EncryptedPrivateKeyInfo encrypted = new EncryptedPrivateKeyInfo(der);
      SecretKeyFactory secrets = SecretKeyFactory.getInstance(encrypted.getAlgName());
      Cipher cipher = Cipher.getInstance(encrypted.getAlgName());
      cipher.init(
          Cipher.DECRYPT_MODE,
          secrets.generateSecret(new PBEKeySpec(password.toCharArray())),
          encrypted.getAlgParameters());
      spec = encrypted.getKeySpec(cipher);
    } else {
      spec = new PKCS8EncodedKeySpec(der);
    }
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "DSA"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (InvalidKeySpecException e) {
        // try the next algorithm
      }
    }
    throw new IllegalArgumentException(
        "The key in " + resource + " is not an RSA, EC or Ed25519 key");
  }

  /** The bytes of {@code classpath:name} or of a file. */
  static byte[] read(String resource) throws IOException {
    if (resource.startsWith("classpath:")) {
      String name = resource.substring("classpath:".length());
      name = name.startsWith("/") ? name.substring(1) : name;
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      if (loader == null) {
        loader = TlsContexts.class.getClassLoader();
      }
      try (InputStream in = loader.getResourceAsStream(name)) {
        if (in == null) {
          throw new IOException("No resource " + name + " on the class path");
        }
        return in.readAllBytes();
      }
    }
    String path = resource.startsWith("file:") ? resource.substring("file:".length()) : resource;
    return Files.readAllBytes(Path.of(path));
  }
}
