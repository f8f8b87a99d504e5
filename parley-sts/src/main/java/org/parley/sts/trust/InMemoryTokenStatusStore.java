package org.parley.sts.trust;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;

/**
 * A bounded in-memory {@link TokenStatusStore} for one STS node. Expired entries are dropped when
 * space is needed; a store full of live entries refuses. Thread-safe.
 */
public final class InMemoryTokenStatusStore implements TokenStatusStore {
  /** Default of the setting {@code maxEntries}. */
  public static final int DEFAULT_MAX_ENTRIES = 100_000;

  private record Entry(boolean cancelled, RenewalTerms terms, Instant until) {}

  private final Clock clock;
  private final int maxEntries;
  private final Map<String, Entry> cancelled = new ConcurrentHashMap<>();
  private final Map<String, Entry> renewable = new ConcurrentHashMap<>();

  private InMemoryTokenStatusStore(Clock clock, int maxEntries) {
    this.clock = clock;
    this.maxEntries = maxEntries;
  }

  public static InMemoryTokenStatusStore create(Clock clock) {
    return create(clock, DEFAULT_MAX_ENTRIES);
  }

  /** A store of at most {@code maxEntries} cancelled and as many renewable entries. */
  public static InMemoryTokenStatusStore create(Clock clock, int maxEntries) {
    Objects.requireNonNull(clock, "clock");
    if (maxEntries < 1 || maxEntries > 10_000_000) {
      throw new IllegalArgumentException("maxEntries must be in 1..10,000,000, was " + maxEntries);
    }
    return new InMemoryTokenStatusStore(clock, maxEntries);
  }

  @Override
  public boolean cancel(String assertionId, Instant until) throws ParleyFault {
    Objects.requireNonNull(assertionId, "assertionId");
    Objects.requireNonNull(until, "until");
    room(cancelled);
    boolean[] fresh = {false};
    cancelled.compute(
        assertionId,
        (k, old) -> {
          if (old != null && live(old)) {
            return old;
          }
          fresh[0] = true;
          return new Entry(true, null, until);
        });
    return fresh[0];
  }

  @Override
  public boolean isCancelled(String assertionId) {
    Entry e = cancelled.get(assertionId);
    return e != null && live(e);
  }

  @Override
  public void rememberRenewable(String assertionId, RenewalTerms terms, Instant until)
      throws ParleyFault {
    Objects.requireNonNull(assertionId, "assertionId");
    Objects.requireNonNull(terms, "terms");
    room(renewable);
    renewable.put(assertionId, new Entry(false, terms, until));
  }

  @Override
  public Optional<RenewalTerms> renewalTerms(String assertionId) {
    Entry e = renewable.get(assertionId);
    return e != null && live(e) ? Optional.of(e.terms()) : Optional.empty();
  }

  private boolean live(Entry e) {
    return clock.instant().isBefore(e.until());
  }

  private void room(Map<String, Entry> map) throws ParleyFault {
    if (map.size() < maxEntries) {
      return;
    }
    map.values().removeIf(e -> !live(e));
    if (map.size() >= maxEntries) {
      // Fail closed: forgetting a live cancellation would make a cancelled token valid again.
      throw new ParleyFault(
          FaultCode.TRUST_REQUEST_FAILED,
          "token status store holds maxEntries (" + maxEntries + ") live entries");
    }
  }
}
