package org.parley.security.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
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

/**
 * The peer is only a witness if it really protects what it claims: WSS4J verifies its own messages,
 * for every suite, and refuses them tampered. Parley is not involved here.
 */
class Wss4jPeerSelfCheckTest {
  private static final QName BODY = new QName(InteropMessages.SOAP12, "Body");
  private static final QName TIMESTAMP =
      new QName(
          "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd",
          "Timestamp");
  private static final QName SIGNATURE =
      new QName("http://www.w3.org/2000/09/xmldsig#", "Signature");

  private static PeerKeys keys;

  @BeforeAll
  static void loadKeys() throws Exception {
    keys = PeerKeys.load();
  }

  @ParameterizedTest
  @EnumSource(InteropSuite.class)
  void derivedKeys_wss4jVerifiesItsOwnMessage(InteropSuite suite) throws Exception {
    byte[] message =
        Wss4jPeer.protectWithDerivedKeys(
            InteropMessages.plainRequest(),
            suite,
            InteropMessages.secret(),
            InteropMessages.SCT_IDENTIFIER);
    assertThat(new String(message, StandardCharsets.UTF_8))
        .doesNotContain("numberToDouble")
        .contains(suite.encryption)
        .contains("DerivedKeyToken");
    WSHandlerResult result =
        Wss4jPeer.verifyDerivedKeys(
                message, InteropMessages.secret(), InteropMessages.SCT_IDENTIFIER)
            .result();
    assertCoverage(result, suite.symmetricSignature);

    byte[] tampered = flipLastCipherCharacter(message);
    assertThatThrownBy(
            () ->
                Wss4jPeer.verifyDerivedKeys(
                    tampered, InteropMessages.secret(), InteropMessages.SCT_IDENTIFIER))
        .isInstanceOf(Exception.class);
  }

  @ParameterizedTest
  @EnumSource(InteropSuite.class)
  void x509_wss4jVerifiesItsOwnMessage(InteropSuite suite) throws Exception {
    byte[] message = Wss4jPeer.protectWithX509(InteropMessages.plainRequest(), suite, keys);
    assertThat(new String(message, StandardCharsets.UTF_8))
        .doesNotContain("numberToDouble")
        .contains(WSConstants.KEYTRANSPORT_RSAOAEP)
        .contains("BinarySecurityToken");
    WSHandlerResult result = Wss4jPeer.verifyX509(message, keys).result();
    assertCoverage(result, suite.asymmetricSignature);

    byte[] tampered = flipLastCipherCharacter(message);
    assertThatThrownBy(() -> Wss4jPeer.verifyX509(tampered, keys)).isInstanceOf(Exception.class);
  }

  private static void assertCoverage(WSHandlerResult result, String signatureMethod) {
    List<WSSecurityEngineResult> signatures = result.getActionResults().get(WSConstants.SIGN);
    assertThat(signatures).hasSize(1);
    assertThat(signatures.get(0).get(WSSecurityEngineResult.TAG_SIGNATURE_METHOD))
        .isEqualTo(signatureMethod);
    assertThat(names(signatures.get(0))).containsExactlyInAnyOrder(TIMESTAMP, BODY);
    List<WSSecurityEngineResult> decryptions = result.getActionResults().get(WSConstants.ENCR);
    assertThat(decryptions).hasSize(1);
    assertThat(names(decryptions.get(0))).containsExactlyInAnyOrder(BODY, SIGNATURE);
  }

  private static List<QName> names(WSSecurityEngineResult r) {
    @SuppressWarnings("unchecked")
    List<WSDataRef> refs = (List<WSDataRef>) r.get(WSSecurityEngineResult.TAG_DATA_REF_URIS);
    return refs.stream().map(WSDataRef::getName).collect(Collectors.toList());
  }

  /** Changes one base64 character in the middle of the last CipherValue (the Body's). */
  static byte[] flipLastCipherCharacter(byte[] message) {
    String s = new String(message, StandardCharsets.UTF_8);
    int start = s.lastIndexOf(":CipherValue>") + ":CipherValue>".length();
    int end = s.indexOf('<', start);
    int middle = (start + end) / 2;
    char replacement = s.charAt(middle) == 'A' ? 'B' : 'A';
    return (s.substring(0, middle) + replacement + s.substring(middle + 1))
        .getBytes(StandardCharsets.UTF_8);
  }
}
