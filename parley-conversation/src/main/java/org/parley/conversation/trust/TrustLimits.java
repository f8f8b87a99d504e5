package org.parley.conversation.trust;

/**
 * Bounds on what the WS-Trust reader accepts from a peer. Every value is a named setting; a
 * rejection names the setting it hit.
 */
public final class TrustLimits {
  public static final TrustLimits DEFAULT = newBuilder().build();

  private final int maxBinarySecretBytes;
  private final int maxKeySizeBits;
  private final int maxUriChars;
  private final int maxChildElements;
  private final int maxCookieBytes;

  private TrustLimits(Builder b) {
    this.maxBinarySecretBytes = b.maxBinarySecretBytes;
    this.maxKeySizeBits = b.maxKeySizeBits;
    this.maxUriChars = b.maxUriChars;
    this.maxChildElements = b.maxChildElements;
    this.maxCookieBytes = b.maxCookieBytes;
  }

  public static Builder newBuilder() {
    return new Builder();
  }

  /** Longest decoded {@code wst:BinarySecret} (entropy or key), default 128 bytes. */
  public int maxBinarySecretBytes() {
    return maxBinarySecretBytes;
  }

  /** Largest {@code wst:KeySize} accepted, default 512 bits. */
  public int maxKeySizeBits() {
    return maxKeySizeBits;
  }

  /** Longest URI or identifier text (request type, token type, address...), default 2048. */
  public int maxUriChars() {
    return maxUriChars;
  }

  /** Most child elements of an RST or RSTR, default 32. */
  public int maxChildElements() {
    return maxChildElements;
  }

  /** Largest sealed cookie of a cookie-mode SCT, default 16 KiB. */
  public int maxCookieBytes() {
    return maxCookieBytes;
  }

  /** Builder; each setter validates. */
  public static final class Builder {
    private int maxBinarySecretBytes = 128;
    private int maxKeySizeBits = 512;
    private int maxUriChars = 2048;
    private int maxChildElements = 32;
    private int maxCookieBytes = 16 * 1024;

    private Builder() {}

    public Builder maxBinarySecretBytes(int v) {
      this.maxBinarySecretBytes = between("maxBinarySecretBytes", v, 16, 64 * 1024);
      return this;
    }

    public Builder maxKeySizeBits(int v) {
      this.maxKeySizeBits = between("maxKeySizeBits", v, 128, 4096);
      return this;
    }

    public Builder maxUriChars(int v) {
      this.maxUriChars = between("maxUriChars", v, 64, 64 * 1024);
      return this;
    }

    public Builder maxChildElements(int v) {
      this.maxChildElements = between("maxChildElements", v, 8, 1024);
      return this;
    }

    public Builder maxCookieBytes(int v) {
      this.maxCookieBytes = between("maxCookieBytes", v, 256, 1024 * 1024);
      return this;
    }

    public TrustLimits build() {
      return new TrustLimits(this);
    }

    private static int between(String name, int v, int min, int max) {
      if (v < min || v > max) {
        throw new IllegalArgumentException(
            "TrustLimits." + name + " must be between " + min + " and " + max + ", was " + v);
      }
      return v;
    }
  }
}
