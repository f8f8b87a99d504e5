package org.parley.security;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.spec.OAEPParameterSpec;
import javax.security.auth.x500.X500Principal;
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
import org.parley.wire.xml.XmlRejectedException;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.DocumentFragment;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * One inbound message through the WS-Security header, in document order (WSS 1.1 section 5:
 * "processed in the order they appear"): a single pass over the Security header, one id map built
 * up front and kept in step with decryption, tokens resolved on first use. Not thread-safe; one
 * instance per message.
 */
final class InboundRun {

  private static final String ULTIMATE_RECEIVER =
      "http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final InboundProcessor cfg;
  private final SecurityPolicy policy;
  private final AlgorithmSuite suite;
  private final Document doc;
  private final InboundContext ctx;

  private Element envelope;
  private Element header;
  private Element body;
  private Element security;
  /*
   * A message names a handful of tokens and parts; a default IdentityHashMap table (64 slots) for
   * each of these cost more per message than filling them. They grow when a message needs it.
   */
  private static final int SMALL = 8;

  private final Map<String, Element> ids = new HashMap<>();
  private final IdentityHashMap<Element, Tok> tokens = new IdentityHashMap<>(SMALL);
  private final Set<Element> resolving = Collections.newSetFromMap(new IdentityHashMap<>(SMALL));
  private final IdentityHashMap<Element, VerifiedToken> signed = new IdentityHashMap<>(SMALL);
  private final Set<Element> encrypted = Collections.newSetFromMap(new IdentityHashMap<>(SMALL));
  private final Set<Element> decryptedData =
      Collections.newSetFromMap(new IdentityHashMap<>(SMALL));
  private final Set<Element> visited = Collections.newSetFromMap(new IdentityHashMap<>(SMALL));
  private final Set<Element> decryptedIntoHeader =
      Collections.newSetFromMap(new IdentityHashMap<>(SMALL));
  private final List<byte[]> signatureValues = new ArrayList<>();
  private final List<VerifiedToken> endorsing = new ArrayList<>();
  private final IdentityHashMap<VerifiedToken, SecretBytes> encryptedKeySecrets =
      new IdentityHashMap<>();
  private final List<Element> confirmationElements = new ArrayList<>();
  private final List<byte[]> confirmationValues = new ArrayList<>();
  private Element timestampElement;
  private Instant created;
  private Instant expires;
  private VerifiedToken primary;
  private Element primarySignature;
  private boolean primaryCoversBody;
  private boolean bodySignedOverCiphertext;
  private boolean bodySignedOverPlaintext;
  private int signatures;
  private int encryptedKeys;

  InboundRun(InboundProcessor cfg, Document doc, InboundContext ctx) {
    this.cfg = cfg;
    this.policy = cfg.policy;
    this.suite = policy.algorithmSuite();
    this.doc = doc;
    this.ctx = ctx;
  }

  VerifiedMessage run() throws ParleyFault {
    readEnvelope();
    indexIds(doc.getDocumentElement());
    countDerivedKeys();
    for (Element e = Dom.firstChildElement(security); e != null; ) {
      visited.add(e);
      processHeaderElement(e);
      e = Dom.nextSiblingElement(e);
    }
    for (Element e : decryptedIntoHeader) {
      if (!visited.contains(e) && e.getParentNode() == security) {
        throw invalid(
            "an EncryptedData in the Security header was decrypted by a ReferenceList that"
                + " follows it; its content was never processed (WSS 1.1 section 5 order)");
      }
    }
    return checkPolicy();
  }

  // ---------------------------------------------------------------- envelope

  /*
   * <Envelope> <Header>? <Body> </Envelope>  (SOAP 1.1 section 4, SOAP 1.2 part 1 section 5)
   */
  private void readEnvelope() throws ParleyFault {
    Element root = doc.getDocumentElement();
    String ns = root.getNamespaceURI();
    if (!"Envelope".equals(root.getLocalName())
        || !(Ns.SOAP11.equals(ns) || Ns.SOAP12.equals(ns))) {
      throw new ParleyFault(
          FaultCode.SOAP_VERSION_MISMATCH, "root element is not a SOAP 1.1 or 1.2 Envelope");
    }
    envelope = root;
    Element first = Dom.firstChildElement(root);
    Element next = first;
    if (Dom.is(first, ns, "Header")) {
      header = first;
      next = Dom.nextSiblingElement(first);
    }
    if (!Dom.is(next, ns, "Body")) {
      throw new ParleyFault(FaultCode.SOAP_SENDER, "Envelope has no Body after the Header");
    }
    body = next;
    if (Dom.nextSiblingElement(body) != null) {
      // SOAP 1.2 part 1 section 5.1 allows nothing after Body; a trailing element is a classic
      // place to park a wrapped copy of the body.
      throw new ParleyFault(FaultCode.SOAP_SENDER, "Envelope has elements after the Body");
    }
    if (header == null) {
      throw invalid("message has no SOAP Header and so no wsse:Security header");
    }
    for (Element h = Dom.firstChildElement(header); h != null; h = Dom.nextSiblingElement(h)) {
      if (Dom.is(h, Ns.WSSE, "Security") && isForUs(h, ns)) {
        if (security != null) {
          // WSS 1.1 section 5: at most one Security header per actor/role.
          throw invalid("more than one wsse:Security header for this receiver");
        }
        security = h;
      }
    }
    if (security == null) {
      throw invalid("no wsse:Security header for this receiver");
    }
  }

  private static boolean isForUs(Element h, String soapNs) {
    String role =
        Ns.SOAP12.equals(soapNs)
            ? Dom.attribute(h, soapNs, "role")
            : Dom.attribute(h, soapNs, "actor");
    return role == null || role.isEmpty() || ULTIMATE_RECEIVER.equals(role);
  }

  // ---------------------------------------------------------------- ids

  /** One walk over the whole document; any id value used twice is refused (XSW defence). */
  private void indexIds(Element root) throws ParleyFault {
    Node n = root;
    while (n != null) {
      if (n.getNodeType() == Node.ELEMENT_NODE) {
        addIds((Element) n);
        Node c = n.getFirstChild();
        if (c != null) {
          n = c;
          continue;
        }
      }
      while (n != null && n != root && n.getNextSibling() == null) {
        n = n.getParentNode();
      }
      if (n == null || n == root) {
        break;
      }
      n = n.getNextSibling();
    }
  }

  private void addIds(Element e) throws ParleyFault {
    NamedNodeMap attrs = e.getAttributes();
    for (int i = 0, len = attrs.getLength(); i < len; i++) {
      Attr a = (Attr) attrs.item(i);
      String local = a.getLocalName();
      String ns = a.getNamespaceURI();
      boolean id =
          (ns == null && ("Id".equals(local) || "ID".equals(local)))
              || (Ns.WSU.equals(ns) && "Id".equals(local));
      if (id) {
        Element prev = ids.putIfAbsent(a.getValue(), e);
        if (prev != null && prev != e) {
          throw invalid("id \"" + a.getValue() + "\" is used by more than one element");
        }
      }
    }
  }

  private void removeIds(Element root) {
    ids.values().removeIf(e -> e == root || isAncestor(root, e));
  }

  private static boolean isAncestor(Node ancestor, Node n) {
    for (Node p = n.getParentNode(); p != null; p = p.getParentNode()) {
      if (p == ancestor) {
        return true;
      }
    }
    return false;
  }

  private void countDerivedKeys() throws ParleyFault {
    int n = 0;
    int all = 0;
    for (Element e = Dom.firstChildElement(security); e != null; e = Dom.nextSiblingElement(e)) {
      if (++all > cfg.headerLimits.maxHeaderElements()) {
        // Lookups by key identifier scan the header; bound the scan.
        throw invalid(
            "elements in the Security header exceed SecurityHeaderLimits maxHeaderElements="
                + cfg.headerLimits.maxHeaderElements());
      }
      if (isDkt(e)) {
        n++;
      }
    }
    int max = cfg.derivedKeyLimits.maxDerivedKeysPerMessage();
    if (n > max) {
      throw invalid(
          n + " DerivedKeyTokens exceed DerivedKeyLimits maxDerivedKeysPerMessage=" + max);
    }
  }

  private static boolean isDkt(Element e) {
    return Dom.is(e, Ns.WSC13, "DerivedKeyToken") || Dom.is(e, Ns.WSC200502, "DerivedKeyToken");
  }

  private static boolean isSct(Element e) {
    return Dom.is(e, Ns.WSC13, "SecurityContextToken")
        || Dom.is(e, Ns.WSC200502, "SecurityContextToken");
  }

  // ---------------------------------------------------------------- header pass

  private void processHeaderElement(Element e) throws ParleyFault {
    String ns = e.getNamespaceURI();
    String local = e.getLocalName();
    if (Ns.WSU.equals(ns) && "Timestamp".equals(local)) {
      readTimestamp(e);
    } else if (Ns.WSSE.equals(ns) && "BinarySecurityToken".equals(local)) {
      tokenFor(e);
    } else if (Ns.XENC.equals(ns) && "EncryptedKey".equals(local)) {
      Tok ek = tokenFor(e);
      Element refList = Dom.child(e, Ns.XENC, "ReferenceList");
      if (refList != null) {
        processReferenceList(refList, ek);
      }
    } else if (isSct(e)) {
      // Resolved when a derived key or signature refers to it; an unused SCT costs nothing.
      contextIdentifier(e);
    } else if (isDkt(e)) {
      tokenFor(e);
    } else if (Ns.XENC.equals(ns) && "ReferenceList".equals(local)) {
      processReferenceList(e, null);
    } else if (Ns.DS.equals(ns) && "Signature".equals(local)) {
      verifySignature(e);
    } else if (Ns.WSSE11.equals(ns) && "SignatureConfirmation".equals(local)) {
      String v = Dom.attribute(e, null, "Value");
      confirmationElements.add(e);
      confirmationValues.add(v == null ? null : base64(v, "SignatureConfirmation/@Value"));
    } else if (Ns.XENC.equals(ns) && "EncryptedData".equals(local)) {
      throw invalid("EncryptedData in the Security header that no preceding ReferenceList names");
    } else if (cfg.callerProcessedTokens.contains(new QName(ns == null ? "" : ns, local))) {
      // Left for the caller (InboundProcessor.Builder.callerProcessedTokens), which verifies it.
    } else {
      throw new ParleyFault(
          FaultCode.UNSUPPORTED_SECURITY_TOKEN,
          "unsupported element {" + ns + "}" + local + " in the Security header");
    }
  }

  /*
   * <wsu:Timestamp wsu:Id="..."> <wsu:Created>t</wsu:Created> <wsu:Expires>t</wsu:Expires>?
   */
  private void readTimestamp(Element e) throws ParleyFault {
    if (timestampElement != null) {
      // WSS 1.1 section 10: "at most one wsu:Timestamp" per Security header.
      throw invalid("more than one wsu:Timestamp in the Security header");
    }
    timestampElement = e;
    Element c = Dom.firstChildElement(e);
    if (!Dom.is(c, Ns.WSU, "Created")) {
      throw invalid("wsu:Timestamp must start with wsu:Created");
    }
    created = instant(c);
    Element x = Dom.nextSiblingElement(c);
    if (Dom.is(x, Ns.WSU, "Expires")) {
      expires = instant(x);
      x = Dom.nextSiblingElement(x);
    }
    if (x != null) {
      throw invalid("unexpected element " + x.getLocalName() + " in wsu:Timestamp");
    }
    if (expires != null && expires.isBefore(created)) {
      throw invalid("wsu:Timestamp expires before it was created");
    }
  }

  private Instant instant(Element e) throws ParleyFault {
    String t = Dom.text(e);
    Instant fast = XsdDateTime.parseUtc(t);
    if (fast != null) {
      return fast;
    }
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException ex) {
      throw invalid("wsu:" + e.getLocalName() + " is not an xsd:dateTime with a zone");
    }
  }

  // ---------------------------------------------------------------- tokens

  /** The token an element in the Security header defines, parsed on first use. */
  private Tok tokenFor(Element e) throws ParleyFault {
    Tok t = tokens.get(e);
    if (t != null) {
      return t;
    }
    if (e.getParentNode() != security) {
      // Tokens count only where WSS puts them; an SCT inside the Body (an RSTR) is data.
      throw invalid("a token reference points outside the Security header");
    }
    if (!resolving.add(e)) {
      throw invalid("circular token reference");
    }
    if (Dom.is(e, Ns.WSSE, "BinarySecurityToken")) {
      t = readBst(e);
    } else if (Dom.is(e, Ns.XENC, "EncryptedKey")) {
      t = decryptEncryptedKey(e);
    } else if (isSct(e)) {
      Element inst = Dom.child(e, e.getNamespaceURI(), "Instance");
      t = sctToken(contextIdentifier(e), inst == null ? null : Dom.text(inst), e);
    } else if (isDkt(e)) {
      t = deriveKey(e);
    } else {
      throw new ParleyFault(
          FaultCode.UNSUPPORTED_SECURITY_TOKEN,
          "reference to unsupported token {" + e.getNamespaceURI() + "}" + e.getLocalName());
    }
    resolving.remove(e);
    tokens.put(e, t);
    return t;
  }

  private Tok readBst(Element e) throws ParleyFault {
    String vt = Dom.attribute(e, null, "ValueType");
    if (!Uris.X509V3.equals(vt)) {
      throw new ParleyFault(
          FaultCode.UNSUPPORTED_SECURITY_TOKEN, "BinarySecurityToken ValueType " + vt);
    }
    checkEncodingType(e);
    byte[] der = base64(Dom.text(e), "BinarySecurityToken");
    try {
      X509Certificate cert =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(der));
      return Tok.certificate(cert);
    } catch (CertificateException ex) {
      throw new ParleyFault(
          FaultCode.INVALID_SECURITY_TOKEN, "BinarySecurityToken is not an X.509 certificate");
    }
  }

  private void checkEncodingType(Element e) throws ParleyFault {
    String enc = Dom.attribute(e, null, "EncodingType");
    if (enc != null && !Uris.BASE64_BINARY.equals(enc)) {
      throw new ParleyFault(FaultCode.UNSUPPORTED_SECURITY_TOKEN, "EncodingType " + enc);
    }
  }

  /* <wsc:SecurityContextToken wsu:Id="..."> <wsc:Identifier>uuid:...</wsc:Identifier> ... */
  private String contextIdentifier(Element sct) throws ParleyFault {
    Element id = Dom.child(sct, sct.getNamespaceURI(), "Identifier");
    if (id == null || Dom.text(id).isEmpty()) {
      // WS-SC 1.3 section 3: Identifier is required.
      throw new ParleyFault(
          FaultCode.SC_BAD_CONTEXT_TOKEN, "SecurityContextToken has no Identifier");
    }
    return Dom.text(id);
  }

  /**
   * The SCT in the Security header whose Identifier is {@code identifier} (and whose Instance is
   * {@code instance} when the reference names one), or null; two candidates are ambiguous.
   */
  private Element headerSctNamed(String identifier, String instance) throws ParleyFault {
    Element found = null;
    for (Element e = Dom.firstChildElement(security); e != null; e = Dom.nextSiblingElement(e)) {
      if (!isSct(e) || !identifier.equals(contextIdentifier(e))) {
        continue;
      }
      Element inst = Dom.child(e, e.getNamespaceURI(), "Instance");
      if (instance != null && (inst == null || !instance.equals(Dom.text(inst)))) {
        continue;
      }
      if (found != null) {
        throw invalid("two SecurityContextTokens in the header match the reference " + identifier);
      }
      found = e;
    }
    return found;
  }

  private Tok sctToken(String identifier, String instance, Element carried) throws ParleyFault {
    Optional<SecretBytes> secret =
        ctx.securityContexts()
            .orElse(cfg.securityContexts)
            .secretFor(identifier, instance, carried);
    if (secret.isEmpty()) {
      throw new ParleyFault(
          FaultCode.SC_BAD_CONTEXT_TOKEN, "security context " + identifier + " is not known");
    }
    return Tok.secret(
        new VerifiedToken(VerifiedToken.Kind.SECURITY_CONTEXT, null, identifier, null, null),
        secret.get());
  }

  /*
   * <xenc:EncryptedKey Id="..."> <xenc:EncryptionMethod Algorithm="rsa-oaep..."> <ds:DigestMethod/>?
   * <xenc11:MGF/>? <xenc:OAEPparams/>? </xenc:EncryptionMethod> <ds:KeyInfo>STR</ds:KeyInfo>
   * <xenc:CipherData><xenc:CipherValue>b64</xenc:CipherValue></xenc:CipherData>
   * <xenc:ReferenceList/>? </xenc:EncryptedKey>
   */
  private Tok decryptEncryptedKey(Element ek) throws ParleyFault {
    int maxKeys = cfg.headerLimits.maxEncryptedKeys();
    if (++encryptedKeys > maxKeys) {
      throw invalid("EncryptedKeys exceed SecurityHeaderLimits maxEncryptedKeys=" + maxKeys);
    }
    Element method = Dom.child(ek, Ns.XENC, "EncryptionMethod");
    String alg = method == null ? null : Dom.attribute(method, null, "Algorithm");
    byte[] wrapped = cipherValue(ek);
    byte[] sha1 = Crypto.sha1(wrapped);
    Element keyInfo = Dom.child(ek, Ns.DS, "KeyInfo");
    if (keyInfo == null) {
      throw invalid("EncryptedKey has no KeyInfo naming the recipient certificate");
    }
    X509Reference ref = x509ReferenceIn(keyInfo);
    PrivateKey key =
        cfg.privateKeys
            .privateKeyFor(ref)
            .orElseThrow(
                () ->
                    new ParleyFault(
                        FaultCode.SECURITY_TOKEN_UNAVAILABLE,
                        "EncryptedKey is for " + ref + ", which is not one of our keys"));
    byte[] secret;
    if (Uris.RSA_OAEP_MGF1P.equals(alg) || Uris.RSA_OAEP_11.equals(alg)) {
      OAEPParameterSpec spec = oaepSpec(method, alg);
      try {
        secret = Crypto.rsaOaepUnwrap(key, spec, wrapped);
      } catch (GeneralSecurityException ex) {
        throw new ParleyFault(FaultCode.FAILED_CHECK, "failed");
      }
    } else if (Uris.RSA_1_5.equals(alg)) {
      if (suite.keyTransport() != KeyTransport.RSA_1_5) {
        throw new ParleyFault(
            FaultCode.UNSUPPORTED_ALGORITHM,
            "RSA-1_5 key transport is refused; the algorithm suite must opt in with"
                + " keyTransportRsaV15AllowingPaddingOracle()");
      }
      try {
        secret = Crypto.rsa15Unwrap(key, wrapped);
      } catch (GeneralSecurityException ex) {
        // Bleichenbacher countermeasure: carry on with a random key so the failure shows later,
        // at the same place as any other bad key, and says only "failed".
        secret = new byte[suite.dataEncryption().keyLengthBytes()];
        RANDOM.nextBytes(secret);
      }
    } else {
      throw new ParleyFault(FaultCode.UNSUPPORTED_ALGORITHM, "key transport algorithm " + alg);
    }
    if (secret.length < suite.minimumSymmetricKeyLengthBytes()) {
      throw new ParleyFault(FaultCode.FAILED_CHECK, "failed");
    }
    Tok ekTok =
        Tok.secret(
            new VerifiedToken(VerifiedToken.Kind.ENCRYPTED_KEY, null, null, sha1, null),
            SecretBytes.wrapOwned(secret));
    encryptedKeySecrets.put(ekTok.verified, ekTok.secret);
    return ekTok;
  }

  private OAEPParameterSpec oaepSpec(Element method, String alg) throws ParleyFault {
    String digest = "SHA-1";
    String mgf = "SHA-1";
    byte[] params = null;
    for (Element c = Dom.firstChildElement(method); c != null; c = Dom.nextSiblingElement(c)) {
      if (Dom.is(c, Ns.DS, "DigestMethod")) {
        digest = Crypto.digestName(Dom.attribute(c, null, "Algorithm"));
        if (digest == null) {
          throw new ParleyFault(FaultCode.UNSUPPORTED_ALGORITHM, "OAEP digest not supported");
        }
      } else if (Dom.is(c, Ns.XENC11, "MGF") && Uris.RSA_OAEP_11.equals(alg)) {
        String m = Dom.attribute(c, null, "Algorithm");
        if (Uris.MGF1_SHA256.equals(m)) {
          mgf = "SHA-256";
        } else if (!Uris.MGF1_SHA1.equals(m)) {
          throw new ParleyFault(FaultCode.UNSUPPORTED_ALGORITHM, "OAEP MGF " + m);
        }
      } else if (Dom.is(c, Ns.XENC, "OAEPparams")) {
        params = base64(Dom.text(c), "OAEPparams");
      } else {
        throw invalid("unexpected " + c.getLocalName() + " in EncryptionMethod");
      }
    }
    // xmlenc#rsa-oaep-mgf1p fixes MGF1 with SHA-1 (XML Encryption 1.0 section 5.4.2).
    return Crypto.oaep(digest, mgf, params);
  }

  /*
   * <wsc:DerivedKeyToken wsu:Id="..." Algorithm="...p_sha1"?>
   *   <wsse:SecurityTokenReference/>?  <wsc:Properties/>?
   *   (<wsc:Generation/> | <wsc:Offset/>)?  <wsc:Length/>?  <wsc:Label/>?  <wsc:Nonce/>?
   * </wsc:DerivedKeyToken>                                    (WS-SC 1.3 section 7)
   */
  private Tok deriveKey(Element dkt) throws ParleyFault {
    DktParams p = readDerivedKeyToken(dkt, cfg.derivedKeyLimits);
    Element str = p.str;
    Tok source;
    if (str == null) {
      // WS-SC 1.3 section 7: without a SecurityTokenReference the source is implied by context.
      Optional<SecretBytes> implicit = ctx.implicitDerivationSource();
      if (implicit.isEmpty()) {
        throw new ParleyFault(
            FaultCode.SC_UNKNOWN_DERIVATION_SOURCE,
            "DerivedKeyToken has no SecurityTokenReference and the context supplies no source");
      }
      source =
          Tok.secret(
              new VerifiedToken(VerifiedToken.Kind.IMPLICIT_CONTEXT, null, null, null, null),
              implicit.get());
    } else {
      try {
        source = resolveStr(str, true);
      } catch (ParleyFault f) {
        throw new ParleyFault(
            FaultCode.SC_UNKNOWN_DERIVATION_SOURCE,
            "the derivation source of a DerivedKeyToken is unknown: " + f.getMessage());
      }
      if (source.secret == null || source.verified.kind() == VerifiedToken.Kind.DERIVED_KEY) {
        throw new ParleyFault(
            FaultCode.SC_UNKNOWN_DERIVATION_SOURCE,
            "a DerivedKeyToken must derive from a security context or an EncryptedKey");
      }
    }
    SecretBytes key =
        PHash.P_SHA1.deriveKey(source.secret, p.label, p.nonce, p.offsetBytes, p.lengthBytes);
    return Tok.secret(
        new VerifiedToken(VerifiedToken.Kind.DERIVED_KEY, null, null, null, source.verified), key);
  }

  /** The values of a DerivedKeyToken, with the spec defaults applied and every bound checked. */
  static final class DktParams {
    final Element str;
    final int offsetBytes;
    final int lengthBytes;
    final String label;
    final byte[] nonce;

    DktParams(Element str, int offsetBytes, int lengthBytes, String label, byte[] nonce) {
      this.str = str;
      this.offsetBytes = offsetBytes;
      this.lengthBytes = lengthBytes;
      this.label = label;
      this.nonce = nonce;
    }
  }

  static DktParams readDerivedKeyToken(Element dkt, DerivedKeyLimits lim) throws ParleyFault {
    String wsc = dkt.getNamespaceURI();
    String alg = Dom.attribute(dkt, null, "Algorithm");
    if (alg != null && !Uris.DK_P_SHA1_13.equals(alg) && !Uris.DK_P_SHA1_200502.equals(alg)) {
      throw new ParleyFault(FaultCode.UNSUPPORTED_ALGORITHM, "derivation algorithm " + alg);
    }
    Element str = null;
    Long generation = null;
    Long offset = null;
    Long length = null;
    String label = null;
    byte[] nonce = null;
    for (Element c = Dom.firstChildElement(dkt); c != null; c = Dom.nextSiblingElement(c)) {
      if (Dom.is(c, Ns.WSSE, "SecurityTokenReference") && str == null) {
        str = c;
      } else if (Dom.is(c, wsc, "Generation") && generation == null) {
        generation = nonNegative(c, "Generation");
      } else if (Dom.is(c, wsc, "Offset") && offset == null) {
        offset = nonNegative(c, "Offset");
      } else if (Dom.is(c, wsc, "Length") && length == null) {
        length = nonNegative(c, "Length");
      } else if (Dom.is(c, wsc, "Label") && label == null) {
        label = Dom.text(c);
        if (label.length() > lim.maxLabelLength()) {
          throw invalid(
              "DerivedKeyToken Label of "
                  + label.length()
                  + " characters exceeds DerivedKeyLimits maxLabelLength="
                  + lim.maxLabelLength());
        }
      } else if (Dom.is(c, wsc, "Nonce") && nonce == null) {
        nonce = base64(Dom.text(c), "DerivedKeyToken Nonce");
      } else {
        throw invalid("unexpected or repeated " + c.getLocalName() + " in DerivedKeyToken");
      }
    }
    if (offset != null && generation != null) {
      // WS-SC 1.3 section 7: Offset and Generation are alternatives; both together are an error.
      throw invalid("DerivedKeyToken has both Offset and Generation");
    }
    // WS-SC 1.3 section 7: Length defaults to 32 bytes.
    long len = length == null ? 32 : length;
    if (len < 1 || len > lim.maxLengthBytes()) {
      throw invalid(
          "DerivedKeyToken Length "
              + len
              + " is outside 1..DerivedKeyLimits maxLengthBytes="
              + lim.maxLengthBytes());
    }
    // WS-SC 1.3 section 7: Generation n means the key starts at offset n x length.
    long off = generation != null ? generation * len : (offset == null ? 0 : offset);
    if (off > lim.maxOffsetBytes()) {
      throw invalid(
          "DerivedKeyToken offset "
              + off
              + " exceeds DerivedKeyLimits maxOffsetBytes="
              + lim.maxOffsetBytes());
    }
    if (nonce == null) {
      throw invalid("DerivedKeyToken has no Nonce; Parley requires one so keys never repeat");
    }
    if (nonce.length < lim.minNonceBytes() || nonce.length > lim.maxNonceBytes()) {
      throw invalid(
          "DerivedKeyToken Nonce of "
              + nonce.length
              + " bytes is outside DerivedKeyLimits minNonceBytes="
              + lim.minNonceBytes()
              + "..maxNonceBytes="
              + lim.maxNonceBytes());
    }
    // WS-SC 1.3 section 7: the default label is "WS-SecureConversationWS-SecureConversation".
    return new DktParams(
        str, (int) off, (int) len, label == null ? PHash.DEFAULT_LABEL : label, nonce);
  }

  private static long nonNegative(Element e, String what) throws ParleyFault {
    String t = Dom.text(e);
    if (t.isEmpty() || t.length() > 9) {
      throw invalid("DerivedKeyToken " + what + " is not a small non-negative integer");
    }
    long v = 0;
    for (int i = 0; i < t.length(); i++) {
      char ch = t.charAt(i);
      if (ch < '0' || ch > '9') {
        throw invalid("DerivedKeyToken " + what + " is not a small non-negative integer");
      }
      v = v * 10 + (ch - '0');
    }
    return v;
  }

  // ---------------------------------------------------------------- references

  /*
   * <wsse:SecurityTokenReference wsse11:TokenType="..."?>
   *   <wsse:Reference URI="#id" | "uuid:sct-identifier" ValueType="..."/>
   * | <wsse:KeyIdentifier ValueType="...#X509SubjectKeyIdentifier|#ThumbprintSHA1|#EncryptedKeySHA1"/>
   * | <ds:X509Data><ds:X509IssuerSerial/></ds:X509Data>
   */
  private Tok resolveStr(Element str, boolean needSecret) throws ParleyFault {
    Element c = Dom.firstChildElement(str);
    if (c == null || Dom.nextSiblingElement(c) != null) {
      throw invalid("a SecurityTokenReference must hold exactly one reference");
    }
    if (Dom.is(c, Ns.WSSE, "Reference")) {
      String uri = Dom.attribute(c, null, "URI");
      if (uri == null || uri.isEmpty()) {
        throw invalid("wsse:Reference without URI");
      }
      if (uri.charAt(0) == '#') {
        Element target = ids.get(uri.substring(1));
        if (target == null) {
          throw new ParleyFault(
              FaultCode.SECURITY_TOKEN_UNAVAILABLE, "no token with id " + uri.substring(1));
        }
        return tokenFor(target);
      }
      String vt = Dom.attribute(c, null, "ValueType");
      if (vt != null && !Uris.SCT_13.equals(vt) && !Uris.SCT_200502.equals(vt)) {
        throw new ParleyFault(
            FaultCode.SECURITY_TOKEN_UNAVAILABLE, "external reference of type " + vt);
      }
      // WS-SC 1.3 section 3: a context is referred to by its Identifier when not in the message.
      String instance = Dom.attribute(c, Ns.WSC13, "Instance");
      Element carried = headerSctNamed(uri, instance);
      if (carried != null) {
        // The token is in the header after all (CXF refers to it by Identifier): its Instance
        // and content (a cookie-mode cookie) say which key is meant.
        Element inst = Dom.child(carried, carried.getNamespaceURI(), "Instance");
        return sctToken(uri, inst == null ? null : Dom.text(inst), carried);
      }
      return sctToken(uri, instance, null);
    }
    if (Dom.is(c, Ns.WSSE, "KeyIdentifier")) {
      checkEncodingType(c);
      String vt = Dom.attribute(c, null, "ValueType");
      byte[] value = base64(Dom.text(c), "KeyIdentifier");
      if (Uris.ENCRYPTED_KEY_SHA1.equals(vt)) {
        return encryptedKeyBySha1(value);
      }
      if (needSecret) {
        throw new ParleyFault(
            FaultCode.UNSUPPORTED_SECURITY_TOKEN, "an X.509 reference cannot supply a secret");
      }
      if (Uris.THUMBPRINT_SHA1.equals(vt)) {
        return certificateFor(X509Reference.thumbprintSha1(value));
      }
      if (Uris.X509_SKI.equals(vt)) {
        return certificateFor(X509Reference.subjectKeyIdentifier(value));
      }
      throw new ParleyFault(FaultCode.UNSUPPORTED_SECURITY_TOKEN, "KeyIdentifier ValueType " + vt);
    }
    if (Dom.is(c, Ns.DS, "X509Data") && !needSecret) {
      return certificateFor(issuerSerial(c));
    }
    throw new ParleyFault(
        FaultCode.UNSUPPORTED_SECURITY_TOKEN, "unsupported reference " + c.getLocalName());
  }

  private Tok encryptedKeyBySha1(byte[] sha1) throws ParleyFault {
    for (Element e = Dom.firstChildElement(security); e != null; e = Dom.nextSiblingElement(e)) {
      if (Dom.is(e, Ns.XENC, "EncryptedKey")) {
        Element cv = cipherValueElement(e);
        if (cv != null
            && MessageDigest.isEqual(sha1, Crypto.sha1(base64(Dom.text(cv), "CipherValue")))) {
          return tokenFor(e);
        }
      }
    }
    SecretBytes known =
        cfg.encryptedKeys
            .secretForSha1(sha1)
            .orElseThrow(
                () ->
                    new ParleyFault(
                        FaultCode.SECURITY_TOKEN_UNAVAILABLE,
                        "no EncryptedKey known by that EncryptedKeySHA1"));
    Tok ekTok =
        Tok.secret(
            new VerifiedToken(VerifiedToken.Kind.ENCRYPTED_KEY, null, null, sha1.clone(), null),
            known);
    encryptedKeySecrets.put(ekTok.verified, ekTok.secret);
    return ekTok;
  }

  private Tok certificateFor(X509Reference ref) throws ParleyFault {
    for (Element e = Dom.firstChildElement(security); e != null; e = Dom.nextSiblingElement(e)) {
      if (Dom.is(e, Ns.WSSE, "BinarySecurityToken")) {
        Tok t = tokenFor(e);
        if (ref.matches(t.cert)) {
          return t;
        }
      }
    }
    X509Certificate cert =
        cfg.certificateTrust
            .resolve(ref)
            .orElseThrow(
                () ->
                    new ParleyFault(
                        FaultCode.SECURITY_TOKEN_UNAVAILABLE, "no certificate known for " + ref));
    return Tok.certificate(cert);
  }

  private X509Reference x509ReferenceIn(Element keyInfo) throws ParleyFault {
    Element c = Dom.firstChildElement(keyInfo);
    if (c == null || Dom.nextSiblingElement(c) != null) {
      throw invalid("KeyInfo must hold exactly one reference");
    }
    if (Dom.is(c, Ns.DS, "X509Data")) {
      return issuerSerial(c);
    }
    if (!Dom.is(c, Ns.WSSE, "SecurityTokenReference")) {
      throw new ParleyFault(FaultCode.UNSUPPORTED_SECURITY_TOKEN, "KeyInfo " + c.getLocalName());
    }
    Element r = Dom.firstChildElement(c);
    if (Dom.is(r, Ns.WSSE, "KeyIdentifier")) {
      checkEncodingType(r);
      String vt = Dom.attribute(r, null, "ValueType");
      byte[] value = base64(Dom.text(r), "KeyIdentifier");
      if (Uris.THUMBPRINT_SHA1.equals(vt)) {
        return X509Reference.thumbprintSha1(value);
      }
      if (Uris.X509_SKI.equals(vt)) {
        return X509Reference.subjectKeyIdentifier(value);
      }
      throw new ParleyFault(FaultCode.UNSUPPORTED_SECURITY_TOKEN, "KeyIdentifier ValueType " + vt);
    }
    if (Dom.is(r, Ns.DS, "X509Data")) {
      return issuerSerial(r);
    }
    if (Dom.is(r, Ns.WSSE, "Reference")) {
      String uri = Dom.attribute(r, null, "URI");
      Element target = uri != null && uri.startsWith("#") ? ids.get(uri.substring(1)) : null;
      if (target != null && Dom.is(target, Ns.WSSE, "BinarySecurityToken")) {
        X509Certificate cert = tokenFor(target).cert;
        return X509Reference.thumbprintSha1(X509Reference.thumbprintSha1Of(cert));
      }
    }
    throw new ParleyFault(
        FaultCode.UNSUPPORTED_SECURITY_TOKEN, "EncryptedKey recipient reference not supported");
  }

  /* <ds:X509Data><ds:X509IssuerSerial><ds:X509IssuerName/><ds:X509SerialNumber/>... */
  private X509Reference issuerSerial(Element x509Data) throws ParleyFault {
    Element is = Dom.child(x509Data, Ns.DS, "X509IssuerSerial");
    Element name = is == null ? null : Dom.child(is, Ns.DS, "X509IssuerName");
    Element serial = is == null ? null : Dom.child(is, Ns.DS, "X509SerialNumber");
    if (name == null || serial == null) {
      throw new ParleyFault(FaultCode.UNSUPPORTED_SECURITY_TOKEN, "X509Data without IssuerSerial");
    }
    try {
      String s = Dom.text(serial);
      if (s.length() > 64) {
        throw new NumberFormatException();
      }
      return X509Reference.issuerSerial(new X500Principal(Dom.text(name)), new BigInteger(s));
    } catch (IllegalArgumentException ex) {
      throw invalid("X509IssuerSerial is malformed");
    }
  }

  // ---------------------------------------------------------------- decryption

  /* <xenc:ReferenceList> <xenc:DataReference URI="#id"/>+ </xenc:ReferenceList> */
  private void processReferenceList(Element list, Tok defaultKey) throws ParleyFault {
    for (Element r = Dom.firstChildElement(list); r != null; r = Dom.nextSiblingElement(r)) {
      if (!Dom.is(r, Ns.XENC, "DataReference")) {
        throw new ParleyFault(
            FaultCode.UNSUPPORTED_SECURITY_TOKEN, "ReferenceList entry " + r.getLocalName());
      }
      String uri = Dom.attribute(r, null, "URI");
      if (uri == null || !uri.startsWith("#")) {
        throw invalid("DataReference URI must be a same-document #id");
      }
      Element target = ids.get(uri.substring(1));
      if (target == null || !Dom.is(target, Ns.XENC, "EncryptedData")) {
        throw invalid("DataReference " + uri + " does not name an EncryptedData");
      }
      decrypt(target, defaultKey);
    }
  }

  /*
   * <xenc:EncryptedData Id="..." Type="...#Element|#Content">
   *   <xenc:EncryptionMethod Algorithm="aes..."/> <ds:KeyInfo>STR</ds:KeyInfo>?
   *   <xenc:CipherData><xenc:CipherValue>IV || ciphertext</xenc:CipherValue></xenc:CipherData>
   * </xenc:EncryptedData>
   */
  private void decrypt(Element enc, Tok defaultKey) throws ParleyFault {
    if (!decryptedData.add(enc)) {
      throw invalid("an EncryptedData is referenced twice");
    }
    String type = Dom.attribute(enc, null, "Type");
    boolean content;
    if (Uris.TYPE_CONTENT.equals(type)) {
      content = true;
    } else if (Uris.TYPE_ELEMENT.equals(type)) {
      content = false;
    } else {
      throw invalid("EncryptedData Type must be Element or Content, was " + type);
    }
    Element method = Dom.child(enc, Ns.XENC, "EncryptionMethod");
    DataEncryption alg =
        method == null ? null : DataEncryption.fromUri(Dom.attribute(method, null, "Algorithm"));
    if (alg == null || alg != suite.dataEncryption()) {
      throw new ParleyFault(
          FaultCode.UNSUPPORTED_ALGORITHM,
          "EncryptedData algorithm does not match the "
              + suite.name()
              + " suite ("
              + suite.dataEncryption().uri()
              + ")");
    }
    Element keyInfo = Dom.child(enc, Ns.DS, "KeyInfo");
    Tok key;
    if (keyInfo != null) {
      Element str = Dom.firstChildElement(keyInfo);
      if (!Dom.is(str, Ns.WSSE, "SecurityTokenReference") || Dom.nextSiblingElement(str) != null) {
        throw invalid("EncryptedData KeyInfo must hold one SecurityTokenReference");
      }
      key = resolveStr(str, true);
    } else if (defaultKey != null) {
      key = defaultKey;
    } else {
      throw invalid("EncryptedData has no KeyInfo and no enclosing EncryptedKey");
    }
    if (key.secret == null || key.secret.lengthBytes() != alg.keyLengthBytes()) {
      throw new ParleyFault(FaultCode.FAILED_CHECK, "failed");
    }
    byte[] plain;
    try {
      plain = Crypto.decryptData(alg.isGcm(), key.secret.toByteArray(), cipherValue(enc));
    } catch (GeneralSecurityException ex) {
      throw new ParleyFault(FaultCode.FAILED_CHECK, "failed");
    }
    Node parent = enc.getParentNode();
    if (!(parent instanceof Element)) {
      throw invalid("EncryptedData must sit inside an element");
    }
    Element encryptedHeader = null;
    if (Dom.is(parent, Ns.WSSE11, "EncryptedHeader")) {
      // WSS 1.1 section 9.3: EncryptedHeader wraps one EncryptedData of Type Element.
      if (content || parent.getParentNode() != header) {
        throw invalid("EncryptedHeader must be a header holding an Element EncryptedData");
      }
      encryptedHeader = (Element) parent;
      parent = header;
    }
    DocumentFragment frag;
    try {
      frag = cfg.xml.parseFragment(plain, doc, namespacesInScope(parent));
    } catch (XmlRejectedException ex) {
      // Well-formedness of plaintext is an oracle too (Jager and Somorovsky 2011): say "failed".
      throw new ParleyFault(FaultCode.FAILED_CHECK, "failed");
    }
    Element replaced = encryptedHeader != null ? encryptedHeader : enc;
    removeIds(replaced);
    if (content) {
      Element p = (Element) parent;
      while (p.getFirstChild() != null) {
        Node gone = p.getFirstChild();
        if (gone instanceof Element) {
          removeIds((Element) gone); // nothing detached may stay reachable by id
        }
        p.removeChild(gone);
      }
      indexFragment(frag);
      p.appendChild(frag);
      encrypted.add(p);
      return;
    }
    Element only = singleElement(frag);
    indexFragment(frag);
    parent.replaceChild(only, replaced);
    encrypted.add(only);
    VerifiedToken signer = signed.remove(replaced);
    if (signer != null) {
      // Encrypt-then-sign: the signature covered the ciphertext wrapper, which this element was.
      signed.put(only, signer);
    }
    if (parent == security) {
      decryptedIntoHeader.add(only);
    }
  }

  private Element singleElement(DocumentFragment frag) throws ParleyFault {
    Element only = null;
    for (Node n = frag.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n.getNodeType() == Node.ELEMENT_NODE) {
        if (only != null) {
          throw new ParleyFault(FaultCode.FAILED_CHECK, "failed");
        }
        only = (Element) n;
      } else if (n.getNodeType() != Node.TEXT_NODE || !n.getNodeValue().isBlank()) {
        throw new ParleyFault(FaultCode.FAILED_CHECK, "failed");
      }
    }
    if (only == null) {
      throw new ParleyFault(FaultCode.FAILED_CHECK, "failed");
    }
    return only;
  }

  private void indexFragment(DocumentFragment frag) throws ParleyFault {
    for (Node n = frag.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n.getNodeType() == Node.ELEMENT_NODE) {
        indexIds((Element) n);
      }
    }
  }

  private static Map<String, String> namespacesInScope(Node at) {
    Map<String, String> m = new LinkedHashMap<>();
    for (Node p = at; p != null && p.getNodeType() == Node.ELEMENT_NODE; p = p.getParentNode()) {
      NamedNodeMap attrs = p.getAttributes();
      for (int i = 0; i < attrs.getLength(); i++) {
        Attr a = (Attr) attrs.item(i);
        if (Ns.XMLNS.equals(a.getNamespaceURI())) {
          String prefix = "xmlns".equals(a.getName()) ? "" : a.getLocalName();
          m.putIfAbsent(prefix, a.getValue());
        }
      }
    }
    return m;
  }

  private Element cipherValueElement(Element parent) {
    Element cd = Dom.child(parent, Ns.XENC, "CipherData");
    return cd == null ? null : Dom.child(cd, Ns.XENC, "CipherValue");
  }

  private byte[] cipherValue(Element parent) throws ParleyFault {
    Element cv = cipherValueElement(parent);
    if (cv == null) {
      throw invalid(parent.getLocalName() + " has no CipherData/CipherValue");
    }
    return base64(Dom.text(cv), "CipherValue");
  }

  // ---------------------------------------------------------------- signatures

  /*
   * <ds:Signature Id="...">
   *   <ds:SignedInfo> <ds:CanonicalizationMethod Algorithm="exc-c14n"><ec:InclusiveNamespaces/>?
   *     <ds:SignatureMethod Algorithm="..."/>
   *     <ds:Reference URI="#id"> <ds:Transforms><ds:Transform Algorithm="exc-c14n"/></ds:Transforms>?
   *       <ds:DigestMethod/> <ds:DigestValue/> </ds:Reference>+
   *   </ds:SignedInfo>
   *   <ds:SignatureValue/> <ds:KeyInfo>STR</ds:KeyInfo>
   * </ds:Signature>                                        (XML Signature 1.1 section 4)
   */
  private void verifySignature(Element sig) throws ParleyFault {
    if (++signatures > cfg.headerLimits.maxSignatures()) {
      throw invalid(
          "signatures exceed SecurityHeaderLimits maxSignatures="
              + cfg.headerLimits.maxSignatures());
    }
    Element signedInfo = Dom.firstChildElement(sig);
    Element valueEl = Dom.nextSiblingElement(signedInfo);
    Element keyInfo = Dom.nextSiblingElement(valueEl);
    if (!Dom.is(signedInfo, Ns.DS, "SignedInfo")
        || !Dom.is(valueEl, Ns.DS, "SignatureValue")
        || !Dom.is(keyInfo, Ns.DS, "KeyInfo")
        || Dom.nextSiblingElement(keyInfo) != null) {
      // No ds:Object: WS-Security signatures never need one and it is the XSW hiding place.
      throw invalid("ds:Signature must be SignedInfo, SignatureValue, KeyInfo and nothing else");
    }
    Element c14n = Dom.firstChildElement(signedInfo);
    String c14nPrefixes = exclusiveC14nPrefixes(c14n, "CanonicalizationMethod");
    Element method = Dom.nextSiblingElement(c14n);
    if (!Dom.is(method, Ns.DS, "SignatureMethod")) {
      throw invalid("SignedInfo has no SignatureMethod");
    }
    if (Dom.firstChildElement(method) != null) {
      // XML Signature 1.1 section 4.4.2: a truncating HMACOutputLength is refused (CVE-2009-0217).
      throw invalid("SignatureMethod parameters (HMACOutputLength) are not accepted");
    }
    String alg = Dom.attribute(method, null, "Algorithm");
    boolean hmac;
    if (suite.symmetricSignatureUri().equals(alg)) {
      hmac = true;
    } else if (suite.asymmetricSignatureUri().equals(alg)) {
      hmac = false;
    } else {
      throw new ParleyFault(
          FaultCode.UNSUPPORTED_ALGORITHM,
          "signature algorithm " + alg + " is not in the " + suite.name() + " suite");
    }
    Element str = Dom.firstChildElement(keyInfo);
    if (!Dom.is(str, Ns.WSSE, "SecurityTokenReference") || Dom.nextSiblingElement(str) != null) {
      throw invalid("Signature KeyInfo must hold one SecurityTokenReference");
    }
    Tok key = resolveStr(str, hmac);
    byte[] value = base64(Dom.text(valueEl), "SignatureValue");
    byte[] canonical = ExcC14n.toBytes(signedInfo, c14nPrefixes);
    boolean ok;
    try {
      if (hmac) {
        if (key.secret == null) {
          throw new ParleyFault(FaultCode.INVALID_SECURITY_TOKEN, "HMAC signature needs a secret");
        }
        if (key.verified.kind() != VerifiedToken.Kind.DERIVED_KEY
            && key.secret.lengthBytes() < suite.minimumSymmetricKeyLengthBytes()) {
          // WS-SP 1.2 section 6.1 [Min SKL]: a short key is refused before it is used.
          throw invalid("HMAC key shorter than the suite's minimum symmetric key length");
        }
        byte[] mac = Crypto.hmac(Crypto.hmacName(alg), key.secret.toByteArray(), canonical);
        ok = MessageDigest.isEqual(mac, value);
      } else {
        if (key.cert == null) {
          throw new ParleyFault(
              FaultCode.INVALID_SECURITY_TOKEN, "RSA signature needs a certificate");
        }
        cfg.certificateTrust.checkTrusted(key.cert);
        ok =
            Crypto.rsaVerify(
                Crypto.rsaSignatureName(alg), key.cert.getPublicKey(), canonical, value);
      }
    } catch (GeneralSecurityException ex) {
      ok = false;
    }
    if (!ok) {
      throw new ParleyFault(FaultCode.FAILED_CHECK, "failed");
    }
    List<Element> covered = new ArrayList<>();
    int refs = 0;
    for (Element r = Dom.nextSiblingElement(method); r != null; r = Dom.nextSiblingElement(r)) {
      if (!Dom.is(r, Ns.DS, "Reference")) {
        throw invalid("unexpected " + r.getLocalName() + " in SignedInfo");
      }
      if (++refs > cfg.headerLimits.maxReferencesPerSignature()) {
        throw invalid(
            "references exceed SecurityHeaderLimits maxReferencesPerSignature="
                + cfg.headerLimits.maxReferencesPerSignature());
      }
      covered.add(verifyReference(r, sig));
    }
    if (refs == 0) {
      throw invalid("SignedInfo has no Reference");
    }
    signatureValues.add(value);
    for (Element e : covered) {
      signed.putIfAbsent(e, key.verified);
      if (Dom.is(e, Ns.DS, "Signature")) {
        // WS-SP 1.2 section 8.4: a signature over another signature endorses it.
        endorsing.add(key.verified);
      }
      if (e == body) {
        if (hasEncryptedDataChild(body)) {
          bodySignedOverCiphertext = true;
        } else {
          bodySignedOverPlaintext = true;
        }
        if (!primaryCoversBody) {
          primary = key.verified;
          primarySignature = sig;
          primaryCoversBody = true;
        }
      }
    }
    if (primary == null) {
      primary = key.verified;
      primarySignature = sig;
    }
  }

  private static boolean hasEncryptedDataChild(Element e) {
    return Dom.child(e, Ns.XENC, "EncryptedData") != null;
  }

  private Element verifyReference(Element ref, Element sig) throws ParleyFault {
    String uri = Dom.attribute(ref, null, "URI");
    if (uri == null || uri.length() < 2 || uri.charAt(0) != '#') {
      throw invalid("Reference URI must name an element by #id");
    }
    Element target = ids.get(uri.substring(1));
    if (target == null) {
      throw invalid("Reference " + uri + " names no element in this message");
    }
    if (target == sig || isAncestor(sig, target)) {
      throw invalid("a signature may not cover itself or its own parts");
    }
    Element c = Dom.firstChildElement(ref);
    String prefixes = null;
    if (Dom.is(c, Ns.DS, "Transforms")) {
      Element t = Dom.firstChildElement(c);
      if (t == null || Dom.nextSiblingElement(t) != null) {
        throw invalid("Reference must have exactly one exc-c14n Transform");
      }
      prefixes = exclusiveC14nPrefixes(t, "Transform");
      c = Dom.nextSiblingElement(c);
    }
    if (!Dom.is(c, Ns.DS, "DigestMethod")) {
      throw invalid("Reference has no DigestMethod");
    }
    String digestUri = Dom.attribute(c, null, "Algorithm");
    if (!suite.digestUri().equals(digestUri)) {
      throw new ParleyFault(
          FaultCode.UNSUPPORTED_ALGORITHM,
          "digest " + digestUri + " is not the " + suite.name() + " suite's");
    }
    Element dv = Dom.nextSiblingElement(c);
    if (!Dom.is(dv, Ns.DS, "DigestValue") || Dom.nextSiblingElement(dv) != null) {
      throw invalid("Reference has no DigestValue");
    }
    byte[] expected = base64(Dom.text(dv), "DigestValue");
    byte[] actual = ExcC14n.digest(target, prefixes, Crypto.digest(Crypto.digestName(digestUri)));
    if (!MessageDigest.isEqual(expected, actual)) {
      throw new ParleyFault(FaultCode.FAILED_CHECK, "failed");
    }
    return target;
  }

  /** Checks an exc-c14n algorithm element and returns its InclusiveNamespaces PrefixList. */
  private String exclusiveC14nPrefixes(Element e, String what) throws ParleyFault {
    if (!Dom.is(e, Ns.DS, what) || !Uris.EXC_C14N.equals(Dom.attribute(e, null, "Algorithm"))) {
      throw new ParleyFault(
          FaultCode.UNSUPPORTED_ALGORITHM, what + " must be exclusive c14n without comments");
    }
    Element inc = Dom.firstChildElement(e);
    if (inc == null) {
      return null;
    }
    if (!Dom.is(inc, Ns.EXC_C14N, "InclusiveNamespaces") || Dom.nextSiblingElement(inc) != null) {
      throw invalid(what + " may hold only ec:InclusiveNamespaces");
    }
    return Dom.attribute(inc, null, "PrefixList");
  }

  // ---------------------------------------------------------------- policy

  private VerifiedMessage checkPolicy() throws ParleyFault {
    VerifiedTimestamp ts = checkTimestamp();
    if (policy.signBody() && !signed.containsKey(body)) {
      throw invalid("the SOAP Body is not signed (policy SignedParts/Body)");
    }
    if (policy.encryptBody() && !encrypted.contains(body)) {
      throw invalid("the SOAP Body content is not encrypted (policy EncryptedParts/Body)");
    }
    if (policy.encryptBody() && policy.signBody()) {
      if (policy.protectionOrder() == ProtectionOrder.SIGN_BEFORE_ENCRYPT
          && !bodySignedOverPlaintext) {
        throw invalid("the Body was signed over ciphertext; policy requires SignBeforeEncrypting");
      }
      if (policy.protectionOrder() == ProtectionOrder.ENCRYPT_BEFORE_SIGN
          && !bodySignedOverCiphertext) {
        throw invalid("the Body was signed over plaintext; policy requires EncryptBeforeSigning");
      }
    }
    for (Element h = Dom.firstChildElement(header); h != null; h = Dom.nextSiblingElement(h)) {
      QName q = new QName(h.getNamespaceURI() == null ? "" : h.getNamespaceURI(), h.getLocalName());
      if (policy.requiresSignedHeader(q) && !signed.containsKey(h)) {
        throw invalid("header " + q + " is not signed (policy SignedParts/Header)");
      }
      if (policy.requiresEncryptedHeader(q) && !encrypted.contains(h)) {
        throw invalid("header " + q + " did not arrive encrypted (policy EncryptedParts/Header)");
      }
    }
    if (primary != null) {
      VerifiedToken.Kind root = primary.root().kind();
      boolean x509 = root == VerifiedToken.Kind.X509_CERTIFICATE;
      if (policy.binding() == SecurityPolicy.Binding.ASYMMETRIC && !x509) {
        throw invalid("the primary signature must be made with an X.509 key (asymmetric binding)");
      }
      if (policy.binding() == SecurityPolicy.Binding.SYMMETRIC && x509) {
        throw invalid("the primary signature must use the symmetric key (symmetric binding)");
      }
      if (policy.derivedKeys()
          && policy.binding() == SecurityPolicy.Binding.SYMMETRIC
          && primary.kind() != VerifiedToken.Kind.DERIVED_KEY) {
        throw invalid("the primary signature must use a derived key (policy RequireDerivedKeys)");
      }
      if (policy.encryptSignature() && !encrypted.contains(primarySignature)) {
        throw invalid("the primary signature was not encrypted (policy EncryptSignature)");
      }
    }
    List<byte[]> confirmations = checkConfirmations();
    SecretBytes replyKey = null;
    byte[] replyKeySha1 = null;
    if (primary != null && primary.root().kind() == VerifiedToken.Kind.ENCRYPTED_KEY) {
      replyKey = encryptedKeySecrets.get(primary.root());
      replyKeySha1 = primary.root().encryptedKeySha1().orElse(null);
    }
    return new VerifiedMessage(
        doc,
        envelope,
        header,
        body,
        signed,
        encrypted,
        ts,
        List.copyOf(signatureValues),
        confirmations,
        primary,
        List.copyOf(endorsing),
        replyKey,
        replyKeySha1);
  }

  private VerifiedTimestamp checkTimestamp() throws ParleyFault {
    if (timestampElement == null) {
      if (policy.timestampRequired()) {
        throw invalid("no wsu:Timestamp (policy IncludeTimestamp)");
      }
      return null;
    }
    if (policy.timestampRequired() && !signed.containsKey(timestampElement)) {
      throw invalid("the wsu:Timestamp is not signed");
    }
    Instant now = cfg.clock.instant();
    Instant late = now.minus(policy.maxClockSkew());
    Instant early = now.plus(policy.maxClockSkew());
    // WSS 1.1 section 10: a message whose Created is in the future or whose Expires has passed
    // is stale; the skew allowance absorbs clock differences.
    if (created.isAfter(early)) {
      throw new ParleyFault(FaultCode.MESSAGE_EXPIRED, "wsu:Created is in the future");
    }
    if (expires != null && !expires.isAfter(late)) {
      throw new ParleyFault(FaultCode.MESSAGE_EXPIRED, "wsu:Expires has passed");
    }
    if (created.plus(policy.maxMessageAge()).isBefore(late)) {
      throw new ParleyFault(FaultCode.MESSAGE_EXPIRED, "wsu:Created is older than maxMessageAge");
    }
    return new VerifiedTimestamp(created, expires);
  }

  private List<byte[]> checkConfirmations() throws ParleyFault {
    List<byte[]> values = new ArrayList<>();
    for (int i = 0; i < confirmationElements.size(); i++) {
      if (!signed.containsKey(confirmationElements.get(i))) {
        // WSS 1.1 section 8.5: SignatureConfirmation must be covered by the response signature.
        throw invalid("a SignatureConfirmation is not signed");
      }
      if (confirmationValues.get(i) != null) {
        values.add(confirmationValues.get(i));
      }
    }
    if (policy.signatureConfirmation() || !ctx.expectedConfirmations().isEmpty()) {
      if (confirmationElements.isEmpty()) {
        throw invalid("no SignatureConfirmation (policy RequireSignatureConfirmation)");
      }
      for (byte[] expected : ctx.expectedConfirmations()) {
        boolean found = false;
        for (byte[] v : values) {
          found |= MessageDigest.isEqual(expected, v);
        }
        if (!found) {
          throw invalid("a signature we sent is not confirmed (WSS 1.1 section 8.5)");
        }
      }
    }
    return List.copyOf(values);
  }

  // ---------------------------------------------------------------- helpers

  private static byte[] base64(String text, String what) throws ParleyFault {
    // ISO-8859-1 maps every char above U+00FF to '?', which the decoder refuses like any other
    // stray character; for the Latin-1 strings the parser makes it is a single array copy.
    byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
    int n = 0;
    for (int i = 0; i < b.length; i++) {
      byte c = b[i];
      // XML Schema base64Binary allows whitespace between the characters; the decoder does not.
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        b[n++] = c;
      }
    }
    try {
      return Base64.getDecoder().decode(n == b.length ? b : Arrays.copyOf(b, n));
    } catch (IllegalArgumentException e) {
      throw new ParleyFault(FaultCode.INVALID_SECURITY, what + " is not valid base64");
    }
  }

  private static ParleyFault invalid(String detail) {
    return new ParleyFault(FaultCode.INVALID_SECURITY, detail);
  }

  /** A resolved token: a secret, or a certificate, and how the message named it. */
  static final class Tok {
    final VerifiedToken verified;
    final SecretBytes secret;
    final X509Certificate cert;

    private Tok(VerifiedToken verified, SecretBytes secret, X509Certificate cert) {
      this.verified = verified;
      this.secret = secret;
      this.cert = cert;
    }

    static Tok secret(VerifiedToken v, SecretBytes s) {
      return new Tok(v, s, null);
    }

    static Tok certificate(X509Certificate cert) {
      return new Tok(
          new VerifiedToken(VerifiedToken.Kind.X509_CERTIFICATE, cert, null, null, null),
          null,
          cert);
    }
  }
}
