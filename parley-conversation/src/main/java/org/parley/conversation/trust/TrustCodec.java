package org.parley.conversation.trust;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;
import org.parley.conversation.internal.Read;
import org.parley.conversation.sct.SctCodec;
import org.parley.conversation.sct.SecurityContextToken;
import org.parley.core.SecretBytes;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.wire.Ns;
import org.parley.wire.addressing.AddressingVersion;
import org.parley.wire.xml.Dom;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads and writes the WS-Trust messages of the SCT exchange: {@code wst:RequestSecurityToken}
 * (WS-Trust 1.3 section 3.1) and {@code wst:RequestSecurityTokenResponse} (section 3.2), the latter
 * in a {@code wst:RequestSecurityTokenResponseCollection} for WS-Trust 1.3 (section 4.3) and bare
 * for Feb 2005, as WCF and CXF send them.
 *
 * <p>Readers are strict: each known child at most once, unknown children refused, every text and
 * base64 value bounded by {@link TrustLimits}; a violation is {@link
 * FaultCode#TRUST_INVALID_REQUEST} (WS-Trust 1.3 section 11) with a message naming the rule.
 * Deviations real peers send are accepted only when the {@link TrustCompliance} names them.
 * Immutable and thread-safe.
 */
public final class TrustCodec {
  private static final FaultCode BAD = FaultCode.TRUST_INVALID_REQUEST;
  private static final String MAX_URI = "TrustLimits.maxUriChars";

  private final TrustLimits limits;
  private final TrustCompliance compliance;

  private TrustCodec(TrustLimits limits, TrustCompliance compliance) {
    this.limits = limits;
    this.compliance = compliance;
  }

  public static TrustCodec create(TrustLimits limits, TrustCompliance compliance) {
    return new TrustCodec(
        Objects.requireNonNull(limits, "limits"), Objects.requireNonNull(compliance, "compliance"));
  }

  /** Default limits, strict compliance. */
  public static TrustCodec strict() {
    return create(TrustLimits.DEFAULT, TrustCompliance.STRICT);
  }

  public TrustLimits limits() {
    return limits;
  }

  public TrustCompliance compliance() {
    return compliance;
  }

  // ---------------------------------------------------------------------------------------------
  // RequestSecurityToken

  /** Reads a {@code wst:RequestSecurityToken} of either version. */
  public RequestSecurityToken readRequest(Element rst) throws ParleyFault {
    TrustVersion v = versionOf(rst, "RequestSecurityToken");
    String wst = v.trustNamespace();
    Element requestType = null;
    Element tokenType = null;
    Element appliesTo = null;
    Element lifetime = null;
    Element entropy = null;
    Element keySize = null;
    Element keyType = null;
    Element computedKey = null;
    Element renewTarget = null;
    Element cancelTarget = null;
    Element renewing = null;
    int count = 0;
    for (Element c = Dom.firstChildElement(rst); c != null; c = Dom.nextSiblingElement(c)) {
      childCount(++count, "wst:RequestSecurityToken");
      String ns = c.getNamespaceURI();
      String n = c.getLocalName();
      if (wst.equals(ns)) {
        switch (n) {
          case "RequestType" -> requestType = once(requestType, c);
          case "TokenType" -> tokenType = once(tokenType, c);
          case "Lifetime" -> lifetime = once(lifetime, c);
          case "Entropy" -> entropy = once(entropy, c);
          case "KeySize" -> keySize = once(keySize, c);
          case "KeyType" -> keyType = once(keyType, c);
          case "ComputedKeyAlgorithm" -> computedKey = once(computedKey, c);
          case "RenewTarget" -> renewTarget = once(renewTarget, c);
          case "CancelTarget" -> cancelTarget = once(cancelTarget, c);
          case "Renewing" -> renewing = once(renewing, c);
          default -> throw unexpected(c, "wst:RequestSecurityToken");
        }
      } else if (Dom.is(c, Ns.WSP15, "AppliesTo") || Dom.is(c, Ns.WSP12, "AppliesTo")) {
        appliesTo = once(appliesTo, c);
      } else {
        throw unexpected(c, "wst:RequestSecurityToken");
      }
    }
    if (requestType == null) {
      throw new ParleyFault(
          BAD, "wst:RequestSecurityToken without wst:RequestType (WS-Trust 1.3 section 3.1)");
    }
    String rtUri = Read.text(requestType, limits.maxUriChars(), MAX_URI, BAD);
    RequestType type =
        v.requestTypeFor(rtUri)
            .orElseThrow(
                () ->
                    new ParleyFault(
                        BAD,
                        "wst:RequestType "
                            + rtUri
                            + " is not a "
                            + v
                            + " request type (WS-Trust 1.3 sections 4, 5, 6)"));
    if (type == RequestType.VALIDATE) {
      throw new ParleyFault(
          BAD, "wst:RequestType Validate is not supported for security context tokens");
    }
    RequestSecurityToken.Builder b = RequestSecurityToken.newBuilder(v, type);
    String context = Dom.attribute(rst, null, "Context");
    if (context != null) {
      b.context(bounded(context, "Context attribute"));
    }
    if (tokenType != null) {
      String tt = Read.text(tokenType, limits.maxUriChars(), MAX_URI, BAD);
      if (!tt.equals(v.sctTokenType())) {
        throw new ParleyFault(
            BAD,
            "wst:TokenType "
                + tt
                + " is not the "
                + v
                + " SCT token type "
                + v.sctTokenType()
                + " (WS-SC 1.3 section 2)");
      }
      b.tokenType(tt);
    }
    if (appliesTo != null) {
      b.appliesTo(readAppliesTo(appliesTo));
    }
    if (lifetime != null) {
      b.lifetime(readLifetime(lifetime));
    }
    if (entropy != null) {
      b.entropy(readEntropy(entropy, v));
    }
    if (keySize != null) {
      b.keySizeBits(readKeySize(keySize));
    }
    if (keyType != null) {
      String kt = Read.text(keyType, limits.maxUriChars(), MAX_URI, BAD);
      if (!kt.equals(v.keyTypeSymmetric())) {
        throw new ParleyFault(
            BAD,
            "wst:KeyType "
                + kt
                + " is not supported; an SCT has a symmetric key (WS-Trust 1.3 section 4.4.1)");
      }
      b.keyType(kt);
    }
    if (computedKey != null) {
      String alg = Read.text(computedKey, limits.maxUriChars(), MAX_URI, BAD);
      if (!alg.equals(v.computedKeyPsha1())) {
        throw new ParleyFault(
            BAD,
            "unknown wst:ComputedKeyAlgorithm "
                + alg
                + "; WS-Trust 1.3 section 4.4.4 defines only "
                + v.computedKeyPsha1());
      }
      b.computedKeyAlgorithm(alg);
    }
    // WS-Trust 1.3 sections 5 and 6: the target element matches the request type.
    if (renewTarget != null && type != RequestType.RENEW) {
      throw new ParleyFault(
          BAD, "wst:RenewTarget in a " + type + " request (WS-Trust 1.3 section 5)");
    }
    if (cancelTarget != null && type != RequestType.CANCEL) {
      throw new ParleyFault(
          BAD, "wst:CancelTarget in a " + type + " request (WS-Trust 1.3 section 6)");
    }
    if (type == RequestType.RENEW) {
      if (renewTarget == null) {
        throw new ParleyFault(
            BAD, "a Renew request needs wst:RenewTarget (WS-Trust 1.3 section 5)");
      }
      b.target(readTarget(renewTarget));
    }
    if (type == RequestType.CANCEL) {
      if (cancelTarget == null) {
        throw new ParleyFault(
            BAD, "a Cancel request needs wst:CancelTarget (WS-Trust 1.3 section 6)");
      }
      b.target(readTarget(cancelTarget));
    }
    b.renewing(renewing != null);
    return b.build();
  }

  /** Writes {@code rst} as an element of {@code doc}, ready for a SOAP body. */
  public Element writeRequest(Document doc, RequestSecurityToken rst) {
    TrustVersion v = rst.version();
    Element e = wst(doc, v, "RequestSecurityToken");
    e.setAttributeNS(Ns.XMLNS, "xmlns:wst", v.trustNamespace());
    rst.context().ifPresent(c -> e.setAttributeNS(null, "Context", c));
    text(e, v, "RequestType", v.requestTypeUri(rst.requestType()));
    rst.appliesTo().ifPresent(a -> e.appendChild(writeAppliesTo(doc, a)));
    rst.lifetime().ifPresent(l -> e.appendChild(writeLifetime(doc, v, l)));
    rst.target()
        .ifPresent(
            t -> {
              String name = rst.requestType() == RequestType.RENEW ? "RenewTarget" : "CancelTarget";
              Element target = wst(doc, v, name);
              target.appendChild(writeReference(doc, v, t));
              e.appendChild(target);
            });
    if (rst.renewing()) {
      e.appendChild(wst(doc, v, "Renewing"));
    }
    rst.tokenType().ifPresent(t -> text(e, v, "TokenType", t));
    rst.keyType().ifPresent(t -> text(e, v, "KeyType", t));
    rst.keySizeBits().ifPresent(k -> text(e, v, "KeySize", Integer.toString(k)));
    rst.entropy().ifPresent(en -> e.appendChild(writeEntropy(doc, v, en)));
    rst.computedKeyAlgorithm().ifPresent(a -> text(e, v, "ComputedKeyAlgorithm", a));
    return e;
  }

  // ---------------------------------------------------------------------------------------------
  // RequestSecurityTokenResponse

  /**
   * Reads a response: a {@code wst:RequestSecurityTokenResponseCollection} holding exactly one
   * response (the SCT exchange asks for one token), or a bare {@code
   * wst:RequestSecurityTokenResponse}.
   */
  public RequestSecurityTokenResponse readResponse(Element e) throws ParleyFault {
    if (Dom.is(e, Ns.WST13, "RequestSecurityTokenResponseCollection")
        || Dom.is(e, Ns.WST200502, "RequestSecurityTokenResponseCollection")) {
      var inner = Dom.childElements(e);
      if (inner.size() != 1
          || !Dom.is(inner.get(0), e.getNamespaceURI(), "RequestSecurityTokenResponse")) {
        throw new ParleyFault(
            BAD,
            "wst:RequestSecurityTokenResponseCollection must hold exactly one"
                + " wst:RequestSecurityTokenResponse for the SCT exchange, found "
                + inner.size()
                + " child elements");
      }
      return readBareResponse(inner.get(0));
    }
    return readBareResponse(e);
  }

  private RequestSecurityTokenResponse readBareResponse(Element rstr) throws ParleyFault {
    TrustVersion v = versionOf(rstr, "RequestSecurityTokenResponse");
    String wst = v.trustNamespace();
    Element tokenType = null;
    Element requested = null;
    Element attached = null;
    Element unattached = null;
    Element proof = null;
    Element entropy = null;
    Element lifetime = null;
    Element keySize = null;
    Element cancelled = null;
    int count = 0;
    for (Element c = Dom.firstChildElement(rstr); c != null; c = Dom.nextSiblingElement(c)) {
      childCount(++count, "wst:RequestSecurityTokenResponse");
      if (!wst.equals(c.getNamespaceURI())) {
        throw unexpected(c, "wst:RequestSecurityTokenResponse");
      }
      switch (c.getLocalName()) {
        case "TokenType" -> tokenType = once(tokenType, c);
        case "RequestedSecurityToken" -> requested = once(requested, c);
        case "RequestedAttachedReference" -> attached = once(attached, c);
        case "RequestedUnattachedReference" -> unattached = once(unattached, c);
        case "RequestedProofToken" -> proof = once(proof, c);
        case "Entropy" -> entropy = once(entropy, c);
        case "Lifetime" -> lifetime = once(lifetime, c);
        case "KeySize" -> keySize = once(keySize, c);
        case "RequestedTokenCancelled" -> cancelled = once(cancelled, c);
        default -> throw unexpected(c, "wst:RequestSecurityTokenResponse");
      }
    }
    RequestSecurityTokenResponse.Builder b = RequestSecurityTokenResponse.newBuilder(v);
    String context = Dom.attribute(rstr, null, "Context");
    if (context != null) {
      b.context(bounded(context, "Context attribute"));
    }
    if (tokenType != null) {
      String tt = Read.text(tokenType, limits.maxUriChars(), MAX_URI, BAD);
      if (TrustVersion.forTokenType(tt).isEmpty()) {
        throw new ParleyFault(BAD, "wst:TokenType " + tt + " is not an SCT token type");
      }
      b.tokenType(tt);
    }
    if (cancelled != null) {
      if (requested != null || proof != null) {
        throw new ParleyFault(
            BAD, "wst:RequestedTokenCancelled with a token or proof (WS-Trust 1.3 section 6)");
      }
      if (Dom.firstChildElement(cancelled) != null) {
        throw new ParleyFault(BAD, "wst:RequestedTokenCancelled must be empty");
      }
      b.tokenCancelled();
    } else if (requested == null) {
      throw new ParleyFault(
          BAD,
          "wst:RequestSecurityTokenResponse without wst:RequestedSecurityToken or"
              + " wst:RequestedTokenCancelled");
    }
    if (requested != null) {
      var kids = Dom.childElements(requested);
      if (kids.size() != 1 || !SctCodec.isSct(kids.get(0))) {
        throw new ParleyFault(
            BAD, "wst:RequestedSecurityToken must hold exactly one wsc:SecurityContextToken");
      }
      b.requestedToken(readSct(kids.get(0), v));
    }
    if (attached != null) {
      b.attachedReference(readReferenceOnly(attached));
    }
    if (unattached != null) {
      b.unattachedReference(readReferenceOnly(unattached));
    }
    if (proof != null) {
      b.proofToken(readProof(proof, v));
    }
    if (entropy != null) {
      b.entropy(readEntropy(entropy, v));
    }
    if (lifetime != null) {
      b.lifetime(readLifetime(lifetime));
    }
    if (keySize != null) {
      b.keySizeBits(readKeySize(keySize));
    }
    return b.build();
  }

  /**
   * Writes {@code rstr}: inside a {@code wst:RequestSecurityTokenResponseCollection} for WS-Trust
   * 1.3 (section 4.3), bare for Feb 2005. The returned element goes into the SOAP body.
   */
  public Element writeResponse(Document doc, RequestSecurityTokenResponse rstr) {
    TrustVersion v = rstr.version();
    Element e = wst(doc, v, "RequestSecurityTokenResponse");
    rstr.context().ifPresent(c -> e.setAttributeNS(null, "Context", c));
    rstr.tokenType().ifPresent(t -> text(e, v, "TokenType", t));
    rstr.requestedToken()
        .ifPresent(
            t -> {
              Element r = wst(doc, v, "RequestedSecurityToken");
              r.appendChild(SctCodec.write(doc, t));
              e.appendChild(r);
            });
    rstr.attachedReference()
        .ifPresent(
            r -> {
              Element x = wst(doc, v, "RequestedAttachedReference");
              x.appendChild(writeStr(doc, v, r));
              e.appendChild(x);
            });
    rstr.unattachedReference()
        .ifPresent(
            r -> {
              Element x = wst(doc, v, "RequestedUnattachedReference");
              x.appendChild(writeStr(doc, v, r));
              e.appendChild(x);
            });
    rstr.lifetime().ifPresent(l -> e.appendChild(writeLifetime(doc, v, l)));
    rstr.keySizeBits().ifPresent(k -> text(e, v, "KeySize", Integer.toString(k)));
    rstr.proofToken().ifPresent(p -> e.appendChild(writeProof(doc, v, p)));
    rstr.entropy().ifPresent(en -> e.appendChild(writeEntropy(doc, v, en)));
    if (rstr.tokenCancelled()) {
      e.appendChild(wst(doc, v, "RequestedTokenCancelled"));
    }
    if (v == TrustVersion.WS_TRUST_13) {
      Element coll = wst(doc, v, "RequestSecurityTokenResponseCollection");
      coll.setAttributeNS(Ns.XMLNS, "xmlns:wst", v.trustNamespace());
      coll.appendChild(e);
      return coll;
    }
    e.setAttributeNS(Ns.XMLNS, "xmlns:wst", v.trustNamespace());
    return e;
  }

  // ---------------------------------------------------------------------------------------------
  // parts

  private TrustVersion versionOf(Element e, String localName) throws ParleyFault {
    TrustVersion v = TrustVersion.forTrustNamespace(e.getNamespaceURI()).orElse(null);
    if (v == null || !localName.equals(e.getLocalName())) {
      throw new ParleyFault(
          BAD, "expected wst:" + localName + " of WS-Trust 1.3 or Feb 2005, found " + Read.name(e));
    }
    return v;
  }

  /** Reads a {@code wsp:AppliesTo} holding one {@code wsa:EndpointReference} (section 4.1). */
  public AppliesTo readAppliesTo(Element e) throws ParleyFault {
    var kids = Dom.childElements(e);
    if (kids.size() != 1) {
      throw new ParleyFault(
          BAD, "wsp:AppliesTo must hold exactly one wsa:EndpointReference, had " + kids.size());
    }
    Element epr = kids.get(0);
    AddressingVersion av = AddressingVersion.forNamespace(epr.getNamespaceURI());
    if (av == null || !"EndpointReference".equals(epr.getLocalName())) {
      throw new ParleyFault(
          BAD, "wsp:AppliesTo must hold a wsa:EndpointReference, found " + Read.name(epr));
    }
    var addresses = Dom.children(epr, av.namespace(), "Address");
    if (addresses.size() != 1) {
      throw new ParleyFault(
          BAD, "wsa:EndpointReference in wsp:AppliesTo needs exactly one wsa:Address");
    }
    String address = Read.text(addresses.get(0), limits.maxUriChars(), MAX_URI, BAD);
    return new AppliesTo(address, e.getNamespaceURI(), av);
  }

  /** Writes {@code a} as a {@code wsp:AppliesTo} owned by {@code doc}. */
  public Element writeAppliesTo(Document doc, AppliesTo a) {
    Element e = doc.createElementNS(a.policyNamespace(), "wsp:AppliesTo");
    e.setAttributeNS(Ns.XMLNS, "xmlns:wsp", a.policyNamespace());
    String wsa = a.addressing().namespace();
    Element epr = doc.createElementNS(wsa, "wsa:EndpointReference");
    epr.setAttributeNS(Ns.XMLNS, "xmlns:wsa", wsa);
    Element addr = doc.createElementNS(wsa, "wsa:Address");
    addr.setTextContent(a.address());
    epr.appendChild(addr);
    e.appendChild(epr);
    return e;
  }

  /** Writes {@code p} as a {@code wst:RequestedProofToken} of version {@code v}. */
  public Element writeProof(Document doc, TrustVersion v, ProofToken p) {
    Element x = wst(doc, v, "RequestedProofToken");
    switch (p.kind()) {
      case COMPUTED_KEY -> text(x, v, "ComputedKey", p.computedKeyAlgorithm().orElseThrow());
      case BINARY_SECRET ->
          x.appendChild(writeBinarySecret(doc, v, p.binarySecret().orElseThrow()));
      case ENCRYPTED_KEY ->
          x.appendChild(Dom.importSelfContained(doc, p.encryptedKey().orElseThrow()));
    }
    return x;
  }

  /** Reads a {@code wst:Lifetime} (section 4.4): both Created and Expires required. */
  public Lifetime readLifetime(Element e) throws ParleyFault {
    Element created = null;
    Element expires = null;
    for (Element c = Dom.firstChildElement(e); c != null; c = Dom.nextSiblingElement(c)) {
      if (Dom.is(c, Ns.WSU, "Created")) {
        created = once(created, c);
      } else if (Dom.is(c, Ns.WSU, "Expires")) {
        expires = once(expires, c);
      } else {
        throw unexpected(c, "wst:Lifetime");
      }
    }
    if (created == null || expires == null) {
      throw new ParleyFault(
          BAD, "wst:Lifetime needs wsu:Created and wsu:Expires (Parley requires both)");
    }
    Instant c = instant(created);
    Instant x = instant(expires);
    if (!x.isAfter(c)) {
      throw new ParleyFault(BAD, "wst:Lifetime expires " + x + " is not after created " + c);
    }
    return new Lifetime(c, x);
  }

  /** Writes {@code l} as a {@code wst:Lifetime} of version {@code v}. */
  public Element writeLifetime(Document doc, TrustVersion v, Lifetime l) {
    Element e = wst(doc, v, "Lifetime");
    e.setAttributeNS(Ns.XMLNS, "xmlns:wsu", Ns.WSU);
    Element c = doc.createElementNS(Ns.WSU, "wsu:Created");
    c.setTextContent(l.created().toString());
    Element x = doc.createElementNS(Ns.WSU, "wsu:Expires");
    x.setTextContent(l.expires().toString());
    e.appendChild(c);
    e.appendChild(x);
    return e;
  }

  private static Instant instant(Element e) throws ParleyFault {
    String s = Read.text(e, 64, "64 characters", BAD);
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException ex) {
      throw new ParleyFault(BAD, Read.name(e) + " is not an xs:dateTime in UTC: " + s);
    }
  }

  /** Reads a {@code wst:Entropy} of version {@code v} (section 4.4.3). */
  public Entropy readEntropy(Element e, TrustVersion v) throws ParleyFault {
    var kids = Dom.childElements(e);
    if (kids.size() != 1) {
      throw new ParleyFault(
          BAD,
          "wst:Entropy must hold exactly one child (WS-Trust 1.3 section 4.4.3), had "
              + kids.size());
    }
    Element k = kids.get(0);
    if (Dom.is(k, v.trustNamespace(), "BinarySecret")) {
      return Entropy.of(readBinarySecret(k, v, false));
    }
    if (Dom.is(k, Ns.XENC, "EncryptedKey") || Dom.is(k, Ns.XENC, "EncryptedData")) {
      return Entropy.encrypted(k);
    }
    throw new ParleyFault(
        BAD,
        "wst:Entropy holds "
            + Read.name(k)
            + "; expected wst:BinarySecret, xenc:EncryptedKey or xenc:EncryptedData");
  }

  /** Writes {@code en} as a {@code wst:Entropy} of version {@code v}. */
  public Element writeEntropy(Document doc, TrustVersion v, Entropy en) {
    Element e = wst(doc, v, "Entropy");
    if (en.binarySecret().isPresent()) {
      e.appendChild(writeBinarySecret(doc, v, en.binarySecret().get()));
    } else {
      e.appendChild(Dom.importSelfContained(doc, en.encryptedElement().orElseThrow()));
    }
    return e;
  }

  private BinarySecret readBinarySecret(Element e, TrustVersion v, boolean proof)
      throws ParleyFault {
    String typeUri = Dom.attribute(e, null, "Type");
    // WS-Trust 1.3 section 3.3: the default type is SymmetricKey.
    BinarySecret.Type type = BinarySecret.Type.SYMMETRIC_KEY;
    if (typeUri != null) {
      type =
          v.binarySecretTypeFor(typeUri)
              .orElseThrow(
                  () ->
                      new ParleyFault(
                          BAD,
                          "wst:BinarySecret Type "
                              + bounded(typeUri)
                              + " is not a "
                              + v
                              + " type (WS-Trust 1.3 section 3.3)"));
    }
    if (type == BinarySecret.Type.ASYMMETRIC_KEY) {
      throw new ParleyFault(BAD, "wst:BinarySecret of type AsymmetricKey is not supported");
    }
    if (proof
        && type == BinarySecret.Type.NONCE
        && !compliance.allows(TrustCompliance.Deviation.NONCE_TYPED_PROOF_KEY)) {
      throw new ParleyFault(
          BAD,
          "a proof key wst:BinarySecret must be a SymmetricKey (WS-Trust 1.3 section 3.3), was"
              + " Nonce; allowed only under TrustCompliance deviation NONCE_TYPED_PROOF_KEY");
    }
    byte[] bytes =
        Read.base64(e, limits.maxBinarySecretBytes(), "TrustLimits.maxBinarySecretBytes", BAD);
    return BinarySecret.of(type, SecretBytes.wrapOwned(bytes));
  }

  private Element writeBinarySecret(Document doc, TrustVersion v, BinarySecret s) {
    Element e = wst(doc, v, "BinarySecret");
    e.setAttributeNS(null, "Type", v.binarySecretTypeUri(s.type()));
    e.setTextContent(Base64.getEncoder().encodeToString(s.value().toByteArray()));
    return e;
  }

  /** Reads a {@code wst:KeySize} bounded by {@link TrustLimits#maxKeySizeBits()}. */
  public int readKeySize(Element e) throws ParleyFault {
    String s = Read.text(e, 12, "12 characters", BAD);
    int bits;
    try {
      bits = Integer.parseInt(s);
    } catch (NumberFormatException ex) {
      throw new ParleyFault(BAD, "wst:KeySize is not an unsigned int: " + s);
    }
    if (bits < 1 || bits > limits.maxKeySizeBits() || bits % 8 != 0) {
      throw new ParleyFault(
          BAD,
          "wst:KeySize "
              + bits
              + " must be a multiple of 8 between 8 and TrustLimits.maxKeySizeBits ("
              + limits.maxKeySizeBits()
              + ")");
    }
    return bits;
  }

  /** Reads a {@code wst:RequestedProofToken} of version {@code v} (section 4.4.3). */
  public ProofToken readProof(Element e, TrustVersion v) throws ParleyFault {
    var kids = Dom.childElements(e);
    if (kids.size() != 1) {
      throw new ParleyFault(BAD, "wst:RequestedProofToken must hold exactly one child");
    }
    Element k = kids.get(0);
    if (Dom.is(k, v.trustNamespace(), "ComputedKey")) {
      String alg = Read.text(k, limits.maxUriChars(), MAX_URI, BAD);
      if (!alg.equals(v.computedKeyPsha1())) {
        throw new ParleyFault(
            BAD,
            "unknown wst:ComputedKey "
                + alg
                + "; WS-Trust 1.3 section 4.4.4 defines only "
                + v.computedKeyPsha1());
      }
      return ProofToken.computedKey(alg);
    }
    if (Dom.is(k, v.trustNamespace(), "BinarySecret")) {
      return ProofToken.binarySecret(readBinarySecret(k, v, true));
    }
    if (Dom.is(k, Ns.XENC, "EncryptedKey")) {
      return ProofToken.encryptedKey(k);
    }
    throw new ParleyFault(
        BAD,
        "wst:RequestedProofToken holds "
            + Read.name(k)
            + "; expected wst:ComputedKey, wst:BinarySecret or xenc:EncryptedKey");
  }

  private ContextTokenReference readTarget(Element target) throws ParleyFault {
    var kids = Dom.childElements(target);
    if (kids.size() != 1) {
      throw new ParleyFault(
          BAD, "wst:" + target.getLocalName() + " must hold exactly one child, had " + kids.size());
    }
    Element k = kids.get(0);
    if (SctCodec.isSct(k)) {
      return ContextTokenReference.inline(readSct(k, versionOf(target.getNamespaceURI())));
    }
    return readStr(k);
  }

  private ContextTokenReference readReferenceOnly(Element holder) throws ParleyFault {
    var kids = Dom.childElements(holder);
    if (kids.size() != 1) {
      throw new ParleyFault(
          BAD, "wst:" + holder.getLocalName() + " must hold one wsse:SecurityTokenReference");
    }
    return readStr(kids.get(0));
  }

  private ContextTokenReference readStr(Element str) throws ParleyFault {
    if (!Dom.is(str, Ns.WSSE, "SecurityTokenReference")) {
      throw new ParleyFault(
          BAD,
          "expected wsse:SecurityTokenReference or wsc:SecurityContextToken, found "
              + Read.name(str));
    }
    var kids = Dom.childElements(str);
    if (kids.size() != 1 || !Dom.is(kids.get(0), Ns.WSSE, "Reference")) {
      throw new ParleyFault(
          BAD,
          "a reference to an SCT must be a wsse:SecurityTokenReference with one wsse:Reference"
              + " (WS-SC 1.3 section 2)");
    }
    Element ref = kids.get(0);
    String uri = Dom.attribute(ref, null, "URI");
    if (uri == null || uri.isBlank() || uri.length() > limits.maxUriChars()) {
      throw new ParleyFault(BAD, "wsse:Reference needs a URI of 1 to maxUriChars characters");
    }
    String valueType = Dom.attribute(ref, null, "ValueType");
    if (valueType != null && TrustVersion.forTokenType(valueType).isEmpty()) {
      throw new ParleyFault(
          BAD, "wsse:Reference ValueType " + bounded(valueType) + " is not an SCT token type");
    }
    String instance = Dom.attribute(ref, Ns.WSC13, "Instance");
    if (instance == null) {
      instance = Dom.attribute(ref, Ns.WSC200502, "Instance");
    }
    ContextTokenReference r;
    if (uri.startsWith("#")) {
      if (uri.length() == 1 || instance != null) {
        throw new ParleyFault(BAD, "a local wsse:Reference needs an id after '#' and no Instance");
      }
      r = ContextTokenReference.toLocalId(uri.substring(1));
    } else if (instance != null) {
      r = ContextTokenReference.toInstance(uri, bounded(instance, "wsc:Instance"));
    } else {
      r = ContextTokenReference.toIdentifier(uri);
    }
    return valueType == null ? r.withoutValueType() : r;
  }

  private Element writeReference(Document doc, TrustVersion v, ContextTokenReference r) {
    if (r.kind() == ContextTokenReference.Kind.INLINE) {
      return SctCodec.write(doc, r.token().orElseThrow());
    }
    return writeStr(doc, v, r);
  }

  private Element writeStr(Document doc, TrustVersion v, ContextTokenReference r) {
    Element str = doc.createElementNS(Ns.WSSE, "wsse:SecurityTokenReference");
    str.setAttributeNS(Ns.XMLNS, "xmlns:wsse", Ns.WSSE);
    if (r.kind() == ContextTokenReference.Kind.INLINE) {
      // An STR cannot hold a token; refer to it by identifier instead.
      r = ContextTokenReference.toIdentifier(r.token().orElseThrow().identifier());
    }
    Element ref = doc.createElementNS(Ns.WSSE, "wsse:Reference");
    String value = r.value().orElseThrow();
    ref.setAttributeNS(
        null, "URI", r.kind() == ContextTokenReference.Kind.LOCAL_ID ? "#" + value : value);
    if (r.valueTypePresent()) {
      ref.setAttributeNS(null, "ValueType", v.sctTokenType());
    }
    r.instance()
        .ifPresent(
            i -> {
              ref.setAttributeNS(Ns.XMLNS, "xmlns:wsc", v.scNamespace());
              ref.setAttributeNS(v.scNamespace(), "wsc:Instance", i);
            });
    str.appendChild(ref);
    return str;
  }

  /** Reads an SCT inside a {@code v} message: same WS-SC version, or a named deviation. */
  private SecurityContextToken readSct(Element e, TrustVersion v) throws ParleyFault {
    SecurityContextToken sct;
    try {
      sct = SctCodec.read(e, limits);
    } catch (ParleyFault f) {
      throw new ParleyFault(BAD, f.getMessage(), f);
    }
    // WS-SC Feb 2005 and 1.3 each pair with their own WS-Trust version.
    if (sct.version() != v
        && !(v == TrustVersion.WS_TRUST_200502
            && compliance.allows(TrustCompliance.Deviation.SC13_TOKEN_IN_FEB2005_EXCHANGE))) {
      throw new ParleyFault(
          BAD,
          "a "
              + v
              + " message carries a "
              + sct.version()
              + " namespace SCT; allowed only under TrustCompliance deviation"
              + " SC13_TOKEN_IN_FEB2005_EXCHANGE");
    }
    return sct;
  }

  private static TrustVersion versionOf(String trustNamespace) {
    return TrustVersion.forTrustNamespace(trustNamespace).orElseThrow();
  }

  private static Element wst(Document doc, TrustVersion v, String localName) {
    return doc.createElementNS(v.trustNamespace(), "wst:" + localName);
  }

  private static void text(Element parent, TrustVersion v, String localName, String value) {
    Element e = wst(parent.getOwnerDocument(), v, localName);
    e.setTextContent(value);
    parent.appendChild(e);
  }

  private void childCount(int count, String parent) throws ParleyFault {
    if (count > limits.maxChildElements()) {
      throw new ParleyFault(
          BAD,
          parent
              + " has more than TrustLimits.maxChildElements ("
              + limits.maxChildElements()
              + ") children");
    }
  }

  private static Element once(Element seen, Element c) throws ParleyFault {
    if (seen != null) {
      throw new ParleyFault(
          BAD,
          "two "
              + Read.name(c)
              + " elements in "
              + Read.name((Element) c.getParentNode())
              + "; WS-Trust 1.3 section 3 allows at most one");
    }
    return c;
  }

  private static ParleyFault unexpected(Element c, String parent) {
    return new ParleyFault(
        BAD, parent + " has an unexpected child " + Read.name(c) + " (WS-Trust 1.3 section 3)");
  }

  private String bounded(String s, String what) throws ParleyFault {
    if (s.isBlank() || s.length() > limits.maxUriChars()) {
      throw new ParleyFault(BAD, what + " is empty or longer than " + MAX_URI);
    }
    return s;
  }

  private static String bounded(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
