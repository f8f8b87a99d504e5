package org.parley.core.store;

import java.time.Instant;

/**
 * Remembers what was seen until it expires, to detect replayed messages (WS-Security 1.1 section 13
 * and the Username Token Profile's nonce/created; WS-SC messages' timestamps and signatures).
 * Callers pass a key derived from the replay-relevant values (e.g. a digest of the signature
 * value), never the raw token, and an expiry no earlier than the end of the message's freshness
 * window.
 *
 * <p>Only {@link Verdict#FIRST_SEEN} accepts a message. At capacity the cache fails closed: it
 * answers {@link Verdict#FULL} and never forgets an entry that has not expired to make room.
 *
 * <p>Contract tests: {@code AbstractReplayCacheContractTest} in parley-core's test-jar.
 */
public interface ReplayCache {

  /** The answer to "is this the first time {@code key} is seen?" */
  enum Verdict {
    /** Not seen before (or only under an entry that has expired); now remembered. */
    FIRST_SEEN,
    /** Seen before and still remembered: a replay. */
    REPLAY,
    /** {@code expiresAt} is not after now: too old to remember, refused. */
    EXPIRED,
    /** The cache holds its maximum of unexpired entries; refused (fail closed). */
    FULL;

    /** True only for {@link #FIRST_SEEN}. */
    public boolean accepted() {
      return this == FIRST_SEEN;
    }
  }

  /**
   * Atomically: if {@code key} is remembered and unexpired, {@link Verdict#REPLAY}; otherwise
   * remember it until {@code expiresAt} and answer {@link Verdict#FIRST_SEEN}. Of any number of
   * concurrent calls with the same key, at most one sees {@code FIRST_SEEN}.
   */
  Verdict firstSeen(String key, Instant expiresAt);
}
