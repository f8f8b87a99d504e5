package org.parley.security;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;

/**
 * The peer-capture key material (PKCS#12, password "password"), and where shared/ lives. Published
 * in the test-jar for parley-interop-tests.
 */
public final class TestKeys {
  private TestKeys() {}

  public static Path shared() {
    String root = System.getProperty("parley.root");
    if (root != null) {
      Path p = Path.of(root).resolve("../shared").normalize();
      if (Files.isDirectory(p.resolve("peer-captures"))) {
        return p;
      }
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("shared/peer-captures"))) {
        return p.resolve("shared");
      }
      if (p.getParent() != null
          && Files.isDirectory(p.getParent().resolve("shared/peer-captures"))) {
        return p.getParent().resolve("shared");
      }
    }
    throw new IllegalStateException("cannot find shared/peer-captures");
  }

  public static Path captures() {
    return shared().resolve("peer-captures");
  }

  /** A key entry of a PKCS#12 file. */
  public record Entry(PrivateKey key, X509Certificate cert) {}

  public static Entry load(String file) {
    try (InputStream in = Files.newInputStream(captures().resolve("keys").resolve(file))) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      char[] pw = "password".toCharArray();
      ks.load(in, pw);
      for (Enumeration<String> e = ks.aliases(); e.hasMoreElements(); ) {
        String alias = e.nextElement();
        if (ks.isKeyEntry(alias)) {
          return new Entry(
              (PrivateKey) ks.getKey(alias, pw), (X509Certificate) ks.getCertificate(alias));
        }
      }
      throw new IllegalStateException("no key in " + file);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static X509Certificate caCert() {
    try (InputStream in = Files.newInputStream(captures().resolve("keys/ca.pem"))) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static final Entry SERVICE = load("service.p12");
  public static final Entry CLIENT = load("client.p12");

  /** PKIX to the test CA; both end-entity certificates can be referenced without being sent. */
  public static CertificateTrust trust(Clock clock) {
    return CertificateTrust.pkix(
        Set.of(new TrustAnchor(caCert(), null)), List.of(SERVICE.cert(), CLIENT.cert()), clock);
  }
}
