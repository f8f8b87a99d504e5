package org.parley.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that tests move by hand, to hit expiry and activation boundaries exactly.
 * Thread-safe; published in parley-core's test-jar for other modules' tests.
 */
public final class MutableClock extends Clock {
  /** An arbitrary fixed start, so that test output does not depend on the day it runs. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  public static MutableClock at(Instant start) {
    return new MutableClock(new AtomicReference<>(Objects.requireNonNull(start)), ZoneOffset.UTC);
  }

  public static MutableClock atDefaultStart() {
    return at(DEFAULT_START);
  }

  /** Moves the clock forward (or back, for a negative duration); returns the new instant. */
  public Instant advance(Duration by) {
    return now.updateAndGet(i -> i.plus(by));
  }

  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view in another zone that shares this clock's instant (moving one moves both). */
  @Override
  public Clock withZone(ZoneId zone) {
    return new MutableClock(now, zone);
  }

  @Override
  public String toString() {
    return "MutableClock[" + now.get() + "]";
  }
}
