package org.parley.core.store.memory;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.parley.core.store.RevocationList;

/**
 * A {@link RevocationList} in this process's memory (Caffeine): each entry is forgotten at its own
 * {@code until}; at most {@code maxEntries} are held and revocations beyond that are refused
 * ({@link Outcome#FULL}). Thread-safe.
 */
public final class InMemoryRevocationList implements RevocationList {
  /** Default for {@link Builder#maxEntries}. */
  public static final int DEFAULT_MAX_ENTRIES = 100_000;

  private record Entry(Instant from, Instant until) {}

  private final ExpiringTable<Entry> table;

  private InMemoryRevocationList(Builder b) {
    this.table = new ExpiringTable<>(b.clock, b.maxEntries, (k, v) -> {});
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Outcome revoke(String key, Instant from, Instant until) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    if (!until.isAfter(table.now())) {
      return Outcome.EXPIRED;
    }
    for (int attempt = 0; attempt < 8; attempt++) {
      ExpiringTable.Entry<Entry> old = table.getLive(key);
      if (old == null) {
        switch (table.insert(key, new Entry(from, until), until)) {
          case INSERTED:
            return Outcome.REVOKED;
          case FULL:
            return Outcome.FULL;
          case EXISTS:
            continue;
        }
      }
      Entry merged =
          new Entry(
              from.isBefore(old.value().from()) ? from : old.value().from(),
              until.isAfter(old.value().until()) ? until : old.value().until());
      switch (table.replace(key, old.version(), merged, merged.until(), (a, b) -> {})) {
        case REPLACED:
          return Outcome.REVOKED;
        default:
          continue;
      }
    }
    // Lost the race eight times to other revocations of the same key: one of them is recorded.
    return table.getLive(key) != null ? Outcome.REVOKED : Outcome.FULL;
  }

  @Override
  public Optional<Instant> revokedFrom(String key) {
    Objects.requireNonNull(key, "key");
    ExpiringTable.Entry<Entry> e = table.getLive(key);
    return e == null ? Optional.empty() : Optional.of(e.value().from());
  }

  /** Builder; a clock is required. */
  public static final class Builder {
    private Clock clock;
    private int maxEntries = DEFAULT_MAX_ENTRIES;

    private Builder() {}

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Most unexpired entries held; beyond it revocations are refused as {@link Outcome#FULL}. */
    public Builder maxEntries(int maxEntries) {
      if (maxEntries < 1) {
        throw new IllegalArgumentException("maxEntries must be positive, was " + maxEntries);
      }
      this.maxEntries = maxEntries;
      return this;
    }

    public InMemoryRevocationList build() {
      if (clock == null) {
        throw new IllegalStateException("clock is required (Builder.clock)");
      }
      return new InMemoryRevocationList(this);
    }
  }
}
