package org.parley.conversation.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.parley.conversation.testing.Captures;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.wire.Ns;
import org.parley.wire.xml.HardenedXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** WS-Trust 1.3 section 11 wst:InvalidRequest for every malformed or hostile request. */
class TrustCodecHostileTest {
  private static final TrustCodec CODEC = TrustCodec.strict();
  private static final String WST = Ns.WST13;
  private static final String ISSUE =
      "<wst:RequestType>http://docs.oasis-open.org/ws-sx/ws-trust/200512/Issue</wst:RequestType>";
  private static final String NONCE =
      "<wst:Entropy><wst:BinarySecret Type=\"http://docs.oasis-open.org/ws-sx/ws-trust/200512/Nonce\">"
          + "AnHmnKe64SpEgYt2iI/nsDaMQy0lZOz/k+H1m9o3wVA=</wst:BinarySecret></wst:Entropy>";

  static Element rst(String inner) throws Exception {
    String xml =
        "<wst:RequestSecurityToken xmlns:wst=\""
            + WST
            + "\" xmlns:wsc=\""
            + Ns.WSC13
            + "\" xmlns:wsse=\""
            + Ns.WSSE
            + "\">"
            + inner
            + "</wst:RequestSecurityToken>";
    return Captures.XML.parse(xml.getBytes(StandardCharsets.UTF_8)).getDocumentElement();
  }

  static AbstractThrowableAssert<?, ? extends Throwable> refused(Element e) {
    return assertThatThrownBy(() -> CODEC.readRequest(e))
        .isInstanceOf(ParleyFault.class)
        .satisfies(
            t -> assertThat(((ParleyFault) t).code()).isEqualTo(FaultCode.TRUST_INVALID_REQUEST));
  }

  @Test
  void wsTrust13_3_1_missingRequestType_isInvalidRequest() throws Exception {
    refused(rst(NONCE)).hasMessageContaining("without wst:RequestType");
  }

  @Test
  void wsTrust13_3_twoEntropyElements_isInvalidRequest() throws Exception {
    refused(rst(ISSUE + NONCE + NONCE)).hasMessageContaining("two {" + WST + "}Entropy");
  }

  @Test
  void binarySecretOfTenMegabytes_refusedBeforeDecoding_namingTheLimit() throws Exception {
    // Built directly in DOM: the hardened parser would already refuse a 10 MB text node.
    Element e = rst(ISSUE + NONCE);
    Element bs = (Element) e.getElementsByTagNameNS(WST, "BinarySecret").item(0);
    bs.setTextContent("A".repeat(10 * 1024 * 1024));
    refused(e).hasMessageContaining("TrustLimits.maxBinarySecretBytes");
  }

  @Test
  void wsTrust13_4_4_2_unknownComputedKeyAlgorithm_isInvalidRequest() throws Exception {
    refused(
            rst(
                ISSUE
                    + NONCE
                    + "<wst:ComputedKeyAlgorithm>http://example.org/CK/PSHA2</wst:ComputedKeyAlgorithm>"))
        .hasMessageContaining("unknown wst:ComputedKeyAlgorithm http://example.org/CK/PSHA2");
  }

  @Test
  void keySize_negativeHugeZeroOddOrText_isInvalidRequest() throws Exception {
    for (String size :
        new String[] {"-256", "4294967296", "0", "2147483647", "255", "abc", "100000"}) {
      refused(rst(ISSUE + "<wst:KeySize>" + size + "</wst:KeySize>"))
          .hasMessageContaining("KeySize");
    }
    assertThat(CODEC.readRequest(rst(ISSUE + "<wst:KeySize>512</wst:KeySize>")).keySizeBits())
        .hasValue(512);
  }

  @Test
  void unknownRequestType_andValidate_areInvalidRequest() throws Exception {
    refused(rst("<wst:RequestType>http://example.org/Steal</wst:RequestType>"))
        .hasMessageContaining("http://example.org/Steal");
    refused(
            rst(
                "<wst:RequestType>http://docs.oasis-open.org/ws-sx/ws-trust/200512/Validate</wst:RequestType>"))
        .hasMessageContaining("Validate");
    // A Feb 2005 request type inside a 1.3 request is not a 1.3 request type.
    refused(
            rst(
                "<wst:RequestType>http://schemas.xmlsoap.org/ws/2005/02/trust/Issue</wst:RequestType>"))
        .hasMessageContaining("is not a WS_TRUST_13 request type");
  }

  @Test
  void wsTrust13_7_1_and_8_1_targetsMatchRequestType() throws Exception {
    refused(
            rst(
                "<wst:RequestType>http://docs.oasis-open.org/ws-sx/ws-trust/200512/Cancel</wst:RequestType>"))
        .hasMessageContaining("needs wst:CancelTarget");
    refused(
            rst(
                "<wst:RequestType>http://docs.oasis-open.org/ws-sx/ws-trust/200512/Renew</wst:RequestType>"))
        .hasMessageContaining("needs wst:RenewTarget");
    refused(
            rst(
                ISSUE
                    + "<wst:CancelTarget><wsc:SecurityContextToken><wsc:Identifier>urn:a"
                    + "</wsc:Identifier></wsc:SecurityContextToken></wst:CancelTarget>"))
        .hasMessageContaining("CancelTarget in a ISSUE request");
  }

  @Test
  void cancelTarget_sctWithoutIdentifier_orStrWithoutUri_isInvalidRequest() throws Exception {
    String cancel =
        "<wst:RequestType>http://docs.oasis-open.org/ws-sx/ws-trust/200512/Cancel</wst:RequestType>";
    refused(rst(cancel + "<wst:CancelTarget><wsc:SecurityContextToken/></wst:CancelTarget>"))
        .hasMessageContaining("without wsc:Identifier");
    refused(
            rst(
                cancel
                    + "<wst:CancelTarget><wsse:SecurityTokenReference><wsse:Reference/>"
                    + "</wsse:SecurityTokenReference></wst:CancelTarget>"))
        .hasMessageContaining("wsse:Reference needs a URI");
  }

  @Test
  void unknownChild_andWrongTokenType_areInvalidRequest() throws Exception {
    refused(rst(ISSUE + "<wst:Claims/>"))
        .hasMessageContaining("unexpected child {" + WST + "}Claims");
    refused(rst(ISSUE + "<wst:TokenType>urn:saml</wst:TokenType>"))
        .hasMessageContaining("wst:TokenType urn:saml is not the WS_TRUST_13 SCT token type");
  }

  @Test
  void entropy_withTwoChildrenOrForeignChild_isInvalidRequest() throws Exception {
    refused(rst(ISSUE + "<wst:Entropy/>")).hasMessageContaining("exactly one child");
    refused(rst(ISSUE + "<wst:Entropy><wst:Foo/></wst:Entropy>"))
        .hasMessageContaining("expected wst:BinarySecret");
    refused(
            rst(
                ISSUE
                    + "<wst:Entropy><wst:BinarySecret>!!notbase64!!</wst:BinarySecret></wst:Entropy>"))
        .hasMessageContaining("not valid base64");
  }

  @Test
  void lifetime_expiresBeforeCreated_isInvalidRequest() throws Exception {
    refused(
            rst(
                ISSUE
                    + "<wst:Lifetime xmlns:wsu=\""
                    + Ns.WSU
                    + "\"><wsu:Created>2026-01-01T00:05:00Z</wsu:Created>"
                    + "<wsu:Expires>2026-01-01T00:00:00Z</wsu:Expires></wst:Lifetime>"))
        .hasMessageContaining("is not after created");
  }

  @Test
  void tooManyChildren_refusedNamingTheLimit() throws Exception {
    TrustCodec small =
        TrustCodec.create(
            TrustLimits.newBuilder().maxChildElements(8).build(), TrustCompliance.STRICT);
    Element nine =
        rst(
            ISSUE
                + NONCE
                + "<wst:Renewing/><wst:KeySize>256</wst:KeySize>"
                + "<wst:TokenType>http://docs.oasis-open.org/ws-sx/ws-secureconversation/200512/sct"
                + "</wst:TokenType><wst:KeyType>x</wst:KeyType><wst:ComputedKeyAlgorithm>y"
                + "</wst:ComputedKeyAlgorithm><wst:Lifetime/><wst:Claims/>");
    assertThatThrownBy(() -> small.readRequest(nine))
        .hasMessageContaining("TrustLimits.maxChildElements (8)");
  }

  @Test
  void response_collectionWithTwoResponses_andEmptyResponse_areInvalidRequest() throws Exception {
    String r =
        "<wst:RequestSecurityTokenResponse><wst:RequestedTokenCancelled/>"
            + "</wst:RequestSecurityTokenResponse>";
    Document d =
        Captures.XML.parse(
            ("<wst:RequestSecurityTokenResponseCollection xmlns:wst=\""
                    + WST
                    + "\">"
                    + r
                    + r
                    + "</wst:RequestSecurityTokenResponseCollection>")
                .getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> CODEC.readResponse(d.getDocumentElement()))
        .hasMessageContaining("exactly one");
    Document empty =
        Captures.XML.parse(
            ("<wst:RequestSecurityTokenResponse xmlns:wst=\"" + WST + "\"/>")
                .getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> CODEC.readResponse(empty.getDocumentElement()))
        .hasMessageContaining("without wst:RequestedSecurityToken");
    assertThat(HardenedXml.newEmptyDocument()).isNotNull();
  }
}
