package org.parley.conversation.policy;

import static org.assertj.core.api.Assertions.assertThat;

import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.parley.conversation.testing.Captures;
import org.parley.conversation.trust.EntropyMode;
import org.parley.conversation.trust.TrustVersion;
import org.parley.security.AlgorithmSuite;
import org.parley.security.SecurityPolicy;
import org.parley.wire.Ns;
import org.w3c.dom.Document;

/** The peer's WSDLs (shared/peer-captures/wsdl and the ones CXF published) read as typed policy. */
class WsdlPolicyReaderCaptureTest {
  static final WsdlPolicyReader READER = WsdlPolicyReader.create(PolicyLimits.DEFAULT);
  static final QName WSA_ANY = new QName(Ns.WSA10, "");

  static Document wsdl(String path) throws Exception {
    return Captures.parse(Captures.captures().resolve(path));
  }

  /** What CXF's WSDLs ask of every message: timestamp, body and wsa:* signed, body encrypted. */
  static SecurityPolicy.Builder cxfParts(SecurityPolicy.Binding binding, boolean derivedKeys) {
    return SecurityPolicy.newBuilder()
        .binding(binding)
        .algorithmSuite(AlgorithmSuite.BASIC256)
        .signHeader(WSA_ANY)
        .encryptSignature(true)
        .derivedKeys(derivedKeys);
  }

  static ConversationPolicy expectedSc13(boolean cancel) {
    ConversationPolicy.Builder b =
        ConversationPolicy.newBuilder(
                cxfParts(SecurityPolicy.Binding.SYMMETRIC, true).build(),
                BootstrapPolicy.asymmetricX509(
                    cxfParts(SecurityPolicy.Binding.ASYMMETRIC, false).build()))
            .version(TrustVersion.WS_TRUST_13)
            .entropyMode(EntropyMode.COMBINED);
    if (!cancel) {
      b.mustNotSendCancel();
    }
    return b.build();
  }

  static ConversationPolicy expectedSc200502() {
    return ConversationPolicy.newBuilder(
            cxfParts(SecurityPolicy.Binding.SYMMETRIC, true).build(),
            BootstrapPolicy.symmetricX509Endorsing(
                cxfParts(SecurityPolicy.Binding.SYMMETRIC, true).build()))
        .version(TrustVersion.WS_TRUST_200502)
        .entropyMode(EntropyMode.COMBINED)
        .build();
  }

  @Test
  void sc13Wsdl_sp12_asymmetricBootstrap_requireCancellation() throws Exception {
    for (String p : new String[] {"wsdl/DoubleItSC13.wsdl", "sc13/00-published.wsdl"}) {
      EndpointPolicy e = READER.read(wsdl(p));
      assertThat(e.dialect()).as(p).isEqualTo(PolicyDialect.SP12);
      assertThat(e.conversation()).as(p).contains(expectedSc13(true));
      assertThat(e.conversation().orElseThrow().requireCancellation()).isTrue();
    }
  }

  @Test
  void sc13MustNotSendCancel_published_readsRequireCancellationFalse() throws Exception {
    EndpointPolicy e = READER.read(wsdl("sc13-mustnotsendcancel/00-published.wsdl"));
    assertThat(e.conversation()).contains(expectedSc13(false));
  }

  @Test
  void sc200502Wsdl_sp11_symmetricEndorsingBootstrap() throws Exception {
    for (String p : new String[] {"wsdl/DoubleItSC200502.wsdl", "sc200502/00-published.wsdl"}) {
      EndpointPolicy e = READER.read(wsdl(p));
      assertThat(e.dialect()).as(p).isEqualTo(PolicyDialect.SP11);
      ConversationPolicy c = e.conversation().orElseThrow();
      assertThat(c).as(p).isEqualTo(expectedSc200502());
      assertThat(c.bootstrap().kind()).isEqualTo(BootstrapPolicy.Kind.SYMMETRIC_X509_ENDORSING);
      assertThat(c.requireDerivedKeys()).isTrue();
      assertThat(c.algorithmSuite()).isSameAs(AlgorithmSuite.BASIC256);
    }
  }

  @Test
  void x509Wsdl_perMessageAsymmetric_noConversation() throws Exception {
    for (String p : new String[] {"wsdl/DoubleItX509.wsdl", "x509/00-published.wsdl"}) {
      EndpointPolicy e = READER.read(wsdl(p));
      assertThat(e.conversation()).as(p).isEmpty();
      assertThat(e)
          .as(p)
          .isEqualTo(
              EndpointPolicy.perMessage(
                  PolicyDialect.SP12, cxfParts(SecurityPolicy.Binding.ASYMMETRIC, false).build()));
    }
  }
}
