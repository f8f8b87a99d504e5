package org.parley.conversation.trust;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which known, named deviations from WS-Trust / WS-SC the reader tolerates. Never a boolean
 * "lenient": each deviation is listed, with the peer that sends it.
 */
public final class TrustCompliance {
  /** One deviation from the specifications, seen on a real peer's wire. */
  public enum Deviation {
    /**
     * CXF 4.1 answers a WS-Trust Feb 2005 renew with a WS-SC 1.3 namespace SCT and then cancels it
     * with that token inline (see shared/peer-captures/sc200502-renew/06-* and 11-*), mixing
     * versions that WS-SC Feb 2005 section 3 keeps apart.
     */
    SC13_TOKEN_IN_FEB2005_EXCHANGE,
    /**
     * CXF 4.1 types the renewed proof key {@code wst:BinarySecret} as {@code Nonce} rather than
     * {@code SymmetricKey} (WS-Trust 1.3 section 3.3).
     */
    NONCE_TYPED_PROOF_KEY
  }

  /** Exactly the specifications. */
  public static final TrustCompliance STRICT = new TrustCompliance(EnumSet.noneOf(Deviation.class));

  /** What Apache CXF 4.1 sends (both deviations above). */
  public static final TrustCompliance CXF = new TrustCompliance(EnumSet.allOf(Deviation.class));

  private final Set<Deviation> allowed;

  private TrustCompliance(Set<Deviation> allowed) {
    this.allowed = Set.copyOf(allowed);
  }

  public static TrustCompliance allowing(Set<Deviation> deviations) {
    Objects.requireNonNull(deviations, "deviations");
    return new TrustCompliance(
        deviations.isEmpty() ? EnumSet.noneOf(Deviation.class) : EnumSet.copyOf(deviations));
  }

  public boolean allows(Deviation d) {
    return allowed.contains(d);
  }

  public Set<Deviation> allowed() {
    return allowed;
  }

  @Override
  public String toString() {
    return "TrustCompliance" + allowed;
  }
}
