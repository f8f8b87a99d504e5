package org.parley.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.parley.core.keys.KeyRing;
import org.parley.core.keys.RingKey;
import org.parley.core.store.KeyRingRotator;
import org.parley.core.store.KeyRingStore;
import org.parley.core.store.StoreUnavailableException;
import org.parley.core.store.Versioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's view of the farm's key ring, kept current from a shared {@link KeyRingStore}: the ring
 * every sealing and opening on this node uses ({@link #get()}, fast, never blocks on Redis).
 *
 * <ul>
 *   <li><b>Distribution.</b> Keys are added by {@link KeyRingRotator} with an activation {@code
 *       activationLead} in the future; every node refreshes every {@code refreshInterval} (shorter
 *       than the lead, checked), so all nodes hold a key before it starts sealing, and old keys
 *       keep opening until they expire: a rotation logs nobody out and breaks no conversation.
 *   <li><b>Unknown key id.</b> When something does not open, {@link #refreshAfterUnknownKey()}
 *       reloads at once, at most once per {@code unknownKeyRefreshSpacing}, so a flood of forged
 *       key ids cannot turn into a flood of Redis reads.
 *   <li><b>No competing primaries.</b> Adding a key is a compare-and-set on the stored version: of
 *       nodes starting or rotating together exactly one save wins and the others adopt its key.
 *   <li><b>Redis lost its data.</b> A node that finds the stored ring missing keys it still holds
 *       (unexpired) saves them back first (compare-and-set again), and only then lets the rotator
 *       decide; so after a Redis restart the farm keeps its keys, and no node mints a new primary
 *       while the old one is still active.
 *   <li><b>Outage.</b> A failed refresh keeps the ring this node has; sealing and opening go on.
 * </ul>
 */
public final class FarmKeyRing implements Supplier<KeyRing>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FarmKeyRing.class);

  public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMinutes(1);
  public static final Duration DEFAULT_UNKNOWN_KEY_REFRESH_SPACING = Duration.ofSeconds(5);

  private final KeyRingStore store;
  private final KeyRingRotator rotator;
  private final Clock clock;
  private final Duration refreshInterval;
  private final Duration unknownKeySpacing;
  private final AtomicReference<KeyRing> ring;
  private final ScheduledExecutorService scheduler;
  private final Object refreshLock = new Object();
  private volatile Instant lastRefresh = Instant.MIN;
  private volatile boolean lastRefreshFailed;

  private FarmKeyRing(Builder b) {
    this.store = b.store;
    this.clock = b.clock;
    this.refreshInterval = b.refreshInterval;
    this.unknownKeySpacing = b.unknownKeyRefreshSpacing;
    this.rotator =
        KeyRingRotator.builder()
            .clock(b.clock)
            .rotationInterval(b.rotationInterval)
            .activationLead(b.activationLead)
            .retention(b.retention)
            .build();
    this.ring = new AtomicReference<>(KeyRing.of(clock, List.of()));
    this.scheduler =
        b.schedule
            ? Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread t = new Thread(r, "parley-farm-key-ring");
                  t.setDaemon(true);
                  return t;
                })
            : null;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The current ring. */
  @Override
  public KeyRing get() {
    return ring.get();
  }

  /**
   * Loads the stored ring, puts back keys Redis lost, rotates if due, and adopts the result. On an
   * outage keeps the current ring and returns false.
   */
  public boolean refresh() {
    synchronized (refreshLock) {
      lastRefresh = clock.instant();
      try {
        republishKnownKeys();
        List<RingKey> keys = rotator.rotate(store).value();
        ring.set(KeyRing.of(clock, keys));
        lastRefreshFailed = false;
        return true;
      } catch (StoreUnavailableException | IllegalStateException e) {
        if (!lastRefreshFailed) {
          LOG.warn("key ring refresh failed, keeping this node's keys: {}", e.getMessage());
        }
        lastRefreshFailed = true;
        return false;
      }
    }
  }

  /**
   * Reloads now unless a reload happened within {@code unknownKeyRefreshSpacing}; true if it
   * reloaded successfully (so retrying the open may succeed).
   */
  public boolean refreshAfterUnknownKey() {
    if (clock.instant().isBefore(lastRefresh.plus(unknownKeySpacing))) {
      return false;
    }
    synchronized (refreshLock) {
      // Threads that waited for the lock find the reload done and do not repeat it.
      if (clock.instant().isBefore(lastRefresh.plus(unknownKeySpacing))) {
        return false;
      }
      return refresh();
    }
  }

  private void republishKnownKeys() {
    Instant now = clock.instant();
    List<RingKey> mine = ring.get().keys().stream().filter(k -> !k.isExpiredAt(now)).toList();
    if (mine.isEmpty()) {
      return;
    }
    for (int attempt = 0; attempt < KeyRingRotator.MAX_ATTEMPTS; attempt++) {
      Versioned<List<RingKey>> stored = store.load();
      Map<String, RingKey> byId =
          stored.value().stream().collect(Collectors.toMap(RingKey::keyId, k -> k, (a, b) -> a));
      List<RingKey> missing = mine.stream().filter(k -> !byId.containsKey(k.keyId())).toList();
      if (missing.isEmpty()) {
        return;
      }
      List<RingKey> merged = new ArrayList<>(stored.value());
      merged.addAll(missing);
      if (store.save(merged, stored.version())) {
        LOG.info("key ring: {} key(s) missing from the store were saved back", missing.size());
        return;
      }
    }
  }

  /** Reloads soon on the ring's own thread (another node saved the ring). */
  void refreshSoon() {
    if (scheduler != null) {
      try {
        scheduler.execute(this::refresh);
      } catch (java.util.concurrent.RejectedExecutionException closed) {
        // closed
      }
    }
  }

  /** Loads once now, then every {@code refreshInterval} (sooner while this node has no key). */
  FarmKeyRing start() {
    refresh();
    if (scheduler != null) {
      scheduleNext();
    }
    return this;
  }

  private void scheduleNext() {
    Duration delay = ring.get().primaryKey().isPresent() ? refreshInterval : unknownKeySpacing;
    try {
      scheduler.schedule(
          () -> {
            try {
              refresh();
            } finally {
              scheduleNext();
            }
          },
          delay.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // closed
    }
  }

  @Override
  public void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  public static final class Builder {
    private KeyRingStore store;
    private Clock clock = Clock.systemUTC();
    private Duration refreshInterval = DEFAULT_REFRESH_INTERVAL;
    private Duration unknownKeyRefreshSpacing = DEFAULT_UNKNOWN_KEY_REFRESH_SPACING;
    private Duration rotationInterval = KeyRingRotator.DEFAULT_ROTATION_INTERVAL;
    private Duration activationLead = KeyRingRotator.DEFAULT_ACTIVATION_LEAD;
    private Duration retention = KeyRingRotator.DEFAULT_RETENTION;
    private boolean schedule = true;

    private Builder() {}

    public Builder store(KeyRingStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How often the node reloads the ring (default 1 min); shorter than {@code activationLead}. */
    public Builder refreshInterval(Duration refreshInterval) {
      this.refreshInterval = positive(refreshInterval, "refreshInterval");
      return this;
    }

    /** Least time between two reloads caused by an unknown key id (default 5 s). */
    public Builder unknownKeyRefreshSpacing(Duration spacing) {
      this.unknownKeyRefreshSpacing = positive(spacing, "unknownKeyRefreshSpacing");
      return this;
    }

    /** See {@link KeyRingRotator.Builder#rotationInterval}. */
    public Builder rotationInterval(Duration rotationInterval) {
      this.rotationInterval = positive(rotationInterval, "rotationInterval");
      return this;
    }

    /** See {@link KeyRingRotator.Builder#activationLead}. */
    public Builder activationLead(Duration activationLead) {
      this.activationLead = positive(activationLead, "activationLead");
      return this;
    }

    /** See {@link KeyRingRotator.Builder#retention}. */
    public Builder retention(Duration retention) {
      this.retention = positive(retention, "retention");
      return this;
    }

    /** No background refresh: the caller calls {@link #refresh()} (tests, or an own scheduler). */
    public Builder withoutScheduledRefresh() {
      this.schedule = false;
      return this;
    }

    /** Builds the ring, loads it once (minting the first key if the store has none) and starts. */
    public FarmKeyRing start() {
      if (store == null) {
        throw new IllegalStateException("store is required (Builder.store)");
      }
      if (schedule && refreshInterval.compareTo(activationLead) >= 0) {
        throw new IllegalStateException(
            "refreshInterval "
                + refreshInterval
                + " must be shorter than activationLead "
                + activationLead
                + ", or nodes may seal with a key others have not loaded yet");
      }
      return new FarmKeyRing(this).start();
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }
  }
}
