package org.parley.sts;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.parley.core.claims.Claim;
import org.parley.core.claims.ClaimTypes;
import org.parley.core.claims.ClaimsIdentity;
import org.parley.sts.saml.SamlAssertion;
import org.parley.sts.saml.SamlAssertionValidator;
import org.parley.sts.saml.SamlAssertionWriter;
import org.parley.sts.saml.SamlAttribute;
import org.parley.sts.saml.SigningCredential;
import org.parley.sts.users.StoredUser;
import org.parley.wire.Ns;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Issues SAML 2.0 bearer assertions (SAML Profiles 3.3) for authenticated users, each with a fresh
 * 128-bit random ID, audience = the realm, and one attribute per claim type; and wraps one in a
 * WS-Trust 1.3 {@code wst:RequestSecurityTokenResponse} (section 4.4). Thread-safe.
 */
public final class SamlTokenIssuer {
  /** Default lifetime of issued assertions. */
  public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofMinutes(10);

  /** SAML Authn Context 3.4.25: the class of an identity that names none. */
  public static final String AC_UNSPECIFIED = "urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified";

  /** WS-Trust 1.3 section 4.4: the bearer key type. */
  public static final String KEY_TYPE_BEARER = Ns.WST13 + "/Bearer";

  public static final String REQUEST_TYPE_ISSUE = Ns.WST13 + "/Issue";

  private final SamlAssertionWriter writer;
  private final String issuerName;
  private final Clock clock;
  private final Duration lifetime;
  private final SecureRandom random = new SecureRandom();

  public SamlTokenIssuer(
      SigningCredential credential, String issuerName, Clock clock, Duration lifetime) {
    this.writer = SamlAssertionWriter.signingWith(credential);
    this.issuerName = Objects.requireNonNull(issuerName, "issuerName");
    this.clock = Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(lifetime, "lifetime");
    if (lifetime.isNegative() || lifetime.isZero() || lifetime.toHours() > 24) {
      throw new IllegalArgumentException("token lifetime must be within (0, 24 h]");
    }
    this.lifetime = lifetime;
  }

  public String issuerName() {
    return issuerName;
  }

  /** The lifetime of issued assertions. */
  public Duration lifetime() {
    return lifetime;
  }

  public Clock clock() {
    return clock;
  }

  /** The unsigned assertion for {@code user} at {@code realm}, valid from now. */
  public SamlAssertion assertionFor(StoredUser user, String realm, String authnContextClassRef) {
    return assertionBuilderFor(user, realm, authnContextClassRef).build();
  }

  /**
   * A bearer assertion for {@code user} at {@code realm}, valid from now for the configured
   * lifetime, with a fresh ID, ready for a different confirmation or validity before building.
   */
  public SamlAssertion.Builder assertionBuilderFor(
      StoredUser user, String realm, String authnContextClassRef) {
    Instant now = clock.instant();
    SamlAssertion.Builder a =
        SamlAssertion.builder()
            .id(newId())
            .issueInstant(now)
            .issuer(issuerName)
            .subject(user.username())
            .bearer()
            .validity(now, now.plus(lifetime))
            .audience(realm)
            .authentication(now, authnContextClassRef);
    Map<String, List<String>> byType = new LinkedHashMap<>();
    for (Claim c : user.claims()) {
      byType.computeIfAbsent(c.type(), k -> new ArrayList<>()).add(c.value());
    }
    byType.forEach((type, values) -> a.attribute(SamlAttribute.of(type, values)));
    return a;
  }

  /**
   * The renewal of {@code old} (WS-Trust 1.3 section 5): the same subject, audiences, statements
   * and proof of possession under a new ID, valid from now for the configured lifetime.
   */
  public SamlAssertion renewalOf(SamlAssertion old) {
    Instant now = clock.instant();
    SamlAssertion.Builder a =
        SamlAssertion.builder()
            .id(newId())
            .issueInstant(now)
            .issuer(issuerName)
            .subject(old.nameId())
            .nameIdFormat(old.nameIdFormat())
            .validity(now, now.plus(lifetime));
    old.holderOfKeyCertificate().ifPresent(a::holderOfKey);
    old.holderOfKeyEncryptedKey().ifPresent(a::holderOfKey);
    old.audiences().forEach(a::audience);
    if (old.authnInstant().isPresent()) {
      a.authentication(old.authnInstant().get(), old.authnContextClassRef().orElseThrow());
    }
    old.sessionIndex().ifPresent(a::sessionIndex);
    old.attributes().forEach(a::attribute);
    return a.build();
  }

  /** {@code assertion} signed with the STS key, as the root of a new document. */
  public Document sign(SamlAssertion assertion) {
    return writer.write(assertion);
  }

  private String newId() {
    byte[] id = new byte[16];
    random.nextBytes(id);
    return "_" + HexFormat.of().formatHex(id);
  }

  /**
   * The unsigned assertion for an authenticated {@code identity} at {@code realm}, valid from now:
   * subject = its name (else its name identifier), AuthnContextClassRef = its {@code
   * authenticationmethod} claim (else unspecified), one attribute per other claim type, and the
   * AuthnStatement's SessionIndex {@code sessionIndex} (shared by every assertion of one request).
   */
  public SamlAssertion assertionFor(ClaimsIdentity identity, String realm, String sessionIndex) {
    return assertionBuilderFor(identity, realm, sessionIndex).build();
  }

  /**
   * As {@link #assertionFor(ClaimsIdentity, String, String)}, ready for a different confirmation or
   * validity before building.
   */
  public SamlAssertion.Builder assertionBuilderFor(
      ClaimsIdentity identity, String realm, String sessionIndex) {
    Objects.requireNonNull(identity, "identity");
    if (!identity.isAuthenticated()) {
      throw new IllegalArgumentException("only authenticated identities get an assertion");
    }
    String subject =
        identity
            .name()
            .or(() -> identity.findFirst(ClaimTypes.NAME_IDENTIFIER).map(Claim::value))
            .orElseThrow(() -> new IllegalArgumentException("the identity has no name"));
    String classRef =
        identity
            .findFirst(ClaimTypes.AUTHENTICATION_METHOD)
            .map(Claim::value)
            .orElse(AC_UNSPECIFIED);
    Instant now = clock.instant();
    SamlAssertion.Builder a =
        SamlAssertion.builder()
            .id(newId())
            .issueInstant(now)
            .issuer(issuerName)
            .subject(subject)
            .bearer()
            .validity(now, now.plus(lifetime))
            .audience(realm)
            .authentication(now, classRef)
            .sessionIndex(sessionIndex);
    Map<String, List<String>> byType = new LinkedHashMap<>();
    for (Claim c : identity.claims()) {
      // These travel in the NameID and the AuthnStatement, not as attributes.
      if (c.hasType(ClaimTypes.AUTHENTICATION_METHOD)
          || c.hasType(ClaimTypes.NAME_IDENTIFIER)
          || c.hasType(SamlAssertionValidator.AUTHENTICATION_INSTANT)) {
        continue;
      }
      byType.computeIfAbsent(c.type(), k -> new ArrayList<>()).add(c.value());
    }
    byType.forEach((type, values) -> a.attribute(SamlAttribute.of(type, values)));
    return a;
  }

  /** A fresh random SessionIndex for the assertions of one request. */
  public String newSessionIndex() {
    return newId();
  }

  /**
   * A {@code wst:RequestSecurityTokenResponse} (owned by {@code doc}, not attached) holding a
   * signed assertion for {@code identity} at {@code realm}; see {@link
   * #assertionFor(ClaimsIdentity, String, String)}.
   */
  public Element issue(Document doc, ClaimsIdentity identity, String realm, String sessionIndex) {
    return rstr(doc, assertionFor(identity, realm, sessionIndex), realm);
  }

  /**
   * A {@code wst:RequestSecurityTokenResponse} (owned by {@code doc}, not attached) holding the
   * signed assertion for {@code user} at {@code realm}.
   */
  public Element issue(Document doc, StoredUser user, String realm, String authnContextClassRef) {
    return rstr(doc, assertionFor(user, realm, authnContextClassRef), realm);
  }

  private Element rstr(Document doc, SamlAssertion assertion, String realm) {
    Document signed = writer.write(assertion);
    Element rstr = doc.createElementNS(Ns.WST13, "wst:RequestSecurityTokenResponse");
    rstr.setAttributeNS(Ns.XMLNS, "xmlns:wst", Ns.WST13);
    rstr.appendChild(text(doc, "wst:TokenType", SamlAssertion.TOKEN_TYPE));
    Element rst = doc.createElementNS(Ns.WST13, "wst:RequestedSecurityToken");
    rst.appendChild(doc.importNode(signed.getDocumentElement(), true));
    rstr.appendChild(rst);
    Element appliesTo = doc.createElementNS(Ns.WSP12, "wsp:AppliesTo");
    appliesTo.setAttributeNS(Ns.XMLNS, "xmlns:wsp", Ns.WSP12);
    Element epr = doc.createElementNS(Ns.WSA10, "wsa:EndpointReference");
    epr.setAttributeNS(Ns.XMLNS, "xmlns:wsa", Ns.WSA10);
    Element address = doc.createElementNS(Ns.WSA10, "wsa:Address");
    address.setTextContent(realm);
    epr.appendChild(address);
    appliesTo.appendChild(epr);
    rstr.appendChild(appliesTo);
    Element lifetimeEl = doc.createElementNS(Ns.WST13, "wst:Lifetime");
    lifetimeEl.setAttributeNS(Ns.XMLNS, "xmlns:wsu", Ns.WSU);
    Element created = doc.createElementNS(Ns.WSU, "wsu:Created");
    created.setTextContent(assertion.notBefore().toString());
    Element expires = doc.createElementNS(Ns.WSU, "wsu:Expires");
    expires.setTextContent(assertion.notOnOrAfter().toString());
    lifetimeEl.appendChild(created);
    lifetimeEl.appendChild(expires);
    rstr.appendChild(lifetimeEl);
    rstr.appendChild(text(doc, "wst:RequestType", REQUEST_TYPE_ISSUE));
    rstr.appendChild(text(doc, "wst:KeyType", KEY_TYPE_BEARER));
    return rstr;
  }

  private static Element text(Document doc, String qname, String value) {
    Element e = doc.createElementNS(Ns.WST13, qname);
    e.setTextContent(value);
    return e;
  }
}
