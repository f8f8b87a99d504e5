package org.parley.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.parley.wire.Ns;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Issue 2 acceptance: every message in shared/peer-captures that its keys allow is decrypted and
 * its signatures verified, the CXF derived-key messages included. Requests are processed with
 * service.p12, responses with client.p12, each at a clock one second after its wsu:Created. The
 * security context secret is computed the way a real peer does: client entropy from the RST, server
 * entropy from the RSTR, P_SHA1 (WS-Trust 1.3 section 4.4.2), or the RSTR's BinarySecret on renew.
 * Excluded: the {@code *-soap-fault-after-cancel.xml} files, which are unsecured SOAP faults with
 * no Security header at all.
 */
class PeerCapturesTest {
  private static final String[] FOLDERS = {
    "sc13", "sc200502", "sc13-renew", "sc200502-renew", "sc13-mustnotsendcancel", "x509"
  };
  private static final HardenedXml XML = HardenedXml.create(XmlLimits.DEFAULT);

  @TestFactory
  Stream<DynamicNode> wsSecurity11_everyCapturedMessage_decryptsAndVerifies() throws Exception {
    List<DynamicNode> folders = new ArrayList<>();
    for (String folder : FOLDERS) {
      Conversation conv = new Conversation(folder);
      List<DynamicTest> tests = new ArrayList<>();
      try (Stream<Path> files = Files.list(TestKeys.captures().resolve(folder))) {
        for (Path f :
            files
                .filter(p -> p.getFileName().toString().matches("\\d\\d-.*\\.xml"))
                .filter(p -> !p.getFileName().toString().contains("soap-fault"))
                .sorted()
                .toList()) {
          tests.add(DynamicTest.dynamicTest(f.getFileName().toString(), () -> conv.process(f)));
        }
      }
      assertThat(tests).isNotEmpty();
      folders.add(DynamicContainer.dynamicContainer(folder, tests));
    }
    return folders.stream();
  }

  /** Processes with the shared helper, then compares with the peer's own decrypted view. */
  private static final class Conversation {
    final PeerConversation peer;
    final String folder;

    Conversation(String folder) {
      this.peer = new PeerConversation(folder);
      this.folder = folder;
    }

    void process(Path file) throws Exception {
      VerifiedMessage m = peer.process(file.getFileName().toString(), Files.readAllBytes(file));
      compareWithDecryptedCopy(file, m);
    }

    void compareWithDecryptedCopy(Path file, VerifiedMessage m) throws Exception {
      Path copy = file.getParent().resolve("decrypted").resolve(file.getFileName());
      if (!Files.exists(copy)) {
        return; // messages after cancel: the peer could not process them either
      }
      String text = Files.readString(copy, StandardCharsets.UTF_8);
      text = text.substring(text.indexOf("?>") + 2); // drop the comment and XML declaration
      Document expected = XML.parse(text.getBytes(StandardCharsets.UTF_8));
      Element env = expected.getDocumentElement();
      Element expBody = Dom.child(env, env.getNamespaceURI(), "Body");
      assertThat(normal(m.body())).isEqualTo(normal(expBody));
      Element expHeader = Dom.child(env, env.getNamespaceURI(), "Header");
      List<String> exp = new ArrayList<>();
      List<String> act = new ArrayList<>();
      for (Element h : Dom.childElements(expHeader)) {
        exp.add(normal(h));
      }
      for (Element h : m.headerElements()) {
        act.add(normal(h));
      }
      assertThat(act).isEqualTo(exp);
    }
  }

  /** Element content without insignificant whitespace or namespace declarations. */
  static String normal(Element e) {
    StringBuilder sb = new StringBuilder();
    normal(e, sb);
    return sb.toString();
  }

  private static void normal(Element e, StringBuilder sb) {
    sb.append('{').append(e.getNamespaceURI()).append('}').append(e.getLocalName());
    var attrs = e.getAttributes();
    List<String> a = new ArrayList<>();
    for (int i = 0; i < attrs.getLength(); i++) {
      Node n = attrs.item(i);
      if (!Ns.XMLNS.equals(n.getNamespaceURI())) {
        a.add("{" + n.getNamespaceURI() + "}" + n.getLocalName() + "=" + n.getNodeValue());
      }
    }
    a.sort(null);
    sb.append(a).append('(');
    for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c.getNodeType() == Node.ELEMENT_NODE) {
        normal((Element) c, sb);
      } else if (c.getNodeType() == Node.TEXT_NODE && !c.getNodeValue().isBlank()) {
        sb.append('"').append(c.getNodeValue().trim()).append('"');
      }
    }
    sb.append(')');
  }
}
