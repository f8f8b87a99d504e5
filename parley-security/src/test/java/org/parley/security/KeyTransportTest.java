package org.parley.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.spec.MGF1ParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.Test;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.security.internal.Uris;
import org.parley.wire.Ns;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * EncryptedKey key transport (XML Encryption 1.1 section 5.5) and recipient references (WSS X.509
 * Token Profile 1.1 section 3.2): RSA-OAEP with SHA-1 and SHA-256 digests and MGF1 variants, RSA
 * 1.5 only with the named opt-in, and SKI / thumbprint / issuer-serial references.
 */
class KeyTransportTest {
  static final SecurityPolicy POLICY =
      SecurityPolicy.newBuilder()
          .binding(SecurityPolicy.Binding.ASYMMETRIC)
          .derivedKeys(false)
          .build();

  static Document x509Message(SecurityPolicy policy) throws Exception {
    byte[] wire =
        OutboundProtector.newBuilder()
            .policy(policy)
            .clock(RoundTripTest.CLOCK)
            .build()
            .protect(
                Messages.parse(Messages.soap12(256)),
                OutboundCredentials.x509(
                    TestKeys.CLIENT.key(), TestKeys.CLIENT.cert(), TestKeys.SERVICE.cert()))
            .bytes();
    return Messages.XML.parse(wire);
  }

  static Element encryptedKey(Document d) {
    return (Element) d.getElementsByTagNameNS(Ns.XENC, "EncryptedKey").item(0);
  }

  static byte[] unwrapSha1(Element ek) throws Exception {
    Element cv = Dom.child(Dom.child(ek, Ns.XENC, "CipherData"), Ns.XENC, "CipherValue");
    Cipher c = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
    c.init(Cipher.DECRYPT_MODE, TestKeys.SERVICE.key());
    return c.doFinal(Base64.getDecoder().decode(Dom.text(cv)));
  }

  static void setCipherValue(Element ek, byte[] wrapped) {
    Element cv = Dom.child(Dom.child(ek, Ns.XENC, "CipherData"), Ns.XENC, "CipherValue");
    cv.setTextContent(Base64.getEncoder().encodeToString(wrapped));
  }

  static VerifiedMessage process(SecurityPolicy policy, Document d) throws ParleyFault {
    return RoundTripTest.inbound(policy, RoundTripTest.CLOCK).process(XmlWriter.toBytes(d));
  }

  @Test
  void xmlEnc11_rsaOaepWithSha256DigestAndMgf1Sha256_isAccepted() throws Exception {
    Document d = x509Message(POLICY);
    Element ek = encryptedKey(d);
    byte[] key = unwrapSha1(ek);
    Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
    c.init(
        Cipher.ENCRYPT_MODE,
        TestKeys.SERVICE.cert().getPublicKey(),
        new OAEPParameterSpec(
            "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
    setCipherValue(ek, c.doFinal(key));
    Element method = Dom.child(ek, Ns.XENC, "EncryptionMethod");
    method.setAttribute("Algorithm", Uris.RSA_OAEP_11);
    Element dm = d.createElementNS(Ns.DS, "ds:DigestMethod");
    dm.setAttributeNS(Ns.XMLNS, "xmlns:ds", Ns.DS);
    dm.setAttribute("Algorithm", Uris.SHA256);
    method.appendChild(dm);
    Element mgf = d.createElementNS(Ns.XENC11, "xenc11:MGF");
    mgf.setAttributeNS(Ns.XMLNS, "xmlns:xenc11", Ns.XENC11);
    mgf.setAttribute("Algorithm", Uris.MGF1_SHA256);
    method.appendChild(mgf);

    VerifiedMessage m = process(POLICY, d);
    assertThat(m.wasEncrypted(m.body())).isTrue();
  }

  @Test
  void xmlEnc11_rsaOaepMgf1pWithSha256Digest_isAccepted() throws Exception {
    Document d = x509Message(POLICY);
    Element ek = encryptedKey(d);
    byte[] key = unwrapSha1(ek);
    Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
    c.init(
        Cipher.ENCRYPT_MODE,
        TestKeys.SERVICE.cert().getPublicKey(),
        new OAEPParameterSpec(
            "SHA-256", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT));
    setCipherValue(ek, c.doFinal(key));
    Element dm = d.createElementNS(Ns.DS, "ds:DigestMethod");
    dm.setAttributeNS(Ns.XMLNS, "xmlns:ds", Ns.DS);
    dm.setAttribute("Algorithm", Uris.SHA256);
    Dom.child(ek, Ns.XENC, "EncryptionMethod").appendChild(dm);
    VerifiedMessage m = process(POLICY, d);
    assertThat(m.wasEncrypted(m.body())).isTrue();
  }

  static Document copy(Document d) throws Exception {
    return Messages.XML.parse(XmlWriter.toBytes(d));
  }

  @Test
  void xmlEnc11_rsa15_isRefusedByDefault_andAcceptedWithNamedOptIn() throws Exception {
    Document d = x509Message(POLICY);
    Element ek = encryptedKey(d);
    byte[] key = unwrapSha1(ek);
    Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
    c.init(Cipher.ENCRYPT_MODE, TestKeys.SERVICE.cert().getPublicKey());
    setCipherValue(ek, c.doFinal(key));
    Dom.child(ek, Ns.XENC, "EncryptionMethod").setAttribute("Algorithm", Uris.RSA_1_5);

    assertThatThrownBy(() -> process(POLICY, copy(d)))
        .extracting(f -> ((ParleyFault) f).code())
        .isEqualTo(FaultCode.UNSUPPORTED_ALGORITHM);

    SecurityPolicy optIn =
        POLICY.toBuilder()
            .algorithmSuite(
                AlgorithmSuite.BASIC256.toBuilder()
                    .keyTransportRsaV15AllowingPaddingOracle()
                    .build())
            .build();
    VerifiedMessage m = process(optIn, d);
    assertThat(m.wasEncrypted(m.body())).isTrue();
  }

  @Test
  void x509TokenProfile_subjectKeyIdentifierReference_findsOurKey() throws Exception {
    Document d = x509Message(POLICY);
    Element kid =
        (Element) encryptedKey(d).getElementsByTagNameNS(Ns.WSSE, "KeyIdentifier").item(0);
    kid.setAttribute("ValueType", Uris.X509_SKI);
    kid.setTextContent(
        Base64.getEncoder()
            .encodeToString(X509Reference.subjectKeyIdentifierOf(TestKeys.SERVICE.cert())));
    VerifiedMessage m = process(POLICY, d);
    assertThat(m.wasEncrypted(m.body())).isTrue();
  }

  @Test
  void x509TokenProfile_issuerSerialReference_findsOurKey() throws Exception {
    Document d = x509Message(POLICY);
    Element ek = encryptedKey(d);
    Element ki = Dom.child(ek, Ns.DS, "KeyInfo");
    Element str = Dom.firstChildElement(ki);
    Element data = d.createElementNS(Ns.DS, "ds:X509Data");
    Element is = d.createElementNS(Ns.DS, "ds:X509IssuerSerial");
    Element name = d.createElementNS(Ns.DS, "ds:X509IssuerName");
    name.setTextContent(TestKeys.SERVICE.cert().getIssuerX500Principal().getName());
    Element serial = d.createElementNS(Ns.DS, "ds:X509SerialNumber");
    serial.setTextContent(TestKeys.SERVICE.cert().getSerialNumber().toString());
    is.appendChild(name);
    is.appendChild(serial);
    data.appendChild(is);
    str.replaceChild(data, Dom.firstChildElement(str));
    VerifiedMessage m = process(POLICY, d);
    assertThat(m.wasEncrypted(m.body())).isTrue();
  }

  @Test
  void encryptedKey_forSomeoneElse_isSecurityTokenUnavailable() throws Exception {
    Document d = x509Message(POLICY);
    Element kid =
        (Element) encryptedKey(d).getElementsByTagNameNS(Ns.WSSE, "KeyIdentifier").item(0);
    kid.setTextContent(Base64.getEncoder().encodeToString(new byte[20]));
    assertThatThrownBy(() -> process(POLICY, d))
        .extracting(f -> ((ParleyFault) f).code())
        .isEqualTo(FaultCode.SECURITY_TOKEN_UNAVAILABLE);
  }

  @Test
  void untrustedSigner_isFailedAuthentication() throws Exception {
    Document d = x509Message(POLICY);
    InboundProcessor p =
        InboundProcessor.newBuilder()
            .policy(POLICY)
            .clock(RoundTripTest.CLOCK)
            .privateKeys(PrivateKeyResolver.of(TestKeys.SERVICE.cert(), TestKeys.SERVICE.key()))
            .certificateTrust(CertificateTrust.pinned(List.of(TestKeys.SERVICE.cert())))
            .build();
    assertThatThrownBy(() -> p.process(XmlWriter.toBytes(d)))
        .extracting(f -> ((ParleyFault) f).code())
        .isEqualTo(FaultCode.FAILED_AUTHENTICATION);
  }

  @Test
  void processor_isThreadSafe_underConcurrentUse() throws Exception {
    SecurityPolicy policy =
        RoundTripTest.policy(AlgorithmSuite.BASIC256, RoundTripTest.Order.SIGN_THEN_ENCRYPT, true);
    InboundProcessor in = RoundTripTest.inbound(policy, RoundTripTest.CLOCK);
    byte[] wire = RoundTripTest.protect(policy, true);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results =
          pool.invokeAll(
              java.util.Collections.nCopies(
                  200,
                  () -> {
                    VerifiedMessage m = in.process(wire);
                    return m.isSigned(m.body()) && m.wasEncrypted(m.body());
                  }));
      for (Future<Boolean> f : results) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
