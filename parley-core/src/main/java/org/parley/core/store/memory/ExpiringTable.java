package org.parley.core.store.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.parley.core.store.ReplaceOutcome;

/**
 * The shared engine of the in-memory stores: a Caffeine cache whose entries each expire at their
 * own instant (a Caffeine {@link Expiry} driven by the injected {@link Clock}), holding at most
 * {@code maxEntries} entries.
 *
 * <p>Caffeine's own size eviction is deliberately not used: it would drop a live entry to make
 * room, which for a replay cache means forgetting a nonce that is still valid and for a context
 * store means cancelling somebody's context. Instead a counter of stored entries is kept exactly
 * (reserved before an insert, released by the removal listener), and an insert beyond the bound is
 * refused.
 *
 * <p>Reads are exact at the expiry instant (every read re-checks the entry against the clock). The
 * slot of an expired entry is released when Caffeine drops it, which its timer wheel does up to
 * about two seconds ({@link #SLOT_RELEASE_LAG}) after the expiry instant; until then a full table
 * may still refuse an insert. The lag errs towards refusing, never towards forgetting.
 *
 * <p>Expiries further than about 146 years ahead are treated as that far ahead (Caffeine's longest
 * duration).
 */
final class ExpiringTable<V> {
  enum Insert {
    INSERTED,
    EXISTS,
    FULL
  }

  record Entry<V>(V value, long version, Instant expires) {}

  /**
   * Bound on the delay between an entry's expiry and the release of its slot (two wheel buckets).
   */
  static final Duration SLOT_RELEASE_LAG = Duration.ofNanos(1L << 31);

  // Caffeine caps durations at Long.MAX_VALUE >> 1 nanoseconds (about 146 years).
  private static final long MAX_NANOS = Long.MAX_VALUE >> 1;

  private final Clock clock;
  private final Instant origin;
  private final long maxEntries;
  private final AtomicLong stored = new AtomicLong();
  private final Cache<String, Entry<V>> cache;

  /**
   * @param onGone called with key and value when an entry leaves the table (removed or expired),
   *     not when it is replaced; it runs on the thread that caused it, possibly inside Caffeine's
   *     maintenance, so it must not block or call back into the table
   */
  ExpiringTable(Clock clock, long maxEntries, BiConsumer<String, V> onGone) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.origin = clock.instant();
    this.maxEntries = maxEntries;
    this.cache =
        Caffeine.newBuilder()
            .ticker(this::tickerNanos)
            .executor(Runnable::run)
            .expireAfter(
                new Expiry<String, Entry<V>>() {
                  @Override
                  public long expireAfterCreate(String key, Entry<V> e, long currentTime) {
                    return nanosUntil(e.expires(), currentTime);
                  }

                  @Override
                  public long expireAfterUpdate(
                      String key, Entry<V> e, long currentTime, long currentDuration) {
                    return nanosUntil(e.expires(), currentTime);
                  }

                  @Override
                  public long expireAfterRead(
                      String key, Entry<V> e, long currentTime, long currentDuration) {
                    return currentDuration;
                  }
                })
            .removalListener(
                (String key, Entry<V> e, RemovalCause cause) -> {
                  if (cause != RemovalCause.REPLACED && e != null) {
                    stored.decrementAndGet();
                    onGone.accept(key, e.value());
                  }
                })
            .build();
  }

  Instant now() {
    return clock.instant();
  }

  /** The live entry of {@code key}, or null. Exact at the expiry instant, whatever Caffeine did. */
  Entry<V> getLive(String key) {
    Entry<V> e = cache.getIfPresent(key);
    return e == null || isExpired(e) ? null : e;
  }

  /** Stores {@code value} at version 1 unless {@code key} is live or the table is full. */
  Insert insert(String key, V value, Instant expires) {
    if (getLive(key) != null) {
      return Insert.EXISTS;
    }
    if (!reserve()) {
      // Re-check: a replay arriving at capacity must still be reported as a replay.
      return getLive(key) != null ? Insert.EXISTS : Insert.FULL;
    }
    Entry<V> fresh = new Entry<>(value, 1, expires);
    boolean[] keepReservation = {false};
    Entry<V> result =
        cache
            .asMap()
            .compute(
                key,
                (k, old) -> {
                  if (old != null && !isExpired(old)) {
                    keepReservation[0] = false;
                    return old;
                  }
                  // Replacing an expired entry in place does not add to the count (cause REPLACED).
                  keepReservation[0] = old == null;
                  return fresh;
                });
    if (!keepReservation[0]) {
      stored.decrementAndGet();
    }
    return result == fresh ? Insert.INSERTED : Insert.EXISTS;
  }

  /**
   * Replaces the live entry of {@code key} if its version is {@code expectedVersion}; {@code check}
   * sees the old and new values first and may throw to refuse the change.
   */
  ReplaceOutcome replace(
      String key, long expectedVersion, V value, Instant expires, BiConsumer<V, V> check) {
    ReplaceOutcome[] outcome = {ReplaceOutcome.NOT_FOUND};
    cache
        .asMap()
        .compute(
            key,
            (k, old) -> {
              if (old == null || isExpired(old)) {
                outcome[0] = ReplaceOutcome.NOT_FOUND;
                return old;
              }
              check.accept(old.value(), value);
              if (old.version() != expectedVersion) {
                outcome[0] = ReplaceOutcome.VERSION_MISMATCH;
                return old;
              }
              outcome[0] = ReplaceOutcome.REPLACED;
              return new Entry<>(value, old.version() + 1, expires);
            });
    return outcome[0];
  }

  /** Removes {@code key}; true if it was live. */
  boolean remove(String key) {
    boolean[] wasLive = {false};
    cache
        .asMap()
        .computeIfPresent(
            key,
            (k, old) -> {
              wasLive[0] = !isExpired(old);
              return null;
            });
    return wasLive[0];
  }

  /** Entries stored, including expired ones Caffeine has not dropped yet. */
  long storedCount() {
    return stored.get();
  }

  private boolean reserve() {
    for (int attempt = 0; attempt < 2; attempt++) {
      if (stored.incrementAndGet() <= maxEntries) {
        return true;
      }
      stored.decrementAndGet();
      // Full by the count: drop what has expired (listeners run here and release slots), retry
      // once.
      cache.cleanUp();
    }
    return false;
  }

  private boolean isExpired(Entry<V> e) {
    return !clock.instant().isBefore(e.expires());
  }

  private long tickerNanos() {
    return saturatedNanos(Duration.between(origin, clock.instant()));
  }

  private long nanosUntil(Instant expires, long currentTime) {
    long at = saturatedNanos(Duration.between(origin, expires));
    long d = at - currentTime;
    return Math.max(0, Math.min(d, MAX_NANOS));
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException overflow) {
      return d.isNegative() ? -MAX_NANOS : MAX_NANOS;
    }
  }
}
