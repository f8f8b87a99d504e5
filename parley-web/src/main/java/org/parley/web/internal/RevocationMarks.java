package org.parley.web.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Per-user "signed out everywhere at" marks, so that "sign out everywhere" also ends cookie-mode
 * sessions, which no store holds. A mark is an entry of the session store under a reserved id
 * ({@code parley-web.revoked.} + the keyed user hash, which can never be a session id) holding the
 * instant of the sign-out; a session whose {@code signedIn} is not after the mark is refused.
 *
 * <p>Bounds: a mark lives as long as the longest session could (absolute lifetime plus clock skew),
 * after which every session it could refuse has expired anyway; so the store holds at most one mark
 * per user who signed out everywhere within that time. Reads are cached per user for {@code
 * checkInterval} (at most {@code maxCachedUsers} users): a node other than the one that wrote the
 * mark may accept an already revoked cookie-mode session for up to {@code checkInterval}. With a
 * zero interval every request reads the store.
 *
 * <p>Store outage: cookie-mode sessions need no store, so a mark that cannot be read does not end
 * them. The last mark this node read for the user (kept for {@code markLifetime}, at most {@code
 * maxCachedUsers} users) still applies; a user this node has not read a mark for within that time
 * is treated as not revoked until the store answers again. Marks cannot be written during an
 * outage: {@link #mark} throws, so "sign out everywhere" reports its failure.
 */
public final class RevocationMarks {
  /** Prefix of a mark's id in the store; contains '.', which a session id never does. */
  public static final String ID_PREFIX = "parley-web.revoked.";

  /** Owner of every mark in the store (marks are never removed by user). */
  public static final String MARK_OWNER = "parley-web.revocation-marks";

  private final ReferenceStore store;
  private final Clock clock;
  private final Duration markLifetime;
  private final Cache<String, Optional<Instant>> cache;
  private final Cache<String, Optional<Instant>> lastKnown;

  public RevocationMarks(
      ReferenceStore store,
      Clock clock,
      Duration markLifetime,
      Duration checkInterval,
      int maxCachedUsers) {
    this.store = store;
    this.clock = clock;
    this.markLifetime = markLifetime;
    this.cache =
        checkInterval.isZero()
            ? null
            : Caffeine.newBuilder()
                .maximumSize(maxCachedUsers)
                .expireAfterWrite(checkInterval)
                .ticker(() -> toNanos(clock.instant()))
                .build();
    this.lastKnown =
        Caffeine.newBuilder()
            .maximumSize(maxCachedUsers)
            .expireAfterWrite(markLifetime)
            .ticker(() -> toNanos(clock.instant()))
            .build();
  }

  private static long toNanos(Instant i) {
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  /** Records that every session of {@code ownerHash} started at or before now is revoked. */
  public void mark(String ownerHash) {
    Instant now = clock.instant();
    ByteBuffer b = ByteBuffer.allocate(12);
    b.putLong(now.getEpochSecond()).putInt(now.getNano());
    store.put(ID_PREFIX + ownerHash, MARK_OWNER, b.array(), now.plus(markLifetime));
    if (cache != null) {
      cache.put(ownerHash, Optional.of(now));
    }
    lastKnown.put(ownerHash, Optional.of(now));
  }

  /** True if {@code ownerHash} signed out everywhere at or after {@code signedIn}. */
  public boolean isRevoked(String ownerHash, Instant signedIn) {
    Optional<Instant> mark = cache == null ? read(ownerHash) : cache.get(ownerHash, this::read);
    return mark.isPresent() && !signedIn.isAfter(mark.get());
  }

  private Optional<Instant> read(String ownerHash) {
    Optional<byte[]> stored;
    try {
      stored = store.get(ID_PREFIX + ownerHash);
    } catch (RuntimeException outage) {
      Optional<Instant> known = lastKnown.getIfPresent(ownerHash);
      return known == null ? Optional.empty() : known;
    }
    Optional<Instant> mark = decode(stored);
    lastKnown.put(ownerHash, mark);
    return mark;
  }

  private static Optional<Instant> decode(Optional<byte[]> stored) {
    return stored
        .filter(b -> b.length == 12)
        .map(
            b -> {
              ByteBuffer bb = ByteBuffer.wrap(b);
              long s = bb.getLong();
              int n = bb.getInt();
              try {
                return Instant.ofEpochSecond(s, n);
              } catch (java.time.DateTimeException e) {
                // An unreadable mark revokes: failing closed is the safe side for a revocation.
                return Instant.MAX;
              }
            });
  }
}
