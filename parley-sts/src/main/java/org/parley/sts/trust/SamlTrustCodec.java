package org.parley.sts.trust;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.parley.conversation.trust.AppliesTo;
import org.parley.conversation.trust.Entropy;
import org.parley.conversation.trust.RequestType;
import org.parley.conversation.trust.TrustCodec;
import org.parley.conversation.trust.TrustCompliance;
import org.parley.conversation.trust.TrustLimits;
import org.parley.conversation.trust.TrustVersion;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.sts.saml.SamlAssertion;
import org.parley.wire.Ns;
import org.parley.wire.xml.Dom;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads and writes the WS-Trust messages of the SAML token service, WS-Trust 1.3 and Feb 2005 (the
 * version is the namespace of the element): {@link SamlTokenRequest} and {@link SamlTokenResponse}.
 * The shared parts (AppliesTo, Lifetime, Entropy, KeySize, RequestedProofToken) are parley-
 * conversation's {@link TrustCodec}'s.
 *
 * <pre>
 * wst:RequestSecurityToken [@Context]
 *   wst:RequestType        .../Issue | Validate | Renew | Cancel         (required)
 *   wst:TokenType          SAML 2.0 (Issue, Renew) or .../RSTR/Status (Validate)
 *   wsp:AppliesTo/wsa:EndpointReference/wsa:Address                     (Issue)
 *   wst:Lifetime, wst:KeyType, wst:KeySize, wst:Entropy, wst:ComputedKeyAlgorithm, wst:UseKey
 *   wst:Renewing [@Allow] [@OK], wst:AllowPostdating
 *   wst:ValidateTarget | wst:RenewTarget | wst:CancelTarget / saml2:Assertion
 * </pre>
 *
 * Readers are strict: each child at most once, unknown children refused, URIs bounded by {@link
 * TrustLimits#maxUriChars()}; a violation is {@code wst:InvalidRequest} (WS-Trust 1.3 section 11),
 * a well-formed request for something this service does not do is {@code wst:BadRequest}. Immutable
 * and thread-safe.
 */
public final class SamlTrustCodec {
  /** WCF's alias for the SAML 2.0 token type (SAML Token Profile 1.1 section 3.6 lists both). */
  public static final String SAML2_NAMESPACE_TOKEN_TYPE = SamlAssertion.NS;

  /** SAML Token Profile 1.1 section 3.4.3: a key identifier naming a SAML 2.0 assertion's ID. */
  public static final String SAML2_KEY_IDENTIFIER =
      "http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLID";

  private static final FaultCode BAD = FaultCode.TRUST_INVALID_REQUEST;
  private static final String X509V3 = Ns.WSS_X509_PROFILE + "#X509v3";

  private final TrustCodec parts;
  private final TrustLimits limits;

  private SamlTrustCodec(TrustLimits limits) {
    this.limits = limits;
    this.parts = TrustCodec.create(limits, TrustCompliance.STRICT);
  }

  public static SamlTrustCodec create(TrustLimits limits) {
    return new SamlTrustCodec(Objects.requireNonNull(limits, "limits"));
  }

  public TrustLimits limits() {
    return limits;
  }

  /** Default {@link TrustLimits}. */
  public static SamlTrustCodec strict() {
    return create(TrustLimits.DEFAULT);
  }

  // ---------------------------------------------------------------------------------------------
  // request

  /** Reads a {@code wst:RequestSecurityToken} of either version. */
  public SamlTokenRequest readRequest(Element rst) throws ParleyFault {
    TrustVersion v = version(rst, "RequestSecurityToken");
    String wst = v.trustNamespace();
    Element requestType = null;
    Element tokenType = null;
    Element appliesTo = null;
    Element lifetime = null;
    Element keyType = null;
    Element keySize = null;
    Element entropy = null;
    Element computedKey = null;
    Element useKey = null;
    Element renewing = null;
    Element postdating = null;
    Element target = null;
    String targetName = null;
    int count = 0;
    for (Element c = Dom.firstChildElement(rst); c != null; c = Dom.nextSiblingElement(c)) {
      if (++count > limits.maxChildElements()) {
        throw new ParleyFault(
            BAD,
            "wst:RequestSecurityToken has more than TrustLimits.maxChildElements ("
                + limits.maxChildElements()
                + ") children");
      }
      if (wst.equals(c.getNamespaceURI())) {
        switch (c.getLocalName()) {
          case "RequestType" -> requestType = once(requestType, c);
          case "TokenType" -> tokenType = once(tokenType, c);
          case "Lifetime" -> lifetime = once(lifetime, c);
          case "KeyType" -> keyType = once(keyType, c);
          case "KeySize" -> keySize = once(keySize, c);
          case "Entropy" -> entropy = once(entropy, c);
          case "ComputedKeyAlgorithm" -> computedKey = once(computedKey, c);
          case "UseKey" -> useKey = once(useKey, c);
          case "Renewing" -> renewing = once(renewing, c);
          case "AllowPostdating" -> postdating = once(postdating, c);
          case "ValidateTarget", "RenewTarget", "CancelTarget" -> {
            target = once(target, c);
            targetName = c.getLocalName();
          }
          default -> throw unexpected(c);
        }
      } else if (Dom.is(c, Ns.WSP15, "AppliesTo") || Dom.is(c, Ns.WSP12, "AppliesTo")) {
        appliesTo = once(appliesTo, c);
      } else {
        throw unexpected(c);
      }
    }
    if (requestType == null) {
      throw new ParleyFault(BAD, "wst:RequestType is required (WS-Trust 1.3 section 3.1)");
    }
    String rt = uri(requestType);
    RequestType type =
        v.requestTypeFor(rt)
            .orElseThrow(
                () ->
                    new ParleyFault(
                        BAD, "wst:RequestType " + rt + " is not a " + v + " request type"));
    SamlTokenRequest.Builder b = SamlTokenRequest.newBuilder(v, type);
    String context = Dom.attribute(rst, null, "Context");
    if (context != null) {
      if (context.length() > limits.maxUriChars()) {
        throw new ParleyFault(BAD, "Context longer than TrustLimits.maxUriChars");
      }
      b.context(context);
    }
    if (tokenType != null) {
      String tt = uri(tokenType);
      boolean saml = SamlAssertion.TOKEN_TYPE.equals(tt) || SAML2_NAMESPACE_TOKEN_TYPE.equals(tt);
      boolean status = type == RequestType.VALIDATE && v.statusTokenType().equals(tt);
      if (!saml && !status) {
        throw new ParleyFault(
            FaultCode.TRUST_BAD_REQUEST, "only SAML 2.0 tokens are issued, not " + tt);
      }
      b.tokenType(tt);
    }
    if (appliesTo != null) {
      b.appliesTo(parts.readAppliesTo(appliesTo).address());
    }
    if (lifetime != null) {
      b.lifetime(parts.readLifetime(lifetime));
    }
    if (keyType != null) {
      String kt = uri(keyType);
      b.keyType(
          ProofKeyType.forUri(v, kt)
              .orElseThrow(
                  () ->
                      new ParleyFault(
                          FaultCode.TRUST_BAD_REQUEST,
                          "wst:KeyType "
                              + kt
                              + " is not Bearer, SymmetricKey or PublicKey of "
                              + v
                              + " (WS-Trust 1.3 section 4.4.1)")));
    }
    if (keySize != null) {
      b.keySizeBits(parts.readKeySize(keySize));
    }
    if (entropy != null) {
      Entropy e = parts.readEntropy(entropy, v);
      b.entropy(
          e.binarySecret()
              .orElseThrow(
                  () ->
                      new ParleyFault(
                          FaultCode.TRUST_BAD_REQUEST,
                          "encrypted wst:Entropy is not supported; send a wst:BinarySecret over"
                              + " a confidential channel")));
    }
    if (computedKey != null) {
      String alg = uri(computedKey);
      if (!v.computedKeyPsha1().equals(alg)) {
        throw new ParleyFault(
            FaultCode.TRUST_BAD_REQUEST,
            "wst:ComputedKeyAlgorithm "
                + alg
                + " is not "
                + v.computedKeyPsha1()
                + " (WS-Trust 1.3 section 4.4.4)");
      }
      b.computedKeyPsha1();
    }
    if (useKey != null) {
      b.useKey(readUseKey(useKey));
    }
    if (renewing != null) {
      // WS-Trust 1.3 section 5: Allow defaults to true, OK to false.
      b.renewing(
          new SamlTokenRequest.Renewing(
              bool(renewing, "Allow", true), bool(renewing, "OK", false)));
    }
    if (postdating != null) {
      b.allowPostdating();
    }
    if (target != null) {
      String expected = targetFor(type);
      if (!targetName.equals(expected)) {
        throw new ParleyFault(
            BAD,
            "wst:" + targetName + " in a " + type + " request (WS-Trust 1.3 sections 5, 6, 7)");
      }
      List<Element> kids = Dom.childElements(target);
      if (kids.size() != 1 || !Dom.is(kids.get(0), SamlAssertion.NS, "Assertion")) {
        throw new ParleyFault(
            BAD,
            "wst:"
                + targetName
                + " must hold the saml2:Assertion itself; references are not supported");
      }
      b.target(kids.get(0));
    } else if (type != RequestType.ISSUE) {
      throw new ParleyFault(BAD, "a " + type + " request needs wst:" + targetFor(type));
    }
    try {
      return b.build();
    } catch (IllegalStateException e) {
      throw new ParleyFault(BAD, e.getMessage());
    }
  }

  /** Writes {@code r} as an element of {@code doc}, ready for a SOAP body. */
  public Element writeRequest(Document doc, SamlTokenRequest r) {
    TrustVersion v = r.version();
    Element e = wst(doc, v, "RequestSecurityToken");
    e.setAttributeNS(Ns.XMLNS, "xmlns:wst", v.trustNamespace());
    r.context().ifPresent(c -> e.setAttributeNS(null, "Context", c));
    text(e, v, "RequestType", v.requestTypeUri(r.type()));
    r.tokenType().ifPresent(t -> text(e, v, "TokenType", t));
    r.appliesTo().ifPresent(a -> e.appendChild(parts.writeAppliesTo(doc, AppliesTo.of(a))));
    r.lifetime().ifPresent(l -> e.appendChild(parts.writeLifetime(doc, v, l)));
    r.target()
        .ifPresent(
            t -> {
              Element holder = wst(doc, v, targetFor(r.type()));
              holder.appendChild(Dom.importSelfContained(doc, t));
              e.appendChild(holder);
            });
    r.renewing()
        .ifPresent(
            rn -> {
              Element x = wst(doc, v, "Renewing");
              x.setAttributeNS(null, "Allow", Boolean.toString(rn.allow()));
              x.setAttributeNS(null, "OK", Boolean.toString(rn.ok()));
              e.appendChild(x);
            });
    if (r.allowPostdating()) {
      e.appendChild(wst(doc, v, "AllowPostdating"));
    }
    if (r.type() == RequestType.ISSUE) {
      text(e, v, "KeyType", r.keyType().uri(v));
    }
    r.keySizeBits().ifPresent(k -> text(e, v, "KeySize", Integer.toString(k)));
    r.entropy().ifPresent(en -> e.appendChild(parts.writeEntropy(doc, v, Entropy.of(en))));
    if (r.computedKeyPsha1()) {
      text(e, v, "ComputedKeyAlgorithm", v.computedKeyPsha1());
    }
    r.useKey()
        .ifPresent(
            cert -> {
              Element uk = wst(doc, v, "UseKey");
              Element bst = doc.createElementNS(Ns.WSSE, "wsse:BinarySecurityToken");
              bst.setAttributeNS(Ns.XMLNS, "xmlns:wsse", Ns.WSSE);
              bst.setAttributeNS(null, "ValueType", X509V3);
              bst.setAttributeNS(
                  null, "EncodingType", Ns.WSS_SOAP_MESSAGE_SECURITY + "#Base64Binary");
              bst.setTextContent(Base64.getEncoder().encodeToString(encoded(cert)));
              uk.appendChild(bst);
              e.appendChild(uk);
            });
    return e;
  }

  // ---------------------------------------------------------------------------------------------
  // response

  /**
   * Writes {@code r}: a WS-Trust 1.3 Issue answer inside a {@code
   * wst:RequestSecurityTokenResponseCollection} (section 4.3), every other answer bare.
   */
  public Element writeResponse(Document doc, SamlTokenResponse r) {
    return writeResponses(doc, List.of(r));
  }

  /**
   * Writes several Issue answers (one per identity) in one {@code
   * wst:RequestSecurityTokenResponseCollection}; a single Feb 2005 answer is written bare, as WCF
   * sends it.
   */
  public Element writeResponses(Document doc, List<SamlTokenResponse> responses) {
    if (responses.isEmpty()) {
      throw new IllegalArgumentException("no response to write");
    }
    SamlTokenResponse first = responses.get(0);
    TrustVersion v = first.version();
    // Feb 2005 defines the collection too (section 5), for answers with several tokens.
    boolean collection =
        responses.size() > 1
            || (v == TrustVersion.WS_TRUST_13 && first.type() == RequestType.ISSUE);
    if (!collection) {
      Element e = writeBare(doc, first);
      e.setAttributeNS(Ns.XMLNS, "xmlns:wst", v.trustNamespace());
      return e;
    }
    Element coll = wst(doc, v, "RequestSecurityTokenResponseCollection");
    coll.setAttributeNS(Ns.XMLNS, "xmlns:wst", v.trustNamespace());
    for (SamlTokenResponse r : responses) {
      coll.appendChild(writeBare(doc, r));
    }
    return coll;
  }

  private Element writeBare(Document doc, SamlTokenResponse r) {
    TrustVersion v = r.version();
    Element e = wst(doc, v, "RequestSecurityTokenResponse");
    r.context().ifPresent(c -> e.setAttributeNS(null, "Context", c));
    r.tokenType().ifPresent(t -> text(e, v, "TokenType", t));
    r.assertion()
        .ifPresent(
            a -> {
              Element holder = wst(doc, v, "RequestedSecurityToken");
              holder.appendChild(Dom.importSelfContained(doc, a));
              e.appendChild(holder);
              String id = a.getAttributeNS(null, "ID");
              e.appendChild(samlReference(doc, v, "RequestedAttachedReference", id));
              e.appendChild(samlReference(doc, v, "RequestedUnattachedReference", id));
            });
    r.appliesTo().ifPresent(a -> e.appendChild(parts.writeAppliesTo(doc, AppliesTo.of(a))));
    r.lifetime().ifPresent(l -> e.appendChild(parts.writeLifetime(doc, v, l)));
    r.proofToken().ifPresent(p -> e.appendChild(parts.writeProof(doc, v, p)));
    r.issuerEntropy().ifPresent(en -> e.appendChild(parts.writeEntropy(doc, v, Entropy.of(en))));
    r.keySizeBits().ifPresent(k -> text(e, v, "KeySize", Integer.toString(k)));
    r.keyType().ifPresent(k -> text(e, v, "KeyType", k.uri(v)));
    r.status()
        .ifPresent(
            s -> {
              Element status = wst(doc, v, "Status");
              text(status, v, "Code", s.valid() ? v.statusValid() : v.statusInvalid());
              text(status, v, "Reason", s.reason());
              e.appendChild(status);
            });
    if (r.cancelled()) {
      e.appendChild(wst(doc, v, "RequestedTokenCancelled"));
    }
    return e;
  }

  // SAML Token Profile 1.1 section 3.4.3: wsse:KeyIdentifier of ValueType SAMLID.
  private static Element samlReference(Document doc, TrustVersion v, String name, String id) {
    Element holder = wst(doc, v, name);
    Element str = doc.createElementNS(Ns.WSSE, "wsse:SecurityTokenReference");
    str.setAttributeNS(Ns.XMLNS, "xmlns:wsse", Ns.WSSE);
    str.setAttributeNS(Ns.XMLNS, "xmlns:wsse11", Ns.WSSE11);
    str.setAttributeNS(Ns.WSSE11, "wsse11:TokenType", SamlAssertion.TOKEN_TYPE);
    Element ki = doc.createElementNS(Ns.WSSE, "wsse:KeyIdentifier");
    ki.setAttributeNS(null, "ValueType", SAML2_KEY_IDENTIFIER);
    ki.setTextContent(id);
    str.appendChild(ki);
    holder.appendChild(str);
    return holder;
  }

  /**
   * Reads the answer to a request of {@code expected} type: a {@code
   * wst:RequestSecurityTokenResponseCollection} (one or more responses) or a bare {@code
   * wst:RequestSecurityTokenResponse}.
   */
  public List<SamlTokenResponse> readResponses(Element e, RequestType expected) throws ParleyFault {
    List<SamlTokenResponse> out = new ArrayList<>();
    if ("RequestSecurityTokenResponseCollection".equals(e.getLocalName())) {
      TrustVersion v = version(e, "RequestSecurityTokenResponseCollection");
      List<Element> kids = Dom.childElements(e);
      if (kids.isEmpty() || kids.size() > limits.maxChildElements()) {
        throw new ParleyFault(
            BAD,
            "a response collection must hold 1 to TrustLimits.maxChildElements responses, held "
                + kids.size());
      }
      for (Element k : kids) {
        if (!Dom.is(k, v.trustNamespace(), "RequestSecurityTokenResponse")) {
          throw unexpected(k);
        }
        out.add(readBare(k, expected));
      }
      return out;
    }
    out.add(readBare(e, expected));
    return out;
  }

  private SamlTokenResponse readBare(Element rstr, RequestType expected) throws ParleyFault {
    TrustVersion v = version(rstr, "RequestSecurityTokenResponse");
    String wst = v.trustNamespace();
    SamlTokenResponse.Builder b = SamlTokenResponse.newBuilder(v, expected);
    String context = Dom.attribute(rstr, null, "Context");
    if (context != null) {
      b.context(context);
    }
    Element requested = null;
    Element status = null;
    Element cancelled = null;
    int count = 0;
    for (Element c = Dom.firstChildElement(rstr); c != null; c = Dom.nextSiblingElement(c)) {
      if (++count > limits.maxChildElements()) {
        throw new ParleyFault(BAD, "RSTR has more than TrustLimits.maxChildElements children");
      }
      if (Dom.is(c, Ns.WSP15, "AppliesTo") || Dom.is(c, Ns.WSP12, "AppliesTo")) {
        b.appliesTo(parts.readAppliesTo(c).address());
        continue;
      }
      if (!wst.equals(c.getNamespaceURI())) {
        throw unexpected(c);
      }
      switch (c.getLocalName()) {
        case "TokenType" -> b.tokenType(uri(c));
        case "RequestedSecurityToken" -> requested = once(requested, c);
        case "RequestedAttachedReference", "RequestedUnattachedReference", "RequestType" -> {
          // references name the assertion by its ID; the assertion itself is what counts
        }
        case "Lifetime" -> b.lifetime(parts.readLifetime(c));
        case "RequestedProofToken" -> b.proofToken(parts.readProof(c, v));
        case "Entropy" ->
            b.issuerEntropy(
                parts
                    .readEntropy(c, v)
                    .binarySecret()
                    .orElseThrow(
                        () -> new ParleyFault(BAD, "encrypted issuer entropy is not supported")));
        case "KeySize" -> b.keySizeBits(parts.readKeySize(c));
        case "KeyType" -> {
          String kt = uri(c);
          b.keyType(
              ProofKeyType.forUri(v, kt)
                  .orElseThrow(() -> new ParleyFault(BAD, "unknown wst:KeyType " + kt)));
        }
        case "Status" -> status = once(status, c);
        case "RequestedTokenCancelled" -> cancelled = once(cancelled, c);
        default -> throw unexpected(c);
      }
    }
    if (requested != null) {
      List<Element> kids = Dom.childElements(requested);
      if (kids.size() != 1 || !Dom.is(kids.get(0), SamlAssertion.NS, "Assertion")) {
        throw new ParleyFault(
            BAD, "wst:RequestedSecurityToken must hold exactly one saml2:Assertion");
      }
      b.assertion(kids.get(0));
    }
    if (status != null) {
      Element code = Dom.child(status, wst, "Code");
      if (code == null) {
        throw new ParleyFault(BAD, "wst:Status without wst:Code (WS-Trust 1.3 section 7)");
      }
      String c = uri(code);
      boolean valid;
      if (c.equals(v.statusValid())) {
        valid = true;
      } else if (c.equals(v.statusInvalid())) {
        valid = false;
      } else {
        throw new ParleyFault(BAD, "unknown wst:Status code " + c);
      }
      Element reason = Dom.child(status, wst, "Reason");
      b.status(new SamlTokenResponse.Status(valid, reason == null ? "" : bounded(reason)));
    }
    if (expected == RequestType.CANCEL && cancelled == null) {
      throw new ParleyFault(BAD, "a Cancel answer needs wst:RequestedTokenCancelled (section 6)");
    }
    try {
      return b.build();
    } catch (IllegalStateException e) {
      throw new ParleyFault(
          BAD, "the response does not answer a " + expected + ": " + e.getMessage());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // parts

  /*
   * wst:UseKey (WS-Trust 1.3 section 9.2) holding the certificate itself:
   *   wsse:BinarySecurityToken[@ValueType=#X509v3]  or  ds:KeyInfo/ds:X509Data/ds:X509Certificate
   */
  private X509Certificate readUseKey(Element useKey) throws ParleyFault {
    List<Element> kids = Dom.childElements(useKey);
    if (kids.size() != 1) {
      throw new ParleyFault(BAD, "wst:UseKey must hold exactly one token");
    }
    Element k = kids.get(0);
    Element certText;
    if (Dom.is(k, Ns.WSSE, "BinarySecurityToken")) {
      if (!X509V3.equals(Dom.attribute(k, null, "ValueType"))) {
        throw new ParleyFault(
            FaultCode.TRUST_BAD_REQUEST, "wst:UseKey supports X.509 v3 BinarySecurityTokens only");
      }
      certText = k;
    } else if (Dom.is(k, Ns.DS, "KeyInfo")) {
      certText = Dom.child(Dom.child(k, Ns.DS, "X509Data"), Ns.DS, "X509Certificate");
      if (certText == null) {
        throw new ParleyFault(
            FaultCode.TRUST_BAD_REQUEST,
            "wst:UseKey ds:KeyInfo must carry ds:X509Data/ds:X509Certificate");
      }
    } else {
      throw new ParleyFault(
          FaultCode.TRUST_BAD_REQUEST,
          "wst:UseKey must hold a certificate (wsse:BinarySecurityToken or ds:KeyInfo)");
    }
    String b64 = Dom.text(certText);
    if (b64.length() > MAX_CERTIFICATE_CHARS) {
      throw new ParleyFault(BAD, "wst:UseKey certificate longer than " + MAX_CERTIFICATE_CHARS);
    }
    try {
      byte[] der = Base64.getMimeDecoder().decode(b64);
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (IllegalArgumentException | CertificateException | ClassCastException e) {
      throw new ParleyFault(BAD, "wst:UseKey holds no readable X.509 certificate");
    }
  }

  /** Longest base64 certificate accepted in {@code wst:UseKey}. */
  public static final int MAX_CERTIFICATE_CHARS = 16 * 1024;

  private static String targetFor(RequestType type) {
    return switch (type) {
      case VALIDATE -> "ValidateTarget";
      case RENEW -> "RenewTarget";
      case CANCEL -> "CancelTarget";
      case ISSUE -> throw new IllegalArgumentException("an Issue has no target");
    };
  }

  private static TrustVersion version(Element e, String localName) throws ParleyFault {
    TrustVersion v = TrustVersion.forTrustNamespace(e.getNamespaceURI()).orElse(null);
    if (v == null || !localName.equals(e.getLocalName())) {
      throw new ParleyFault(
          BAD,
          "expected wst:"
              + localName
              + " of WS-Trust 1.3 or Feb 2005, found {"
              + e.getNamespaceURI()
              + "}"
              + e.getLocalName());
    }
    return v;
  }

  private String uri(Element e) throws ParleyFault {
    String s = bounded(e);
    if (s.isEmpty()) {
      throw new ParleyFault(BAD, "wst:" + e.getLocalName() + " must not be empty");
    }
    return s;
  }

  private String bounded(Element e) throws ParleyFault {
    if (Dom.firstChildElement(e) != null) {
      throw new ParleyFault(BAD, e.getLocalName() + " must hold text only");
    }
    String s = Dom.text(e).strip();
    if (s.length() > limits.maxUriChars()) {
      throw new ParleyFault(
          BAD,
          e.getLocalName()
              + " is longer than TrustLimits.maxUriChars ("
              + limits.maxUriChars()
              + ")");
    }
    return s;
  }

  private static boolean bool(Element e, String attribute, boolean dflt) throws ParleyFault {
    String s = Dom.attribute(e, null, attribute);
    if (s == null) {
      return dflt;
    }
    return switch (s.strip()) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw new ParleyFault(BAD, attribute + " must be an xs:boolean, was " + s);
    };
  }

  private static Element once(Element seen, Element c) throws ParleyFault {
    if (seen != null) {
      throw new ParleyFault(BAD, "wst:" + c.getLocalName() + " appears more than once");
    }
    return c;
  }

  private static ParleyFault unexpected(Element c) {
    return new ParleyFault(
        BAD, "unexpected element {" + c.getNamespaceURI() + "}" + c.getLocalName());
  }

  private static Element wst(Document doc, TrustVersion v, String local) {
    return doc.createElementNS(v.trustNamespace(), "wst:" + local);
  }

  private static void text(Element parent, TrustVersion v, String local, String value) {
    Element e = wst(parent.getOwnerDocument(), v, local);
    e.setTextContent(value);
    parent.appendChild(e);
  }

  private static byte[] encoded(X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate cannot be encoded", e);
    }
  }
}
