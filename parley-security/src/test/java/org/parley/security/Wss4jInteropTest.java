package org.parley.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.xml.namespace.QName;
import org.apache.wss4j.common.WSEncryptionPart;
import org.apache.wss4j.common.derivedKey.ConversationConstants;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.engine.WSSConfig;
import org.apache.wss4j.dom.engine.WSSecurityEngine;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.handler.WSHandlerResult;
import org.apache.wss4j.dom.message.WSSecDKEncrypt;
import org.apache.wss4j.dom.message.WSSecDKSign;
import org.apache.wss4j.dom.message.WSSecHeader;
import org.apache.wss4j.dom.message.WSSecSecurityContextToken;
import org.apache.wss4j.dom.message.WSSecTimestamp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.core.SecretBytes;
import org.parley.wire.Ns;
import org.parley.wire.xml.Dom;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Interop against an independent implementation (Apache WSS4J 4.0.1, DOM engine): WSS4J verifies
 * and decrypts what Parley's OutboundProtector writes, with WS-SC 1.3 derived keys from a 32-byte
 * context secret, in every protection order.
 */
class Wss4jInteropTest {
  static final SecretBytes SECRET = SecretBytes.copyOf(new byte[32]);
  static final String ID = "uuid:wss4j-interop";

  static {
    WSSConfig.init();
  }

  @ParameterizedTest
  @EnumSource(RoundTripTest.Order.class)
  void wss4j_processesParleyDerivedKeyMessage(RoundTripTest.Order order) throws Exception {
    SecurityPolicy policy =
        RoundTripTest.policy(AlgorithmSuite.BASIC256, order, true).toBuilder()
            .signHeader(new QName(Ns.WSA10, "To"))
            .build();
    Clock now = Clock.systemUTC(); // WSS4J checks timestamps against the system clock
    byte[] wire =
        OutboundProtector.newBuilder()
            .policy(policy)
            .clock(now)
            .build()
            .protect(
                Messages.parse(Messages.soap12(2048)),
                OutboundCredentials.securityContext(ID, SECRET))
            .bytes();
    Document doc = Messages.XML.parse(wire);

    RequestData data = new RequestData();
    data.setWssConfig(WSSConfig.getNewInstance());
    data.setCallbackHandler(secretFor(ID, SECRET));
    WSHandlerResult result = new WSSecurityEngine().processSecurityHeader(doc, data);

    List<WSSecurityEngineResult> signatures =
        result.getActionResults().getOrDefault(WSConstants.SIGN, List.of());
    List<WSSecurityEngineResult> decryptions =
        result.getActionResults().getOrDefault(WSConstants.ENCR, List.of());
    assertThat(signatures).isNotEmpty();
    assertThat(decryptions).isNotEmpty();
    Element body = Dom.child(doc.getDocumentElement(), Ns.SOAP12, "Body");
    Element op = Dom.firstChildElement(body);
    assertThat(op.getLocalName()).isEqualTo("DoubleIt");
    assertThat(Dom.text(Dom.firstChildElement(op))).isEqualTo("7");
  }

  @org.junit.jupiter.api.Test
  void parley_processesWss4jDerivedKeyMessage_encryptThenSign() throws Exception {
    Document doc = Messages.parse(Messages.soap12(2048));
    byte[] secret = SECRET.toByteArray();
    WSSecHeader secHeader = new WSSecHeader(doc);
    secHeader.insertSecurityHeader();
    WSSecSecurityContextToken sct = new WSSecSecurityContextToken(secHeader, null);
    sct.setWscVersion(ConversationConstants.VERSION_05_12);
    sct.setIdentifier(ID);
    sct.prepare(null);

    WSSecDKEncrypt encrypt = new WSSecDKEncrypt(secHeader);
    encrypt.setSymmetricEncAlgorithm(WSConstants.AES_256);
    encrypt.setDerivedKeyLength(32);
    encrypt.setTokenIdentifier(sct.getSctId());
    encrypt.build(secret);

    WSSecTimestamp ts = new WSSecTimestamp(secHeader);
    ts.build();

    WSSecDKSign sign = new WSSecDKSign(secHeader);
    sign.setTokenIdentifier(sct.getSctId());
    sign.setSignatureAlgorithm(WSConstants.HMAC_SHA1);
    sign.setDerivedKeyLength(24);
    sign.getParts().add(new WSEncryptionPart("Body", Ns.SOAP12, "Element"));
    sign.getParts().add(new WSEncryptionPart(ts.getId()));
    sign.build(secret);
    sct.prependSCTElementToHeader();

    SecurityPolicy policy =
        SecurityPolicy.newBuilder().protectionOrder(ProtectionOrder.ENCRYPT_BEFORE_SIGN).build();
    VerifiedMessage m =
        InboundProcessor.newBuilder()
            .policy(policy)
            .securityContexts(Wss4jInteropTest::lookup)
            .build()
            .process(serializeWithNamespaceFixup(doc));
    assertThat(m.isSigned(m.body())).isTrue();
    assertThat(m.wasEncrypted(m.body())).isTrue();
    assertThat(m.primarySigningToken().orElseThrow().root().contextIdentifier()).contains(ID);
    assertThat(Dom.firstChildElement(m.body()).getLocalName()).isEqualTo("DoubleIt");
  }

  /** WSS4J leaves namespace declarations to the serializer; DOM Level 3 LS adds them. */
  static byte[] serializeWithNamespaceFixup(Document doc) {
    org.w3c.dom.ls.DOMImplementationLS ls =
        (org.w3c.dom.ls.DOMImplementationLS) doc.getImplementation();
    org.w3c.dom.ls.LSSerializer ser = ls.createLSSerializer();
    ser.getDomConfig().setParameter("xml-declaration", false);
    ser.getDomConfig().setParameter("namespaces", true);
    org.w3c.dom.ls.LSOutput out = ls.createLSOutput();
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    out.setByteStream(bytes);
    out.setEncoding("UTF-8");
    ser.write(doc, out);
    return bytes.toByteArray();
  }

  static CallbackHandler secretFor(String id, SecretBytes secret) {
    return callbacks -> {
      for (Callback c : callbacks) {
        if (c instanceof WSPasswordCallback pc && id.equals(pc.getIdentifier())) {
          pc.setKey(secret.toByteArray());
        }
      }
    };
  }

  static Optional<SecretBytes> lookup(String id) {
    return ID.equals(id) ? Optional.of(SECRET) : Optional.empty();
  }
}
