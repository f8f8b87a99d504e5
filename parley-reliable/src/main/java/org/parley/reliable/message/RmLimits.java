package org.parley.reliable.message;

/**
 * Bounds on WS-RM input from a peer. Every count and length a peer controls has a named setting; a
 * message past one is refused with a fault whose (logged) detail names the setting.
 */
public final class RmLimits {
  /** Defaults: generous for any real peer, small enough that a hostile one costs little. */
  public static final RmLimits DEFAULT = newBuilder().build();

  /** Hard ceiling of an identifier, whatever the settings say (xs:anyURI has none). */
  static final int IDENTIFIER_CEILING = 4096;

  private final int maxIdentifierChars;
  private final int maxAckRanges;
  private final int maxNacks;
  private final int maxAddressChars;
  private final int maxRmHeaders;

  private RmLimits(Builder b) {
    this.maxIdentifierChars = b.maxIdentifierChars;
    this.maxAckRanges = b.maxAckRanges;
    this.maxNacks = b.maxNacks;
    this.maxAddressChars = b.maxAddressChars;
    this.maxRmHeaders = b.maxRmHeaders;
  }

  public static Builder newBuilder() {
    return new Builder();
  }

  /** Setting {@code maxIdentifierChars}: longest wsrm:Identifier. Default 256. */
  public int maxIdentifierChars() {
    return maxIdentifierChars;
  }

  /** Setting {@code maxAckRanges}: AcknowledgementRange elements in one acknowledgement. */
  public int maxAckRanges() {
    return maxAckRanges;
  }

  /** Setting {@code maxNacks}: Nack elements in one acknowledgement. */
  public int maxNacks() {
    return maxNacks;
  }

  /** Setting {@code maxAddressChars}: longest AcksTo or Offer Endpoint address. */
  public int maxAddressChars() {
    return maxAddressChars;
  }

  /**
   * Setting {@code maxRmHeaders}: AckRequested plus SequenceAcknowledgement headers per message.
   */
  public int maxRmHeaders() {
    return maxRmHeaders;
  }

  /** Identifier shape that holds whatever the limits: non-empty, no whitespace or controls. */
  static void checkIdentifierShape(String id) {
    if (id == null || id.isEmpty() || id.length() > IDENTIFIER_CEILING) {
      throw new IllegalArgumentException("a sequence identifier is 1.." + IDENTIFIER_CEILING);
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c <= 0x20 || c == 0x7f) {
        throw new IllegalArgumentException("a sequence identifier has no whitespace or controls");
      }
    }
  }

  /** Builder; each setter checks its range. */
  public static final class Builder {
    private int maxIdentifierChars = 256;
    private int maxAckRanges = 256;
    private int maxNacks = 256;
    private int maxAddressChars = 2048;
    private int maxRmHeaders = 8;

    private Builder() {}

    public Builder maxIdentifierChars(int v) {
      this.maxIdentifierChars = check("maxIdentifierChars", v, 16, IDENTIFIER_CEILING);
      return this;
    }

    public Builder maxAckRanges(int v) {
      this.maxAckRanges = check("maxAckRanges", v, 1, 65536);
      return this;
    }

    public Builder maxNacks(int v) {
      this.maxNacks = check("maxNacks", v, 1, 65536);
      return this;
    }

    public Builder maxAddressChars(int v) {
      this.maxAddressChars = check("maxAddressChars", v, 16, 65536);
      return this;
    }

    public Builder maxRmHeaders(int v) {
      this.maxRmHeaders = check("maxRmHeaders", v, 2, 256);
      return this;
    }

    public RmLimits build() {
      return new RmLimits(this);
    }

    private static int check(String name, int v, int min, int max) {
      if (v < min || v > max) {
        throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ", was " + v);
      }
      return v;
    }
  }
}
