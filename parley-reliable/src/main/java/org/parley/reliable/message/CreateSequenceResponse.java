package org.parley.reliable.message;

import java.time.Duration;
import java.util.Objects;

/**
 * A {@code wsrm:CreateSequenceResponse} (WS-RM 1.2 section 3.4).
 *
 * @param expires the granted lifetime, or null
 * @param acceptAcksTo when the offer was accepted: where acknowledgements of the offered sequence
 *     go; null when there was no offer or it was refused
 */
public record CreateSequenceResponse(
    RmVersion version, String identifier, Duration expires, String acceptAcksTo) {
  public CreateSequenceResponse {
    Objects.requireNonNull(version, "version");
    RmLimits.checkIdentifierShape(identifier);
  }
}
