package org.parley.bench.wss4j;

import java.io.ByteArrayInputStream;
import java.util.List;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;
import org.apache.wss4j.common.WSEncryptionPart;
import org.apache.wss4j.common.derivedKey.ConversationConstants;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.engine.WSSConfig;
import org.apache.wss4j.dom.engine.WSSecurityEngine;
import org.apache.wss4j.dom.handler.WSHandlerResult;
import org.apache.wss4j.dom.message.WSSecDKEncrypt;
import org.apache.wss4j.dom.message.WSSecDKSign;
import org.apache.wss4j.dom.message.WSSecHeader;
import org.apache.wss4j.dom.message.WSSecSecurityContextToken;
import org.apache.wss4j.dom.message.WSSecTimestamp;
import org.apache.xml.security.parser.XMLParserException;
import org.apache.xml.security.utils.XMLUtils;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Apache WSS4J's DOM engine configured as CXF's symmetric binding with a WS-SC 1.3 security context
 * and derived keys under Basic256, sign-before-encrypt with EncryptSignature.
 *
 * <p>Outbound produces this security header (the order of CXF's captured requests):
 *
 * <pre>
 * wsse:Security
 *   wsu:Timestamp                      (signed)
 *   wsc:SecurityContextToken           wsc:Identifier only; the secret is the context's
 *   wsc:DerivedKeyToken  Length=24     HMAC-SHA1 key (WS-SP 1.2 section 6.1: Basic256 Sdkl=192)
 *   wsc:DerivedKeyToken  Length=32     AES-256-CBC key (Basic256 Edkl=256)
 *   xenc:ReferenceList                 the Body content and the Signature
 *   xenc:EncryptedData                 was ds:Signature over Timestamp and Body
 * </pre>
 *
 * Parsing uses Santuario's pooled, DTD-refusing DocumentBuilder (what WSS4J itself reads with);
 * serialization uses Parley's {@link XmlWriter}, the same serializer as Parley's side, so the two
 * engines differ only in what they do to the tree.
 *
 * <p>Thread-safe: every call builds its own builders and tree.
 */
public final class Wss4jEngine {
  static {
    WSSConfig.init();
  }

  /** Signature key length for Basic256 (WS-SP 1.2 section 6.1, Sdkl = 192 bits). */
  public static final int SIGNATURE_KEY_BYTES = 24;

  /** Encryption key length for Basic256 (WS-SP 1.2 section 6.1, Edkl = 256 bits). */
  public static final int ENCRYPTION_KEY_BYTES = 32;

  /** Timestamp lifetime in seconds, as CXF's default (5 minutes). */
  public static final int TIMESTAMP_TTL_SECONDS = 300;

  private static final String XMLNS_NS = "http://www.w3.org/2000/xmlns/";
  private static final String XENC_PREFIX = "xenc";

  private final byte[] secret;
  private final String sctIdentifier;
  private final WSSecurityEngine inbound = new WSSecurityEngine();
  private final CallbackHandler secretLookup;

  public Wss4jEngine(byte[] secret, String sctIdentifier) {
    this.secret = secret.clone();
    this.sctIdentifier = sctIdentifier;
    this.secretLookup = new SecretLookup(this.secret, sctIdentifier);
  }

  /** Parses an unprotected envelope, protects it, and serializes the result. */
  public byte[] protect(byte[] plainEnvelope) throws WSSecurityException, XMLParserException {
    Document doc = parse(plainEnvelope);
    protect(doc);
    return XmlWriter.toBytes(doc);
  }

  /** Adds the security header to {@code doc} and encrypts in place. */
  public void protect(Document doc) throws WSSecurityException {
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
    sign.setSignatureAlgorithm(WSConstants.HMAC_SHA1);
    sign.setDigestAlgorithm(WSConstants.SHA1);
    sign.setSigCanonicalization(WSConstants.C14N_EXCL_OMIT_COMMENTS);
    sign.setDerivedKeyLength(SIGNATURE_KEY_BYTES);
    sign.prepare(secret);
    sign.appendDKElementToHeader();
    WSEncryptionPart tsPart = new WSEncryptionPart(timestamp.getId());
    tsPart.setElement(timestamp.getElement());
    String soapNs = doc.getDocumentElement().getNamespaceURI();
    WSEncryptionPart bodyPart = new WSEncryptionPart(WSConstants.ELEM_BODY, soapNs, "Element");
    sign.computeSignature(sign.addReferencesToSign(List.of(tsPart, bodyPart)), false, null);
    Element signature = sign.getSignatureElement();

    WSSecDKEncrypt encrypt = new WSSecDKEncrypt(secHeader);
    encrypt.setWscVersion(ConversationConstants.VERSION_05_12);
    encrypt.setTokenIdentifier(sct.getSctId());
    encrypt.setCustomValueType(WSConstants.WSC_SCT_05_12);
    encrypt.setSymmetricEncAlgorithm(WSConstants.AES_256);
    encrypt.setDerivedKeyLength(ENCRYPTION_KEY_BYTES);
    encrypt.prepare(secret);
    Element encryptionKey = encrypt.getdktElement();
    security.insertBefore(encryptionKey, signature);
    WSEncryptionPart bodyContent = new WSEncryptionPart(WSConstants.ELEM_BODY, soapNs, "Content");
    WSEncryptionPart signaturePart = new WSEncryptionPart(sign.getSignatureId(), "Element");
    signaturePart.setElement(signature);
    Element referenceList =
        encrypt.encryptForExternalRef(null, List.of(bodyContent, signaturePart));
    // WSS4J leaves the namespace declaration of the ReferenceList to a namespace-repairing
    // serializer (CXF's StAX writer); declaring it here lets the plain, cheaper XmlWriter serve.
    referenceList.setAttributeNS(XMLNS_NS, "xmlns:" + XENC_PREFIX, WSConstants.ENC_NS);
    // The encrypted signature took the Signature's place; its ReferenceList goes right before it.
    security.insertBefore(referenceList, encryptionKey.getNextSibling());
  }

  /** Parses a protected message, verifies its signature and decrypts it in place. */
  public Verified verify(byte[] message) throws WSSecurityException, XMLParserException {
    Document doc = parse(message);
    WSHandlerResult result = inbound.processSecurityHeader(doc, null, secretLookup, null);
    if (result == null) {
      throw new WSSecurityException(WSSecurityException.ErrorCode.SECURITY_ERROR);
    }
    return new Verified(doc, result);
  }

  /** The tree after verification and decryption, with WSS4J's record of what it processed. */
  public record Verified(Document document, WSHandlerResult result) {}

  private static Document parse(byte[] xml) throws XMLParserException {
    return XMLUtils.read(new ByteArrayInputStream(xml), true);
  }

  /** Answers WSS4J's request for the secret of the one known security context. */
  private static final class SecretLookup implements CallbackHandler {
    private static final String XMLNS_NS = "http://www.w3.org/2000/xmlns/";
    private static final String XENC_PREFIX = "xenc";

    private final byte[] secret;
    private final String identifier;

    SecretLookup(byte[] secret, String identifier) {
      this.secret = secret;
      this.identifier = identifier;
    }

    @Override
    public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
      for (Callback callback : callbacks) {
        if (callback instanceof WSPasswordCallback pc
            && pc.getUsage() == WSPasswordCallback.SECURITY_CONTEXT_TOKEN
            && identifier.equals(pc.getIdentifier())) {
          pc.setKey(secret.clone());
        } else if (!(callback instanceof WSPasswordCallback)) {
          throw new UnsupportedCallbackException(callback);
        }
      }
    }
  }
}
