package org.parley.conversation.policy;

/**
 * Bounds on reading a peer's WS-Policy. WS-Policy 1.5 section 4.1 normal form can be exponential in
 * the size of the compact form ({@code wsp:All} of n {@code wsp:ExactlyOne} of two has 2^n
 * alternatives), so expansion is counted and stopped before it is materialized.
 */
public final class PolicyLimits {
  public static final PolicyLimits DEFAULT = newBuilder().build();

  private final int maxAlternatives;
  private final int maxReferenceDepth;
  private final int maxExpansionSteps;

  private PolicyLimits(Builder b) {
    this.maxAlternatives = b.maxAlternatives;
    this.maxReferenceDepth = b.maxReferenceDepth;
    this.maxExpansionSteps = b.maxExpansionSteps;
  }

  public static Builder newBuilder() {
    return new Builder();
  }

  /** Most alternatives any policy expression may have in normal form, default 64. */
  public int maxAlternatives() {
    return maxAlternatives;
  }

  /** Deepest chain of {@code wsp:PolicyReference}s followed, default 8. */
  public int maxReferenceDepth() {
    return maxReferenceDepth;
  }

  /** Most policy elements visited while normalizing one document, default 20,000. */
  public int maxExpansionSteps() {
    return maxExpansionSteps;
  }

  /** Builder; each setter validates. */
  public static final class Builder {
    private int maxAlternatives = 64;
    private int maxReferenceDepth = 8;
    private int maxExpansionSteps = 20_000;

    private Builder() {}

    public Builder maxAlternatives(int v) {
      this.maxAlternatives = between("maxAlternatives", v, 1, 4096);
      return this;
    }

    public Builder maxReferenceDepth(int v) {
      this.maxReferenceDepth = between("maxReferenceDepth", v, 1, 64);
      return this;
    }

    public Builder maxExpansionSteps(int v) {
      this.maxExpansionSteps = between("maxExpansionSteps", v, 100, 1_000_000);
      return this;
    }

    public PolicyLimits build() {
      return new PolicyLimits(this);
    }

    private static int between(String name, int v, int min, int max) {
      if (v < min || v > max) {
        throw new IllegalArgumentException(
            "PolicyLimits." + name + " must be between " + min + " and " + max + ", was " + v);
      }
      return v;
    }
  }
}
