package org.parley.security.interop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * The RSA 2048 test keys of {@code shared/peer-captures/keys/} (PKCS#12, password {@code
 * password}): the client signs requests, the service decrypts them.
 */
final class PeerKeys {
  static final char[] PASSWORD = "password".toCharArray();
  static final String CLIENT = "client";
  static final String SERVICE = "service";

  final KeyStore clientStore;
  final KeyStore serviceStore;
  final KeyStore trustStore;

  private PeerKeys(KeyStore clientStore, KeyStore serviceStore, KeyStore trustStore) {
    this.clientStore = clientStore;
    this.serviceStore = serviceStore;
    this.trustStore = trustStore;
  }

  static PeerKeys load() throws IOException, GeneralSecurityException {
    Path keys = sharedDir().resolve("peer-captures").resolve("keys");
    return new PeerKeys(
        read(keys.resolve("client.p12")),
        read(keys.resolve("service.p12")),
        read(keys.resolve("truststore.p12")));
  }

  X509Certificate clientCertificate() throws GeneralSecurityException {
    return (X509Certificate) clientStore.getCertificate(CLIENT);
  }

  PrivateKey clientKey() throws GeneralSecurityException {
    return (PrivateKey) clientStore.getKey(CLIENT, PASSWORD);
  }

  X509Certificate serviceCertificate() throws GeneralSecurityException {
    return (X509Certificate) serviceStore.getCertificate(SERVICE);
  }

  PrivateKey serviceKey() throws GeneralSecurityException {
    return (PrivateKey) serviceStore.getKey(SERVICE, PASSWORD);
  }

  X509Certificate caCertificate() throws GeneralSecurityException {
    return (X509Certificate) trustStore.getCertificate("ca");
  }

  private static KeyStore read(Path file) throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      ks.load(in, PASSWORD);
    }
    return ks;
  }

  /** {@code shared/} beside the reactor root (surefire's parley.root), else found upwards. */
  static Path sharedDir() {
    String root = System.getProperty("parley.root");
    if (root != null) {
      Path shared = Path.of(root).resolve("..").resolve("shared").normalize();
      if (Files.isDirectory(shared.resolve("peer-captures"))) {
        return shared;
      }
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path shared = p.resolve("shared");
      if (Files.isDirectory(shared.resolve("peer-captures"))) {
        return shared;
      }
    }
    throw new IllegalStateException(
        "no shared/peer-captures above " + Path.of("").toAbsolutePath());
  }
}
