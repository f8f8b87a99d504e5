package org.parley.security;

/**
 * Bounds on {@code wsc:DerivedKeyToken} values from the wire (WS-SC 1.3 section 7). P_SHA1 costs
 * grow with offset plus length, and every derived key costs HMAC work, so each is a named setting;
 * a violation names the setting it broke.
 */
public final class DerivedKeyLimits {
  /** Defaults that accept WCF, CXF and Metro: 16-byte nonces, 24 and 32-byte keys, offset 0. */
  public static final DerivedKeyLimits DEFAULT = newBuilder().build();

  private final int maxDerivedKeysPerMessage;
  private final int maxLengthBytes;
  private final int maxOffsetBytes;
  private final int maxLabelLength;
  private final int minNonceBytes;
  private final int maxNonceBytes;

  private DerivedKeyLimits(Builder b) {
    this.maxDerivedKeysPerMessage = b.maxDerivedKeysPerMessage;
    this.maxLengthBytes = b.maxLengthBytes;
    this.maxOffsetBytes = b.maxOffsetBytes;
    this.maxLabelLength = b.maxLabelLength;
    this.minNonceBytes = b.minNonceBytes;
    this.maxNonceBytes = b.maxNonceBytes;
  }

  public static Builder newBuilder() {
    return new Builder();
  }

  /** Setting {@code maxDerivedKeysPerMessage}. */
  public int maxDerivedKeysPerMessage() {
    return maxDerivedKeysPerMessage;
  }

  /** Setting {@code maxLengthBytes}: the longest derived key. */
  public int maxLengthBytes() {
    return maxLengthBytes;
  }

  /** Setting {@code maxOffsetBytes}: the largest offset (also generation x length). */
  public int maxOffsetBytes() {
    return maxOffsetBytes;
  }

  /** Setting {@code maxLabelLength}, in characters. */
  public int maxLabelLength() {
    return maxLabelLength;
  }

  /** Setting {@code minNonceBytes}. */
  public int minNonceBytes() {
    return minNonceBytes;
  }

  /** Setting {@code maxNonceBytes}. */
  public int maxNonceBytes() {
    return maxNonceBytes;
  }

  @Override
  public String toString() {
    return "DerivedKeyLimits[maxDerivedKeysPerMessage="
        + maxDerivedKeysPerMessage
        + ", maxLengthBytes="
        + maxLengthBytes
        + ", maxOffsetBytes="
        + maxOffsetBytes
        + ", maxLabelLength="
        + maxLabelLength
        + ", minNonceBytes="
        + minNonceBytes
        + ", maxNonceBytes="
        + maxNonceBytes
        + "]";
  }

  /** Builder; every setter checks its argument. */
  public static final class Builder {
    private int maxDerivedKeysPerMessage = 8;
    private int maxLengthBytes = 64;
    private int maxOffsetBytes = 1024;
    private int maxLabelLength = 128;
    private int minNonceBytes = 16;
    private int maxNonceBytes = 128;

    private Builder() {}

    public Builder maxDerivedKeysPerMessage(int v) {
      this.maxDerivedKeysPerMessage = range("maxDerivedKeysPerMessage", v, 1, 1024);
      return this;
    }

    public Builder maxLengthBytes(int v) {
      this.maxLengthBytes = range("maxLengthBytes", v, 16, 1024);
      return this;
    }

    public Builder maxOffsetBytes(int v) {
      this.maxOffsetBytes = range("maxOffsetBytes", v, 0, 1 << 20);
      return this;
    }

    public Builder maxLabelLength(int v) {
      this.maxLabelLength = range("maxLabelLength", v, 1, 4096);
      return this;
    }

    public Builder minNonceBytes(int v) {
      this.minNonceBytes = range("minNonceBytes", v, 1, 1024);
      return this;
    }

    public Builder maxNonceBytes(int v) {
      this.maxNonceBytes = range("maxNonceBytes", v, 1, 1024);
      return this;
    }

    public DerivedKeyLimits build() {
      if (minNonceBytes > maxNonceBytes) {
        throw new IllegalStateException(
            "minNonceBytes=" + minNonceBytes + " exceeds maxNonceBytes=" + maxNonceBytes);
      }
      return new DerivedKeyLimits(this);
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
