package org.parley.cli.node;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.parley.core.keys.KeyRing;
import org.parley.core.store.KeyRingRotator;
import org.parley.core.store.KeyRingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A key ring kept in a {@link KeyRingStore} and rotated from every node ({@link KeyRingRotator}:
 * compare-and-set, so nodes never mint competing primary keys). Each node reloads it on a schedule
 * shorter than the activation lead, so every node holds a new key before it starts sealing. When
 * the store is unreachable the node keeps the ring it has: its keys keep opening and sealing until
 * they expire, which takes far longer than an outage should.
 */
final class RotatingKeyRing implements Supplier<KeyRing>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RotatingKeyRing.class);

  private final KeyRingStore store;
  private final KeyRingRotator rotator;
  private final AtomicReference<KeyRing> current = new AtomicReference<>();
  private final ScheduledExecutorService refresher;

  private RotatingKeyRing(KeyRingStore store, KeyRingRotator rotator) {
    this.store = store;
    this.rotator = rotator;
    this.refresher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "parley-keyring-refresh");
              t.setDaemon(true);
              return t;
            });
  }

  /** Loads (and if due rotates) the ring now, then every {@code refresh}. */
  static RotatingKeyRing start(
      KeyRingStore store,
      Clock clock,
      Duration rotation,
      Duration activationLead,
      Duration retention,
      Duration refresh) {
    KeyRingRotator rotator =
        KeyRingRotator.builder()
            .clock(clock)
            .rotationInterval(rotation)
            .activationLead(activationLead)
            .retention(retention)
            .build();
    RotatingKeyRing ring = new RotatingKeyRing(Objects.requireNonNull(store, "store"), rotator);
    ring.current.set(rotator.rotateAndLoad(store));
    long period = refresh.toMillis();
    ring.refresher.scheduleWithFixedDelay(ring::refresh, period, period, TimeUnit.MILLISECONDS);
    return ring;
  }

  private void refresh() {
    try {
      current.set(rotator.rotateAndLoad(store));
    } catch (RuntimeException e) {
      // Keep the ring this node has; say why without any key material.
      LOG.warn("key ring refresh failed, keeping the current ring: {}", e.toString());
    }
  }

  @Override
  public KeyRing get() {
    return current.get();
  }

  @Override
  public void close() {
    refresher.shutdownNow();
  }
}
