package org.parley.sts.client;

import java.util.Objects;

/**
 * The answer of a WS-Trust Validate (section 7): whether the STS considers the token valid, and the
 * reason it gave.
 */
public record TokenStatus(boolean valid, String reason) {
  public TokenStatus {
    Objects.requireNonNull(reason, "reason");
  }
}
