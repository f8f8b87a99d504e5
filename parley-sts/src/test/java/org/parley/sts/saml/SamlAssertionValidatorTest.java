package org.parley.sts.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.parley.core.claims.ClaimTypes;
import org.parley.core.claims.ClaimsIdentity;
import org.parley.core.store.memory.InMemoryReplayCache;
import org.parley.core.testing.MutableClock;
import org.parley.sts.saml.SamlRejectedException.Reason;
import org.parley.sts.testing.TestKeys;
import org.parley.wire.Ns;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class SamlAssertionValidatorTest {
  static final String ISSUER = "https://sts.example/sts";
  static final String REALM = "https://rp.example/app/";
  static final SigningCredential STS = TestKeys.credential("parley test sts");
  static final SigningCredential EVIL = TestKeys.credential("parley test attacker");

  final MutableClock clock = MutableClock.atDefaultStart();
  final Instant t0 = clock.instant();

  SamlAssertion.Builder assertion(String id) {
    return SamlAssertion.builder()
        .id(id)
        .issueInstant(t0)
        .issuer(ISSUER)
        .subject("alice")
        .validity(t0, t0.plus(Duration.ofMinutes(10)))
        .audience(REALM)
        .authentication(t0, SamlAssertion.AC_PASSWORD_PROTECTED_TRANSPORT)
        .attribute(ClaimTypes.NAME, "alice")
        .attribute(ClaimTypes.ROLE, "reader", "writer");
  }

  SamlAssertionValidator.Builder validatorBuilder() {
    return SamlAssertionValidator.builder()
        .trustIssuer(ISSUER, STS.certificate())
        .audience(REALM)
        .clock(clock)
        .replayCache(InMemoryReplayCache.builder().clock(clock).build());
  }

  byte[] signed(SamlAssertion a) {
    return SamlAssertionWriter.signingWith(STS).writeBytes(a);
  }

  static Document parse(byte[] xml) throws Exception {
    return HardenedXml.create(XmlLimits.DEFAULT).parse(xml);
  }

  static byte[] edit(byte[] xml, Consumer<Document> change) throws Exception {
    Document doc = parse(xml);
    change.accept(doc);
    return XmlWriter.toBytes(doc.getDocumentElement());
  }

  Reason reasonOf(SamlAssertionValidator v, byte[] xml) {
    try {
      v.validate(xml);
    } catch (SamlRejectedException e) {
      return e.reason();
    }
    throw new AssertionError("accepted");
  }

  @Test
  void roundTrip_buildsIdentityWithMultiValuedClaimsAndBootstrapToken() throws Exception {
    byte[] xml = signed(assertion("_a1").build());
    VerifiedAssertion v = validatorBuilder().build().validate(xml);
    ClaimsIdentity id = v.identity();
    assertThat(id.name()).contains("alice");
    assertThat(id.findAll(ClaimTypes.ROLE))
        .extracting(c -> c.value())
        .containsExactly("reader", "writer");
    assertThat(id.findFirst(ClaimTypes.NAME_IDENTIFIER).orElseThrow().issuer()).isEqualTo(ISSUER);
    assertThat(id.findFirst(ClaimTypes.AUTHENTICATION_METHOD).orElseThrow().value())
        .isEqualTo(SamlAssertion.AC_PASSWORD_PROTECTED_TRANSPORT);
    assertThat(id.bootstrapToken().orElseThrow().tokenType()).isEqualTo(SamlAssertion.TOKEN_TYPE);
    // The bootstrap token is the assertion itself, and it still verifies elsewhere.
    byte[] bootstrap = id.bootstrapToken().orElseThrow().serializedForm();
    assertThat(validatorBuilder().build().validate(bootstrap).assertion().id()).isEqualTo("_a1");
    assertThat(v.assertion().audiences()).containsExactly(REALM);
  }

  @Test
  void signature_isEnvelopedRsaSha256ExcC14nOverOwnId_saml5_4() throws Exception {
    String text = new String(signed(assertion("_a2").build()), StandardCharsets.UTF_8);
    assertThat(text)
        .contains("Reference URI=\"#_a2\"")
        .contains(SamlAssertionWriter.ALGO_RSA_SHA256)
        .contains(SamlAssertionWriter.ALGO_ENVELOPED)
        .contains(SamlAssertionWriter.ALGO_EXC_C14N)
        .contains(SamlAssertionWriter.ALGO_SHA256);
  }

  @Test
  void rejects_untrustedIssuerName() throws Exception {
    byte[] xml = signed(assertion("_b1").issuer("https://other.example/").build());
    assertThat(reasonOf(validatorBuilder().build(), xml)).isEqualTo(Reason.UNTRUSTED_ISSUER);
  }

  @Test
  void rejects_trustedIssuerNameSignedWithAnotherCertificate() throws Exception {
    byte[] xml = SamlAssertionWriter.signingWith(EVIL).writeBytes(assertion("_b2").build());
    assertThat(reasonOf(validatorBuilder().build(), xml)).isEqualTo(Reason.UNTRUSTED_ISSUER);
  }

  @Test
  void rejects_trustedCertificateInKeyInfoButSignedWithAnotherKey() throws Exception {
    byte[] evil = SamlAssertionWriter.signingWith(EVIL).writeBytes(assertion("_b3").build());
    String stsCert = java.util.Base64.getEncoder().encodeToString(STS.certificate().getEncoded());
    byte[] swapped =
        edit(
            evil,
            d ->
                d.getElementsByTagNameNS(Ns.DS, "X509Certificate").item(0).setTextContent(stsCert));
    assertThat(reasonOf(validatorBuilder().build(), swapped)).isEqualTo(Reason.SIGNATURE_INVALID);
  }

  @Test
  void rejects_wrongAudience_saml2_5_1_4() throws Exception {
    byte[] xml = signed(assertion("_c1").build());
    SamlAssertionValidator v = validatorBuilder().audience("https://rp.example/other/").build();
    assertThat(reasonOf(v, xml)).isEqualTo(Reason.AUDIENCE);
  }

  @Test
  void validity_notBefore_acceptedExactlyAtSkew_rejectedOneMilliEarlier_saml2_5_1_2()
      throws Exception {
    Instant nb = t0.plus(Duration.ofMinutes(5)).plusMillis(1);
    SamlAssertion early = assertion("_d1").validity(nb, nb.plus(Duration.ofMinutes(5))).build();
    assertThat(reasonOf(validatorBuilder().build(), signed(early))).isEqualTo(Reason.NOT_YET_VALID);
    clock.advance(Duration.ofMillis(1));
    assertThat(validatorBuilder().build().validate(signed(early)).assertion().id())
        .isEqualTo("_d1");
  }

  @Test
  void validity_notOnOrAfter_plusSkew_isExpiredExactlyAtBoundary_saml2_5_1_2() throws Exception {
    SamlAssertion a = assertion("_d2").build(); // NotOnOrAfter = t0 + 10 min; skew 5 min
    clock.set(t0.plus(Duration.ofMinutes(15)).minusMillis(1));
    assertThat(validatorBuilder().build().validate(signed(a)).assertion().id()).isEqualTo("_d2");
    clock.set(t0.plus(Duration.ofMinutes(15)));
    assertThat(reasonOf(validatorBuilder().build(), signed(assertion("_d3").build())))
        .isEqualTo(Reason.EXPIRED);
  }

  @Test
  void skew_isCappedAtTenMinutes() {
    assertThatThrownBy(() -> SamlAssertionValidator.builder().maxClockSkew(Duration.ofMinutes(11)))
        .hasMessageContaining("MAX_CLOCK_SKEW_CAP");
  }

  @Test
  void oneTimeUse_secondPresentationOfSameIdIsReplay_profiles4_1_4_5() throws Exception {
    byte[] xml = signed(assertion("_e1").build());
    SamlAssertionValidator v = validatorBuilder().build();
    v.validate(xml);
    assertThat(reasonOf(v, xml)).isEqualTo(Reason.REPLAY);
  }

  @Test
  void failedChecks_doNotConsumeTheAssertionId() throws Exception {
    SamlAssertionValidator v = validatorBuilder().build();
    byte[] good = signed(assertion("_e2").build());
    byte[] tampered = edit(good, d -> attributeValue(d, 0).setTextContent("admin"));
    assertThat(reasonOf(v, tampered)).isEqualTo(Reason.SIGNATURE_INVALID);
    assertThat(v.validate(good).assertion().id()).isEqualTo("_e2");
  }

  @Test
  void rejects_holderOfKeyUnlessOptedIn() throws Exception {
    byte[] xml = signed(assertion("_f1").holderOfKey(EVIL.certificate()).build());
    assertThat(reasonOf(validatorBuilder().build(), xml)).isEqualTo(Reason.CONFIRMATION);
    VerifiedAssertion ok = validatorBuilder().acceptHolderOfKey().build().validate(xml);
    assertThat(ok.assertion().holderOfKeyCertificate()).contains(EVIL.certificate());
  }

  @Test
  void rejects_unsignedAssertion() throws Exception {
    byte[] unsigned = edit(signed(assertion("_g1").build()), d -> removeSignature(d));
    assertThat(reasonOf(validatorBuilder().build(), unsigned))
        .isEqualTo(Reason.SIGNATURE_STRUCTURE);
  }

  @Test
  void rejects_tamperedAttributeValue() throws Exception {
    byte[] tampered =
        edit(signed(assertion("_h1").build()), d -> attributeValue(d, 1).setTextContent("admin"));
    assertThat(reasonOf(validatorBuilder().build(), tampered)).isEqualTo(Reason.SIGNATURE_INVALID);
  }

  @Test
  void rejects_malformedXml() {
    byte[] xml = "<saml2:Assertion xmlns:saml2='x'".getBytes(StandardCharsets.UTF_8);
    assertThat(reasonOf(validatorBuilder().build(), xml)).isEqualTo(Reason.MALFORMED);
  }

  // --- XML signature wrapping (XSW) ------------------------------------------------------------

  @Test
  void xsw_evilAssertionCarryingOriginalSignatureReferencingOriginalId() throws Exception {
    // Evil assertion (ID _evil) holds the genuine signature, which still points at "#_x1".
    byte[] genuine = signed(assertion("_x1").build());
    Document doc = parse(genuine);
    Element original = doc.getDocumentElement();
    Element evil = (Element) original.cloneNode(true);
    evil.setAttributeNS(null, "ID", "_evil");
    attributeValueIn(evil, 0).setTextContent("mallory");
    Element sig = Dom.child(original, Ns.DS, "Signature");
    // keep a copy of the original (with its signature) inside the evil one's signature Object
    Element object = doc.createElementNS(Ns.DS, "ds:Object");
    object.appendChild(original.cloneNode(true));
    Dom.child(evil, Ns.DS, "Signature").appendChild(object);
    doc.replaceChild(evil, original);
    assertThat(sig).isNotNull();
    assertThat(reasonOf(validatorBuilder().build(), XmlWriter.toBytes(evil)))
        .isEqualTo(Reason.SIGNATURE_STRUCTURE);
  }

  @Test
  void xsw_evilAssertionWithSameIdBesideTheOriginalInAWrapper() throws Exception {
    // <Wrapper><evil ID=_x2/><original ID=_x2/></Wrapper>: the reference "#_x2" must resolve
    // to the element being validated, never to the untouched original.
    byte[] genuine = signed(assertion("_x2").build());
    Document doc = parse(genuine);
    Element original = doc.getDocumentElement();
    Element evil = (Element) original.cloneNode(true);
    attributeValueIn(evil, 0).setTextContent("mallory");
    Element wrapper = doc.createElementNS("urn:test", "w:Wrapper");
    wrapper.setAttributeNS(Ns.XMLNS, "xmlns:w", "urn:test");
    doc.replaceChild(wrapper, original);
    wrapper.appendChild(evil);
    wrapper.appendChild(original);
    Document reparsed = parse(XmlWriter.toBytes(wrapper));
    Element evilAgain = Dom.firstChildElement(reparsed.getDocumentElement());
    SamlAssertionValidator v = validatorBuilder().build();
    SamlRejectedException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            SamlRejectedException.class, () -> v.validate(evilAgain));
    assertThat(e.reason()).isEqualTo(Reason.SIGNATURE_INVALID);
  }

  @Test
  void xsw_originalHiddenAfterEvilContentInsideTheSameAssertion() throws Exception {
    // The genuine assertion nested inside the evil one as an extra child.
    byte[] genuine = signed(assertion("_x3").build());
    Document doc = parse(genuine);
    Element original = doc.getDocumentElement();
    Element evil = (Element) original.cloneNode(true);
    attributeValueIn(evil, 0).setTextContent("mallory");
    evil.appendChild(original.cloneNode(true));
    doc.replaceChild(evil, original);
    assertThat(reasonOf(validatorBuilder().build(), XmlWriter.toBytes(evil)))
        .isEqualTo(Reason.MALFORMED);
  }

  @Test
  void xsw_extraTransformIsRefused_saml5_4_4() throws Exception {
    byte[] xml =
        edit(
            signed(assertion("_x4").build()),
            d -> {
              Element transforms = (Element) d.getElementsByTagNameNS(Ns.DS, "Transforms").item(0);
              Element t = d.createElementNS(Ns.DS, "ds:Transform");
              t.setAttributeNS(null, "Algorithm", "http://www.w3.org/TR/1999/REC-xpath-19991116");
              transforms.appendChild(t);
            });
    assertThat(reasonOf(validatorBuilder().build(), xml)).isEqualTo(Reason.SIGNATURE_STRUCTURE);
  }

  @Test
  void xsw_secondReferenceIsRefused() throws Exception {
    byte[] xml =
        edit(
            signed(assertion("_x5").build()),
            d -> {
              Element ref = (Element) d.getElementsByTagNameNS(Ns.DS, "Reference").item(0);
              ref.getParentNode().appendChild(ref.cloneNode(true));
            });
    assertThat(reasonOf(validatorBuilder().build(), xml)).isEqualTo(Reason.SIGNATURE_STRUCTURE);
  }

  @Test
  void xsw_emptyReferenceUriIsRefused() throws Exception {
    byte[] xml =
        edit(
            signed(assertion("_x6").build()),
            d ->
                ((Element) d.getElementsByTagNameNS(Ns.DS, "Reference").item(0))
                    .setAttributeNS(null, "URI", ""));
    assertThat(reasonOf(validatorBuilder().build(), xml)).isEqualTo(Reason.SIGNATURE_STRUCTURE);
  }

  private static Element attributeValue(Document d, int index) {
    return (Element) d.getElementsByTagNameNS(SamlAssertion.NS, "AttributeValue").item(index);
  }

  private static Element attributeValueIn(Element e, int index) {
    return (Element) e.getElementsByTagNameNS(SamlAssertion.NS, "AttributeValue").item(index);
  }

  private static void removeSignature(Document d) {
    Element sig = (Element) d.getElementsByTagNameNS(Ns.DS, "Signature").item(0);
    sig.getParentNode().removeChild(sig);
  }
}
