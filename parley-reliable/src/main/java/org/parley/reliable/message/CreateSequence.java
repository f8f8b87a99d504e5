package org.parley.reliable.message;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code wsrm:CreateSequence} request (WS-RM 1.2 section 3.4).
 *
 * @param acksTo the address acknowledgements go to (often the anonymous URI)
 * @param expires the requested lifetime, or null
 * @param offer the sequence offered for responses, or null
 * @param tokenReference the {@code wsse:Reference/@URI} of the {@code wsse:SecurityTokenReference}
 *     the sequence is bound to (WS-RM 1.2 section 5.2.1), or null
 */
public record CreateSequence(
    RmVersion version, String acksTo, Duration expires, Offer offer, String tokenReference) {
  public CreateSequence {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(acksTo, "acksTo");
    if (offer != null && offer.version() != version) {
      throw new IllegalArgumentException("the offer is of another WS-RM version");
    }
  }

  public Optional<Duration> expiresIfAny() {
    return Optional.ofNullable(expires);
  }

  public Optional<Offer> offerIfAny() {
    return Optional.ofNullable(offer);
  }

  public Optional<String> tokenReferenceIfAny() {
    return Optional.ofNullable(tokenReference);
  }

  /**
   * A sequence the requester offers for the responder's messages (WS-RM 1.2 section 3.4).
   *
   * @param endpoint 1.2: the endpoint that receives acknowledgements for the offered sequence
   *     (required in 1.2, absent in Feb 2005)
   */
  public record Offer(RmVersion version, String identifier, String endpoint, Duration expires) {
    public Offer {
      Objects.requireNonNull(version, "version");
      RmLimits.checkIdentifierShape(identifier);
      if (version == RmVersion.WSRM_12 && endpoint == null) {
        throw new IllegalArgumentException("a WS-RM 1.2 Offer needs an Endpoint (section 3.4)");
      }
      if (version == RmVersion.WSRM_200502 && endpoint != null) {
        throw new IllegalArgumentException("a Feb 2005 Offer has no Endpoint");
      }
    }
  }
}
