package org.parley.conversation.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import org.parley.security.TestKeys;
import org.parley.wire.Ns;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads the files of shared/peer-captures (see shared/peer-captures/README.md); locating them and
 * loading their keys is parley-security's {@link TestKeys}.
 */
public final class Captures {
  private Captures() {}

  public static final HardenedXml XML = HardenedXml.create(XmlLimits.DEFAULT);

  public static Path shared() {
    return TestKeys.shared();
  }

  public static Path captures() {
    return TestKeys.captures();
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
  public static TestKeys.Entry key(String file) {
    return TestKeys.load(file);
  }

  public static X509Certificate caCert() {
    return TestKeys.caCert();
  }
}
