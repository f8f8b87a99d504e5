package org.parley.sts.trust;

import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.parley.conversation.trust.BinarySecret;
import org.parley.conversation.trust.Lifetime;
import org.parley.conversation.trust.RequestType;
import org.parley.conversation.trust.TrustVersion;
import org.w3c.dom.Element;

/**
 * A {@code wst:RequestSecurityToken} for a SAML 2.0 assertion (WS-Trust 1.3 sections 3.1, 4-7; Feb
 * 2005 sections 5-9): Issue (bearer or holder-of-key), Validate, Renew or Cancel. Immutable; the
 * builder refuses what the specifications forbid: a target on an Issue, a Validate, Renew or Cancel
 * without one, entropy or a computed key on anything but a symmetric key request.
 */
public final class SamlTokenRequest {
  /**
   * {@code wst:Renewing} (WS-Trust 1.3 section 5): {@code Allow} asks for a renewable token, {@code
   * OK} for one that may be renewed after it expired.
   */
  public record Renewing(boolean allow, boolean ok) {}

  private final TrustVersion version;
  private final RequestType type;
  private final String context;
  private final String tokenType;
  private final String appliesTo;
  private final Lifetime lifetime;
  private final ProofKeyType keyType;
  private final Integer keySizeBits;
  private final BinarySecret entropy;
  private final boolean computedKeyPsha1;
  private final X509Certificate useKey;
  private final Renewing renewing;
  private final boolean allowPostdating;
  private final Element target;

  private SamlTokenRequest(Builder b) {
    this.version = b.version;
    this.type = b.type;
    this.context = b.context;
    this.tokenType = b.tokenType;
    this.appliesTo = b.appliesTo;
    this.lifetime = b.lifetime;
    this.keyType = b.keyType;
    this.keySizeBits = b.keySizeBits;
    this.entropy = b.entropy;
    this.computedKeyPsha1 = b.computedKeyPsha1;
    this.useKey = b.useKey;
    this.renewing = b.renewing;
    this.allowPostdating = b.allowPostdating;
    this.target = b.target;
  }

  public static Builder newBuilder(TrustVersion version, RequestType type) {
    return new Builder(version, type);
  }

  public TrustVersion version() {
    return version;
  }

  public RequestType type() {
    return type;
  }

  public Optional<String> context() {
    return Optional.ofNullable(context);
  }

  public Optional<String> tokenType() {
    return Optional.ofNullable(tokenType);
  }

  /** The {@code wsa:Address} of {@code wsp:AppliesTo}: the relying party's realm. */
  public Optional<String> appliesTo() {
    return Optional.ofNullable(appliesTo);
  }

  /** The requested {@code wst:Lifetime}, which the STS may shorten. */
  public Optional<Lifetime> lifetime() {
    return Optional.ofNullable(lifetime);
  }

  /** The key type; bearer when the request names none. */
  public ProofKeyType keyType() {
    return keyType;
  }

  public OptionalInt keySizeBits() {
    return keySizeBits == null ? OptionalInt.empty() : OptionalInt.of(keySizeBits);
  }

  /** The requestor's {@code wst:Entropy} (WS-Trust 1.3 section 4.4.3). */
  public Optional<BinarySecret> entropy() {
    return Optional.ofNullable(entropy);
  }

  /** Whether {@code wst:ComputedKeyAlgorithm} asked for {@code CK/PSHA1} (section 4.4.4). */
  public boolean computedKeyPsha1() {
    return computedKeyPsha1;
  }

  /** The certificate of {@code wst:UseKey} (WS-Trust 1.3 section 9.2), for a public key token. */
  public Optional<X509Certificate> useKey() {
    return Optional.ofNullable(useKey);
  }

  public Optional<Renewing> renewing() {
    return Optional.ofNullable(renewing);
  }

  /** {@code wst:AllowPostdating} (WS-Trust 1.3 section 5). */
  public boolean allowPostdating() {
    return allowPostdating;
  }

  /**
   * The assertion of {@code wst:ValidateTarget}, {@code wst:RenewTarget} or {@code
   * wst:CancelTarget}; not copied.
   */
  public Optional<Element> target() {
    return Optional.ofNullable(target);
  }

  /** The WS-Addressing action of this request. */
  public String action() {
    return version.genericRequestAction(type);
  }

  @Override
  public String toString() {
    return "SamlTokenRequest[" + version + " " + type + " " + keyType + "]";
  }

  /** Builder; every setter validates, {@link #build()} checks the combination. */
  public static final class Builder {
    private final TrustVersion version;
    private final RequestType type;
    private String context;
    private String tokenType;
    private String appliesTo;
    private Lifetime lifetime;
    private ProofKeyType keyType = ProofKeyType.BEARER;
    private Integer keySizeBits;
    private BinarySecret entropy;
    private boolean computedKeyPsha1;
    private X509Certificate useKey;
    private Renewing renewing;
    private boolean allowPostdating;
    private Element target;

    private Builder(TrustVersion version, RequestType type) {
      this.version = Objects.requireNonNull(version, "version");
      this.type = Objects.requireNonNull(type, "type");
    }

    public Builder context(String context) {
      this.context = Objects.requireNonNull(context, "context");
      return this;
    }

    public Builder tokenType(String tokenType) {
      this.tokenType = Objects.requireNonNull(tokenType, "tokenType");
      return this;
    }

    public Builder appliesTo(String realm) {
      Objects.requireNonNull(realm, "realm");
      if (realm.isBlank()) {
        throw new IllegalArgumentException("AppliesTo must not be blank");
      }
      this.appliesTo = realm;
      return this;
    }

    public Builder lifetime(Lifetime lifetime) {
      this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
      return this;
    }

    public Builder keyType(ProofKeyType keyType) {
      this.keyType = Objects.requireNonNull(keyType, "keyType");
      return this;
    }

    public Builder keySizeBits(int bits) {
      if (bits < 8 || bits % 8 != 0) {
        throw new IllegalArgumentException("keySizeBits must be a positive multiple of 8: " + bits);
      }
      this.keySizeBits = bits;
      return this;
    }

    public Builder entropy(BinarySecret entropy) {
      this.entropy = Objects.requireNonNull(entropy, "entropy");
      return this;
    }

    public Builder computedKeyPsha1() {
      this.computedKeyPsha1 = true;
      return this;
    }

    public Builder useKey(X509Certificate certificate) {
      this.useKey = Objects.requireNonNull(certificate, "certificate");
      return this;
    }

    public Builder renewing(Renewing renewing) {
      this.renewing = Objects.requireNonNull(renewing, "renewing");
      return this;
    }

    public Builder allowPostdating() {
      this.allowPostdating = true;
      return this;
    }

    /** The assertion to validate, renew or cancel (an element; not copied). */
    public Builder target(Element assertion) {
      this.target = Objects.requireNonNull(assertion, "assertion");
      return this;
    }

    public SamlTokenRequest build() {
      if (type == RequestType.ISSUE && target != null) {
        throw new IllegalStateException("an Issue request carries no target");
      }
      if (type != RequestType.ISSUE && target == null) {
        throw new IllegalStateException(
            "a " + type + " request needs its target token (WS-Trust 1.3 sections 5, 6, 7)");
      }
      if (keyType != ProofKeyType.SYMMETRIC && (entropy != null || computedKeyPsha1)) {
        throw new IllegalStateException(
            "entropy and ComputedKeyAlgorithm belong to a SymmetricKey request (section 4.4.3)");
      }
      if (computedKeyPsha1 && entropy == null) {
        throw new IllegalStateException("a computed key needs requestor entropy (section 4.4.4)");
      }
      if (keyType != ProofKeyType.PUBLIC_KEY && useKey != null) {
        throw new IllegalStateException("UseKey belongs to a PublicKey request (section 9.2)");
      }
      return new SamlTokenRequest(this);
    }
  }
}
