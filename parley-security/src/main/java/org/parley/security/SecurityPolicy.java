package org.parley.security;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import javax.xml.namespace.QName;

/**
 * The typed security policy one endpoint applies to a message (WS-SecurityPolicy 1.2 sections 4-7):
 * binding, algorithm suite, timestamp and freshness, the parts that must be signed and encrypted,
 * protection order, signature encryption, signature confirmation and derived keys.
 *
 * <p>Safe by default: the body is signed and its content encrypted, a signed timestamp is required,
 * the clock skew is five minutes (WCF's default). Each relaxation is its own loudly named method.
 */
public final class SecurityPolicy {
  /** WS-SP 1.2 section 7: which binding protects the message. */
  public enum Binding {
    /** Section 7.4: one symmetric key (an SCT or EncryptedKey) signs and encrypts both ways. */
    SYMMETRIC,
    /** Section 7.5: each side signs with its own private key and encrypts to the other's. */
    ASYMMETRIC
  }

  /** The largest clock skew any policy may allow. */
  public static final Duration MAX_CLOCK_SKEW_CAP = Duration.ofMinutes(15);

  private final Binding binding;
  private final AlgorithmSuite suite;
  private final boolean timestampRequired;
  private final Duration maxClockSkew;
  private final Duration maxMessageAge;
  private final boolean signBody;
  private final Set<QName> signedHeaders;
  private final boolean encryptBody;
  private final Set<QName> encryptedHeaders;
  private final ProtectionOrder protectionOrder;
  private final boolean encryptSignature;
  private final boolean signatureConfirmation;
  private final boolean derivedKeys;

  private SecurityPolicy(Builder b) {
    this.binding = b.binding;
    this.suite = b.suite;
    this.timestampRequired = b.timestampRequired;
    this.maxClockSkew = b.maxClockSkew;
    this.maxMessageAge = b.maxMessageAge;
    this.signBody = b.signBody;
    this.signedHeaders = Set.copyOf(b.signedHeaders);
    this.encryptBody = b.encryptBody;
    this.encryptedHeaders = Set.copyOf(b.encryptedHeaders);
    this.protectionOrder = b.protectionOrder;
    this.encryptSignature = b.encryptSignature;
    this.signatureConfirmation = b.signatureConfirmation;
    this.derivedKeys = b.derivedKeys;
  }

  public static Builder newBuilder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.binding = binding;
    b.suite = suite;
    b.timestampRequired = timestampRequired;
    b.maxClockSkew = maxClockSkew;
    b.maxMessageAge = maxMessageAge;
    b.signBody = signBody;
    b.signedHeaders.addAll(signedHeaders);
    b.encryptBody = encryptBody;
    b.encryptedHeaders.addAll(encryptedHeaders);
    b.protectionOrder = protectionOrder;
    b.encryptSignature = encryptSignature;
    b.signatureConfirmation = signatureConfirmation;
    b.derivedKeys = derivedKeys;
    return b;
  }

  public Binding binding() {
    return binding;
  }

  public AlgorithmSuite algorithmSuite() {
    return suite;
  }

  /** WS-SP 1.2 section 6.2 {@code sp:IncludeTimestamp}; a required timestamp must be signed. */
  public boolean timestampRequired() {
    return timestampRequired;
  }

  /** Allowed difference between the peer's clock and ours, at most {@link #MAX_CLOCK_SKEW_CAP}. */
  public Duration maxClockSkew() {
    return maxClockSkew;
  }

  /** Oldest {@code wsu:Created} accepted, also when the timestamp has an Expires. */
  public Duration maxMessageAge() {
    return maxMessageAge;
  }

  public boolean signBody() {
    return signBody;
  }

  /** Headers (direct children of the SOAP Header) that must be signed. */
  public Set<QName> signedHeaders() {
    return signedHeaders;
  }

  /**
   * Whether a header block with this name must be signed. An entry whose local part is empty stands
   * for every header of its namespace (WS-SP 1.2 section 4.1.1: {@code sp:Header} with a Namespace
   * and no Name).
   */
  public boolean requiresSignedHeader(QName header) {
    return matches(signedHeaders, header);
  }

  /** Whether a header block with this name must be encrypted; namespace entries as above. */
  public boolean requiresEncryptedHeader(QName header) {
    return matches(encryptedHeaders, header);
  }

  private static boolean matches(Set<QName> names, QName header) {
    return names.contains(header) || names.contains(new QName(header.getNamespaceURI(), ""));
  }

  /** Whether the body content must be encrypted (WS-SP 1.2 section 4.2.1 EncryptedParts/Body). */
  public boolean encryptBody() {
    return encryptBody;
  }

  /** Headers that must arrive as {@code wsse11:EncryptedHeader}. */
  public Set<QName> encryptedHeaders() {
    return encryptedHeaders;
  }

  public ProtectionOrder protectionOrder() {
    return protectionOrder;
  }

  /** WS-SP 1.2 section 6.4 {@code sp:EncryptSignature}. */
  public boolean encryptSignature() {
    return encryptSignature;
  }

  /** WS-SP 1.2 section 6.5 / WSS 1.1 section 8.5 {@code sp:RequireSignatureConfirmation}. */
  public boolean signatureConfirmation() {
    return signatureConfirmation;
  }

  /** WS-SP 1.2 section 5.1.1 {@code sp:RequireDerivedKeys}. */
  public boolean derivedKeys() {
    return derivedKeys;
  }

  @Override
  public String toString() {
    return "SecurityPolicy["
        + binding
        + ", "
        + suite.name()
        + ", "
        + protectionOrder
        + (encryptSignature ? ", encryptSignature" : "")
        + (derivedKeys ? ", derivedKeys" : "")
        + "]";
  }

  /** Builder; every setter validates its argument. */
  public static final class Builder {
    private Binding binding = Binding.SYMMETRIC;
    private AlgorithmSuite suite = AlgorithmSuite.BASIC256;
    private boolean timestampRequired = true;
    private Duration maxClockSkew = Duration.ofMinutes(5);
    private Duration maxMessageAge = Duration.ofMinutes(15);
    private boolean signBody = true;
    private final Set<QName> signedHeaders = new LinkedHashSet<>();
    private boolean encryptBody = true;
    private final Set<QName> encryptedHeaders = new LinkedHashSet<>();
    private ProtectionOrder protectionOrder = ProtectionOrder.SIGN_BEFORE_ENCRYPT;
    private boolean encryptSignature;
    private boolean signatureConfirmation;
    private boolean derivedKeys = true;

    private Builder() {}

    public Builder binding(Binding binding) {
      this.binding = Objects.requireNonNull(binding, "binding");
      return this;
    }

    public Builder algorithmSuite(AlgorithmSuite suite) {
      this.suite = Objects.requireNonNull(suite, "suite");
      return this;
    }

    /** Accepts messages without a timestamp (no freshness check at all). */
    public Builder allowMissingTimestamp() {
      this.timestampRequired = false;
      return this;
    }

    public Builder maxClockSkew(Duration skew) {
      Objects.requireNonNull(skew, "skew");
      if (skew.isNegative() || skew.compareTo(MAX_CLOCK_SKEW_CAP) > 0) {
        throw new IllegalArgumentException(
            "maxClockSkew must be between 0 and " + MAX_CLOCK_SKEW_CAP + ", was " + skew);
      }
      this.maxClockSkew = skew;
      return this;
    }

    public Builder maxMessageAge(Duration age) {
      Objects.requireNonNull(age, "age");
      if (age.isNegative() || age.isZero() || age.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException("maxMessageAge must be in (0, 1 day], was " + age);
      }
      this.maxMessageAge = age;
      return this;
    }

    /** Accepts a message whose body is not signed. */
    public Builder allowUnsignedBody() {
      this.signBody = false;
      return this;
    }

    /** Accepts a message whose body content is not encrypted. */
    public Builder allowUnencryptedBody() {
      this.encryptBody = false;
      return this;
    }

    /** A header to sign; a QName with an empty local part means every header of its namespace. */
    public Builder signHeader(QName header) {
      signedHeaders.add(Objects.requireNonNull(header, "header"));
      return this;
    }

    /**
     * A header to encrypt; a QName with an empty local part means every header of its namespace.
     */
    public Builder encryptHeader(QName header) {
      encryptedHeaders.add(Objects.requireNonNull(header, "header"));
      return this;
    }

    public Builder protectionOrder(ProtectionOrder order) {
      this.protectionOrder = Objects.requireNonNull(order, "order");
      return this;
    }

    public Builder encryptSignature(boolean encryptSignature) {
      this.encryptSignature = encryptSignature;
      return this;
    }

    public Builder signatureConfirmation(boolean signatureConfirmation) {
      this.signatureConfirmation = signatureConfirmation;
      return this;
    }

    public Builder derivedKeys(boolean derivedKeys) {
      this.derivedKeys = derivedKeys;
      return this;
    }

    public SecurityPolicy build() {
      if (encryptSignature && protectionOrder == ProtectionOrder.ENCRYPT_BEFORE_SIGN) {
        throw new IllegalStateException(
            "encryptSignature applies to SIGN_BEFORE_ENCRYPT only (WS-SP 1.2 section 6.4)");
      }
      return new SecurityPolicy(this);
    }
  }
}
