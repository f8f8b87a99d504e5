package org.parley.reliable.message;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A {@code wsrm:SequenceAcknowledgement} (WS-RM 1.2 section 3.9): either ranges (sorted, disjoint)
 * possibly with {@code Final}, or {@code None} (1.2: nothing received yet), or {@code Nack}s.
 */
public record SequenceAcknowledgement(
    RmVersion version,
    String identifier,
    List<AckRange> ranges,
    List<Long> nacks,
    boolean none,
    boolean isFinal) {
  public SequenceAcknowledgement {
    Objects.requireNonNull(version, "version");
    RmLimits.checkIdentifierShape(identifier);
    List<AckRange> sorted = new ArrayList<>(ranges);
    sorted.sort(Comparator.comparingLong(AckRange::lower));
    for (int i = 1; i < sorted.size(); i++) {
      // WS-RM 1.2 section 3.9: ranges MUST NOT overlap.
      if (sorted.get(i).lower() <= sorted.get(i - 1).upper()) {
        throw new IllegalArgumentException("acknowledgement ranges overlap");
      }
    }
    ranges = List.copyOf(sorted);
    nacks = List.copyOf(nacks);
    for (long n : nacks) {
      if (n < 1) {
        throw new IllegalArgumentException("a Nack names a message number >= 1");
      }
    }
    int forms = (ranges.isEmpty() ? 0 : 1) + (nacks.isEmpty() ? 0 : 1) + (none ? 1 : 0);
    if (forms != 1) {
      throw new IllegalArgumentException(
          "a SequenceAcknowledgement holds exactly one of ranges, Nacks or None");
    }
    if ((none || isFinal) && version != RmVersion.WSRM_12) {
      throw new IllegalArgumentException("None and Final exist only in WS-RM 1.2");
    }
    if (isFinal && !nacks.isEmpty()) {
      throw new IllegalArgumentException("Final cannot accompany Nacks (WS-RM 1.2 section 3.9)");
    }
  }

  /** Acknowledges {@code ranges}. */
  public static SequenceAcknowledgement of(
      RmVersion version, String identifier, List<AckRange> ranges, boolean isFinal) {
    if (ranges.isEmpty() && version == RmVersion.WSRM_12) {
      return new SequenceAcknowledgement(version, identifier, List.of(), List.of(), true, isFinal);
    }
    return new SequenceAcknowledgement(version, identifier, ranges, List.of(), false, isFinal);
  }

  /** Whether message {@code n} is acknowledged. */
  public boolean acknowledges(long n) {
    for (AckRange r : ranges) {
      if (r.contains(n)) {
        return true;
      }
    }
    return false;
  }
}
