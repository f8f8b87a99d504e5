package org.parley.sts.trust;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.parley.conversation.trust.BinarySecret;
import org.parley.conversation.trust.Lifetime;
import org.parley.conversation.trust.ProofToken;
import org.parley.conversation.trust.RequestType;
import org.parley.conversation.trust.TrustVersion;
import org.w3c.dom.Element;

/**
 * A {@code wst:RequestSecurityTokenResponse} of the SAML token service (WS-Trust 1.3 sections 3.2,
 * 4.4, 5, 6, 7): an issued or renewed assertion with its proof, a validation status, or the
 * confirmation of a cancel. Immutable.
 */
public final class SamlTokenResponse {
  /** {@code wst:Status} (WS-Trust 1.3 section 7): valid or not, and why. */
  public record Status(boolean valid, String reason) {
    public Status {
      Objects.requireNonNull(reason, "reason");
    }
  }

  private final TrustVersion version;
  private final RequestType type;
  private final String context;
  private final String tokenType;
  private final Element assertion;
  private final String appliesTo;
  private final Lifetime lifetime;
  private final ProofToken proofToken;
  private final BinarySecret issuerEntropy;
  private final Integer keySizeBits;
  private final ProofKeyType keyType;
  private final Status status;

  private SamlTokenResponse(Builder b) {
    this.version = b.version;
    this.type = b.type;
    this.context = b.context;
    this.tokenType = b.tokenType;
    this.assertion = b.assertion;
    this.appliesTo = b.appliesTo;
    this.lifetime = b.lifetime;
    this.proofToken = b.proofToken;
    this.issuerEntropy = b.issuerEntropy;
    this.keySizeBits = b.keySizeBits;
    this.keyType = b.keyType;
    this.status = b.status;
  }

  public static Builder newBuilder(TrustVersion version, RequestType type) {
    return new Builder(version, type);
  }

  public TrustVersion version() {
    return version;
  }

  /** Which request this answers. */
  public RequestType type() {
    return type;
  }

  public Optional<String> context() {
    return Optional.ofNullable(context);
  }

  public Optional<String> tokenType() {
    return Optional.ofNullable(tokenType);
  }

  /** {@code wst:RequestedSecurityToken}: the signed assertion (an Issue or Renew answer). */
  public Optional<Element> assertion() {
    return Optional.ofNullable(assertion);
  }

  public Optional<String> appliesTo() {
    return Optional.ofNullable(appliesTo);
  }

  public Optional<Lifetime> lifetime() {
    return Optional.ofNullable(lifetime);
  }

  public Optional<ProofToken> proofToken() {
    return Optional.ofNullable(proofToken);
  }

  /** The issuer's entropy of a computed key (WS-Trust 1.3 section 4.4.4). */
  public Optional<BinarySecret> issuerEntropy() {
    return Optional.ofNullable(issuerEntropy);
  }

  public OptionalInt keySizeBits() {
    return keySizeBits == null ? OptionalInt.empty() : OptionalInt.of(keySizeBits);
  }

  public Optional<ProofKeyType> keyType() {
    return Optional.ofNullable(keyType);
  }

  /** The status of a Validate answer. */
  public Optional<Status> status() {
    return Optional.ofNullable(status);
  }

  /** {@code wst:RequestedTokenCancelled}: the answer of a Cancel. */
  public boolean cancelled() {
    return type == RequestType.CANCEL;
  }

  @Override
  public String toString() {
    return "SamlTokenResponse[" + version + " " + type + "]";
  }

  /** Builder; {@link #build()} checks that the response carries what its type needs. */
  public static final class Builder {
    private final TrustVersion version;
    private final RequestType type;
    private String context;
    private String tokenType;
    private Element assertion;
    private String appliesTo;
    private Lifetime lifetime;
    private ProofToken proofToken;
    private BinarySecret issuerEntropy;
    private Integer keySizeBits;
    private ProofKeyType keyType;
    private Status status;

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

    /** The signed assertion; not copied (the writer imports it). */
    public Builder assertion(Element assertion) {
      this.assertion = Objects.requireNonNull(assertion, "assertion");
      return this;
    }

    public Builder appliesTo(String realm) {
      this.appliesTo = Objects.requireNonNull(realm, "realm");
      return this;
    }

    public Builder lifetime(Lifetime lifetime) {
      this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
      return this;
    }

    public Builder proofToken(ProofToken proofToken) {
      this.proofToken = Objects.requireNonNull(proofToken, "proofToken");
      return this;
    }

    public Builder issuerEntropy(BinarySecret entropy) {
      this.issuerEntropy = Objects.requireNonNull(entropy, "entropy");
      return this;
    }

    public Builder keySizeBits(int bits) {
      if (bits < 8 || bits % 8 != 0) {
        throw new IllegalArgumentException("keySizeBits must be a positive multiple of 8: " + bits);
      }
      this.keySizeBits = bits;
      return this;
    }

    public Builder keyType(ProofKeyType keyType) {
      this.keyType = Objects.requireNonNull(keyType, "keyType");
      return this;
    }

    public Builder status(Status status) {
      this.status = Objects.requireNonNull(status, "status");
      return this;
    }

    public SamlTokenResponse build() {
      switch (type) {
        case ISSUE, RENEW -> {
          if (assertion == null) {
            throw new IllegalStateException(type + " response needs the assertion");
          }
        }
        case VALIDATE -> {
          if (status == null) {
            throw new IllegalStateException("a Validate response needs wst:Status");
          }
        }
        case CANCEL -> {
          if (assertion != null || proofToken != null) {
            throw new IllegalStateException("a Cancel response carries no token (section 6)");
          }
        }
      }
      return new SamlTokenResponse(this);
    }
  }
}
