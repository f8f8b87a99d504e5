package org.parley.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.parley.core.keys.KeyRing;
import org.parley.core.keys.RingKey;
import org.parley.core.store.memory.InMemoryKeyRingStore;
import org.parley.core.testing.MutableClock;

class KeyRingRotatorTest {
  private static final Duration INTERVAL = Duration.ofDays(1);
  private static final Duration LEAD = Duration.ofHours(1);
  private static final Duration RETENTION = Duration.ofHours(11);

  private final MutableClock clock = MutableClock.atDefaultStart();
  private final KeyRingStore store = new InMemoryKeyRingStore();
  private final KeyRingRotator rotator =
      KeyRingRotator.builder()
          .clock(clock)
          .rotationInterval(INTERVAL)
          .activationLead(LEAD)
          .retention(RETENTION)
          .build();

  @Test
  void rotate_emptyStore_addsOneKeyActiveNow_thenNothingUntilDue() {
    Versioned<List<RingKey>> first = rotator.rotate(store);
    assertThat(first.value()).hasSize(1);
    RingKey k = first.value().get(0);
    assertThat(k.activation()).isEqualTo(clock.instant());
    assertThat(k.expiry()).isEqualTo(clock.instant().plus(INTERVAL).plus(RETENTION));
    assertThat(KeyRing.of(clock, first.value()).primaryKey()).contains(k);

    Versioned<List<RingKey>> again = rotator.rotate(store);
    assertThat(again.version()).isEqualTo(first.version());
    assertThat(again.value()).containsExactly(k);
  }

  @Test
  void rotate_publishesSuccessorExactlyActivationLeadBeforeItTakesOver() {
    RingKey first = rotator.rotate(store).value().get(0);
    Instant takeOver = first.activation().plus(INTERVAL);

    clock.set(takeOver.minus(LEAD).minusNanos(1));
    assertThat(rotator.rotate(store).value()).containsExactly(first);

    clock.set(takeOver.minus(LEAD));
    List<RingKey> keys = rotator.rotate(store).value();
    assertThat(keys).hasSize(2);
    RingKey next = keys.stream().filter(k -> !k.equals(first)).findFirst().orElseThrow();
    assertThat(next.activation()).isEqualTo(takeOver);

    KeyRing ring = KeyRing.of(clock, keys);
    assertThat(ring.primaryKey()).contains(first);
    clock.set(takeOver);
    assertThat(ring.primaryKey()).contains(next);
    assertThat(rotator.rotate(store).value()).hasSize(2);
  }

  @Test
  void rotate_dropsKeysOnceExpired_keepsThemUntilThen() throws Exception {
    RingKey first = rotator.rotate(store).value().get(0);
    KeyRing ring0 = KeyRing.of(clock, List.of(first));
    byte[] sealed = ring0.seal(new byte[] {1}, new byte[0]);

    clock.set(first.activation().plus(INTERVAL));
    rotator.rotate(store);
    clock.set(first.expiry().minusNanos(1));
    KeyRing ring = rotator.rotateAndLoad(store);
    assertThat(ring.keys()).contains(first);
    assertThat(ring.open(sealed, new byte[0])).containsExactly(1);

    clock.set(first.expiry());
    assertThat(rotator.rotateAndLoad(store).keys()).doesNotContain(first);
  }

  @Test
  void rotate_afterLongOutage_addsKeyActiveNow() {
    rotator.rotate(store);
    clock.advance(Duration.ofDays(30));
    KeyRing ring = rotator.rotateAndLoad(store);
    assertThat(ring.keys()).hasSize(1);
    assertThat(ring.primaryKey()).isPresent();
  }

  /** Eight nodes starting at once: one key, not eight competing primaries. */
  @Test
  void concurrentRotators_emptyStore_exactlyOneKeyMinted() throws Exception {
    for (int round = 0; round < 20; round++) {
      KeyRingStore shared = new InMemoryKeyRingStore();
      List<Versioned<List<RingKey>>> results =
          Concurrently.run(8, i -> () -> rotator.rotate(shared));
      assertThat(shared.load().value()).as("round %d", round).hasSize(1);
      assertThat(shared.load().version()).isEqualTo(Versioned.FIRST);
      for (Versioned<List<RingKey>> r : results) {
        assertThat(r.value()).containsExactlyElementsOf(shared.load().value());
      }
    }
  }

  @Test
  void rotate_writerAlwaysWinningTheRace_givesUpAfterMaxAttempts_namingIt() {
    AtomicInteger saves = new AtomicInteger();
    KeyRingStore contended =
        new KeyRingStore() {
          @Override
          public Versioned<List<RingKey>> load() {
            return new Versioned<>(List.of(), Versioned.NONE);
          }

          @Override
          public boolean save(List<RingKey> keys, long expectedVersion) {
            saves.incrementAndGet();
            return false;
          }
        };
    assertThatThrownBy(() -> rotator.rotate(contended)).hasMessageContaining("MAX_ATTEMPTS");
    assertThat(saves.get()).isEqualTo(KeyRingRotator.MAX_ATTEMPTS);
  }

  @Test
  void builder_leadNotShorterThanInterval_refused_missingClock_refused() {
    assertThatThrownBy(
            () ->
                KeyRingRotator.builder()
                    .clock(clock)
                    .rotationInterval(Duration.ofHours(1))
                    .activationLead(Duration.ofHours(1))
                    .build())
        .hasMessageContaining("activationLead");
    assertThatThrownBy(() -> KeyRingRotator.builder().build()).hasMessageContaining("clock");
    assertThatThrownBy(() -> KeyRingRotator.builder().retention(Duration.ZERO))
        .hasMessageContaining("retention");
  }
}
