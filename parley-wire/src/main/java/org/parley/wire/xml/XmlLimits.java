package org.parley.wire.xml;

/**
 * Bounds on untrusted XML. Each bound is a named setting; a document that breaks one is rejected
 * with a message that names the setting, so an operator knows which one to raise.
 */
public final class XmlLimits {
  /** Defaults sized for SOAP messages with WS-Security headers. */
  public static final XmlLimits DEFAULT = newBuilder().build();

  private final long maxBytes;
  private final int maxDepth;
  private final int maxElements;
  private final int maxAttributesPerElement;
  private final int maxTextLength;

  private XmlLimits(Builder b) {
    this.maxBytes = b.maxBytes;
    this.maxDepth = b.maxDepth;
    this.maxElements = b.maxElements;
    this.maxAttributesPerElement = b.maxAttributesPerElement;
    this.maxTextLength = b.maxTextLength;
  }

  public static Builder newBuilder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .maxBytes(maxBytes)
        .maxDepth(maxDepth)
        .maxElements(maxElements)
        .maxAttributesPerElement(maxAttributesPerElement)
        .maxTextLength(maxTextLength);
  }

  /** Setting {@code maxBytes}: the largest document accepted, in bytes. */
  public long maxBytes() {
    return maxBytes;
  }

  /** Setting {@code maxDepth}: the deepest element nesting accepted (the root is depth 1). */
  public int maxDepth() {
    return maxDepth;
  }

  /** Setting {@code maxElements}: the most elements in one document. */
  public int maxElements() {
    return maxElements;
  }

  /**
   * Setting {@code maxAttributesPerElement}: attributes plus namespace declarations on one element.
   */
  public int maxAttributesPerElement() {
    return maxAttributesPerElement;
  }

  /** Setting {@code maxTextLength}: the longest run of character data, in chars. */
  public int maxTextLength() {
    return maxTextLength;
  }

  @Override
  public String toString() {
    return "XmlLimits[maxBytes="
        + maxBytes
        + ", maxDepth="
        + maxDepth
        + ", maxElements="
        + maxElements
        + ", maxAttributesPerElement="
        + maxAttributesPerElement
        + ", maxTextLength="
        + maxTextLength
        + "]";
  }

  /** Builder; every setter checks its argument. */
  public static final class Builder {
    private long maxBytes = 4L * 1024 * 1024;
    private int maxDepth = 64;
    private int maxElements = 20_000;
    private int maxAttributesPerElement = 64;
    private int maxTextLength = 4 * 1024 * 1024;

    private Builder() {}

    public Builder maxBytes(long maxBytes) {
      this.maxBytes = positive("maxBytes", maxBytes);
      return this;
    }

    public Builder maxDepth(int maxDepth) {
      this.maxDepth = (int) positive("maxDepth", maxDepth);
      return this;
    }

    public Builder maxElements(int maxElements) {
      this.maxElements = (int) positive("maxElements", maxElements);
      return this;
    }

    public Builder maxAttributesPerElement(int maxAttributesPerElement) {
      this.maxAttributesPerElement =
          (int) positive("maxAttributesPerElement", maxAttributesPerElement);
      return this;
    }

    public Builder maxTextLength(int maxTextLength) {
      this.maxTextLength = (int) positive("maxTextLength", maxTextLength);
      return this;
    }

    public XmlLimits build() {
      return new XmlLimits(this);
    }

    private static long positive(String name, long value) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be positive, was " + value);
      }
      return value;
    }
  }
}
