package org.parley.security.interop;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;
import org.apache.wss4j.common.WSEncryptionPart;
import org.apache.wss4j.common.bsp.BSPRule;
import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.common.derivedKey.ConversationConstants;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.apache.wss4j.common.util.KeyUtils;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.engine.WSSConfig;
import org.apache.wss4j.dom.engine.WSSecurityEngine;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.handler.WSHandlerResult;
import org.apache.wss4j.dom.message.WSSecDKEncrypt;
import org.apache.wss4j.dom.message.WSSecDKSign;
import org.apache.wss4j.dom.message.WSSecEncrypt;
import org.apache.wss4j.dom.message.WSSecHeader;
import org.apache.wss4j.dom.message.WSSecSecurityContextToken;
import org.apache.wss4j.dom.message.WSSecSignature;
import org.apache.wss4j.dom.message.WSSecTimestamp;
import org.apache.xml.security.utils.XMLUtils;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Apache WSS4J 4.0.1 (DOM) as the independent peer: protects requests the way Apache CXF's bindings
 * do and verifies what Parley protects.
 *
 * <ul>
 *   <li>Symmetric, WS-SC 1.3: Timestamp, SecurityContextToken, a signature key and an encryption
 *       key derived from the context secret (WS-SecureConversation 1.3 section 7, P_SHA1, the
 *       suite's Sdkl/Edkl), signature over Timestamp and Body, then encryption of the Body content
 *       and the signature (CXF's EncryptSignature).
 *   <li>Asymmetric, X.509: Timestamp, the client's certificate as a BinarySecurityToken, RSA
 *       signature over Timestamp and Body, an EncryptedKey (RSA-OAEP, WS-Security X.509 token
 *       profile ThumbprintSHA1 reference to the service certificate) whose ReferenceList covers the
 *       Body content and the signature.
 * </ul>
 *
 * Serialization goes through the JDK's namespace-repairing LSSerializer (as CXF's StAX writer
 * repairs namespaces), so bytes are what a WSS4J-based peer sends.
 */
final class Wss4jPeer {
  static {
    // Installs Santuario's XMLDSig provider, which WSS4J's derived-key signing needs; any JCE
    // provider it adds goes after the JDK's, so Parley's own lookups are unchanged.
    WSSConfig.init();
  }

  static final int TIMESTAMP_TTL_SECONDS = 300;

  private Wss4jPeer() {}

  /** WS-SC 1.3 derived-key protection of {@code plain} under {@code suite}. */
  static byte[] protectWithDerivedKeys(
      byte[] plain, InteropSuite suite, byte[] secret, String sctIdentifier) throws Exception {
    Document doc = parse(plain);
    WSSecHeader secHeader = new WSSecHeader(doc);
    Element security = secHeader.insertSecurityHeader();

    WSSecTimestamp timestamp = new WSSecTimestamp(secHeader);
    timestamp.setTimeToLive(TIMESTAMP_TTL_SECONDS);
    timestamp.prepare();
    security.appendChild(timestamp.getElement());

    WSSecSecurityContextToken sct = new WSSecSecurityContextToken(secHeader, null);
    sct.setWscVersion(ConversationConstants.VERSION_05_12);
    sct.setIdentifier(sctIdentifier);
    sct.prepare(null);
    security.appendChild(sct.getSct().getElement());

    WSSecDKSign sign = new WSSecDKSign(secHeader);
    sign.setWscVersion(ConversationConstants.VERSION_05_12);
    sign.setTokenIdentifier(sct.getSctId());
    sign.setCustomValueType(WSConstants.WSC_SCT_05_12);
    sign.setSignatureAlgorithm(suite.symmetricSignature);
    sign.setDigestAlgorithm(suite.digest);
    sign.setDerivedKeyLength(suite.signatureKeyBytes);
    sign.prepare(secret);
    sign.appendDKElementToHeader();
    String soapNs = doc.getDocumentElement().getNamespaceURI();
    sign.computeSignature(
        sign.addReferencesToSign(List.of(timestampPart(timestamp), bodyElement(soapNs))),
        false,
        null);
    Element signature = sign.getSignatureElement();

    WSSecDKEncrypt encrypt = new WSSecDKEncrypt(secHeader);
    encrypt.setWscVersion(ConversationConstants.VERSION_05_12);
    encrypt.setTokenIdentifier(sct.getSctId());
    encrypt.setCustomValueType(WSConstants.WSC_SCT_05_12);
    encrypt.setSymmetricEncAlgorithm(suite.encryption);
    encrypt.setDerivedKeyLength(suite.encryptionKeyBytes);
    encrypt.prepare(secret);
    Element encryptionKey = encrypt.getdktElement();
    security.insertBefore(encryptionKey, signature);
    WSEncryptionPart signaturePart = new WSEncryptionPart(sign.getSignatureId(), "Element");
    signaturePart.setElement(signature);
    Element referenceList =
        encrypt.encryptForExternalRef(null, List.of(bodyContent(soapNs), signaturePart));
    security.insertBefore(referenceList, encryptionKey.getNextSibling());
    return serialize(doc);
  }

  /** X.509 protection: client signs (RSA), encrypts for the service (RSA-OAEP key transport). */
  static byte[] protectWithX509(byte[] plain, InteropSuite suite, PeerKeys keys) throws Exception {
    Document doc = parse(plain);
    WSSecHeader secHeader = new WSSecHeader(doc);
    secHeader.insertSecurityHeader();
    String soapNs = doc.getDocumentElement().getNamespaceURI();

    WSSecTimestamp timestamp = new WSSecTimestamp(secHeader);
    timestamp.setTimeToLive(TIMESTAMP_TTL_SECONDS);
    timestamp.prepare();

    Merlin crypto = crypto(keys);
    WSSecSignature sign = new WSSecSignature(secHeader);
    sign.setUserInfo(PeerKeys.CLIENT, new String(PeerKeys.PASSWORD));
    sign.setKeyIdentifierType(WSConstants.BST_DIRECT_REFERENCE);
    sign.setSignatureAlgorithm(suite.asymmetricSignature);
    sign.setDigestAlgo(suite.digest);
    sign.setSigCanonicalization(WSConstants.C14N_EXCL_OMIT_COMMENTS);
    sign.getParts().add(timestampPart(timestamp));
    sign.getParts().add(bodyElement(soapNs));
    // The Timestamp must be in the tree before it can be referenced.
    timestamp.prependToHeader();
    sign.build(crypto);
    Element signature = sign.getSignatureElement();

    WSSecEncrypt encrypt = new WSSecEncrypt(secHeader);
    encrypt.setUserInfo(PeerKeys.SERVICE);
    encrypt.setKeyIdentifierType(WSConstants.THUMBPRINT_IDENTIFIER);
    encrypt.setSymmetricEncAlgorithm(suite.encryption);
    encrypt.setKeyEncAlgo(WSConstants.KEYTRANSPORT_RSAOAEP);
    encrypt.getParts().add(bodyContent(soapNs));
    WSEncryptionPart signaturePart = new WSEncryptionPart(sign.getId(), "Element");
    signaturePart.setElement(signature);
    encrypt.getParts().add(signaturePart);
    KeyGenerator generator = KeyUtils.getKeyGenerator(suite.encryption);
    SecretKey contentKey = generator.generateKey();
    encrypt.build(crypto, contentKey);
    // Timestamp first, as CXF lays out its header.
    timestamp.prependToHeader();
    return serialize(doc);
  }

  /** Verifies and decrypts a derived-key message; throws if anything fails. */
  static Verified verifyDerivedKeys(byte[] message, byte[] secret, String sctIdentifier)
      throws Exception {
    Document doc = parse(message);
    RequestData data = requestData();
    data.setCallbackHandler(secretFor(secret, sctIdentifier));
    return new Verified(doc, new WSSecurityEngine().processSecurityHeader(doc, data));
  }

  /** Verifies (signature by a certificate the CA issued) and decrypts with the service key. */
  static Verified verifyX509(byte[] message, PeerKeys keys) throws Exception {
    Document doc = parse(message);
    Merlin serviceCrypto = new Merlin();
    serviceCrypto.setKeyStore(keys.serviceStore);
    serviceCrypto.setTrustStore(keys.trustStore);
    RequestData data = requestData();
    data.setCallbackHandler(password());
    data.setSigVerCrypto(serviceCrypto);
    data.setDecCrypto(serviceCrypto);
    return new Verified(doc, new WSSecurityEngine().processSecurityHeader(doc, data));
  }

  /**
   * WSS4J's defaults, except the Basic Security Profile's algorithm allow-list for EncryptedData
   * (BSP 1.1 R5620 omits AES-192), which would refuse every Basic192 message WS-SP allows.
   */
  private static RequestData requestData() {
    RequestData data = new RequestData();
    data.setWssConfig(WSSConfig.getNewInstance());
    data.setIgnoredBSPRules(List.of(BSPRule.R5620));
    return data;
  }

  record Verified(Document document, WSHandlerResult result) {}

  private static Merlin crypto(PeerKeys keys) throws GeneralSecurityException {
    // The client signs with its key and encrypts for the service certificate it holds.
    Merlin crypto = new Merlin();
    crypto.setKeyStore(keys.clientStore);
    crypto.setTrustStore(keys.trustStore);
    return crypto;
  }

  private static WSEncryptionPart timestampPart(WSSecTimestamp timestamp) {
    WSEncryptionPart part = new WSEncryptionPart(timestamp.getId());
    part.setElement(timestamp.getElement());
    return part;
  }

  private static WSEncryptionPart bodyElement(String soapNs) {
    return new WSEncryptionPart(WSConstants.ELEM_BODY, soapNs, "Element");
  }

  private static WSEncryptionPart bodyContent(String soapNs) {
    return new WSEncryptionPart(WSConstants.ELEM_BODY, soapNs, "Content");
  }

  private static CallbackHandler secretFor(byte[] secret, String identifier) {
    return callbacks -> {
      for (Callback c : callbacks) {
        if (c instanceof WSPasswordCallback pc
            && pc.getUsage() == WSPasswordCallback.SECURITY_CONTEXT_TOKEN
            && identifier.equals(pc.getIdentifier())) {
          pc.setKey(secret.clone());
        }
      }
    };
  }

  private static CallbackHandler password() {
    return callbacks -> {
      for (Callback c : callbacks) {
        if (c instanceof WSPasswordCallback pc) {
          pc.setPassword(new String(PeerKeys.PASSWORD));
        } else {
          throw new UnsupportedCallbackException(c);
        }
      }
    };
  }

  private static Document parse(byte[] xml) throws Exception {
    return XMLUtils.read(new ByteArrayInputStream(xml), true);
  }

  /** DOM Level 3 LS serialization: repairs namespace declarations WSS4J leaves implicit. */
  static byte[] serialize(Document doc) {
    org.w3c.dom.ls.DOMImplementationLS ls =
        (org.w3c.dom.ls.DOMImplementationLS) doc.getImplementation().getFeature("LS", "3.0");
    org.w3c.dom.ls.LSSerializer serializer = ls.createLSSerializer();
    serializer.getDomConfig().setParameter("xml-declaration", false);
    org.w3c.dom.ls.LSOutput out = ls.createLSOutput();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    out.setByteStream(bytes);
    out.setEncoding("UTF-8");
    serializer.write(doc, out);
    return bytes.toByteArray();
  }
}
