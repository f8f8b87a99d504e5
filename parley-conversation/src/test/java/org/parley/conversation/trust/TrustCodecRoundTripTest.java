package org.parley.conversation.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.conversation.sct.SecurityContextToken;
import org.parley.conversation.testing.Captures;
import org.parley.core.SecretBytes;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** write -> bytes -> hardened parse -> read gives the same values, for both versions. */
class TrustCodecRoundTripTest {
  private static final TrustCodec CODEC = TrustCodec.strict();
  private static final Lifetime LIFETIME =
      new Lifetime(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:05:00Z"));

  static Element reparse(Element e) throws Exception {
    return Captures.XML.parse(XmlWriter.toBytes(e)).getDocumentElement();
  }

  @ParameterizedTest
  @EnumSource(TrustVersion.class)
  void issueRequest_roundTrips(TrustVersion v) throws Exception {
    SecretBytes nonce = SecretBytes.random(32);
    RequestSecurityToken rst =
        RequestSecurityToken.newBuilder(v, RequestType.ISSUE)
            .context("ctx-1")
            .sctTokenType()
            .appliesTo(AppliesTo.of("http://127.0.0.1:8080/services/DoubleItSC13"))
            .lifetime(LIFETIME)
            .entropy(Entropy.of(BinarySecret.nonce(nonce)))
            .keySizeBits(256)
            .keyType(v.keyTypeSymmetric())
            .computedKeyPsha1()
            .renewing(true)
            .build();
    Document doc = HardenedXml.newEmptyDocument();
    Element written = CODEC.writeRequest(doc, rst);
    assertThat(written.getNamespaceURI()).isEqualTo(v.trustNamespace());
    RequestSecurityToken back = CODEC.readRequest(reparse(written));
    assertThat(back.version()).isEqualTo(v);
    assertThat(back.requestType()).isEqualTo(RequestType.ISSUE);
    assertThat(back.context()).contains("ctx-1");
    assertThat(back.tokenType()).contains(v.sctTokenType());
    assertThat(back.appliesTo()).isEqualTo(rst.appliesTo());
    assertThat(back.lifetime()).contains(LIFETIME);
    assertThat(back.keySizeBits()).hasValue(256);
    assertThat(back.keyType()).contains(v.keyTypeSymmetric());
    assertThat(back.computedKeyAlgorithm()).contains(v.computedKeyPsha1());
    assertThat(back.renewing()).isTrue();
    assertThat(
            back.entropy()
                .orElseThrow()
                .binarySecret()
                .orElseThrow()
                .sameAs(BinarySecret.nonce(nonce)))
        .isTrue();
  }

  @ParameterizedTest
  @EnumSource(TrustVersion.class)
  void renewAndCancelRequests_roundTripEachTargetForm(TrustVersion v) throws Exception {
    SecurityContextToken sct =
        SecurityContextToken.newBuilder(v, "urn:uuid:1").instance("i-2").wsuId("sct-1").build();
    for (ContextTokenReference target :
        new ContextTokenReference[] {
          ContextTokenReference.inline(sct),
          ContextTokenReference.toLocalId("sct-1"),
          ContextTokenReference.toIdentifier("urn:uuid:1"),
          ContextTokenReference.toInstance("urn:uuid:1", "i-2"),
        }) {
      for (RequestType type : new RequestType[] {RequestType.RENEW, RequestType.CANCEL}) {
        RequestSecurityToken rst = RequestSecurityToken.newBuilder(v, type).target(target).build();
        RequestSecurityToken back =
            CODEC.readRequest(reparse(CODEC.writeRequest(HardenedXml.newEmptyDocument(), rst)));
        assertThat(back.requestType()).isEqualTo(type);
        assertThat(back.target()).contains(target);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(TrustVersion.class)
  void issueResponse_roundTrips_collectionFor13_bareFor200502(TrustVersion v) throws Exception {
    SecurityContextToken sct =
        SecurityContextToken.newBuilder(v, "urn:uuid:abc").wsuId("sct-9").build();
    SecretBytes serverNonce = SecretBytes.random(32);
    RequestSecurityTokenResponse rstr =
        RequestSecurityTokenResponse.newBuilder(v)
            .context("ctx-1")
            .tokenType(v.sctTokenType())
            .requestedToken(sct)
            .attachedReference(ContextTokenReference.toLocalId("sct-9"))
            .unattachedReference(ContextTokenReference.toIdentifier("urn:uuid:abc"))
            .proofToken(ProofToken.computedKey(v.computedKeyPsha1()))
            .entropy(Entropy.of(BinarySecret.nonce(serverNonce)))
            .lifetime(LIFETIME)
            .keySizeBits(256)
            .build();
    Element written = CODEC.writeResponse(HardenedXml.newEmptyDocument(), rstr);
    assertThat(written.getLocalName())
        .isEqualTo(
            v == TrustVersion.WS_TRUST_13
                ? "RequestSecurityTokenResponseCollection"
                : "RequestSecurityTokenResponse");
    RequestSecurityTokenResponse back = CODEC.readResponse(reparse(written));
    assertThat(back.version()).isEqualTo(v);
    assertThat(back.context()).contains("ctx-1");
    assertThat(back.tokenType()).contains(v.sctTokenType());
    assertThat(back.requestedToken()).contains(sct);
    assertThat(back.attachedReference()).isEqualTo(rstr.attachedReference());
    assertThat(back.unattachedReference()).isEqualTo(rstr.unattachedReference());
    assertThat(back.proofToken().orElseThrow().computedKeyAlgorithm())
        .contains(v.computedKeyPsha1());
    assertThat(
            back.entropy()
                .orElseThrow()
                .binarySecret()
                .orElseThrow()
                .value()
                .equalsConstantTime(serverNonce))
        .isTrue();
    assertThat(back.lifetime()).contains(LIFETIME);
    assertThat(back.keySizeBits()).hasValue(256);
  }

  @ParameterizedTest
  @EnumSource(TrustVersion.class)
  void cancelResponseAndBinarySecretProof_roundTrip(TrustVersion v) throws Exception {
    RequestSecurityTokenResponse cancelled =
        RequestSecurityTokenResponse.newBuilder(v).tokenCancelled().build();
    assertThat(
            CODEC
                .readResponse(
                    reparse(CODEC.writeResponse(HardenedXml.newEmptyDocument(), cancelled)))
                .tokenCancelled())
        .isTrue();
    SecretBytes key = SecretBytes.random(32);
    RequestSecurityTokenResponse renewed =
        RequestSecurityTokenResponse.newBuilder(v)
            .requestedToken(SecurityContextToken.newBuilder(v, "urn:x").instance("2").build())
            .proofToken(
                ProofToken.binarySecret(BinarySecret.of(BinarySecret.Type.SYMMETRIC_KEY, key)))
            .build();
    RequestSecurityTokenResponse back =
        CODEC.readResponse(reparse(CODEC.writeResponse(HardenedXml.newEmptyDocument(), renewed)));
    BinarySecret proof = back.proofToken().orElseThrow().binarySecret().orElseThrow();
    assertThat(proof.type()).isEqualTo(BinarySecret.Type.SYMMETRIC_KEY);
    assertThat(proof.value().equalsConstantTime(key)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(TrustVersion.class)
  void encryptedEntropyAndEncryptedProof_stayElements_andOldNamespacesRoundTrip(TrustVersion v)
      throws Exception {
    Document src =
        Captures.XML.parse(
            ("<xenc:EncryptedKey xmlns:xenc=\"http://www.w3.org/2001/04/xmlenc#\">"
                    + "<xenc:CipherData><xenc:CipherValue>AAAA</xenc:CipherValue></xenc:CipherData>"
                    + "</xenc:EncryptedKey>")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Element ek = src.getDocumentElement();
    AppliesTo old =
        new AppliesTo(
            "http://127.0.0.1/x",
            org.parley.wire.Ns.WSP12,
            org.parley.wire.addressing.AddressingVersion.WSA_200408);
    RequestSecurityToken rst =
        RequestSecurityToken.newBuilder(v, RequestType.ISSUE)
            .appliesTo(old)
            .entropy(Entropy.encrypted(ek))
            .build();
    RequestSecurityToken back =
        CODEC.readRequest(reparse(CODEC.writeRequest(HardenedXml.newEmptyDocument(), rst)));
    assertThat(back.appliesTo()).contains(old);
    Element e = back.entropy().orElseThrow().encryptedElement().orElseThrow();
    assertThat(e.getLocalName()).isEqualTo("EncryptedKey");
    assertThat(e.getTextContent()).isEqualTo("AAAA");
    RequestSecurityTokenResponse rstr =
        RequestSecurityTokenResponse.newBuilder(v)
            .requestedToken(SecurityContextToken.newBuilder(v, "urn:x").build())
            .proofToken(ProofToken.encryptedKey(ek))
            .build();
    RequestSecurityTokenResponse r =
        CODEC.readResponse(reparse(CODEC.writeResponse(HardenedXml.newEmptyDocument(), rstr)));
    assertThat(r.proofToken().orElseThrow().kind()).isEqualTo(ProofToken.Kind.ENCRYPTED_KEY);
    assertThat(r.proofToken().orElseThrow().encryptedKey().orElseThrow().getTextContent())
        .isEqualTo("AAAA");
  }
}
