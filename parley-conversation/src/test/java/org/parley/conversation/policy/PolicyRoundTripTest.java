package org.parley.conversation.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import javax.xml.namespace.QName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.conversation.testing.Captures;
import org.parley.conversation.trust.EntropyMode;
import org.parley.conversation.trust.TrustVersion;
import org.parley.security.AlgorithmSuite;
import org.parley.security.ProtectionOrder;
import org.parley.security.SecurityPolicy;
import org.parley.wire.Ns;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** PolicyWriter -> WSDL bytes -> hardened parse -> WsdlPolicyReader gives an equal policy. */
class PolicyRoundTripTest {
  /** DoubleItPlain.wsdl without its own policy: the skeleton a Parley host would publish. */
  static Document plainWsdl() throws Exception {
    Document d = Captures.parse(Captures.captures().resolve("wsdl/DoubleItPlain.wsdl"));
    Element defs = d.getDocumentElement();
    for (Element c : Dom.childElements(defs)) {
      if (Ns.WSP15.equals(c.getNamespaceURI())) {
        defs.removeChild(c);
      }
    }
    var refs = d.getElementsByTagNameNS(Ns.WSP15, "PolicyReference");
    while (refs.getLength() > 0) {
      refs.item(0).getParentNode().removeChild(refs.item(0));
    }
    return d;
  }

  static EndpointPolicy roundTrip(EndpointPolicy p) throws Exception {
    Document d = plainWsdl();
    PolicyWriter.attach(d.getDocumentElement(), p, "Parley");
    byte[] bytes = XmlWriter.toBytes(d);
    return WsdlPolicyReader.create(PolicyLimits.DEFAULT).read(Captures.XML.parse(bytes));
  }

  static Stream<Arguments> policies() {
    SecurityPolicy asym =
        WsdlPolicyReaderCaptureTest.cxfParts(SecurityPolicy.Binding.ASYMMETRIC, false).build();
    SecurityPolicy symDk =
        WsdlPolicyReaderCaptureTest.cxfParts(SecurityPolicy.Binding.SYMMETRIC, true).build();
    SecurityPolicy symNoDk =
        WsdlPolicyReaderCaptureTest.cxfParts(SecurityPolicy.Binding.SYMMETRIC, false).build();
    SecurityPolicy custom =
        SecurityPolicy.newBuilder()
            .binding(SecurityPolicy.Binding.SYMMETRIC)
            .algorithmSuite(AlgorithmSuite.BASIC128_SHA256)
            .allowMissingTimestamp()
            .allowUnencryptedBody()
            .signHeader(new QName(Ns.WSA10, "Action"))
            .signHeader(new QName(Ns.WSA10, "To"))
            .encryptHeader(new QName("urn:app", "Secret"))
            .protectionOrder(ProtectionOrder.ENCRYPT_BEFORE_SIGN)
            .signatureConfirmation(true)
            .derivedKeys(false)
            .build();
    return Stream.of(
        Arguments.of(
            "SP 1.2 sc13 (CXF shape)",
            EndpointPolicy.of(WsdlPolicyReaderCaptureTest.expectedSc13(true))),
        Arguments.of(
            "SP 1.2 sp:MustNotSendCancel",
            EndpointPolicy.of(WsdlPolicyReaderCaptureTest.expectedSc13(false))),
        Arguments.of(
            "SP 1.1 sc200502 (CXF shape)",
            EndpointPolicy.of(WsdlPolicyReaderCaptureTest.expectedSc200502())),
        Arguments.of(
            "SP 1.1 mssp:MustNotSendCancel",
            EndpointPolicy.of(
                WsdlPolicyReaderCaptureTest.expectedSc200502().toBuilder()
                    .mustNotSendCancel()
                    .build())),
        Arguments.of(
            "SP 1.2 client entropy, Basic128Sha256 messages, symmetric bootstrap",
            EndpointPolicy.of(
                ConversationPolicy.newBuilder(
                        custom, BootstrapPolicy.symmetricX509Endorsing(symNoDk))
                    .entropyMode(EntropyMode.CLIENT)
                    .build())),
        Arguments.of(
            "SP 1.1 server entropy, asymmetric bootstrap, MustNotSendCancel",
            EndpointPolicy.of(
                ConversationPolicy.newBuilder(symDk, BootstrapPolicy.asymmetricX509(asym))
                    .version(TrustVersion.WS_TRUST_200502)
                    .entropyMode(EntropyMode.SERVER)
                    .mustNotSendCancel()
                    .build())),
        Arguments.of(
            "SP 1.2 per-message X.509", EndpointPolicy.perMessage(PolicyDialect.SP12, asym)),
        Arguments.of(
            "SP 1.1 per-message X.509", EndpointPolicy.perMessage(PolicyDialect.SP11, asym)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("policies")
  void writeThenRead_givesAnEqualPolicy(String name, EndpointPolicy p) throws Exception {
    EndpointPolicy back = roundTrip(p);
    assertThat(back).isEqualTo(p);
    assertThat(back.conversation().map(ConversationPolicy::requireCancellation))
        .isEqualTo(p.conversation().map(ConversationPolicy::requireCancellation));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("policies")
  void mustNotSendCancel_writtenInTheDialectsOwnNamespace(String name, EndpointPolicy p)
      throws Exception {
    Document d = plainWsdl();
    PolicyWriter.attach(d.getDocumentElement(), p, "P");
    int sp = d.getElementsByTagNameNS(Ns.SP12, "MustNotSendCancel").getLength();
    int mssp = d.getElementsByTagNameNS(Ns.MSSP, "MustNotSendCancel").getLength();
    boolean mustNot = p.conversation().map(c -> !c.requireCancellation()).orElse(false);
    assertThat(List.of(sp, mssp))
        .isEqualTo(
            !mustNot
                ? List.of(0, 0)
                : p.dialect() == PolicyDialect.SP12 ? List.of(1, 0) : List.of(0, 1));
    assertThat(d.getElementsByTagNameNS(p.dialect().spNamespace(), "AlgorithmSuite").getLength())
        .isPositive();
  }
}
