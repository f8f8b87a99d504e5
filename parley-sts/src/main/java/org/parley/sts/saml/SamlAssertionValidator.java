package org.parley.sts.saml;

import static org.parley.sts.saml.SamlRejectedException.Reason.AUDIENCE;
import static org.parley.sts.saml.SamlRejectedException.Reason.CONFIRMATION;
import static org.parley.sts.saml.SamlRejectedException.Reason.EXPIRED;
import static org.parley.sts.saml.SamlRejectedException.Reason.MALFORMED;
import static org.parley.sts.saml.SamlRejectedException.Reason.NOT_YET_VALID;
import static org.parley.sts.saml.SamlRejectedException.Reason.REPLAY;
import static org.parley.sts.saml.SamlRejectedException.Reason.SIGNATURE_INVALID;
import static org.parley.sts.saml.SamlRejectedException.Reason.SIGNATURE_STRUCTURE;
import static org.parley.sts.saml.SamlRejectedException.Reason.UNTRUSTED_ISSUER;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.signature.XMLSignatureInput;
import org.parley.core.claims.BootstrapToken;
import org.parley.core.claims.Claim;
import org.parley.core.claims.ClaimTypes;
import org.parley.core.claims.ClaimsIdentity;
import org.parley.core.store.ReplayCache;
import org.parley.sts.internal.Santuario;
import org.parley.wire.Ns;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;
import org.parley.wire.xml.XmlRejectedException;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Verifies a signed SAML 2.0 assertion and turns it into a {@link ClaimsIdentity}. In order:
 *
 * <ol>
 *   <li>the assertion's own structure (SAML Core 2.3.3, strict child order, no Advice);
 *   <li>the signature's structure: one enveloped {@code ds:Signature} after Issuer, one Reference
 *       whose URI is "#" + this assertion's ID, transforms exactly enveloped-signature and
 *       exc-c14n, RSA-SHA256 and SHA-256 only (SAML Core 5.4; refuses signature wrapping);
 *   <li>the issuer and the signing certificate against the configured trusted issuers (compared by
 *       the certificate's encoding), then the signature itself, verified with the configured
 *       certificate's key, and the signed node must be this very element;
 *   <li>audience (SAML Core 2.5.1.4), validity window with a capped clock skew (2.5.1.2);
 *   <li>one-time use of the assertion ID (SAML Profiles 4.1.4.5), in the {@link ReplayCache}.
 * </ol>
 *
 * Immutable and thread-safe.
 */
public final class SamlAssertionValidator {
  /** Default clock skew tolerated on NotBefore / NotOnOrAfter. */
  public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  /** Longest {@link Builder#acceptExpiredWithin} grace: seven days. */
  public static final Duration MAX_EXPIRED_GRACE = Duration.ofDays(7);

  /** Largest skew a validator may be configured with. */
  public static final Duration MAX_CLOCK_SKEW_CAP = Duration.ofMinutes(10);

  /** Authentication type of the identities built from assertions (WIF's "Federation"). */
  public static final String AUTHENTICATION_TYPE = "Federation";

  /** Claim type of the AuthnStatement's instant (WIF ClaimTypes.AuthenticationInstant). */
  public static final String AUTHENTICATION_INSTANT =
      "http://schemas.microsoft.com/ws/2008/06/identity/claims/authenticationinstant";

  private static final String SAML = SamlAssertion.NS;

  private final Map<String, X509Certificate> trustedIssuers;
  private final Set<String> audiences;
  private final Clock clock;
  private final Duration maxClockSkew;
  private final ReplayCache replayCache;
  private final HardenedXml xml;
  private final boolean acceptHolderOfKey;
  private final Duration expiredGrace;

  private SamlAssertionValidator(Builder b) {
    this.trustedIssuers = Map.copyOf(b.trustedIssuers);
    this.audiences = Set.copyOf(b.audiences);
    this.clock = b.clock;
    this.maxClockSkew = b.maxClockSkew;
    this.replayCache = b.replayCache;
    this.xml = HardenedXml.create(b.limits);
    this.acceptHolderOfKey = b.acceptHolderOfKey;
    this.expiredGrace = b.expiredGrace;
  }

  public static Builder builder() {
    Santuario.init();
    return new Builder();
  }

  /** Parses {@code assertionXml} with {@link HardenedXml} and validates its root assertion. */
  public VerifiedAssertion validate(byte[] assertionXml) throws SamlRejectedException {
    Document doc;
    try {
      doc = xml.parse(assertionXml);
    } catch (XmlRejectedException e) {
      throw new SamlRejectedException(MALFORMED, "assertion XML rejected: " + e.getMessage(), e);
    }
    return validate(doc.getDocumentElement());
  }

  /**
   * Validates {@code assertion}, an element of a document parsed by {@link HardenedXml} (for
   * instance inside a {@code wst:RequestedSecurityToken}). Marks its {@code ID} attribute as the
   * document's only ID so that "#" + ID can resolve to nothing else.
   */
  public VerifiedAssertion validate(Element assertion) throws SamlRejectedException {
    Objects.requireNonNull(assertion, "assertion");
    Parsed p = parse(assertion);
    X509Certificate trusted = trustedIssuers.get(p.assertion.issuer());
    if (trusted == null) {
      throw new SamlRejectedException(
          UNTRUSTED_ISSUER, "issuer " + p.assertion.issuer() + " is not a trusted issuer");
    }
    if (!MessageDigest.isEqual(encoded(trusted), p.signingCertificate)) {
      throw new SamlRejectedException(
          UNTRUSTED_ISSUER,
          "the signing certificate is not the one configured for issuer " + p.assertion.issuer());
    }
    verifySignature(assertion, p.signature, trusted);

    Instant now = clock.instant();
    SamlAssertion a = p.assertion;
    // SAML Core 2.5.1.4: every AudienceRestriction must name us.
    for (List<String> restriction : p.audienceRestrictions) {
      if (restriction.stream().noneMatch(audiences::contains)) {
        throw new SamlRejectedException(
            AUDIENCE, "the assertion's audience restriction does not include " + audiences);
      }
    }
    // SAML Core 2.5.1.2: valid in [NotBefore, NotOnOrAfter), widened by the skew.
    if (now.plus(maxClockSkew).isBefore(a.notBefore())) {
      throw new SamlRejectedException(NOT_YET_VALID, "assertion not valid before " + a.notBefore());
    }
    if (!now.minus(maxClockSkew).minus(expiredGrace).isBefore(a.notOnOrAfter())) {
      throw new SamlRejectedException(EXPIRED, "assertion expired at " + a.notOnOrAfter());
    }
    if (a.confirmation() == SubjectConfirmation.HOLDER_OF_KEY && !acceptHolderOfKey) {
      throw new SamlRejectedException(
          CONFIRMATION, "holder-of-key assertions need Builder.acceptHolderOfKey()");
    }
    // SAML Profiles 4.1.4.5: a bearer assertion is used once; remembered until it expires.
    if (replayCache != null) {
      ReplayCache.Verdict verdict =
          replayCache.firstSeen(
              "saml2|" + a.issuer() + "|" + a.id(), a.notOnOrAfter().plus(maxClockSkew));
      if (!verdict.accepted()) {
        throw new SamlRejectedException(REPLAY, "assertion " + a.id() + " refused: " + verdict);
      }
    }
    return new VerifiedAssertion(a, identity(a, assertion));
  }

  private static ClaimsIdentity identity(SamlAssertion a, Element element) {
    ClaimsIdentity.Builder b = ClaimsIdentity.builder().authenticationType(AUTHENTICATION_TYPE);
    b.addClaim(Claim.builder(ClaimTypes.NAME_IDENTIFIER, a.nameId()).issuer(a.issuer()).build());
    boolean hasName = false;
    for (SamlAttribute attribute : a.attributes()) {
      hasName |= attribute.name().equals(ClaimTypes.NAME);
      for (String value : attribute.values()) {
        b.addClaim(Claim.builder(attribute.name(), value).issuer(a.issuer()).build());
      }
    }
    if (!hasName) {
      b.addClaim(Claim.builder(ClaimTypes.NAME, a.nameId()).issuer(a.issuer()).build());
    }
    if (a.authnInstant().isPresent()) {
      b.addClaim(
          Claim.builder(ClaimTypes.AUTHENTICATION_METHOD, a.authnContextClassRef().orElseThrow())
              .issuer(a.issuer())
              .build());
      b.addClaim(
          Claim.builder(AUTHENTICATION_INSTANT, a.authnInstant().get().toString())
              .issuer(a.issuer())
              .build());
    }
    Element standalone =
        element.getParentNode() instanceof Document
            ? element
            : Dom.importSelfContained(HardenedXml.newEmptyDocument(), element);
    b.bootstrapToken(BootstrapToken.of(SamlAssertion.TOKEN_TYPE, XmlWriter.toBytes(standalone)));
    return b.build();
  }

  private void verifySignature(Element assertion, Element signatureElement, X509Certificate trusted)
      throws SamlRejectedException {
    try {
      // Only this element carries an ID in the document: "#ID" cannot resolve elsewhere.
      assertion.setIdAttributeNS(null, "ID", true);
      XMLSignature signature = new XMLSignature(signatureElement, "", true);
      if (!signature.checkSignatureValue(trusted.getPublicKey())) {
        throw new SamlRejectedException(SIGNATURE_INVALID, "assertion signature check failed");
      }
      XMLSignatureInput signed =
          signature.getSignedInfo().item(0).getContentsBeforeTransformation();
      if (signed == null || signed.getSubNode() != assertion) {
        throw new SamlRejectedException(
            SIGNATURE_STRUCTURE, "the signature does not cover this assertion (SAML Core 5.4.2)");
      }
    } catch (XMLSecurityException | RuntimeException e) {
      throw new SamlRejectedException(SIGNATURE_INVALID, "assertion signature check failed", e);
    }
  }

  private static final class Parsed {
    SamlAssertion assertion;
    Element signature;
    byte[] signingCertificate;
    final List<List<String>> audienceRestrictions = new ArrayList<>();
  }

  //   <saml2:Assertion ID IssueInstant Version="2.0">
  //     <saml2:Issuer/> <ds:Signature/> <saml2:Subject/> <saml2:Conditions/>
  //     (<saml2:AuthnStatement/> | <saml2:AttributeStatement/>)*
  //   </saml2:Assertion>
  private Parsed parse(Element e) throws SamlRejectedException {
    if (!Dom.is(e, SAML, "Assertion")) {
      throw malformed("expected saml2:Assertion, found " + e.getNodeName());
    }
    if (!"2.0".equals(attr(e, "Version"))) {
      throw malformed("Version must be 2.0 (SAML Core 2.3.3)");
    }
    String id = attr(e, "ID");
    if (id == null || !SamlAssertion.ID_PATTERN.matcher(id).matches()) {
      throw malformed("ID missing or not an NCName of at most 128 characters");
    }
    SamlAssertion.Builder b = SamlAssertion.builder();
    Parsed p = new Parsed();
    try {
      b.id(id).issueInstant(instant(attr(e, "IssueInstant"), "IssueInstant"));
      List<Element> children = Dom.childElements(e);
      int i = 0;
      Element issuer = at(children, i++, SAML, "Issuer");
      b.issuer(Dom.text(issuer).strip());
      p.signature = at(children, i++, Ns.DS, "Signature");
      p.signingCertificate = checkSignatureStructure(p.signature, id);
      parseSubject(at(children, i++, SAML, "Subject"), b);
      Element conditions = at(children, i++, SAML, "Conditions");
      b.validity(
          instant(attr(conditions, "NotBefore"), "NotBefore"),
          instant(attr(conditions, "NotOnOrAfter"), "NotOnOrAfter"));
      for (Element c : Dom.childElements(conditions)) {
        if (!Dom.is(c, SAML, "AudienceRestriction")) {
          // SAML Core 2.5.1: an unknown condition makes the assertion indeterminate -> refused.
          throw malformed("unsupported condition " + c.getLocalName());
        }
        List<String> audiences = new ArrayList<>();
        for (Element aud : Dom.childElements(c)) {
          if (!Dom.is(aud, SAML, "Audience")) {
            throw malformed("AudienceRestriction holds only Audience elements");
          }
          audiences.add(Dom.text(aud).strip());
          b.audience(Dom.text(aud).strip());
        }
        p.audienceRestrictions.add(audiences);
      }
      if (p.audienceRestrictions.isEmpty()) {
        throw malformed("no AudienceRestriction: the assertion would be valid for anyone");
      }
      for (; i < children.size(); i++) {
        Element s = children.get(i);
        if (Dom.is(s, SAML, "AuthnStatement")) {
          Element ref = Dom.child(Dom.child(s, SAML, "AuthnContext"), SAML, "AuthnContextClassRef");
          if (ref == null) {
            throw malformed("AuthnStatement without AuthnContextClassRef");
          }
          b.authentication(instant(attr(s, "AuthnInstant"), "AuthnInstant"), Dom.text(ref).strip());
          if (attr(s, "SessionIndex") != null) {
            b.sessionIndex(attr(s, "SessionIndex"));
          }
        } else if (Dom.is(s, SAML, "AttributeStatement")) {
          for (Element attribute : Dom.childElements(s)) {
            if (!Dom.is(attribute, SAML, "Attribute") || attr(attribute, "Name") == null) {
              throw malformed("AttributeStatement holds only named Attribute elements");
            }
            List<String> values = new ArrayList<>();
            for (Element v : Dom.childElements(attribute)) {
              if (!Dom.is(v, SAML, "AttributeValue")) {
                throw malformed("Attribute holds only AttributeValue elements");
              }
              values.add(Dom.text(v));
            }
            b.attribute(SamlAttribute.of(attr(attribute, "Name"), values));
          }
        } else {
          throw malformed("unexpected element " + s.getNodeName() + " in the assertion");
        }
      }
      p.assertion = b.build();
      return p;
    } catch (IllegalArgumentException | IllegalStateException ex) {
      throw new SamlRejectedException(MALFORMED, "assertion refused: " + ex.getMessage(), ex);
    }
  }

  private void parseSubject(Element subject, SamlAssertion.Builder b) throws SamlRejectedException {
    Element nameId = Dom.child(subject, SAML, "NameID");
    if (nameId == null) {
      throw malformed("Subject without NameID");
    }
    b.subject(Dom.text(nameId).strip());
    if (attr(nameId, "Format") != null) {
      b.nameIdFormat(attr(nameId, "Format"));
    }
    List<Element> confirmations = Dom.children(subject, SAML, "SubjectConfirmation");
    if (confirmations.size() != 1) {
      throw malformed("exactly one SubjectConfirmation expected, found " + confirmations.size());
    }
    Element sc = confirmations.get(0);
    SubjectConfirmation method = SubjectConfirmation.fromUri(attr(sc, "Method"));
    if (method == null) {
      throw new SamlRejectedException(
          CONFIRMATION, "unsupported subject confirmation method " + attr(sc, "Method"));
    }
    if (method == SubjectConfirmation.HOLDER_OF_KEY) {
      Element data = Dom.child(sc, SAML, "SubjectConfirmationData");
      Element keyInfo = data == null ? null : Dom.child(data, Ns.DS, "KeyInfo");
      Element encryptedKey = keyInfo == null ? null : Dom.child(keyInfo, Ns.XENC, "EncryptedKey");
      if (encryptedKey != null) {
        b.holderOfKey(encryptedProofKey(encryptedKey));
        return;
      }
      Element cert =
          keyInfo == null
              ? null
              : Dom.child(Dom.child(keyInfo, Ns.DS, "X509Data"), Ns.DS, "X509Certificate");
      if (cert == null) {
        throw malformed(
            "holder-of-key confirmation without ds:X509Certificate or xenc:EncryptedKey");
      }
      b.holderOfKey(certificate(base64(Dom.text(cert))));
    }
  }

  // The shape SamlAssertionWriter writes: RSA-OAEP (MGF1P), the recipient by ThumbprintSHA1.
  private static EncryptedProofKey encryptedProofKey(Element ek) throws SamlRejectedException {
    Element method = Dom.child(ek, Ns.XENC, "EncryptionMethod");
    if (method == null || !EncryptedProofKey.RSA_OAEP_MGF1P.equals(attr(method, "Algorithm"))) {
      throw malformed("the proof key's EncryptionMethod must be rsa-oaep-mgf1p");
    }
    Element ki =
        Dom.child(
            Dom.child(Dom.child(ek, Ns.DS, "KeyInfo"), Ns.WSSE, "SecurityTokenReference"),
            Ns.WSSE,
            "KeyIdentifier");
    if (ki == null || !EncryptedProofKey.THUMBPRINT_SHA1.equals(attr(ki, "ValueType"))) {
      throw malformed("the proof key must name its recipient by a ThumbprintSHA1 KeyIdentifier");
    }
    Element value = Dom.child(Dom.child(ek, Ns.XENC, "CipherData"), Ns.XENC, "CipherValue");
    if (value == null) {
      throw malformed("the proof key has no CipherValue");
    }
    String cipherText = Dom.text(value);
    if (cipherText.length() > EncryptedProofKey.MAX_WRAPPED_BYTES * 2) {
      throw malformed("CipherValue longer than EncryptedProofKey.MAX_WRAPPED_BYTES");
    }
    try {
      return EncryptedProofKey.of(base64(cipherText), base64(Dom.text(ki)));
    } catch (IllegalArgumentException e) {
      throw malformed("proof key refused: " + e.getMessage());
    }
  }

  // SAML Core 5.4.1-5.4.4: enveloped, one Reference to "#" + ID, enveloped + exc-c14n only.
  private static byte[] checkSignatureStructure(Element sig, String id)
      throws SamlRejectedException {
    List<Element> parts = Dom.childElements(sig);
    if (parts.size() != 3
        || !Dom.is(parts.get(0), Ns.DS, "SignedInfo")
        || !Dom.is(parts.get(1), Ns.DS, "SignatureValue")
        || !Dom.is(parts.get(2), Ns.DS, "KeyInfo")) {
      throw structure("ds:Signature must hold SignedInfo, SignatureValue and KeyInfo only");
    }
    List<Element> si = Dom.childElements(parts.get(0));
    if (si.size() != 3
        || !algorithm(si.get(0), "CanonicalizationMethod", SamlAssertionWriter.ALGO_EXC_C14N)
        || !algorithm(si.get(1), "SignatureMethod", SamlAssertionWriter.ALGO_RSA_SHA256)
        || !Dom.is(si.get(2), Ns.DS, "Reference")) {
      throw structure(
          "SignedInfo must be exc-c14n, rsa-sha256 and exactly one Reference (SAML Core 5.4)");
    }
    Element ref = si.get(2);
    if (!("#" + id).equals(attr(ref, "URI"))) {
      throw structure("the Reference URI must be \"#" + id + "\", the assertion's own ID");
    }
    List<Element> refParts = Dom.childElements(ref);
    if (refParts.size() != 3
        || !Dom.is(refParts.get(0), Ns.DS, "Transforms")
        || !algorithm(refParts.get(1), "DigestMethod", SamlAssertionWriter.ALGO_SHA256)
        || !Dom.is(refParts.get(2), Ns.DS, "DigestValue")) {
      throw structure("Reference must hold Transforms, a SHA-256 DigestMethod and DigestValue");
    }
    List<Element> transforms = Dom.childElements(refParts.get(0));
    if (transforms.size() != 2
        || !algorithm(transforms.get(0), "Transform", SamlAssertionWriter.ALGO_ENVELOPED)
        || !algorithm(transforms.get(1), "Transform", SamlAssertionWriter.ALGO_EXC_C14N)) {
      throw structure("transforms must be exactly enveloped-signature then exc-c14n (5.4.4)");
    }
    List<Element> keyInfo = Dom.childElements(parts.get(2));
    if (keyInfo.size() != 1 || !Dom.is(keyInfo.get(0), Ns.DS, "X509Data")) {
      throw structure("KeyInfo must hold one X509Data");
    }
    List<Element> certs = Dom.childElements(keyInfo.get(0));
    if (certs.size() != 1 || !Dom.is(certs.get(0), Ns.DS, "X509Certificate")) {
      throw structure("X509Data must hold one X509Certificate");
    }
    return base64(Dom.text(certs.get(0)));
  }

  private static boolean algorithm(Element e, String localName, String algorithm) {
    return Dom.is(e, Ns.DS, localName) && algorithm.equals(attr(e, "Algorithm"));
  }

  private static Element at(List<Element> children, int i, String ns, String localName)
      throws SamlRejectedException {
    if (i >= children.size() || !Dom.is(children.get(i), ns, localName)) {
      if (Ns.DS.equals(ns)) {
        throw structure("the assertion is not signed: ds:Signature must follow saml2:Issuer");
      }
      throw malformed("expected " + localName + " at position " + (i + 1) + " of the assertion");
    }
    return children.get(i);
  }

  private static String attr(Element e, String name) {
    return e.hasAttributeNS(null, name) ? e.getAttributeNS(null, name) : null;
  }

  private static Instant instant(String value, String what) throws SamlRejectedException {
    if (value == null) {
      throw malformed(what + " missing");
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw malformed(what + " is not a UTC xs:dateTime");
    }
  }

  private static byte[] base64(String text) throws SamlRejectedException {
    try {
      return Base64.getMimeDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw malformed("bad base64 certificate");
    }
  }

  private static X509Certificate certificate(byte[] der) throws SamlRejectedException {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | ClassCastException e) {
      throw malformed("unreadable certificate");
    }
  }

  private static byte[] encoded(X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("trusted certificate cannot be encoded", e);
    }
  }

  private static SamlRejectedException malformed(String detail) {
    return new SamlRejectedException(MALFORMED, detail);
  }

  private static SamlRejectedException structure(String detail) {
    return new SamlRejectedException(SIGNATURE_STRUCTURE, detail);
  }

  /** Builder; {@link #build()} refuses a validator without trusted issuer, audience or cache. */
  public static final class Builder {
    private final Map<String, X509Certificate> trustedIssuers = new LinkedHashMap<>();
    private final Set<String> audiences = new LinkedHashSet<>();
    private Clock clock = Clock.systemUTC();
    private Duration maxClockSkew = DEFAULT_MAX_CLOCK_SKEW;
    private ReplayCache replayCache;
    private XmlLimits limits = XmlLimits.DEFAULT;
    private boolean acceptHolderOfKey;
    private boolean skipOneTimeUse;
    private Duration expiredGrace = Duration.ZERO;

    private Builder() {}

    /** Trusts assertions whose Issuer is {@code issuer} signed with exactly {@code certificate}. */
    public Builder trustIssuer(String issuer, X509Certificate certificate) {
      Objects.requireNonNull(issuer, "issuer");
      Objects.requireNonNull(certificate, "certificate");
      trustedIssuers.put(issuer, certificate);
      return this;
    }

    /** This relying party's audience URI (its realm); replaces any audience set before. */
    public Builder audience(String audience) {
      Objects.requireNonNull(audience, "audience");
      audiences.clear();
      audiences.add(audience);
      return this;
    }

    /**
     * Several audiences (an STS checking tokens of all its relying parties): an assertion is
     * accepted when each of its restrictions names one of them. Replaces any audience set before.
     */
    public Builder anyAudienceOf(java.util.Collection<String> audiences) {
      List<String> copy = List.copyOf(audiences);
      this.audiences.clear();
      this.audiences.addAll(copy);
      return this;
    }

    /**
     * Skips the one-time use check: for the issuing STS's own Validate, Renew and Cancel (WS-Trust
     * 1.3 sections 5-7), which inspect a token without consuming it. Never for a relying party.
     */
    public Builder skipOneTimeUseForTokenService() {
      this.skipOneTimeUse = true;
      return this;
    }

    /**
     * Accepts assertions up to {@code grace} past their NotOnOrAfter (on top of the clock skew):
     * for an STS renewing expired tokens (WS-Trust 1.3 section 5, {@code wst:Renewing/@OK}). At
     * most {@link #MAX_EXPIRED_GRACE}.
     */
    public Builder acceptExpiredWithin(Duration grace) {
      Objects.requireNonNull(grace, "grace");
      if (grace.isNegative() || grace.compareTo(MAX_EXPIRED_GRACE) > 0) {
        throw new IllegalArgumentException(
            "expired grace must be within [0, MAX_EXPIRED_GRACE (" + MAX_EXPIRED_GRACE + ")]");
      }
      this.expiredGrace = grace;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** At most {@link #MAX_CLOCK_SKEW_CAP}. */
    public Builder maxClockSkew(Duration skew) {
      Objects.requireNonNull(skew, "skew");
      if (skew.isNegative() || skew.compareTo(MAX_CLOCK_SKEW_CAP) > 0) {
        throw new IllegalArgumentException(
            "maxClockSkew must be within 0.." + MAX_CLOCK_SKEW_CAP + " (MAX_CLOCK_SKEW_CAP)");
      }
      this.maxClockSkew = skew;
      return this;
    }

    /** Where assertion IDs are remembered for one-time use; share it across a farm. */
    public Builder replayCache(ReplayCache replayCache) {
      this.replayCache = Objects.requireNonNull(replayCache, "replayCache");
      return this;
    }

    public Builder xmlLimits(XmlLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Accepts holder-of-key assertions as well as bearer ones; the caller must then check the proof
     * of possession of {@link SamlAssertion#holderOfKeyCertificate()}.
     */
    public Builder acceptHolderOfKey() {
      this.acceptHolderOfKey = true;
      return this;
    }

    public SamlAssertionValidator build() {
      if (trustedIssuers.isEmpty()) {
        throw new IllegalStateException("SamlAssertionValidator needs a trusted issuer");
      }
      if (audiences.isEmpty()) {
        throw new IllegalStateException("SamlAssertionValidator needs an audience");
      }
      if (skipOneTimeUse) {
        replayCache = null;
      } else if (replayCache == null) {
        throw new IllegalStateException("SamlAssertionValidator needs a replay cache");
      }
      return new SamlAssertionValidator(this);
    }
  }
}
