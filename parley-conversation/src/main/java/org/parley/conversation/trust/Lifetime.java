package org.parley.conversation.trust;

import java.time.Instant;
import java.util.Objects;

/**
 * {@code wst:Lifetime} (WS-Trust 1.3 section 4.4): {@code wsu:Created} and {@code wsu:Expires},
 * both required by Parley and {@code expires} after {@code created}.
 */
public record Lifetime(Instant created, Instant expires) {
  public Lifetime {
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(expires, "expires");
    if (!expires.isAfter(created)) {
      throw new IllegalArgumentException(
          "Lifetime expires " + expires + " must be after created " + created);
    }
  }
}
