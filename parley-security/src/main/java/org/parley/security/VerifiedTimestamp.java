package org.parley.security;

import java.time.Instant;
import java.util.Optional;

/** A {@code wsu:Timestamp} (WSS 1.1 section 10) that was signed and found fresh. */
public final class VerifiedTimestamp {
  private final Instant created;
  private final Instant expires;

  VerifiedTimestamp(Instant created, Instant expires) {
    this.created = created;
    this.expires = expires;
  }

  public Instant created() {
    return created;
  }

  public Optional<Instant> expires() {
    return Optional.ofNullable(expires);
  }

  @Override
  public String toString() {
    return "Timestamp[created=" + created + ", expires=" + expires + "]";
  }
}
