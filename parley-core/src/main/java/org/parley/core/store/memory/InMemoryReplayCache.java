package org.parley.core.store.memory;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.parley.core.store.ReplayCache;

/**
 * A {@link ReplayCache} in this process's memory (Caffeine), for a single node or as a front of a
 * shared cache. Holds at most {@code maxEntries} unexpired entries and answers {@link Verdict#FULL}
 * beyond that (fail closed). Thread-safe.
 */
public final class InMemoryReplayCache implements ReplayCache {
  /** Default for {@link Builder#maxEntries}. */
  public static final int DEFAULT_MAX_ENTRIES = 100_000;

  private final ExpiringTable<Boolean> table;

  private InMemoryReplayCache(Builder b) {
    this.table = new ExpiringTable<>(b.clock, b.maxEntries, (k, v) -> {});
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Verdict firstSeen(String key, Instant expiresAt) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (!expiresAt.isAfter(table.now())) {
      return Verdict.EXPIRED;
    }
    return switch (table.insert(key, Boolean.TRUE, expiresAt)) {
      case INSERTED -> Verdict.FIRST_SEEN;
      case EXISTS -> Verdict.REPLAY;
      case FULL -> Verdict.FULL;
    };
  }

  public static final class Builder {
    private Clock clock;
    private int maxEntries = DEFAULT_MAX_ENTRIES;

    private Builder() {}

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Most unexpired entries held; beyond it new keys are refused as {@link Verdict#FULL}. */
    public Builder maxEntries(int maxEntries) {
      if (maxEntries < 1) {
        throw new IllegalArgumentException("maxEntries must be positive, was " + maxEntries);
      }
      this.maxEntries = maxEntries;
      return this;
    }

    public InMemoryReplayCache build() {
      if (clock == null) {
        throw new IllegalStateException("clock is required (Builder.clock)");
      }
      return new InMemoryReplayCache(this);
    }
  }
}
