package org.parley.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.parley.core.fault.ParleyFault;
import org.w3c.dom.Document;

/**
 * Protects an outbound SOAP 1.1 or 1.2 envelope as its {@link SecurityPolicy} says: Timestamp,
 * tokens (SCT or BinarySecurityToken and EncryptedKey), DerivedKeyTokens, Signature, ReferenceList,
 * EncryptedData and EncryptedHeader, SignatureConfirmation, in the protection order the policy
 * names, and writes the message out.
 *
 * <p>Built once with {@link #newBuilder()}; immutable and thread-safe.
 */
public final class OutboundProtector {
  final SecurityPolicy policy;
  final Clock clock;
  final SecureRandom random;
  final Duration timestampTtl;

  private OutboundProtector(Builder b) {
    this.policy = b.policy;
    this.clock = b.clock;
    this.random = b.random;
    this.timestampTtl = b.timestampTtl;
  }

  public static Builder newBuilder() {
    return new Builder();
  }

  public SecurityPolicy policy() {
    return policy;
  }

  /**
   * Protects {@code envelope} in place and serializes it. The document must be a Parley-built or
   * hardened-parsed tree (namespace declarations present as attributes).
   */
  public ProtectedMessage protect(Document envelope, OutboundCredentials credentials)
      throws ParleyFault {
    return protect(envelope, credentials, List.of());
  }

  /**
   * As {@link #protect(Document, OutboundCredentials)}, adding a signed {@code
   * wsse11:SignatureConfirmation} for each of {@code confirmSignatureValues} (WSS 1.1 section 8.5)
   * when the policy asks for signature confirmation.
   */
  public ProtectedMessage protect(
      Document envelope, OutboundCredentials credentials, List<byte[]> confirmSignatureValues)
      throws ParleyFault {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(confirmSignatureValues, "confirmSignatureValues");
    return new OutboundRun(this, envelope, credentials, confirmSignatureValues).run();
  }

  /** Builder. A policy is required. */
  public static final class Builder {
    private SecurityPolicy policy;
    private Clock clock = Clock.systemUTC();
    private SecureRandom random = new SecureRandom();
    private Duration timestampTtl = Duration.ofMinutes(5);

    private Builder() {}

    public Builder policy(SecurityPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Source of keys, IVs and nonces. */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** Lifetime written into wsu:Expires (default five minutes). */
    public Builder timestampTtl(Duration ttl) {
      Objects.requireNonNull(ttl, "ttl");
      if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("timestampTtl must be in (0, 1 hour], was " + ttl);
      }
      this.timestampTtl = ttl;
      return this;
    }

    public OutboundProtector build() {
      if (policy == null) {
        throw new IllegalStateException("an OutboundProtector needs a SecurityPolicy");
      }
      return new OutboundProtector(this);
    }
  }
}
