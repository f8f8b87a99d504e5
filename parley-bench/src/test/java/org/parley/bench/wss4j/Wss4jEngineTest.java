package org.parley.bench.wss4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.xml.namespace.QName;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.WSDataRef;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.junit.jupiter.api.Test;
import org.parley.bench.BenchFixture;
import org.parley.wire.Ns;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class Wss4jEngineTest {
  private static final QName BODY = new QName(BenchFixture.SOAP12_NS, "Body");
  private static final QName TIMESTAMP = new QName(Ns.WSU, "Timestamp");
  private static final QName SIGNATURE = new QName(Ns.DS, "Signature");

  private final Wss4jEngine engine =
      new Wss4jEngine(BenchFixture.secret(), BenchFixture.SCT_IDENTIFIER);

  @Test
  void roundTrip_verifiesHmacOverTimestampAndBody_andDecryptsBodyAndSignature() throws Exception {
    Wss4jEngine.Verified verified = engine.verify(engine.protect(BenchFixture.plainEnvelope()));

    List<WSSecurityEngineResult> signatures =
        verified.result().getActionResults().get(WSConstants.SIGN);
    assertThat(signatures).hasSize(1);
    assertThat(signatures.get(0).get(WSSecurityEngineResult.TAG_SIGNATURE_METHOD))
        .isEqualTo(WSConstants.HMAC_SHA1);
    assertThat(names(signatures.get(0))).containsExactlyInAnyOrder(TIMESTAMP, BODY);

    List<WSSecurityEngineResult> decryptions =
        verified.result().getActionResults().get(WSConstants.ENCR);
    assertThat(decryptions).hasSize(1);
    assertThat(names(decryptions.get(0))).containsExactlyInAnyOrder(BODY, SIGNATURE);

    Element body = Dom.child(verified.document().getDocumentElement(), Ns.SOAP12, "Body");
    assertThat(new String(XmlWriter.toBytes(Dom.firstChildElement(body)), StandardCharsets.UTF_8))
        .isEqualTo(BenchFixture.bodyContent());
  }

  @Test
  void protect_writesCxfHeaderLayout_withWsc13DerivedKeysOf24And32Bytes() throws Exception {
    Document doc =
        HardenedXml.create(XmlLimits.DEFAULT).parse(engine.protect(BenchFixture.plainEnvelope()));
    Element header = Dom.child(doc.getDocumentElement(), Ns.SOAP12, "Header");
    Element security = Dom.child(header, Ns.WSSE, "Security");
    List<String> layout = Dom.childElements(security).stream().map(Element::getLocalName).toList();
    assertThat(layout)
        .containsExactly(
            "Timestamp",
            "SecurityContextToken",
            "DerivedKeyToken",
            "DerivedKeyToken",
            "ReferenceList",
            "EncryptedData");
    assertThat(
            Dom.text(
                Dom.child(
                    Dom.child(security, Ns.WSC13, "SecurityContextToken"), Ns.WSC13, "Identifier")))
        .isEqualTo(BenchFixture.SCT_IDENTIFIER);
    List<Element> keys = Dom.children(security, Ns.WSC13, "DerivedKeyToken");
    assertThat(keys.stream().map(k -> Dom.text(Dom.child(k, Ns.WSC13, "Length"))))
        .containsExactly("24", "32");
    for (Element key : keys) {
      assertThat(Dom.child(key, Ns.WSC13, "Label")).isNull();
      assertThat(Dom.text(Dom.child(key, Ns.WSC13, "Offset"))).isEqualTo("0");
      assertThat(Base64.getDecoder().decode(Dom.text(Dom.child(key, Ns.WSC13, "Nonce"))))
          .hasSize(16);
    }
    Element body = Dom.child(doc.getDocumentElement(), Ns.SOAP12, "Body");
    Element encryptedBody = Dom.firstChildElement(body);
    assertThat(Dom.is(encryptedBody, Ns.XENC, "EncryptedData")).isTrue();
    assertThat(Dom.child(encryptedBody, Ns.XENC, "EncryptionMethod").getAttribute("Algorithm"))
        .isEqualTo(WSConstants.AES_256);
  }

  @Test
  void tamperedBodyCipherByte_fails() throws Exception {
    byte[] message = engine.protect(BenchFixture.plainEnvelope());
    engine.verify(message);
    byte[] tampered = flipCipherCharacter(message, lastCipherValue(message));
    assertThatThrownBy(() -> engine.verify(tampered)).isInstanceOf(WSSecurityException.class);
  }

  @Test
  void tamperedSignatureCipherByte_fails() throws Exception {
    byte[] message = engine.protect(BenchFixture.plainEnvelope());
    engine.verify(message);
    byte[] tampered = flipCipherCharacter(message, firstCipherValue(message));
    assertThatThrownBy(() -> engine.verify(tampered)).isInstanceOf(WSSecurityException.class);
  }

  @Test
  void tamperedTimestamp_failsTheSignature() throws Exception {
    String message =
        new String(engine.protect(BenchFixture.plainEnvelope()), StandardCharsets.UTF_8);
    engine.verify(message.getBytes(StandardCharsets.UTF_8));
    // Change the last millisecond digit of Created: still fresh, but no longer what was signed.
    int digit = message.indexOf("Z</wsu:Created>") - 1;
    char changed = message.charAt(digit) == '0' ? '1' : (char) (message.charAt(digit) - 1);
    String tampered = message.substring(0, digit) + changed + message.substring(digit + 1);
    assertThatThrownBy(() -> engine.verify(tampered.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(WSSecurityException.class)
        .hasMessageContaining("signature");
  }

  @Test
  void otherSecret_fails() throws Exception {
    byte[] message = engine.protect(BenchFixture.plainEnvelope());
    byte[] otherSecret = BenchFixture.secret();
    otherSecret[31] ^= 1;
    Wss4jEngine other = new Wss4jEngine(otherSecret, BenchFixture.SCT_IDENTIFIER);
    assertThatThrownBy(() -> other.verify(message)).isInstanceOf(WSSecurityException.class);
  }

  private static List<QName> names(WSSecurityEngineResult result) {
    @SuppressWarnings("unchecked")
    List<WSDataRef> refs = (List<WSDataRef>) result.get(WSSecurityEngineResult.TAG_DATA_REF_URIS);
    return refs.stream().map(WSDataRef::getName).collect(Collectors.toList());
  }

  private static int firstCipherValue(byte[] message) {
    String s = new String(message, StandardCharsets.UTF_8);
    return s.indexOf("<xenc:CipherValue>") + "<xenc:CipherValue>".length();
  }

  private static int lastCipherValue(byte[] message) {
    String s = new String(message, StandardCharsets.UTF_8);
    return s.lastIndexOf("<xenc:CipherValue>") + "<xenc:CipherValue>".length();
  }

  /** Changes one base64 character in the middle of the cipher value starting at {@code start}. */
  private static byte[] flipCipherCharacter(byte[] message, int start) {
    String s = new String(message, StandardCharsets.UTF_8);
    int end = s.indexOf('<', start);
    int middle = (start + end) / 2;
    char replacement = s.charAt(middle) == 'A' ? 'B' : 'A';
    String tampered = s.substring(0, middle) + replacement + s.substring(middle + 1);
    assertThat(tampered).isNotEqualTo(s);
    return tampered.getBytes(StandardCharsets.UTF_8);
  }
}
