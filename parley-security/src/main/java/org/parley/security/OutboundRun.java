package org.parley.security;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.xml.namespace.QName;
import org.parley.core.SecretBytes;
import org.parley.core.crypto.PHash;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.security.internal.Crypto;
import org.parley.security.internal.ExcC14n;
import org.parley.security.internal.Uris;
import org.parley.wire.Ns;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** One outbound message being protected. Not thread-safe; one instance per message. */
final class OutboundRun {
  private static final DateTimeFormatter XSD_DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", java.util.Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final int NONCE_BYTES = 16;

  private final OutboundProtector cfg;
  private final SecurityPolicy policy;
  private final AlgorithmSuite suite;
  private final Document doc;
  private final OutboundCredentials cred;
  private final List<byte[]> confirm;
  private final String idPrefix;
  private int idCounter;

  private Element envelope;
  private String soapNs;
  private Element header;
  private Element body;
  private Element security;

  private byte[] signingKey; // HMAC key, or null for RSA
  private Element signingTokenRef; // STR template for the signature KeyInfo
  private byte[] encryptionKey;
  private Element encryptionTokenRef; // STR template for EncryptedData KeyInfo
  private SecretBytes sentKey; // the key of a new EncryptedKey, for the reply
  private byte[] sentKeySha1;

  OutboundRun(OutboundProtector cfg, Document doc, OutboundCredentials cred, List<byte[]> confirm) {
    this.cfg = cfg;
    this.policy = cfg.policy;
    this.suite = policy.algorithmSuite();
    this.doc = doc;
    this.cred = cred;
    this.confirm = confirm;
    byte[] p = new byte[6];
    cfg.random.nextBytes(p);
    this.idPrefix = HexFormat.of().formatHex(p);
  }

  ProtectedMessage run() throws ParleyFault {
    // Every name this run creates is a constant of the WS-* schemas and every value is base64, an
    // id or a URI we chose: Xerces' per-call QName checks would only cost time. The caller's
    // setting comes back afterwards.
    boolean strict = doc.getStrictErrorChecking();
    doc.setStrictErrorChecking(false);
    try {
      return protect();
    } finally {
      doc.setStrictErrorChecking(strict);
    }
  }

  private ProtectedMessage protect() throws ParleyFault {
    readEnvelope();
    if (cred.isSymmetric() != (policy.binding() == SecurityPolicy.Binding.SYMMETRIC)) {
      throw new IllegalArgumentException(
          "symmetric binding needs symmetric credentials, asymmetric needs X.509");
    }
    security = el(Ns.WSSE, "wsse:Security");
    declare(security, "wsse", Ns.WSSE);
    declare(security, "wsu", Ns.WSU);
    String mu = Ns.SOAP12.equals(soapNs) ? "true" : "1";
    String soapPrefix = envelope.getPrefix();
    if (soapPrefix == null || soapPrefix.isEmpty()) {
      // An envelope in the default namespace: an unprefixed attribute would be in no namespace
      // (Namespaces in XML 1.0 section 6.2), so the SOAP namespace gets a prefix of its own here.
      soapPrefix = "soap";
      declare(security, soapPrefix, soapNs);
    }
    security.setAttributeNS(soapNs, soapPrefix + ":mustUnderstand", mu);
    header.appendChild(security);

    Element timestamp = policy.timestampRequired() ? addTimestamp() : null;
    List<Element> supporting = addSupportingTokens();
    List<Element> confirmations = addConfirmations();
    setUpKeys();

    List<Element> toSign = new ArrayList<>();
    if (timestamp != null) {
      toSign.add(timestamp);
    }
    toSign.addAll(supporting);
    toSign.addAll(confirmations);
    List<Element> signedHeaders = new ArrayList<>();
    List<Element> encryptedHeaders = new ArrayList<>();
    for (Element h = Dom.firstChildElement(header); h != null; h = Dom.nextSiblingElement(h)) {
      if (h == security) {
        continue;
      }
      QName q = new QName(h.getNamespaceURI() == null ? "" : h.getNamespaceURI(), h.getLocalName());
      if (policy.requiresSignedHeader(q)) {
        signedHeaders.add(h);
      }
      if (policy.requiresEncryptedHeader(q)) {
        encryptedHeaders.add(h);
      }
    }

    List<Element> encryptedData = new ArrayList<>();
    Element signature;
    if (policy.protectionOrder() == ProtectionOrder.SIGN_BEFORE_ENCRYPT) {
      if (policy.signBody()) {
        toSign.add(body);
      }
      toSign.addAll(signedHeaders);
      signature = sign(toSign);
      security.appendChild(signature);
      finishSignature(signature);
      endorse(signature);
      encryptParts(encryptedHeaders, encryptedData);
      Element refList = referenceList(encryptedData);
      if (refList != null) {
        security.insertBefore(refList, signature);
      }
      if (policy.encryptSignature()) {
        Element ed = encryptElement(signature);
        encryptedData.add(ed);
        refList.appendChild(dataReference(ed));
      }
    } else {
      List<Element> wrappers = encryptParts(encryptedHeaders, encryptedData);
      if (policy.signBody()) {
        toSign.add(body);
      }
      for (Element h : signedHeaders) {
        int i = encryptedHeaders.indexOf(h);
        toSign.add(i >= 0 ? wrappers.get(i) : h);
      }
      signature = sign(toSign);
      security.appendChild(signature);
      finishSignature(signature);
      endorse(signature);
      Element refList = referenceList(encryptedData);
      if (refList != null) {
        security.appendChild(refList);
      }
    }
    byte[] value =
        Base64.getDecoder().decode(Dom.text(Dom.child(signature, Ns.DS, "SignatureValue")));
    return new ProtectedMessage(XmlWriter.toBytes(doc), List.of(value), sentKey, sentKeySha1);
  }

  // ---------------------------------------------------------------- structure

  private void readEnvelope() throws ParleyFault {
    envelope = doc.getDocumentElement();
    soapNs = envelope.getNamespaceURI();
    if (!"Envelope".equals(envelope.getLocalName())
        || !(Ns.SOAP11.equals(soapNs) || Ns.SOAP12.equals(soapNs))) {
      throw new ParleyFault(FaultCode.SOAP_RECEIVER, "not a SOAP Envelope");
    }
    for (Element c = Dom.firstChildElement(envelope); c != null; c = Dom.nextSiblingElement(c)) {
      if (Dom.is(c, soapNs, "Header")) {
        header = c;
      } else if (Dom.is(c, soapNs, "Body")) {
        body = c;
      }
    }
    if (body == null) {
      throw new ParleyFault(FaultCode.SOAP_RECEIVER, "Envelope has no Body");
    }
    if (header == null) {
      header = doc.createElementNS(soapNs, qualified(envelope.getPrefix(), "Header"));
      envelope.insertBefore(header, body);
    }
    if (Dom.child(header, Ns.WSSE, "Security") != null) {
      throw new IllegalArgumentException("the envelope is already protected (has wsse:Security)");
    }
  }

  private static String qualified(String prefix, String local) {
    return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
  }

  private Element el(String ns, String qname) {
    return doc.createElementNS(ns, qname);
  }

  private Element el(String ns, String qname, String text) {
    Element e = doc.createElementNS(ns, qname);
    e.appendChild(doc.createTextNode(text));
    return e;
  }

  private static void declare(Element e, String prefix, String ns) {
    e.setAttributeNS(Ns.XMLNS, "xmlns:" + prefix, ns);
  }

  private String newId(String kind) {
    return kind + "-" + idPrefix + "-" + (++idCounter);
  }

  /** The element's wsu:Id (or Id), adding a wsu:Id when it has none. */
  private String idOf(Element e) {
    String id = Dom.attribute(e, Ns.WSU, "Id");
    if (id == null) {
      id = Dom.attribute(e, null, "Id");
    }
    if (id == null) {
      // A SAML 2.0 assertion's ID (SAML Core 2.3.3): adding a wsu:Id would break its signature.
      id = Dom.attribute(e, null, "ID");
    }
    if (id == null) {
      id = newId("id");
      if (!e.hasAttributeNS(Ns.XMLNS, "wsu")) {
        declare(e, "wsu", Ns.WSU);
      }
      e.setAttributeNS(Ns.WSU, "wsu:Id", id);
    }
    return id;
  }

  private Element addTimestamp() {
    Instant now = cfg.clock.instant();
    Element ts = el(Ns.WSU, "wsu:Timestamp");
    ts.setAttributeNS(Ns.WSU, "wsu:Id", newId("TS"));
    ts.appendChild(el(Ns.WSU, "wsu:Created", XSD_DATE_TIME.format(now)));
    ts.appendChild(el(Ns.WSU, "wsu:Expires", XSD_DATE_TIME.format(now.plus(cfg.timestampTtl))));
    security.appendChild(ts);
    return ts;
  }

  /* WS-SP 1.2 section 8.3: signed supporting tokens sit in the Security header, signed. */
  private List<Element> addSupportingTokens() {
    List<Element> out = new ArrayList<>();
    for (Element t : cred.signedSupportingTokens) {
      Element token = t.getOwnerDocument() == doc ? t : Dom.importSelfContained(doc, t);
      if (token.getParentNode() != null) {
        token.getParentNode().removeChild(token);
      }
      security.appendChild(token);
      out.add(token);
    }
    return out;
  }

  /* WSS 1.1 section 8.5: one SignatureConfirmation per received signature, or one without Value. */
  private List<Element> addConfirmations() {
    List<Element> out = new ArrayList<>();
    if (!policy.signatureConfirmation()) {
      return out;
    }
    if (confirm.isEmpty()) {
      out.add(confirmation(null));
    }
    for (byte[] v : confirm) {
      out.add(confirmation(v));
    }
    return out;
  }

  private Element confirmation(byte[] value) {
    Element sc = el(Ns.WSSE11, "wsse11:SignatureConfirmation");
    declare(sc, "wsse11", Ns.WSSE11);
    sc.setAttributeNS(Ns.WSU, "wsu:Id", newId("SC"));
    if (value != null) {
      sc.setAttributeNS(null, "Value", Base64.getEncoder().encodeToString(value));
    }
    security.appendChild(sc);
    return sc;
  }

  // ---------------------------------------------------------------- keys and tokens

  private void setUpKeys() throws ParleyFault {
    String wsc = cred.wscNamespace;
    String dkType = Ns.WSC13.equals(wsc) ? Uris.DK_13 : Uris.DK_200502;
    switch (cred.mode) {
      case CONTEXT -> {
        String sctType = Ns.WSC13.equals(wsc) ? Uris.SCT_13 : Uris.SCT_200502;
        Element sourceRef;
        if (cred.embedContextToken) {
          Element sct = el(wsc, "wsc:SecurityContextToken");
          declare(sct, "wsc", wsc);
          String id = newId("sct");
          sct.setAttributeNS(Ns.WSU, "wsu:Id", id);
          sct.appendChild(el(wsc, "wsc:Identifier", cred.contextIdentifier));
          if (cred.contextInstance != null) {
            // WS-SC 1.3 section 5: a renewed context's key is named by its Instance.
            sct.appendChild(el(wsc, "wsc:Instance", cred.contextInstance));
          }
          if (cred.contextCookie != null) {
            Element cookie =
                el(
                    OutboundCredentials.COOKIE_NAMESPACE,
                    "dnse:Cookie",
                    Base64.getEncoder().encodeToString(cred.contextCookie));
            declare(cookie, "dnse", OutboundCredentials.COOKIE_NAMESPACE);
            sct.appendChild(cookie);
          }
          security.appendChild(sct);
          sourceRef = str(reference("#" + id, sctType));
        } else {
          // WS-SC 1.3 section 3: an SCT not in the message is referenced by its Identifier.
          Element ref = reference(cred.contextIdentifier, sctType);
          if (cred.contextInstance != null) {
            declare(ref, "wsc13", Ns.WSC13);
            ref.setAttributeNS(Ns.WSC13, "wsc13:Instance", cred.contextInstance);
          }
          sourceRef = str(ref);
        }
        symmetricKeys(cred.secret, sourceRef, wsc, dkType);
      }
      case NEW_ENCRYPTED_KEY -> {
        byte[] sessionKey = new byte[Math.max(32, suite.dataEncryption().keyLengthBytes())];
        cfg.random.nextBytes(sessionKey);
        if (!policy.derivedKeys()) {
          sessionKey = java.util.Arrays.copyOf(sessionKey, suite.dataEncryption().keyLengthBytes());
        }
        Element ek = encryptedKey(sessionKey);
        security.appendChild(ek);
        sentKey = SecretBytes.copyOf(sessionKey);
        symmetricKeys(
            sentKey,
            encryptedKeyStr(reference("#" + ek.getAttribute("Id"), Uris.ENCRYPTED_KEY_TOKEN)),
            wsc,
            dkType);
      }
      case REPLY_ENCRYPTED_KEY -> {
        // WSS 1.1 section 7.3: a reply names the request's EncryptedKey by EncryptedKeySHA1.
        Element kid =
            el(
                Ns.WSSE,
                "wsse:KeyIdentifier",
                Base64.getEncoder().encodeToString(cred.encryptedKeySha1));
        kid.setAttributeNS(null, "EncodingType", Uris.BASE64_BINARY);
        kid.setAttributeNS(null, "ValueType", Uris.ENCRYPTED_KEY_SHA1);
        symmetricKeys(cred.secret, encryptedKeyStr(kid), wsc, dkType);
      }
      case X509 -> asymmetricKeys(wsc, dkType);
    }
  }

  /** Signing and encryption keys for the symmetric binding: derived, or the source itself. */
  private void symmetricKeys(SecretBytes source, Element sourceRef, String wsc, String dkType) {
    if (policy.derivedKeys()) {
      String[] sigId = new String[1];
      signingKey = derive(source, sourceRef, suite.signatureDerivedKeyLengthBytes(), wsc, sigId);
      signingTokenRef = str(reference("#" + sigId[0], dkType));
      String[] encId = new String[1];
      encryptionKey =
          derive(source, sourceRef, suite.encryptionDerivedKeyLengthBytes(), wsc, encId);
      encryptionTokenRef = str(reference("#" + encId[0], dkType));
      return;
    }
    byte[] secret = source.toByteArray();
    if (secret.length != suite.dataEncryption().keyLengthBytes()) {
      throw new IllegalArgumentException(
          "without derived keys the symmetric key must be a " + suite.dataEncryption() + " key");
    }
    signingKey = secret;
    encryptionKey = secret;
    signingTokenRef = sourceRef;
    encryptionTokenRef = sourceRef;
  }

  private Element encryptedKeyStr(Element reference) {
    Element s = str(reference);
    declare(s, "wsse11", Ns.WSSE11);
    s.setAttributeNS(Ns.WSSE11, "wsse11:TokenType", Uris.ENCRYPTED_KEY_TOKEN);
    return s;
  }

  private Element binarySecurityToken(X509Certificate cert) {
    Element bst = el(Ns.WSSE, "wsse:BinarySecurityToken");
    bst.setAttributeNS(null, "EncodingType", Uris.BASE64_BINARY);
    bst.setAttributeNS(null, "ValueType", Uris.X509V3);
    bst.setAttributeNS(Ns.WSU, "wsu:Id", newId("X509"));
    try {
      bst.appendChild(doc.createTextNode(Base64.getEncoder().encodeToString(cert.getEncoded())));
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate cannot be encoded", e);
    }
    return bst;
  }

  /*
   * Asymmetric binding (WS-SP 1.2 section 7.5): our certificate as a BST, a fresh key for the
   * recipient in an EncryptedKey.
   */
  private void asymmetricKeys(String wsc, String dkType) {
    Element bst = binarySecurityToken(cred.signingCertificate);
    signingTokenRef = str(reference("#" + bst.getAttributeNS(Ns.WSU, "Id"), Uris.X509V3));
    byte[] sessionKey = new byte[suite.dataEncryption().keyLengthBytes()];
    cfg.random.nextBytes(sessionKey);
    Element ek = encryptedKey(sessionKey);
    security.appendChild(ek);
    security.appendChild(bst);
    Element ekStr =
        encryptedKeyStr(reference("#" + ek.getAttribute("Id"), Uris.ENCRYPTED_KEY_TOKEN));
    if (policy.derivedKeys()) {
      String[] encId = new String[1];
      encryptionKey =
          derive(
              SecretBytes.wrapOwned(sessionKey),
              ekStr,
              suite.encryptionDerivedKeyLengthBytes(),
              wsc,
              encId);
      encryptionTokenRef = str(reference("#" + encId[0], dkType));
    } else {
      encryptionKey = sessionKey;
      encryptionTokenRef = ekStr;
    }
  }

  /*
   * <xenc:EncryptedKey Id> <xenc:EncryptionMethod Algorithm="rsa-oaep-mgf1p"/>
   * <ds:KeyInfo><wsse:SecurityTokenReference><wsse:KeyIdentifier ValueType="#ThumbprintSHA1"/>
   * <xenc:CipherData><xenc:CipherValue/></xenc:CipherData></xenc:EncryptedKey>
   */
  private Element encryptedKey(byte[] sessionKey) {
    byte[] wrapped;
    String alg;
    try {
      if (suite.keyTransport() == KeyTransport.RSA_1_5) {
        alg = Uris.RSA_1_5;
        wrapped =
            Crypto.rsa15Wrap(cred.recipientCertificate.getPublicKey(), sessionKey, cfg.random);
      } else {
        alg = Uris.RSA_OAEP_MGF1P;
        wrapped =
            Crypto.rsaOaepWrap(
                cred.recipientCertificate.getPublicKey(),
                Crypto.oaep("SHA-1", "SHA-1", null),
                sessionKey,
                cfg.random);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("key transport failed", e);
    }
    Element ek = el(Ns.XENC, "xenc:EncryptedKey");
    declare(ek, "xenc", Ns.XENC);
    ek.setAttributeNS(null, "Id", newId("EK"));
    Element method = el(Ns.XENC, "xenc:EncryptionMethod");
    method.setAttributeNS(null, "Algorithm", alg);
    ek.appendChild(method);
    Element ki = el(Ns.DS, "ds:KeyInfo");
    declare(ki, "ds", Ns.DS);
    Element kid =
        el(
            Ns.WSSE,
            "wsse:KeyIdentifier",
            Base64.getEncoder()
                .encodeToString(X509Reference.thumbprintSha1Of(cred.recipientCertificate)));
    kid.setAttributeNS(null, "EncodingType", Uris.BASE64_BINARY);
    kid.setAttributeNS(null, "ValueType", Uris.THUMBPRINT_SHA1);
    ki.appendChild(str(kid));
    ek.appendChild(ki);
    ek.appendChild(cipherData(wrapped));
    sentKeySha1 = Crypto.sha1(wrapped);
    return ek;
  }

  /*
   * <wsc:DerivedKeyToken wsu:Id> <wsse:SecurityTokenReference/> <wsc:Offset>0</wsc:Offset>
   * <wsc:Length>n</wsc:Length> <wsc:Nonce>16 bytes</wsc:Nonce> </wsc:DerivedKeyToken>
   * Offset and Length are written even at their defaults, as CXF does; both forms read the same.
   */
  private byte[] derive(
      SecretBytes secret, Element sourceStr, int length, String wsc, String[] id) {
    byte[] nonce = new byte[NONCE_BYTES];
    cfg.random.nextBytes(nonce);
    Element dkt = el(wsc, "wsc:DerivedKeyToken");
    declare(dkt, "wsc", wsc);
    id[0] = newId("DK");
    dkt.setAttributeNS(Ns.WSU, "wsu:Id", id[0]);
    dkt.appendChild(sourceStr.cloneNode(true));
    dkt.appendChild(el(wsc, "wsc:Offset", "0"));
    dkt.appendChild(el(wsc, "wsc:Length", Integer.toString(length)));
    dkt.appendChild(el(wsc, "wsc:Nonce", Base64.getEncoder().encodeToString(nonce)));
    security.appendChild(dkt);
    return PHash.P_SHA1.deriveKey(secret, PHash.DEFAULT_LABEL, nonce, 0, length).toByteArray();
  }

  private Element reference(String uri, String valueType) {
    Element r = el(Ns.WSSE, "wsse:Reference");
    r.setAttributeNS(null, "URI", uri);
    r.setAttributeNS(null, "ValueType", valueType);
    return r;
  }

  private Element str(Element child) {
    Element s = el(Ns.WSSE, "wsse:SecurityTokenReference");
    declare(s, "wsse", Ns.WSSE);
    s.appendChild(child);
    return s;
  }

  private Element cipherData(byte[] bytes) {
    Element cd = el(Ns.XENC, "xenc:CipherData");
    cd.appendChild(el(Ns.XENC, "xenc:CipherValue", Base64.getEncoder().encodeToString(bytes)));
    return cd;
  }

  // ---------------------------------------------------------------- signature

  private Element sign(List<Element> parts) throws ParleyFault {
    return sign(parts, signingKey != null);
  }

  /*
   * WS-SP 1.2 section 8.4: an endorsing signature covers the primary signature and is made with
   * the endorsing token's key (here an RSA key whose certificate travels as a BST).
   */
  private void endorse(Element primary) throws ParleyFault {
    if (!cred.isSymmetric() || cred.signingKey == null) {
      return;
    }
    Element bst = binarySecurityToken(cred.signingCertificate);
    security.insertBefore(bst, primary);
    Element sig = sign(List.of(primary), false);
    security.appendChild(sig);
    Element si = Dom.child(sig, Ns.DS, "SignedInfo");
    byte[] value;
    try {
      value =
          Crypto.rsaSign(
              Crypto.rsaSignatureName(suite.asymmetricSignatureUri()),
              cred.signingKey,
              ExcC14n.toBytes(si, null),
              cfg.random);
    } catch (GeneralSecurityException e) {
      throw new ParleyFault(FaultCode.SOAP_RECEIVER, "signing failed", e);
    }
    sig.appendChild(el(Ns.DS, "ds:SignatureValue", Base64.getEncoder().encodeToString(value)));
    Element ki = el(Ns.DS, "ds:KeyInfo");
    ki.appendChild(str(reference("#" + bst.getAttributeNS(Ns.WSU, "Id"), Uris.X509V3)));
    sig.appendChild(ki);
  }

  private Element sign(List<Element> parts, boolean hmac) throws ParleyFault {
    String digestName = Crypto.digestName(suite.digestUri());
    Element sig = el(Ns.DS, "ds:Signature");
    declare(sig, "ds", Ns.DS);
    sig.setAttributeNS(null, "Id", newId("SIG"));
    Element si = el(Ns.DS, "ds:SignedInfo");
    sig.appendChild(si);
    Element cm = el(Ns.DS, "ds:CanonicalizationMethod");
    cm.setAttributeNS(null, "Algorithm", Uris.EXC_C14N);
    si.appendChild(cm);
    Element sm = el(Ns.DS, "ds:SignatureMethod");
    sm.setAttributeNS(
        null, "Algorithm", hmac ? suite.symmetricSignatureUri() : suite.asymmetricSignatureUri());
    si.appendChild(sm);
    for (Element part : parts) {
      Element ref = el(Ns.DS, "ds:Reference");
      ref.setAttributeNS(null, "URI", "#" + idOf(part));
      Element transforms = el(Ns.DS, "ds:Transforms");
      Element t = el(Ns.DS, "ds:Transform");
      t.setAttributeNS(null, "Algorithm", Uris.EXC_C14N);
      transforms.appendChild(t);
      ref.appendChild(transforms);
      Element dm = el(Ns.DS, "ds:DigestMethod");
      dm.setAttributeNS(null, "Algorithm", suite.digestUri());
      ref.appendChild(dm);
      byte[] digest = ExcC14n.digest(part, null, Crypto.digest(digestName));
      ref.appendChild(el(Ns.DS, "ds:DigestValue", Base64.getEncoder().encodeToString(digest)));
      si.appendChild(ref);
    }
    return sig;
  }

  /** Computes the SignatureValue once the Signature sits in the header (c14n needs its context). */
  private void finishSignature(Element sig) throws ParleyFault {
    Element si = Dom.child(sig, Ns.DS, "SignedInfo");
    byte[] value;
    try {
      byte[] c14n = ExcC14n.toBytes(si, null);
      if (signingKey != null) {
        value = Crypto.hmac(Crypto.hmacName(suite.symmetricSignatureUri()), signingKey, c14n);
      } else {
        value =
            Crypto.rsaSign(
                Crypto.rsaSignatureName(suite.asymmetricSignatureUri()),
                cred.signingKey,
                c14n,
                cfg.random);
      }
    } catch (GeneralSecurityException e) {
      throw new ParleyFault(FaultCode.SOAP_RECEIVER, "signing failed", e);
    }
    sig.appendChild(el(Ns.DS, "ds:SignatureValue", Base64.getEncoder().encodeToString(value)));
    Element ki = el(Ns.DS, "ds:KeyInfo");
    ki.appendChild(signingTokenRef.cloneNode(true));
    sig.appendChild(ki);
  }

  // ---------------------------------------------------------------- encryption

  /** Encrypts the body content and the listed headers; returns the EncryptedHeader wrappers. */
  private List<Element> encryptParts(List<Element> headers, List<Element> encryptedData)
      throws ParleyFault {
    if (policy.encryptBody()) {
      Element ed = encryptedData(XmlWriter.contentToBytes(body), Uris.TYPE_CONTENT);
      while (body.getFirstChild() != null) {
        body.removeChild(body.getFirstChild());
      }
      body.appendChild(ed);
      encryptedData.add(ed);
    }
    List<Element> wrappers = new ArrayList<>();
    for (Element h : headers) {
      // WSS 1.1 section 9.3: an encrypted header travels as wsse11:EncryptedHeader.
      Element wrapper = el(Ns.WSSE11, "wsse11:EncryptedHeader");
      declare(wrapper, "wsse11", Ns.WSSE11);
      declare(wrapper, "wsu", Ns.WSU);
      wrapper.setAttributeNS(Ns.WSU, "wsu:Id", newId("EH"));
      Element ed = encryptedData(XmlWriter.toBytes(h), Uris.TYPE_ELEMENT);
      wrapper.appendChild(ed);
      header.replaceChild(wrapper, h);
      encryptedData.add(ed);
      wrappers.add(wrapper);
    }
    return wrappers;
  }

  private Element encryptElement(Element e) throws ParleyFault {
    Element ed = encryptedData(XmlWriter.toBytes(e), Uris.TYPE_ELEMENT);
    e.getParentNode().replaceChild(ed, e);
    return ed;
  }

  /*
   * <xenc:EncryptedData Id Type> <xenc:EncryptionMethod Algorithm/> <ds:KeyInfo>STR</ds:KeyInfo>
   * <xenc:CipherData><xenc:CipherValue>IV || ciphertext</xenc:CipherValue></xenc:CipherData>
   */
  private Element encryptedData(byte[] plain, String type) throws ParleyFault {
    byte[] cipher;
    try {
      cipher = Crypto.encryptData(suite.dataEncryption().isGcm(), encryptionKey, plain, cfg.random);
    } catch (GeneralSecurityException e) {
      throw new ParleyFault(FaultCode.SOAP_RECEIVER, "encryption failed", e);
    }
    Element ed = el(Ns.XENC, "xenc:EncryptedData");
    declare(ed, "xenc", Ns.XENC);
    ed.setAttributeNS(null, "Id", newId("ED"));
    ed.setAttributeNS(null, "Type", type);
    Element method = el(Ns.XENC, "xenc:EncryptionMethod");
    method.setAttributeNS(null, "Algorithm", suite.dataEncryption().uri());
    ed.appendChild(method);
    Element ki = el(Ns.DS, "ds:KeyInfo");
    declare(ki, "ds", Ns.DS);
    ki.appendChild(encryptionTokenRef.cloneNode(true));
    ed.appendChild(ki);
    ed.appendChild(cipherData(cipher));
    return ed;
  }

  private Element referenceList(List<Element> encryptedData) {
    if (encryptedData.isEmpty() && !policy.encryptSignature()) {
      return null;
    }
    Element list = el(Ns.XENC, "xenc:ReferenceList");
    declare(list, "xenc", Ns.XENC);
    for (Element ed : encryptedData) {
      list.appendChild(dataReference(ed));
    }
    return list;
  }

  private Element dataReference(Element ed) {
    Element r = el(Ns.XENC, "xenc:DataReference");
    r.setAttributeNS(null, "URI", "#" + ed.getAttribute("Id"));
    return r;
  }
}
