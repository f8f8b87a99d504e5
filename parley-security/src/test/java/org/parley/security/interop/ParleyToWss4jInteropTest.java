package org.parley.security.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Collectors;
import javax.xml.namespace.QName;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.WSDataRef;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.apache.wss4j.dom.handler.WSHandlerResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.core.SecretBytes;
import org.parley.security.OutboundCredentials;
import org.parley.security.OutboundProtector;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;

/** Parley protects, Apache WSS4J verifies and decrypts: every WS-SP suite, both bindings. */
class ParleyToWss4jInteropTest {
  private static final QName BODY = new QName(InteropMessages.SOAP12, "Body");
  private static final QName TIMESTAMP =
      new QName(
          "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd",
          "Timestamp");

  private static PeerKeys keys;

  @BeforeAll
  static void loadKeys() throws Exception {
    keys = PeerKeys.load();
  }

  @ParameterizedTest
  @EnumSource(InteropSuite.class)
  void derivedKeys_wss4jVerifiesAndDecryptsParleyRequest(InteropSuite suite) throws Exception {
    byte[] message =
        OutboundProtector.newBuilder()
            .policy(ParleyPeer.derivedKeyPolicy(suite))
            .build()
            .protect(
                parse(InteropMessages.plainRequest()),
                OutboundCredentials.securityContext(
                    InteropMessages.SCT_IDENTIFIER, SecretBytes.copyOf(InteropMessages.secret())))
            .bytes();

    Wss4jPeer.Verified verified =
        Wss4jPeer.verifyDerivedKeys(
            message, InteropMessages.secret(), InteropMessages.SCT_IDENTIFIER);

    assertCoverage(verified.result(), suite.symmetricSignature);
    assertDecryptedBody(verified);
    byte[] tampered = Wss4jPeerSelfCheckTest.flipLastCipherCharacter(message);
    assertThatThrownBy(
            () ->
                Wss4jPeer.verifyDerivedKeys(
                    tampered, InteropMessages.secret(), InteropMessages.SCT_IDENTIFIER))
        .isInstanceOf(Exception.class);
  }

  @ParameterizedTest
  @EnumSource(InteropSuite.class)
  void x509_wss4jVerifiesAndDecryptsParleyRequest(InteropSuite suite) throws Exception {
    byte[] message =
        OutboundProtector.newBuilder()
            .policy(ParleyPeer.x509Policy(suite))
            .build()
            .protect(
                parse(InteropMessages.plainRequest()),
                OutboundCredentials.x509(
                    keys.clientKey(), keys.clientCertificate(), keys.serviceCertificate()))
            .bytes();

    Wss4jPeer.Verified verified = Wss4jPeer.verifyX509(message, keys);

    assertCoverage(verified.result(), suite.asymmetricSignature);
    WSSecurityEngineResult signature =
        verified.result().getActionResults().get(WSConstants.SIGN).get(0);
    assertThat(signature.get(WSSecurityEngineResult.TAG_X509_CERTIFICATE))
        .isEqualTo((X509Certificate) keys.clientCertificate());
    assertDecryptedBody(verified);
    byte[] tampered = Wss4jPeerSelfCheckTest.flipLastCipherCharacter(message);
    assertThatThrownBy(() -> Wss4jPeer.verifyX509(tampered, keys)).isInstanceOf(Exception.class);
  }

  private static void assertCoverage(WSHandlerResult result, String signatureMethod) {
    List<WSSecurityEngineResult> signatures = result.getActionResults().get(WSConstants.SIGN);
    assertThat(signatures).hasSize(1);
    assertThat(signatures.get(0).get(WSSecurityEngineResult.TAG_SIGNATURE_METHOD))
        .isEqualTo(signatureMethod);
    assertThat(names(signatures.get(0))).contains(TIMESTAMP, BODY);
    List<WSSecurityEngineResult> decryptions = result.getActionResults().get(WSConstants.ENCR);
    assertThat(decryptions).isNotEmpty();
    assertThat(decryptions.stream().flatMap(r -> names(r).stream()).collect(Collectors.toList()))
        .contains(BODY);
  }

  private static void assertDecryptedBody(Wss4jPeer.Verified verified) {
    String decrypted = new String(Wss4jPeer.serialize(verified.document()), StandardCharsets.UTF_8);
    assertThat(decrypted).contains("numberToDouble>21<").doesNotContain("EncryptedData");
  }

  private static List<QName> names(WSSecurityEngineResult r) {
    @SuppressWarnings("unchecked")
    List<WSDataRef> refs = (List<WSDataRef>) r.get(WSSecurityEngineResult.TAG_DATA_REF_URIS);
    return refs == null ? List.of() : refs.stream().map(WSDataRef::getName).toList();
  }

  private static org.w3c.dom.Document parse(byte[] xml) throws Exception {
    return HardenedXml.create(XmlLimits.DEFAULT).parse(xml);
  }
}
