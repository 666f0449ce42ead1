package io.statefun.http.server;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed certificates for 127.0.0.1, made at test time with the JDK's keytool (valid two
 * days): a server's certificate and PKCS#8 key as PEM files, and a client's, whose certificate
 * serves as the CA a mutual-TLS server trusts.
 */
public final class TestCertificates {
  private static final char[] PASSWORD = "changeit".toCharArray();

  /** The server's certificate, also what clients trust. */
  public final Path serverCert;

  public final Path serverKey;

  /** The client's certificate, also the CA a mutual-TLS server trusts. */
  public final Path clientCert;

  private final Path clientKeyStore;

  private TestCertificates(Path dir) throws Exception {
    Path serverKeyStore = keyPair(dir, "server");
    serverCert = exportCertificate(dir, "server", serverKeyStore);
    serverKey = exportKey(dir, "server", serverKeyStore);
    clientKeyStore = keyPair(dir, "client");
    clientCert = exportCertificate(dir, "client", clientKeyStore);
  }

  /** Makes the files in {@code dir}. */
  public static TestCertificates createIn(Path dir) throws Exception {
    return new TestCertificates(dir);
  }

  /** A client that trusts the server's certificate and has none of its own. */
  public SSLContext clientWithoutCertificate() throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trustServer().getTrustManagers(), null);
    return context;
  }

  /** A client that trusts the server's certificate and presents the client certificate. */
  public SSLContext clientWithCertificate() throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(clientKeyStore)) {
      keys.load(in, PASSWORD);
    }
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), trustServer().getTrustManagers(), null);
    return context;
  }

  private TrustManagerFactory trustServer() throws Exception {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    try (InputStream in = Files.newInputStream(serverCert)) {
      Certificate certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
      trusted.setCertificateEntry("server", certificate);
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    return trust;
  }

  private static Path keyPair(Path dir, String name) throws Exception {
    Path keyStore = dir.resolve(name + ".p12");
    keytool(
        "-genkeypair",
        "-alias",
        name,
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=statefun-test-" + name,
        "-ext",
        "SAN=ip:127.0.0.1",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        new String(PASSWORD));
    return keyStore;
  }

  private static Path exportCertificate(Path dir, String name, Path keyStore) throws Exception {
    Path pem = dir.resolve(name + ".pem");
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        name,
        "-keystore",
        keyStore.toString(),
        "-storepass",
        new String(PASSWORD),
        "-file",
        pem.toString());
    return pem;
  }

  /** The key as PKCS#8 PEM, which keytool cannot write. */
  private static Path exportKey(Path dir, String name, Path keyStore) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      keys.load(in, PASSWORD);
    }
    PrivateKey key = (PrivateKey) keys.getKey(name, PASSWORD);
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    Path file = dir.resolve(name + ".key");
    Files.writeString(file, pem, StandardCharsets.US_ASCII);
    return file;
  }

  private static void keytool(String... arguments) throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new ArrayList<>(List.of(keytool.toString()));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("keytool " + command + " failed: " + output);
    }
  }
}
