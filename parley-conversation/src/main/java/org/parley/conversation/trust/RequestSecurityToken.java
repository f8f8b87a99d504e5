package org.parley.conversation.trust;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A {@code wst:RequestSecurityToken} of the SCT exchange (WS-Trust 1.3 sections 4, 5, 6; WS-SC 1.3
 * sections 3-6). Immutable; the builder refuses the combinations the specifications forbid: a Renew
 * without a RenewTarget, a Cancel without a CancelTarget, a target on an Issue.
 */
public final class RequestSecurityToken {
  private final TrustVersion version;
  private final RequestType requestType;
  private final String context;
  private final String tokenType;
  private final AppliesTo appliesTo;
  private final Lifetime lifetime;
  private final Entropy entropy;
  private final Integer keySizeBits;
  private final String keyType;
  private final String computedKeyAlgorithm;
  private final ContextTokenReference target;
  private final boolean renewing;

  private RequestSecurityToken(Builder b) {
    this.version = b.version;
    this.requestType = b.requestType;
    this.context = b.context;
    this.tokenType = b.tokenType;
    this.appliesTo = b.appliesTo;
    this.lifetime = b.lifetime;
    this.entropy = b.entropy;
    this.keySizeBits = b.keySizeBits;
    this.keyType = b.keyType;
    this.computedKeyAlgorithm = b.computedKeyAlgorithm;
    this.target = b.target;
    this.renewing = b.renewing;
  }

  public static Builder newBuilder(TrustVersion version, RequestType requestType) {
    return new Builder(version, requestType);
  }

  public TrustVersion version() {
    return version;
  }

  public RequestType requestType() {
    return requestType;
  }

  /** The {@code Context} attribute, echoed in the response (WS-Trust 1.3 section 3.1). */
  public Optional<String> context() {
    return Optional.ofNullable(context);
  }

  public Optional<String> tokenType() {
    return Optional.ofNullable(tokenType);
  }

  public Optional<AppliesTo> appliesTo() {
    return Optional.ofNullable(appliesTo);
  }

  public Optional<Lifetime> lifetime() {
    return Optional.ofNullable(lifetime);
  }

  public Optional<Entropy> entropy() {
    return Optional.ofNullable(entropy);
  }

  public OptionalInt keySizeBits() {
    return keySizeBits == null ? OptionalInt.empty() : OptionalInt.of(keySizeBits);
  }

  public Optional<String> keyType() {
    return Optional.ofNullable(keyType);
  }

  public Optional<String> computedKeyAlgorithm() {
    return Optional.ofNullable(computedKeyAlgorithm);
  }

  /** The RenewTarget of a Renew or the CancelTarget of a Cancel. */
  public Optional<ContextTokenReference> target() {
    return Optional.ofNullable(target);
  }

  /** Whether {@code wst:Renewing} was present (WS-Trust 1.3 section 5). */
  public boolean renewing() {
    return renewing;
  }

  /** The WS-Addressing action this request travels under. */
  public String action() {
    return version.requestAction(requestType);
  }

  @Override
  public String toString() {
    return "RequestSecurityToken[" + version + " " + requestType + "]";
  }

  /** Builder; every setter validates. */
  public static final class Builder {
    private final TrustVersion version;
    private final RequestType requestType;
    private String context;
    private String tokenType;
    private AppliesTo appliesTo;
    private Lifetime lifetime;
    private Entropy entropy;
    private Integer keySizeBits;
    private String keyType;
    private String computedKeyAlgorithm;
    private ContextTokenReference target;
    private boolean renewing;

    private Builder(TrustVersion version, RequestType requestType) {
      this.version = Objects.requireNonNull(version, "version");
      this.requestType = Objects.requireNonNull(requestType, "requestType");
    }

    public Builder context(String context) {
      this.context = Objects.requireNonNull(context, "context");
      return this;
    }

    public Builder tokenType(String tokenType) {
      this.tokenType = Objects.requireNonNull(tokenType, "tokenType");
      return this;
    }

    /** The SCT token type of this version. */
    public Builder sctTokenType() {
      return tokenType(version.sctTokenType());
    }

    public Builder appliesTo(AppliesTo appliesTo) {
      this.appliesTo = Objects.requireNonNull(appliesTo, "appliesTo");
      return this;
    }

    public Builder lifetime(Lifetime lifetime) {
      this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
      return this;
    }

    public Builder entropy(Entropy entropy) {
      this.entropy = Objects.requireNonNull(entropy, "entropy");
      return this;
    }

    public Builder keySizeBits(int bits) {
      if (bits < 1 || bits % 8 != 0) {
        throw new IllegalArgumentException("keySizeBits must be a positive multiple of 8: " + bits);
      }
      this.keySizeBits = bits;
      return this;
    }

    public Builder keyType(String keyType) {
      this.keyType = Objects.requireNonNull(keyType, "keyType");
      return this;
    }

    /** Asks for {@code CK/PSHA1} (WS-Trust 1.3 section 4.4.4). */
    public Builder computedKeyPsha1() {
      this.computedKeyAlgorithm = version.computedKeyPsha1();
      return this;
    }

    public Builder target(ContextTokenReference target) {
      this.target = Objects.requireNonNull(target, "target");
      return this;
    }

    public Builder renewing(boolean renewing) {
      this.renewing = renewing;
      return this;
    }

    Builder computedKeyAlgorithm(String uri) {
      this.computedKeyAlgorithm = uri;
      return this;
    }

    public RequestSecurityToken build() {
      switch (requestType) {
        case RENEW, CANCEL -> {
          if (target == null) {
            throw new IllegalStateException(
                "a "
                    + requestType
                    + " request needs a "
                    + (requestType == RequestType.RENEW ? "RenewTarget" : "CancelTarget")
                    + " (WS-Trust 1.3 sections 5, 6)");
          }
        }
        case ISSUE, VALIDATE -> {
          if (target != null) {
            throw new IllegalStateException("only Renew and Cancel carry a target");
          }
        }
      }
      return new RequestSecurityToken(this);
    }
  }
}
