package org.parley.security;

/**
 * Work bounds on one inbound wsse:Security header, beyond the XML limits: each RSA operation,
 * signature and header scan costs CPU an attacker does not pay for. Each is a named setting and a
 * violation names the setting it broke.
 */
public final class SecurityHeaderLimits {
  /** Defaults with room for WCF, CXF and Metro (they use 2 signatures and 1 EncryptedKey). */
  public static final SecurityHeaderLimits DEFAULT = newBuilder().build();

  private final int maxHeaderElements;
  private final int maxSignatures;
  private final int maxReferencesPerSignature;
  private final int maxEncryptedKeys;

  private SecurityHeaderLimits(Builder b) {
    this.maxHeaderElements = b.maxHeaderElements;
    this.maxSignatures = b.maxSignatures;
    this.maxReferencesPerSignature = b.maxReferencesPerSignature;
    this.maxEncryptedKeys = b.maxEncryptedKeys;
  }

  public static Builder newBuilder() {
    return new Builder();
  }

  /** Setting {@code maxHeaderElements}: child elements of the Security header. */
  public int maxHeaderElements() {
    return maxHeaderElements;
  }

  /** Setting {@code maxSignatures}: ds:Signature elements verified per message. */
  public int maxSignatures() {
    return maxSignatures;
  }

  /** Setting {@code maxReferencesPerSignature}. */
  public int maxReferencesPerSignature() {
    return maxReferencesPerSignature;
  }

  /** Setting {@code maxEncryptedKeys}: RSA key transports per message. */
  public int maxEncryptedKeys() {
    return maxEncryptedKeys;
  }

  @Override
  public String toString() {
    return "SecurityHeaderLimits[maxHeaderElements="
        + maxHeaderElements
        + ", maxSignatures="
        + maxSignatures
        + ", maxReferencesPerSignature="
        + maxReferencesPerSignature
        + ", maxEncryptedKeys="
        + maxEncryptedKeys
        + "]";
  }

  /** Builder; every setter checks its argument. */
  public static final class Builder {
    private int maxHeaderElements = 100;
    private int maxSignatures = 8;
    private int maxReferencesPerSignature = 64;
    private int maxEncryptedKeys = 4;

    private Builder() {}

    public Builder maxHeaderElements(int v) {
      this.maxHeaderElements = range("maxHeaderElements", v, 1, 10_000);
      return this;
    }

    public Builder maxSignatures(int v) {
      this.maxSignatures = range("maxSignatures", v, 1, 1000);
      return this;
    }

    public Builder maxReferencesPerSignature(int v) {
      this.maxReferencesPerSignature = range("maxReferencesPerSignature", v, 1, 10_000);
      return this;
    }

    public Builder maxEncryptedKeys(int v) {
      this.maxEncryptedKeys = range("maxEncryptedKeys", v, 0, 100);
      return this;
    }

    public SecurityHeaderLimits build() {
      return new SecurityHeaderLimits(this);
    }

    private static int range(String name, int v, int min, int max) {
      if (v < min || v > max) {
        throw new IllegalArgumentException(
            name + " must be between " + min + " and " + max + ", was " + v);
      }
      return v;
    }
  }
}
