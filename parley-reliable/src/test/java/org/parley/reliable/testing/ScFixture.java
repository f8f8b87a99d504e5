package org.parley.reliable.testing;

import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.xml.namespace.QName;
import org.parley.conversation.policy.BootstrapPolicy;
import org.parley.conversation.policy.ConversationPolicy;
import org.parley.conversation.service.SecureConversationService;
import org.parley.conversation.trust.EntropyMode;
import org.parley.conversation.trust.TrustVersion;
import org.parley.endpoint.Payloads;
import org.parley.endpoint.SoapHandler;
import org.parley.reliable.ReliableDestination;
import org.parley.security.AlgorithmSuite;
import org.parley.security.SecurityPolicy;
import org.parley.security.TestKeys;
import org.parley.wire.Ns;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A WS-SC 1.3 DoubleIt service (X.509 bootstrap, derived keys, Basic256) whose application messages
 * pass a WS-RM destination; the policy signs the WS-RM headers too.
 */
public final class ScFixture {
  public final DoubleIt app = new DoubleIt();
  public final AtomicReference<ReliableDestination> destination = new AtomicReference<>();
  public final SecureConversationService service;

  public ScFixture(java.util.function.UnaryOperator<ReliableDestination.Builder> settings)
      throws Exception {
    service =
        SecureConversationService.newBuilder()
            .policy(policy())
            .serviceKey(TestKeys.SERVICE.key(), TestKeys.SERVICE.cert())
            .clientTrust(TestKeys.trust(Clock.systemUTC()))
            .wsdlTemplate(template())
            .operation(
                DoubleIt.ACTION,
                DoubleIt.REPLY_ACTION,
                (payload, caller) -> {
                  int n =
                      Integer.parseInt(
                          Payloads.requireChildText(payload, DoubleIt.NS, "numberToDouble"));
                  return Payloads.element(
                      DoubleIt.NS,
                      "DoubleItResponse",
                      Payloads.element(DoubleIt.NS, "doubledNumber", 2 * n));
                })
            .wrapMessages(
                operations -> {
                  SoapHandler recording = app.recording(operations);
                  ReliableDestination d =
                      settings.apply(ReliableDestination.newBuilder().handler(recording)).build();
                  destination.set(d);
                  return d;
                },
                ReliableDestination.understoodHeaders())
            .build();
  }

  static SecurityPolicy.Builder parts(SecurityPolicy.Binding binding, boolean derivedKeys) {
    return SecurityPolicy.newBuilder()
        .binding(binding)
        .algorithmSuite(AlgorithmSuite.BASIC256)
        .signHeader(new QName(Ns.WSA10, ""))
        .signHeader(new QName(Ns.WSRM12, ""))
        .encryptSignature(true)
        .derivedKeys(derivedKeys);
  }

  public static ConversationPolicy policy() {
    return ConversationPolicy.newBuilder(
            parts(SecurityPolicy.Binding.SYMMETRIC, true).build(),
            BootstrapPolicy.asymmetricX509(parts(SecurityPolicy.Binding.ASYMMETRIC, false).build()))
        .version(TrustVersion.WS_TRUST_13)
        .entropyMode(EntropyMode.COMBINED)
        .build();
  }

  /** The capture WSDL without its WS-Policy: the service attaches its own. */
  static byte[] template() throws Exception {
    Document d =
        HardenedXml.create(XmlLimits.DEFAULT)
            .parse(
                Files.readAllBytes(
                    TestKeys.captures().resolve("wsdl").resolve("DoubleItSC13.wsdl")));
    List<Node> drop = new ArrayList<>();
    collectPolicy(d.getDocumentElement(), drop);
    for (Node n : drop) {
      n.getParentNode().removeChild(n);
    }
    return XmlWriter.toBytes(d);
  }

  private static void collectPolicy(Element e, List<Node> drop) {
    for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c instanceof Element child) {
        String ns = child.getNamespaceURI();
        if (ns != null && (ns.contains("ws-policy") || ns.endsWith("/policy"))) {
          drop.add(child);
        } else {
          collectPolicy(child, drop);
        }
      }
    }
  }
}
