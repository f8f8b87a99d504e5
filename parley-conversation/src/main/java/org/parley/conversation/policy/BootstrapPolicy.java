package org.parley.conversation.policy;

import java.util.Objects;
import org.parley.security.SecurityPolicy;

/**
 * How the RST/SCT exchange that establishes a context is protected (WS-SP 1.2 section 5.4.7, {@code
 * sp:BootstrapPolicy}): the client proves itself once with X.509 before it gets the SCT.
 */
public final class BootstrapPolicy {
  /** The two bootstraps Parley supports. */
  public enum Kind {
    /**
     * Asymmetric binding, X.509 mutual authentication: the client signs with its certificate, the
     * service's certificate encrypts (WS-SP 1.2 section 7.5).
     */
    ASYMMETRIC_X509,
    /**
     * Symmetric binding keyed by an EncryptedKey for the service certificate, with the client
     * certificate as an endorsing supporting token (WS-SP 1.2 sections 7.4, 8.3).
     */
    SYMMETRIC_X509_ENDORSING
  }

  private final Kind kind;
  private final SecurityPolicy securityPolicy;

  private BootstrapPolicy(Kind kind, SecurityPolicy securityPolicy) {
    this.kind = kind;
    this.securityPolicy = securityPolicy;
  }

  /** X.509 mutual authentication; {@code policy} must use the asymmetric binding. */
  public static BootstrapPolicy asymmetricX509(SecurityPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    if (policy.binding() != SecurityPolicy.Binding.ASYMMETRIC) {
      throw new IllegalArgumentException(
          "an asymmetric X.509 bootstrap needs an ASYMMETRIC policy");
    }
    if (policy.derivedKeys()) {
      throw new IllegalArgumentException(
          "an asymmetric X.509 bootstrap signs with the certificates' keys; derivedKeys must be off");
    }
    return new BootstrapPolicy(Kind.ASYMMETRIC_X509, policy);
  }

  /** X.509 EncryptedKey with an endorsing client certificate; {@code policy} must be symmetric. */
  public static BootstrapPolicy symmetricX509Endorsing(SecurityPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    if (policy.binding() != SecurityPolicy.Binding.SYMMETRIC) {
      throw new IllegalArgumentException("a symmetric X.509 bootstrap needs a SYMMETRIC policy");
    }
    return new BootstrapPolicy(Kind.SYMMETRIC_X509_ENDORSING, policy);
  }

  public Kind kind() {
    return kind;
  }

  /** The protection of the RST/SCT and RSTR/SCT messages. */
  public SecurityPolicy securityPolicy() {
    return securityPolicy;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BootstrapPolicy b
        && kind == b.kind
        && PolicyEquality.same(securityPolicy, b.securityPolicy);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, securityPolicy.binding());
  }

  @Override
  public String toString() {
    return "BootstrapPolicy[" + kind + ", " + securityPolicy + "]";
  }
}
