package org.parley.conversation.policy;

import java.util.Objects;
import org.parley.conversation.trust.EntropyMode;
import org.parley.conversation.trust.TrustVersion;
import org.parley.security.AlgorithmSuite;
import org.parley.security.SecurityPolicy;

/**
 * The typed policy of a secure conversation endpoint (WS-SP 1.2 section 5.4.7, {@code
 * sp:SecureConversationToken} as the protection token of a symmetric binding): the protection of
 * application messages, the WS-SC version, whether clients must cancel, the bootstrap, and how the
 * SCT key is made. The single source of truth: {@link PolicyWriter} writes it as WS-Policy, {@link
 * WsdlPolicyReader} reads it back from a peer's WSDL.
 *
 * <p>Defaults follow WCF: RequireCancellation true, combined entropy, derived keys (from the
 * message policy).
 */
public final class ConversationPolicy {
  private final SecurityPolicy messagePolicy;
  private final BootstrapPolicy bootstrap;
  private final TrustVersion version;
  private final boolean requireCancellation;
  private final EntropyMode entropyMode;

  private ConversationPolicy(Builder b) {
    this.messagePolicy = b.messagePolicy;
    this.bootstrap = b.bootstrap;
    this.version = b.version;
    this.requireCancellation = b.requireCancellation;
    this.entropyMode = b.entropyMode;
  }

  /**
   * A builder for an endpoint whose application messages follow {@code messagePolicy} (a symmetric
   * binding keyed by the SCT) and whose context is established under {@code bootstrap}.
   */
  public static Builder newBuilder(SecurityPolicy messagePolicy, BootstrapPolicy bootstrap) {
    return new Builder(messagePolicy, bootstrap);
  }

  public Builder toBuilder() {
    Builder b = new Builder(messagePolicy, bootstrap).version(version).entropyMode(entropyMode);
    b.requireCancellation = requireCancellation;
    return b;
  }

  /** The protection of application messages (symmetric binding, SCT-derived keys). */
  public SecurityPolicy messagePolicy() {
    return messagePolicy;
  }

  public BootstrapPolicy bootstrap() {
    return bootstrap;
  }

  /** The WS-Trust / WS-SC version pair of the SCT exchange. */
  public TrustVersion version() {
    return version;
  }

  /**
   * WCF's RequireCancellation: true means clients cancel the context when done; false means the
   * service publishes MustNotSendCancel and refuses a Cancel.
   */
  public boolean requireCancellation() {
    return requireCancellation;
  }

  public EntropyMode entropyMode() {
    return entropyMode;
  }

  /** {@code sp:RequireDerivedKeys} on the SecureConversationToken. */
  public boolean requireDerivedKeys() {
    return messagePolicy.derivedKeys();
  }

  public AlgorithmSuite algorithmSuite() {
    return messagePolicy.algorithmSuite();
  }

  /** The WS-SP vocabulary this policy is published in. */
  public PolicyDialect dialect() {
    return PolicyDialect.forVersion(version);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConversationPolicy c
        && version == c.version
        && requireCancellation == c.requireCancellation
        && entropyMode == c.entropyMode
        && bootstrap.equals(c.bootstrap)
        && PolicyEquality.same(messagePolicy, c.messagePolicy);
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, requireCancellation, entropyMode, bootstrap);
  }

  @Override
  public String toString() {
    return "ConversationPolicy["
        + version
        + (requireCancellation ? ", RequireCancellation" : ", MustNotSendCancel")
        + ", "
        + entropyMode
        + " entropy, messages "
        + messagePolicy
        + ", bootstrap "
        + bootstrap
        + "]";
  }

  /** Builder; every setter validates. */
  public static final class Builder {
    private final SecurityPolicy messagePolicy;
    private final BootstrapPolicy bootstrap;
    private TrustVersion version = TrustVersion.WS_TRUST_13;
    private boolean requireCancellation = true;
    private EntropyMode entropyMode = EntropyMode.COMBINED;

    private Builder(SecurityPolicy messagePolicy, BootstrapPolicy bootstrap) {
      this.messagePolicy = Objects.requireNonNull(messagePolicy, "messagePolicy");
      this.bootstrap = Objects.requireNonNull(bootstrap, "bootstrap");
      if (messagePolicy.binding() != SecurityPolicy.Binding.SYMMETRIC) {
        throw new IllegalArgumentException(
            "application messages of a secure conversation use the SYMMETRIC binding"
                + " (WS-SP 1.2 section 7.4, the SCT is the protection token)");
      }
    }

    public Builder version(TrustVersion version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * RequireCancellation=false: the service publishes {@code sp:MustNotSendCancel} (SP 1.2/1.3) or
     * {@code mssp:MustNotSendCancel} (SP 1.1), refuses Cancel, and contexts live until they expire.
     */
    public Builder mustNotSendCancel() {
      this.requireCancellation = false;
      return this;
    }

    public Builder entropyMode(EntropyMode mode) {
      this.entropyMode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    public ConversationPolicy build() {
      return new ConversationPolicy(this);
    }
  }
}
