package org.parley.reliable.message;

/**
 * One {@code wsrm:AcknowledgementRange}: message numbers {@code lower..upper}, both inclusive
 * (WS-RM 1.2 section 3.9).
 */
public record AckRange(long lower, long upper) {
  public AckRange {
    if (lower < 1 || upper < lower) {
      throw new IllegalArgumentException("an acknowledgement range needs 1 <= lower <= upper");
    }
  }

  public boolean contains(long n) {
    return n >= lower && n <= upper;
  }
}
