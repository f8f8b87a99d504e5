package org.parley.sts.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.conversation.trust.BinarySecret;
import org.parley.conversation.trust.RequestType;
import org.parley.conversation.trust.TrustVersion;
import org.parley.core.SecretBytes;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.sts.saml.SamlAssertion;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The strict reader and the writer of {@link SamlTrustCodec}, without a network. */
class SamlTrustCodecTest {
  static final String W13 = TrustVersion.WS_TRUST_13.trustNamespace();
  static final String ISSUE = "<wst:RequestType>" + W13 + "/Issue</wst:RequestType>";
  final SamlTrustCodec codec = SamlTrustCodec.strict();

  static Element parse(String xml) throws ParleyFault {
    return HardenedXml.create(XmlLimits.DEFAULT)
        .parse(xml.getBytes(StandardCharsets.UTF_8))
        .getDocumentElement();
  }

  static String rst(String children) {
    return "<wst:RequestSecurityToken xmlns:wst=\""
        + W13
        + "\">"
        + children
        + "</wst:RequestSecurityToken>";
  }

  FaultCode refusal(String xml) {
    ParleyFault f = assertThrows(ParleyFault.class, () -> codec.readRequest(parse(xml)));
    return f.code();
  }

  @ParameterizedTest
  @EnumSource(TrustVersion.class)
  void request_roundTrip_keepsEveryField(TrustVersion v) throws Exception {
    SamlTokenRequest in =
        SamlTokenRequest.newBuilder(v, RequestType.ISSUE)
            .context("ctx-1")
            .tokenType(SamlAssertion.TOKEN_TYPE)
            .appliesTo("https://rp.example/app/")
            .keyType(ProofKeyType.SYMMETRIC)
            .keySizeBits(256)
            .entropy(BinarySecret.nonce(SecretBytes.copyOf(new byte[32])))
            .computedKeyPsha1()
            .renewing(new SamlTokenRequest.Renewing(true, true))
            .allowPostdating()
            .build();
    Document doc = HardenedXml.newEmptyDocument();
    Element e = codec.writeRequest(doc, in);
    doc.appendChild(e);
    SamlTokenRequest out =
        codec.readRequest(
            parse(new String(org.parley.wire.xml.XmlWriter.toBytes(e), StandardCharsets.UTF_8)));
    assertThat(out.version()).isEqualTo(v);
    assertThat(out.type()).isEqualTo(RequestType.ISSUE);
    assertThat(out.context()).contains("ctx-1");
    assertThat(out.appliesTo()).contains("https://rp.example/app/");
    assertThat(out.keyType()).isEqualTo(ProofKeyType.SYMMETRIC);
    assertThat(out.keySizeBits().getAsInt()).isEqualTo(256);
    assertThat(out.entropy().orElseThrow().value().lengthBytes()).isEqualTo(32);
    assertThat(out.computedKeyPsha1()).isTrue();
    assertThat(out.renewing()).contains(new SamlTokenRequest.Renewing(true, true));
    assertThat(out.allowPostdating()).isTrue();
  }

  @Test
  void keyType_absent_isBearer_wstrust13s4_4_1() throws Exception {
    assertThat(codec.readRequest(parse(rst(ISSUE))).keyType()).isEqualTo(ProofKeyType.BEARER);
  }

  @Test
  void feb2005_noProofKeyUri_isBearer() throws Exception {
    String w = TrustVersion.WS_TRUST_200502.trustNamespace();
    String xml =
        "<wst:RequestSecurityToken xmlns:wst=\""
            + w
            + "\"><wst:RequestType>"
            + w
            + "/Issue</wst:RequestType><wst:KeyType>"
            + "http://schemas.xmlsoap.org/ws/2005/05/identity/NoProofKey</wst:KeyType>"
            + "</wst:RequestSecurityToken>";
    assertThat(codec.readRequest(parse(xml)).keyType()).isEqualTo(ProofKeyType.BEARER);
  }

  @Test
  void renewing_defaults_allowTrue_okFalse_wstrust13s5() throws Exception {
    var r = codec.readRequest(parse(rst(ISSUE + "<wst:Renewing/>"))).renewing().orElseThrow();
    assertThat(r.allow()).isTrue();
    assertThat(r.ok()).isFalse();
  }

  @Test
  void missingRequestType_isInvalidRequest_wstrust13s3_1() {
    assertThat(refusal(rst(""))).isEqualTo(FaultCode.TRUST_INVALID_REQUEST);
  }

  @Test
  void repeatedChild_isInvalidRequest() {
    assertThat(refusal(rst(ISSUE + ISSUE))).isEqualTo(FaultCode.TRUST_INVALID_REQUEST);
  }

  @Test
  void unknownChild_isInvalidRequest() {
    assertThat(refusal(rst(ISSUE + "<x:Evil xmlns:x=\"urn:x\"/>")))
        .isEqualTo(FaultCode.TRUST_INVALID_REQUEST);
  }

  @Test
  void moreChildrenThanTheLimit_isInvalidRequest_namingTheSetting() {
    SamlTrustCodec small =
        SamlTrustCodec.create(
            org.parley.conversation.trust.TrustLimits.newBuilder().maxChildElements(8).build());
    StringBuilder nine = new StringBuilder(ISSUE);
    for (String name :
        List.of(
            "TokenType",
            "Lifetime",
            "KeyType",
            "KeySize",
            "Entropy",
            "ComputedKeyAlgorithm",
            "Renewing",
            "AllowPostdating")) {
      nine.append("<wst:").append(name).append("/>");
    }
    ParleyFault f =
        assertThrows(ParleyFault.class, () -> small.readRequest(parse(rst(nine.toString()))));
    assertThat(f.code()).isEqualTo(FaultCode.TRUST_INVALID_REQUEST);
    assertThat(f.getMessage()).contains("maxChildElements");
  }

  @Test
  void requestTypeOfTheOtherVersion_isInvalidRequest() {
    String feb =
        "<wst:RequestType>"
            + TrustVersion.WS_TRUST_200502.trustNamespace()
            + "/Issue</wst:RequestType>";
    assertThat(refusal(rst(feb))).isEqualTo(FaultCode.TRUST_INVALID_REQUEST);
  }

  @Test
  void otherTokenType_isBadRequest() {
    assertThat(refusal(rst(ISSUE + "<wst:TokenType>urn:other</wst:TokenType>")))
        .isEqualTo(FaultCode.TRUST_BAD_REQUEST);
  }

  @Test
  void unknownKeyType_isBadRequest() {
    assertThat(refusal(rst(ISSUE + "<wst:KeyType>urn:other</wst:KeyType>")))
        .isEqualTo(FaultCode.TRUST_BAD_REQUEST);
  }

  @Test
  void entropyOnABearerRequest_isInvalidRequest_wstrust13s4_4_3() {
    String entropy =
        "<wst:Entropy><wst:BinarySecret Type=\""
            + W13
            + "/Nonce\">AAAAAAAAAAAAAAAAAAAAAA==</wst:BinarySecret></wst:Entropy>";
    assertThat(refusal(rst(ISSUE + entropy))).isEqualTo(FaultCode.TRUST_INVALID_REQUEST);
  }

  @Test
  void renewingWithNonBoolean_isInvalidRequest() {
    assertThat(refusal(rst(ISSUE + "<wst:Renewing Allow=\"maybe\"/>")))
        .isEqualTo(FaultCode.TRUST_INVALID_REQUEST);
  }

  @Test
  void cancelWithoutTarget_isInvalidRequest_wstrust13s6() {
    assertThat(refusal(rst("<wst:RequestType>" + W13 + "/Cancel</wst:RequestType>")))
        .isEqualTo(FaultCode.TRUST_INVALID_REQUEST);
  }

  @Test
  void cancelWithRenewTarget_isInvalidRequest() {
    String xml =
        rst(
            "<wst:RequestType>"
                + W13
                + "/Cancel</wst:RequestType><wst:RenewTarget><saml2:Assertion xmlns:saml2=\""
                + SamlAssertion.NS
                + "\"/></wst:RenewTarget>");
    assertThat(refusal(xml)).isEqualTo(FaultCode.TRUST_INVALID_REQUEST);
  }

  @Test
  void targetByReference_isInvalidRequest_notResolved() {
    String xml =
        rst(
            "<wst:RequestType>"
                + W13
                + "/Validate</wst:RequestType><wst:ValidateTarget>"
                + "<wsse:SecurityTokenReference xmlns:wsse=\"urn:x\"/></wst:ValidateTarget>");
    assertThat(refusal(xml)).isEqualTo(FaultCode.TRUST_INVALID_REQUEST);
  }

  @Test
  void useKeyWithGarbage_isInvalidRequest() {
    String xml =
        rst(
            ISSUE
                + "<wst:KeyType>"
                + W13
                + "/PublicKey</wst:KeyType><wst:UseKey><wsse:BinarySecurityToken xmlns:wsse=\""
                + org.parley.wire.Ns.WSSE
                + "\" ValueType=\""
                + org.parley.wire.Ns.WSS_X509_PROFILE
                + "#X509v3\">bm90IGEgY2VydA==</wsse:BinarySecurityToken></wst:UseKey>");
    assertThat(refusal(xml)).isEqualTo(FaultCode.TRUST_INVALID_REQUEST);
  }

  @Test
  void validateResponse_roundTrip_statusInvalidWithReason_wstrust13s7() throws Exception {
    for (TrustVersion v : TrustVersion.values()) {
      SamlTokenResponse r =
          SamlTokenResponse.newBuilder(v, RequestType.VALIDATE)
              .tokenType(v.statusTokenType())
              .status(new SamlTokenResponse.Status(false, "the token was cancelled"))
              .build();
      Document doc = HardenedXml.newEmptyDocument();
      Element e = codec.writeResponse(doc, r);
      String xml = new String(org.parley.wire.xml.XmlWriter.toBytes(e), StandardCharsets.UTF_8);
      assertThat(xml).contains(v.statusInvalid()).doesNotContain("Collection");
      List<SamlTokenResponse> back = codec.readResponses(parse(xml), RequestType.VALIDATE);
      assertThat(back).hasSize(1);
      assertThat(back.get(0).status()).contains(r.status().orElseThrow());
    }
  }

  @Test
  void cancelAnswerWithoutRequestedTokenCancelled_isRefusedByTheClient_wstrust13s6() {
    String xml = "<wst:RequestSecurityTokenResponse xmlns:wst=\"" + W13 + "\"/>";
    assertThrows(ParleyFault.class, () -> codec.readResponses(parse(xml), RequestType.CANCEL));
  }
}
