package org.parley.core.store;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.parley.core.keys.KeyRing;
import org.parley.core.keys.RingKey;

/**
 * Rotates a farm's key ring through a {@link KeyRingStore}, safely from every node at once: each
 * node periodically calls {@link #rotate}, which loads the keys, decides whether a key must be
 * added or dropped, and saves with compare-and-set. When two nodes decide at the same moment, one
 * save wins and the other node reloads, finds the winner's key and adds none, so the farm never has
 * two competing primary keys.
 *
 * <p>Schedule: a key is primary for {@code rotationInterval}; its successor is published {@code
 * activationLead} before it takes over (so every node has loaded it by then, see {@link KeyRing} on
 * opening with a not-yet-active key); a key keeps opening for {@code retention} after it stops
 * sealing (the longest lifetime of anything it sealed, e.g. a session cookie, plus clock skew), and
 * is dropped once expired. If rotation stops, the primary key expires and sealing fails loudly
 * rather than using a key longer than planned.
 */
public final class KeyRingRotator {
  public static final Duration DEFAULT_ROTATION_INTERVAL = Duration.ofDays(1);
  public static final Duration DEFAULT_ACTIVATION_LEAD = Duration.ofHours(1);

  /** WCF's issued cookie lifetime (10 h) plus its default clock skew (5 min), rounded up. */
  public static final Duration DEFAULT_RETENTION = Duration.ofHours(11);

  /** Saves attempted before giving up when other nodes keep changing the ring. */
  public static final int MAX_ATTEMPTS = 8;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Clock clock;
  private final Duration rotationInterval;
  private final Duration activationLead;
  private final Duration retention;

  private KeyRingRotator(Builder b) {
    this.clock = b.clock;
    this.rotationInterval = b.rotationInterval;
    this.activationLead = b.activationLead;
    this.retention = b.retention;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Brings the stored ring up to date and returns it as saved (or as loaded, when nothing was due).
   *
   * @throws IllegalStateException if {@link #MAX_ATTEMPTS} saves in a row lost to other writers
   */
  public Versioned<List<RingKey>> rotate(KeyRingStore store) {
    Objects.requireNonNull(store, "store");
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Versioned<List<RingKey>> current = store.load();
      Optional<List<RingKey>> next = plan(current.value(), clock.instant());
      if (next.isEmpty()) {
        return current;
      }
      if (store.save(next.get(), current.version())) {
        return new Versioned<>(List.copyOf(next.get()), current.version() + 1);
      }
    }
    throw new IllegalStateException(
        "the key ring changed under KeyRingRotator.MAX_ATTEMPTS ("
            + MAX_ATTEMPTS
            + ") saves in a row; another writer is busy, try again");
  }

  /** The ring of the stored keys, after {@link #rotate}. */
  public KeyRing rotateAndLoad(KeyRingStore store) {
    return KeyRing.of(clock, rotate(store).value());
  }

  /** The keys to save, or empty when the ring is up to date at {@code now}. */
  Optional<List<RingKey>> plan(List<RingKey> keys, Instant now) {
    List<RingKey> live = new ArrayList<>(keys.stream().filter(k -> !k.isExpiredAt(now)).toList());
    boolean changed = live.size() != keys.size();
    Optional<RingKey> primary =
        live.stream()
            .filter(k -> k.isActiveAt(now))
            .max(Comparator.comparing(RingKey::activation).thenComparing(RingKey::keyId));
    boolean successorPublished = live.stream().anyMatch(k -> k.activation().isAfter(now));
    if (primary.isEmpty()) {
      // First start, or rotation stalled until every key expired: a key that seals from now.
      live.add(newKey(now, live));
      changed = true;
    } else if (!successorPublished) {
      Instant nextActivation = primary.get().activation().plus(rotationInterval);
      if (!now.isBefore(nextActivation.minus(activationLead))) {
        live.add(newKey(nextActivation.isAfter(now) ? nextActivation : now, live));
        changed = true;
      }
    }
    return changed ? Optional.of(live) : Optional.empty();
  }

  private RingKey newKey(Instant activation, List<RingKey> existing) {
    while (true) {
      // Readable and sortable, and unique across nodes racing to add a key for the same instant.
      String id =
          "k" + activation.getEpochSecond() + "-" + HexFormat.of().formatHex(randomBytes(4));
      if (existing.stream().noneMatch(k -> k.keyId().equals(id))) {
        return RingKey.generate(id, activation, activation.plus(rotationInterval).plus(retention));
      }
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  public static final class Builder {
    private Clock clock;
    private Duration rotationInterval = DEFAULT_ROTATION_INTERVAL;
    private Duration activationLead = DEFAULT_ACTIVATION_LEAD;
    private Duration retention = DEFAULT_RETENTION;

    private Builder() {}

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How long each key is the primary. */
    public Builder rotationInterval(Duration rotationInterval) {
      this.rotationInterval = positive(rotationInterval, "rotationInterval");
      return this;
    }

    /** How long before it takes over a new key is published; less than the rotation interval. */
    public Builder activationLead(Duration activationLead) {
      Objects.requireNonNull(activationLead, "activationLead");
      if (activationLead.isNegative()) {
        throw new IllegalArgumentException("activationLead must not be negative");
      }
      this.activationLead = activationLead;
      return this;
    }

    /** How long a key keeps opening after it stops sealing. */
    public Builder retention(Duration retention) {
      this.retention = positive(retention, "retention");
      return this;
    }

    public KeyRingRotator build() {
      if (clock == null) {
        throw new IllegalStateException("clock is required (Builder.clock)");
      }
      if (activationLead.compareTo(rotationInterval) >= 0) {
        throw new IllegalStateException(
            "activationLead "
                + activationLead
                + " must be shorter than rotationInterval "
                + rotationInterval);
      }
      return new KeyRingRotator(this);
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
