package org.parley.reliable.message;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which known deviations from WS-RM a codec tolerates when reading: strict by default, each
 * leniency named and tied to the peer that needs it.
 */
public final class RmCompliance {
  /** One deviation a peer is known to make. */
  public enum Deviation {
    /**
     * Apache CXF 4.1.5 writes {@code wsrm:None} beside {@code wsrm:AcknowledgementRange} in a WS-RM
     * 1.2 SequenceAcknowledgement (seen on the wire), which section 3.9's schema forbids ({@code
     * (AcknowledgementRange+ | None)}). Tolerated by ignoring the None: the ranges say what was
     * received.
     */
    NONE_BESIDE_RANGES,
    /**
     * Apache CXF 4.1.x speaks WS-RM February 2005 with WS-Addressing 1.0 endpoint references in
     * AcksTo and Accept (its "RM 1.0 with WS-Addressing 2005/08" variation), where the Feb 2005
     * schema types them as WS-Addressing 2004/08 EPRs; with 2004/08 EPRs under WS-Addressing 1.0
     * headers its client fails to decode the CreateSequenceResponse (seen on the wire, CXF to CXF
     * alike). Tolerated by reading either form, and answering a request whose headers are
     * WS-Addressing 1.0 with 1.0 EPRs.
     */
    FEB2005_WSA10_ENDPOINT_REFERENCES
  }

  /** The specifications as written. */
  public static final RmCompliance STRICT = new RmCompliance(EnumSet.noneOf(Deviation.class));

  /** What Apache CXF 4.1.x needs. */
  public static final RmCompliance CXF_4_1 =
      new RmCompliance(
          EnumSet.of(Deviation.NONE_BESIDE_RANGES, Deviation.FEB2005_WSA10_ENDPOINT_REFERENCES));

  private final Set<Deviation> allowed;

  private RmCompliance(Set<Deviation> allowed) {
    this.allowed = Set.copyOf(allowed);
  }

  /** Strict but for {@code deviations}. */
  public static RmCompliance allowing(Deviation... deviations) {
    EnumSet<Deviation> s = EnumSet.noneOf(Deviation.class);
    for (Deviation d : deviations) {
      s.add(Objects.requireNonNull(d, "deviation"));
    }
    return new RmCompliance(s);
  }

  public boolean allows(Deviation d) {
    return allowed.contains(d);
  }

  @Override
  public String toString() {
    return "RmCompliance" + allowed;
  }
}
