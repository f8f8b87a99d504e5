package org.parley.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.core.SecretBytes;
import org.parley.core.crypto.PHash;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.wire.Ns;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.XmlLimits;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * WS-SecureConversation 1.3 section 7 (DerivedKeyToken): defaults, semantics and hostile values.
 */
class DerivedKeyTokenTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
  static final SecretBytes SECRET = SecretBytes.copyOf(new byte[32]);
  static final String ID = "uuid:dkt";
  static final SecurityPolicy POLICY = SecurityPolicy.newBuilder().build();
  static final String NONCE16 = Base64.getEncoder().encodeToString(new byte[16]);

  static Document protectedMessage() throws Exception {
    byte[] wire =
        OutboundProtector.newBuilder()
            .policy(POLICY)
            .clock(CLOCK)
            .build()
            .protect(
                Messages.parse(Messages.soap12(64)),
                OutboundCredentials.securityContext(ID, SECRET))
            .bytes();
    return Messages.XML.parse(wire);
  }

  static InboundProcessor.Builder inbound() {
    return InboundProcessor.newBuilder()
        .policy(POLICY)
        .clock(CLOCK)
        .securityContexts(id -> ID.equals(id) ? Optional.of(SECRET) : Optional.empty());
  }

  static Element firstDkt(Document d) {
    return (Element) d.getElementsByTagNameNS(Ns.WSC13, "DerivedKeyToken").item(0);
  }

  static void set(Element dkt, String local, String value) {
    Element e = Dom.child(dkt, Ns.WSC13, local);
    if (e == null) {
      e = dkt.getOwnerDocument().createElementNS(Ns.WSC13, "wsc:" + local);
      dkt.appendChild(e);
    }
    e.setTextContent(value);
  }

  static Element dkt(String inner) throws Exception {
    String xml =
        "<wsc:DerivedKeyToken xmlns:wsc=\"" + Ns.WSC13 + "\">" + inner + "</wsc:DerivedKeyToken>";
    return Messages.XML.parse(xml.getBytes(StandardCharsets.UTF_8)).getDocumentElement();
  }

  static ParleyFault fault(Document d, InboundProcessor p) {
    try {
      p.process(XmlWriter.toBytes(d));
    } catch (ParleyFault f) {
      return f;
    }
    throw new AssertionError("accepted");
  }

  @Test
  void derivedKey_defaults_lengthThirtyTwo_offsetZero_defaultLabel() throws Exception {
    InboundRun.DktParams p =
        InboundRun.readDerivedKeyToken(
            dkt("<wsc:Nonce>" + NONCE16 + "</wsc:Nonce>"), DerivedKeyLimits.DEFAULT);
    assertThat(p.lengthBytes).isEqualTo(32);
    assertThat(p.offsetBytes).isZero();
    assertThat(p.label).isEqualTo("WS-SecureConversationWS-SecureConversation");
  }

  @Test
  void derivedKey_generationTwo_usesOffsetTwiceLength() throws Exception {
    InboundRun.DktParams p =
        InboundRun.readDerivedKeyToken(
            dkt(
                "<wsc:Generation>2</wsc:Generation><wsc:Length>16</wsc:Length><wsc:Nonce>"
                    + NONCE16
                    + "</wsc:Nonce>"),
            DerivedKeyLimits.DEFAULT);
    assertThat(p.offsetBytes).isEqualTo(32);
    assertThat(p.lengthBytes).isEqualTo(16);
    // The key is bytes 32..48 of the P_SHA1 stream.
    byte[] whole = PHash.P_SHA1.deriveKey(SECRET, p.label, p.nonce, 0, 48).toByteArray();
    byte[] part = PHash.P_SHA1.deriveKey(SECRET, p.label, p.nonce, 32, 16).toByteArray();
    assertThat(part).isEqualTo(java.util.Arrays.copyOfRange(whole, 32, 48));
  }

  @Test
  void derivedKey_offsetAndGenerationTogether_isRejected() {
    assertThatThrownBy(
            () ->
                InboundRun.readDerivedKeyToken(
                    dkt(
                        "<wsc:Generation>1</wsc:Generation><wsc:Offset>0</wsc:Offset><wsc:Nonce>"
                            + NONCE16
                            + "</wsc:Nonce>"),
                    DerivedKeyLimits.DEFAULT))
        .hasMessageContaining("both Offset and Generation");
  }

  @Test
  void derivedKey_hugeLength_namesMaxLengthBytes() throws Exception {
    Document d = protectedMessage();
    set(firstDkt(d), "Length", "1000000");
    ParleyFault f = fault(d, inbound().build());
    assertThat(f.code()).isEqualTo(FaultCode.INVALID_SECURITY);
    assertThat(f.getMessage()).contains("maxLengthBytes");
  }

  @Test
  void derivedKey_lengthAtBound_isAccepted_onePastIsRejected() throws Exception {
    DerivedKeyLimits lim = DerivedKeyLimits.newBuilder().maxLengthBytes(64).build();
    String n = "<wsc:Nonce>" + NONCE16 + "</wsc:Nonce>";
    assertThat(
            InboundRun.readDerivedKeyToken(dkt("<wsc:Length>64</wsc:Length>" + n), lim).lengthBytes)
        .isEqualTo(64);
    assertThatThrownBy(
            () -> InboundRun.readDerivedKeyToken(dkt("<wsc:Length>65</wsc:Length>" + n), lim))
        .hasMessageContaining("maxLengthBytes=64");
  }

  @Test
  void derivedKey_hugeOffset_namesMaxOffsetBytes() throws Exception {
    Document d = protectedMessage();
    set(firstDkt(d), "Offset", "999999999");
    assertThat(fault(d, inbound().build()).getMessage()).contains("maxOffsetBytes");
  }

  @Test
  void derivedKey_hugeGeneration_namesMaxOffsetBytes() throws Exception {
    Element e =
        dkt("<wsc:Generation>100000</wsc:Generation><wsc:Nonce>" + NONCE16 + "</wsc:Nonce>");
    assertThatThrownBy(() -> InboundRun.readDerivedKeyToken(e, DerivedKeyLimits.DEFAULT))
        .hasMessageContaining("maxOffsetBytes");
  }

  @Test
  void derivedKey_tooManyPerMessage_namesMaxDerivedKeysPerMessage() throws Exception {
    Document d = protectedMessage();
    Element dkt = firstDkt(d);
    for (int i = 0; i < 8; i++) {
      Element copy = (Element) dkt.cloneNode(true);
      copy.removeAttributeNS(Ns.WSU, "Id");
      dkt.getParentNode().insertBefore(copy, dkt);
    }
    ParleyFault f = fault(d, inbound().build());
    assertThat(f.getMessage()).contains("maxDerivedKeysPerMessage=8");
  }

  @Test
  void derivedKey_noSourceAndNoContext_isUnknownDerivationSource() throws Exception {
    Document d = protectedMessage();
    for (int i = 0; i < 2; i++) {
      Element dkt = (Element) d.getElementsByTagNameNS(Ns.WSC13, "DerivedKeyToken").item(i);
      dkt.removeChild(Dom.child(dkt, Ns.WSSE, "SecurityTokenReference"));
    }
    assertThat(fault(d, inbound().build()).code())
        .isEqualTo(FaultCode.SC_UNKNOWN_DERIVATION_SOURCE);
  }

  @Test
  void derivedKey_noSource_usesImplicitSourceFromContext() throws Exception {
    Document d = protectedMessage();
    for (int i = 0; i < 2; i++) {
      Element dkt = (Element) d.getElementsByTagNameNS(Ns.WSC13, "DerivedKeyToken").item(i);
      dkt.removeChild(Dom.child(dkt, Ns.WSSE, "SecurityTokenReference"));
    }
    VerifiedMessage m =
        inbound()
            .build()
            .process(
                XmlWriter.toBytes(d), InboundContext.none().withImplicitDerivationSource(SECRET));
    assertThat(m.primarySigningToken().orElseThrow().root().kind())
        .isEqualTo(VerifiedToken.Kind.IMPLICIT_CONTEXT);
  }

  @Test
  void derivedKey_unknownContextIdentifier_isUnknownDerivationSource() throws Exception {
    Document d = protectedMessage();
    InboundProcessor p = inbound().securityContexts(SecurityContextResolver.none()).build();
    assertThat(fault(d, p).code()).isEqualTo(FaultCode.SC_UNKNOWN_DERIVATION_SOURCE);
  }

  @Test
  void derivedKey_shortNonce_namesMinNonceBytes() throws Exception {
    Document d = protectedMessage();
    set(firstDkt(d), "Nonce", Base64.getEncoder().encodeToString(new byte[8]));
    assertThat(fault(d, inbound().build()).getMessage()).contains("minNonceBytes");
  }

  @Test
  void derivedKey_longNonce_namesMaxNonceBytes() throws Exception {
    Document d = protectedMessage();
    set(firstDkt(d), "Nonce", Base64.getEncoder().encodeToString(new byte[4096]));
    assertThat(fault(d, inbound().build()).getMessage()).contains("maxNonceBytes");
  }

  @Test
  void derivedKey_longLabel_namesMaxLabelLength() throws Exception {
    Document d = protectedMessage();
    set(firstDkt(d), "Label", "x".repeat(129));
    assertThat(fault(d, inbound().build()).getMessage()).contains("maxLabelLength");
  }

  @Test
  void derivedKey_missingNonce_isRejected() throws Exception {
    Document d = protectedMessage();
    Element dkt = firstDkt(d);
    dkt.removeChild(Dom.child(dkt, Ns.WSC13, "Nonce"));
    assertThat(fault(d, inbound().build()).code()).isEqualTo(FaultCode.INVALID_SECURITY);
  }

  @Test
  void derivedKey_explicitDefaultLabel_verifiesLikeOmittedLabel() throws Exception {
    Document d = protectedMessage();
    for (int i = 0; i < 2; i++) {
      set(
          (Element) d.getElementsByTagNameNS(Ns.WSC13, "DerivedKeyToken").item(i),
          "Label",
          PHash.DEFAULT_LABEL);
    }
    VerifiedMessage m = inbound().build().process(XmlWriter.toBytes(d));
    assertThat(m.isSigned(m.body())).isTrue();
  }

  @Test
  void hardenedXml_deepNesting_isRejectedNamingMaxDepth() {
    String deep = "<a>".repeat(10_000) + "</a>".repeat(10_000);
    InboundProcessor p = inbound().xmlLimits(XmlLimits.DEFAULT).build();
    assertThatThrownBy(() -> p.process(deep.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ParleyFault.class)
        .hasMessageContaining("maxDepth");
  }

  @Test
  void hardenedXml_oversizedMessage_isRejectedNamingMaxBytes() {
    InboundProcessor p = inbound().xmlLimits(XmlLimits.newBuilder().maxBytes(1024).build()).build();
    assertThatThrownBy(() -> p.process(Messages.soap12(4096).getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ParleyFault.class)
        .hasMessageContaining("maxBytes");
  }
}
