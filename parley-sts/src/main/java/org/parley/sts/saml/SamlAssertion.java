package org.parley.sts.saml;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An unsigned SAML 2.0 assertion (SAML Core 2.3.3): what the STS says about a subject. Immutable;
 * the builder refuses an assertion without an issuer, subject, validity window or audience. Signing
 * is {@link SamlAssertionWriter}'s job, checking one is {@link SamlAssertionValidator}'s.
 */
public final class SamlAssertion {
  /** The WS-Security SAML Token Profile 1.1 token type of a SAML 2.0 assertion. */
  public static final String TOKEN_TYPE =
      "http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV2.0";

  /** SAML 2.0 assertion namespace (SAML Core 2.2). */
  public static final String NS = "urn:oasis:names:tc:SAML:2.0:assertion";

  /**
   * {@code urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport} (SAML AuthnContext
   * 3.4.12).
   */
  public static final String AC_PASSWORD_PROTECTED_TRANSPORT =
      "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport";

  /** {@code urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified} (SAML Core 8.3.1). */
  public static final String NAMEID_UNSPECIFIED =
      "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified";

  /** Most attributes in one assertion, on write and on read. */
  public static final int MAX_ATTRIBUTES = 256;

  /** Most audiences in one assertion, on write and on read. */
  public static final int MAX_AUDIENCES = 16;

  // xs:ID is an NCName (SAML Core 1.3.4); a conservative subset keeps "#" + id a plain fragment.
  static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,127}");

  private final String id;
  private final Instant issueInstant;
  private final String issuer;
  private final String nameId;
  private final String nameIdFormat;
  private final SubjectConfirmation confirmation;
  private final X509Certificate holderOfKeyCertificate;
  private final EncryptedProofKey holderOfKeyEncryptedKey;
  private final Instant notBefore;
  private final Instant notOnOrAfter;
  private final List<String> audiences;
  private final Instant authnInstant;
  private final String authnContextClassRef;
  private final String sessionIndex;
  private final List<SamlAttribute> attributes;

  private SamlAssertion(Builder b) {
    this.id = b.id;
    this.issueInstant = b.issueInstant;
    this.issuer = b.issuer;
    this.nameId = b.nameId;
    this.nameIdFormat = b.nameIdFormat;
    this.confirmation = b.confirmation;
    this.holderOfKeyCertificate = b.holderOfKeyCertificate;
    this.holderOfKeyEncryptedKey = b.holderOfKeyEncryptedKey;
    this.notBefore = b.notBefore;
    this.notOnOrAfter = b.notOnOrAfter;
    this.audiences = List.copyOf(b.audiences);
    this.authnInstant = b.authnInstant;
    this.authnContextClassRef = b.authnContextClassRef;
    this.sessionIndex = b.sessionIndex;
    this.attributes = List.copyOf(b.attributes);
  }

  public static Builder builder() {
    return new Builder();
  }

  public String id() {
    return id;
  }

  public Instant issueInstant() {
    return issueInstant;
  }

  public String issuer() {
    return issuer;
  }

  public String nameId() {
    return nameId;
  }

  public String nameIdFormat() {
    return nameIdFormat;
  }

  public SubjectConfirmation confirmation() {
    return confirmation;
  }

  /** The proof certificate of a holder-of-key assertion. */
  public Optional<X509Certificate> holderOfKeyCertificate() {
    return Optional.ofNullable(holderOfKeyCertificate);
  }

  /**
   * The symmetric proof key of a holder-of-key assertion, encrypted for the relying party (SAML
   * Profiles 3.1; WS-Trust 1.3 section 4.4.2).
   */
  public Optional<EncryptedProofKey> holderOfKeyEncryptedKey() {
    return Optional.ofNullable(holderOfKeyEncryptedKey);
  }

  public Instant notBefore() {
    return notBefore;
  }

  public Instant notOnOrAfter() {
    return notOnOrAfter;
  }

  public List<String> audiences() {
    return audiences;
  }

  public Optional<Instant> authnInstant() {
    return Optional.ofNullable(authnInstant);
  }

  public Optional<String> authnContextClassRef() {
    return Optional.ofNullable(authnContextClassRef);
  }

  /**
   * The AuthnStatement's {@code SessionIndex} (SAML Core 2.7.2): the Parley STS gives every
   * assertion of one Issue the same value, so a relying party can tell that several identities were
   * proven together.
   */
  public Optional<String> sessionIndex() {
    return Optional.ofNullable(sessionIndex);
  }

  public List<SamlAttribute> attributes() {
    return attributes;
  }

  @Override
  public String toString() {
    return "SamlAssertion[id="
        + id
        + ", issuer="
        + issuer
        + ", "
        + confirmation
        + ", "
        + attributes.size()
        + " attributes]";
  }

  /** Validating builder; every setter checks its argument, {@link #build()} checks completeness. */
  public static final class Builder {
    private String id;
    private Instant issueInstant;
    private String issuer;
    private String nameId;
    private String nameIdFormat = NAMEID_UNSPECIFIED;
    private SubjectConfirmation confirmation = SubjectConfirmation.BEARER;
    private X509Certificate holderOfKeyCertificate;
    private EncryptedProofKey holderOfKeyEncryptedKey;
    private Instant notBefore;
    private Instant notOnOrAfter;
    private final List<String> audiences = new ArrayList<>();
    private Instant authnInstant;
    private String authnContextClassRef;
    private String sessionIndex;
    private final List<SamlAttribute> attributes = new ArrayList<>();

    private Builder() {}

    /** The assertion ID: an NCName of at most 128 characters, e.g. {@code _} + 32 hex digits. */
    public Builder id(String id) {
      Objects.requireNonNull(id, "id");
      if (!ID_PATTERN.matcher(id).matches()) {
        throw new IllegalArgumentException("id must be an NCName of 1..128 characters, was " + id);
      }
      this.id = id;
      return this;
    }

    public Builder issueInstant(Instant issueInstant) {
      this.issueInstant = Objects.requireNonNull(issueInstant, "issueInstant");
      return this;
    }

    public Builder issuer(String issuer) {
      this.issuer = text(issuer, "issuer");
      return this;
    }

    public Builder subject(String nameId) {
      this.nameId = text(nameId, "nameId");
      return this;
    }

    public Builder nameIdFormat(String nameIdFormat) {
      this.nameIdFormat = text(nameIdFormat, "nameIdFormat");
      return this;
    }

    /** Bearer confirmation (the default). */
    public Builder bearer() {
      this.confirmation = SubjectConfirmation.BEARER;
      this.holderOfKeyCertificate = null;
      this.holderOfKeyEncryptedKey = null;
      return this;
    }

    /** Holder-of-key confirmation, proven with the private key of {@code certificate}. */
    public Builder holderOfKey(X509Certificate certificate) {
      this.holderOfKeyCertificate = Objects.requireNonNull(certificate, "certificate");
      this.holderOfKeyEncryptedKey = null;
      this.confirmation = SubjectConfirmation.HOLDER_OF_KEY;
      return this;
    }

    /** Holder-of-key confirmation, proven with a symmetric key encrypted for the relying party. */
    public Builder holderOfKey(EncryptedProofKey proofKey) {
      this.holderOfKeyEncryptedKey = Objects.requireNonNull(proofKey, "proofKey");
      this.holderOfKeyCertificate = null;
      this.confirmation = SubjectConfirmation.HOLDER_OF_KEY;
      return this;
    }

    /** The validity window [notBefore, notOnOrAfter) of SAML Core 2.5.1.2. */
    public Builder validity(Instant notBefore, Instant notOnOrAfter) {
      Objects.requireNonNull(notBefore, "notBefore");
      Objects.requireNonNull(notOnOrAfter, "notOnOrAfter");
      if (!notOnOrAfter.isAfter(notBefore)) {
        throw new IllegalArgumentException("notOnOrAfter must be after notBefore");
      }
      this.notBefore = notBefore;
      this.notOnOrAfter = notOnOrAfter;
      return this;
    }

    public Builder audience(String audience) {
      text(audience, "audience");
      if (audiences.size() >= MAX_AUDIENCES) {
        throw new IllegalArgumentException("more than MAX_AUDIENCES (" + MAX_AUDIENCES + ")");
      }
      audiences.add(audience);
      return this;
    }

    /** Adds an AuthnStatement (SAML Core 2.7.2). */
    public Builder authentication(Instant authnInstant, String authnContextClassRef) {
      this.authnInstant = Objects.requireNonNull(authnInstant, "authnInstant");
      this.authnContextClassRef = text(authnContextClassRef, "authnContextClassRef");
      return this;
    }

    /** The AuthnStatement's SessionIndex (SAML Core 2.7.2); needs {@link #authentication}. */
    public Builder sessionIndex(String sessionIndex) {
      text(sessionIndex, "sessionIndex");
      if (sessionIndex.length() > 128) {
        throw new IllegalArgumentException("sessionIndex longer than 128 characters");
      }
      this.sessionIndex = sessionIndex;
      return this;
    }

    public Builder attribute(SamlAttribute attribute) {
      Objects.requireNonNull(attribute, "attribute");
      if (attributes.size() >= MAX_ATTRIBUTES) {
        throw new IllegalArgumentException("more than MAX_ATTRIBUTES (" + MAX_ATTRIBUTES + ")");
      }
      attributes.add(attribute);
      return this;
    }

    public Builder attribute(String name, String... values) {
      return attribute(SamlAttribute.of(name, values));
    }

    public SamlAssertion build() {
      require(id, "id");
      require(issueInstant, "issueInstant");
      require(issuer, "issuer");
      require(nameId, "subject");
      require(notBefore, "validity");
      if (sessionIndex != null && authnInstant == null) {
        throw new IllegalStateException("a SessionIndex belongs to an AuthnStatement");
      }
      if (audiences.isEmpty()) {
        // An assertion without an audience would be accepted by every relying party.
        throw new IllegalStateException("an assertion needs at least one audience");
      }
      return new SamlAssertion(this);
    }

    private static void require(Object value, String what) {
      if (value == null) {
        throw new IllegalStateException("SamlAssertion needs " + what);
      }
    }

    private static String text(String value, String what) {
      Objects.requireNonNull(value, what);
      if (value.isBlank()) {
        throw new IllegalArgumentException(what + " must not be blank");
      }
      return value;
    }
  }
}
