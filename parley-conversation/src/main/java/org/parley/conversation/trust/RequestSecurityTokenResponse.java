package org.parley.conversation.trust;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.parley.conversation.sct.SecurityContextToken;

/**
 * A {@code wst:RequestSecurityTokenResponse} of the SCT exchange (WS-Trust 1.3 sections 4.4, 5, 6;
 * WS-SC 1.3 sections 2-6). WS-Trust 1.3 wraps it in a {@code
 * wst:RequestSecurityTokenResponseCollection} (section 4.3), Feb 2005 sends it bare; the codec does
 * both. Immutable.
 */
public final class RequestSecurityTokenResponse {
  private final TrustVersion version;
  private final String context;
  private final String tokenType;
  private final SecurityContextToken requestedToken;
  private final ContextTokenReference attachedReference;
  private final ContextTokenReference unattachedReference;
  private final ProofToken proofToken;
  private final Entropy entropy;
  private final Lifetime lifetime;
  private final Integer keySizeBits;
  private final boolean tokenCancelled;

  private RequestSecurityTokenResponse(Builder b) {
    this.version = b.version;
    this.context = b.context;
    this.tokenType = b.tokenType;
    this.requestedToken = b.requestedToken;
    this.attachedReference = b.attachedReference;
    this.unattachedReference = b.unattachedReference;
    this.proofToken = b.proofToken;
    this.entropy = b.entropy;
    this.lifetime = b.lifetime;
    this.keySizeBits = b.keySizeBits;
    this.tokenCancelled = b.tokenCancelled;
  }

  public static Builder newBuilder(TrustVersion version) {
    return new Builder(version);
  }

  public TrustVersion version() {
    return version;
  }

  public Optional<String> context() {
    return Optional.ofNullable(context);
  }

  public Optional<String> tokenType() {
    return Optional.ofNullable(tokenType);
  }

  /** {@code wst:RequestedSecurityToken}: the issued or renewed SCT. */
  public Optional<SecurityContextToken> requestedToken() {
    return Optional.ofNullable(requestedToken);
  }

  public Optional<ContextTokenReference> attachedReference() {
    return Optional.ofNullable(attachedReference);
  }

  public Optional<ContextTokenReference> unattachedReference() {
    return Optional.ofNullable(unattachedReference);
  }

  public Optional<ProofToken> proofToken() {
    return Optional.ofNullable(proofToken);
  }

  /** The issuer's entropy (combined entropy, WS-Trust 1.3 sections 4.4.3, 4.4.4). */
  public Optional<Entropy> entropy() {
    return Optional.ofNullable(entropy);
  }

  public Optional<Lifetime> lifetime() {
    return Optional.ofNullable(lifetime);
  }

  public OptionalInt keySizeBits() {
    return keySizeBits == null ? OptionalInt.empty() : OptionalInt.of(keySizeBits);
  }

  /** {@code wst:RequestedTokenCancelled} (WS-Trust 1.3 section 6). */
  public boolean tokenCancelled() {
    return tokenCancelled;
  }

  @Override
  public String toString() {
    return "RequestSecurityTokenResponse["
        + version
        + (requestedToken != null ? " " + requestedToken : "")
        + (tokenCancelled ? " cancelled" : "")
        + "]";
  }

  /** Builder; every setter validates. */
  public static final class Builder {
    private final TrustVersion version;
    private String context;
    private String tokenType;
    private SecurityContextToken requestedToken;
    private ContextTokenReference attachedReference;
    private ContextTokenReference unattachedReference;
    private ProofToken proofToken;
    private Entropy entropy;
    private Lifetime lifetime;
    private Integer keySizeBits;
    private boolean tokenCancelled;

    private Builder(TrustVersion version) {
      this.version = Objects.requireNonNull(version, "version");
    }

    public Builder context(String context) {
      this.context = Objects.requireNonNull(context, "context");
      return this;
    }

    public Builder tokenType(String tokenType) {
      this.tokenType = Objects.requireNonNull(tokenType, "tokenType");
      return this;
    }

    public Builder requestedToken(SecurityContextToken token) {
      this.requestedToken = Objects.requireNonNull(token, "token");
      return this;
    }

    public Builder attachedReference(ContextTokenReference ref) {
      this.attachedReference = Objects.requireNonNull(ref, "ref");
      return this;
    }

    public Builder unattachedReference(ContextTokenReference ref) {
      this.unattachedReference = Objects.requireNonNull(ref, "ref");
      return this;
    }

    public Builder proofToken(ProofToken proof) {
      this.proofToken = Objects.requireNonNull(proof, "proof");
      return this;
    }

    public Builder entropy(Entropy entropy) {
      this.entropy = Objects.requireNonNull(entropy, "entropy");
      return this;
    }

    public Builder lifetime(Lifetime lifetime) {
      this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
      return this;
    }

    public Builder keySizeBits(int bits) {
      if (bits < 1 || bits % 8 != 0) {
        throw new IllegalArgumentException("keySizeBits must be a positive multiple of 8: " + bits);
      }
      this.keySizeBits = bits;
      return this;
    }

    public Builder tokenCancelled() {
      this.tokenCancelled = true;
      return this;
    }

    public RequestSecurityTokenResponse build() {
      if (tokenCancelled && (requestedToken != null || proofToken != null)) {
        throw new IllegalStateException(
            "a cancel response carries RequestedTokenCancelled and no token (WS-Trust 1.3 section 6)");
      }
      if (!tokenCancelled && requestedToken == null) {
        throw new IllegalStateException(
            "a response needs a RequestedSecurityToken or RequestedTokenCancelled");
      }
      return new RequestSecurityTokenResponse(this);
    }
  }
}
