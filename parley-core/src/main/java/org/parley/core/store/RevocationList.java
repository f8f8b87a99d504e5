package org.parley.core.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Identifiers refused from a given instant on, each remembered only as long as it could still be
 * presented: what a stateless (cookie-mode) security context leaves behind when it is cancelled
 * (WS-SC 1.3 section 6) or when a renewal supersedes its key (section 5). The server stores nothing
 * else per context; a farm shares one list so that every node refuses the same cookies.
 *
 * <p>Bounded: at capacity {@link #revoke} answers {@link Outcome#FULL} and never forgets an
 * unexpired entry to make room (the caller then fails the cancel, closed).
 *
 * <p>Contract tests: {@code AbstractRevocationListContractTest} in parley-core's test-jar.
 */
public interface RevocationList {

  /** What {@link #revoke} did. */
  enum Outcome {
    /** Recorded (or an earlier, still-remembered revocation of the key was kept). */
    REVOKED,
    /** {@code until} is not after now: nothing left to refuse, nothing recorded. */
    EXPIRED,
    /** The list holds its maximum of unexpired entries; nothing recorded (fail closed). */
    FULL
  }

  /**
   * Atomically records that {@code key} is refused from {@code from} on, remembered until {@code
   * until}. If {@code key} is already recorded, the earlier {@code from} and the later {@code
   * until} are kept.
   */
  Outcome revoke(String key, Instant from, Instant until);

  /** The instant from which {@code key} is refused, while it is remembered. */
  Optional<Instant> revokedFrom(String key);
}
