package org.parley.conversation.testing;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Enumeration;
import org.parley.wire.Ns;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Locates shared/peer-captures and reads its files (see shared/peer-captures/README.md). */
public final class Captures {
  private Captures() {}

  public static final HardenedXml XML = HardenedXml.create(XmlLimits.DEFAULT);

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
    }
    throw new IllegalStateException("cannot find shared/peer-captures");
  }

  public static Path captures() {
    return shared().resolve("peer-captures");
  }

  /** A file of peer-captures parsed with the hardened parser. */
  public static Document parse(Path file) throws Exception {
    return XML.parse(Files.readAllBytes(file));
  }

  /**
   * A {@code decrypted/} copy: a comment line precedes the XML declaration, so the text after the
   * declaration is parsed.
   */
  public static Document parseDecrypted(Path file) throws Exception {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int decl = text.indexOf("?>");
    if (text.startsWith("<!--") && decl > 0) {
      text = text.substring(decl + 2);
    }
    return XML.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The first child element of the SOAP body of {@code envelope}. */
  public static Element bodyChild(Document envelope) {
    Element env = envelope.getDocumentElement();
    Element body = Dom.child(env, env.getNamespaceURI(), "Body");
    return Dom.firstChildElement(body);
  }

  public static Instant created(Document d) {
    Element c = (Element) d.getElementsByTagNameNS(Ns.WSU, "Created").item(0);
    return Instant.parse(Dom.text(c));
  }

  /** A key entry of a PKCS#12 file in peer-captures/keys (password "password"). */
  public record KeyEntry(PrivateKey key, X509Certificate cert) {}

  public static KeyEntry key(String file) {
    try (InputStream in = Files.newInputStream(captures().resolve("keys").resolve(file))) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      char[] pw = "password".toCharArray();
      ks.load(in, pw);
      for (Enumeration<String> e = ks.aliases(); e.hasMoreElements(); ) {
        String alias = e.nextElement();
        if (ks.isKeyEntry(alias)) {
          return new KeyEntry(
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
}
