package org.parley.sts.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.core.testing.MutableClock;

/** Cancellations and renewal terms: exact expiry, and a full store that refuses, never forgets. */
class InMemoryTokenStatusStoreTest {
  final MutableClock clock = MutableClock.atDefaultStart();

  @Test
  void cancel_isRemembered_untilExactlyItsExpiry() throws Exception {
    InMemoryTokenStatusStore store = InMemoryTokenStatusStore.create(clock, 10);
    Instant until = clock.instant().plus(Duration.ofMinutes(10));
    assertThat(store.cancel("_a", until)).isTrue();
    assertThat(store.cancel("_a", until)).isFalse();
    assertThat(store.isCancelled("_a")).isTrue();
    assertThat(store.isCancelled("_b")).isFalse();
    clock.set(until.minusMillis(1));
    assertThat(store.isCancelled("_a")).isTrue();
    clock.set(until);
    assertThat(store.isCancelled("_a")).isFalse();
  }

  @Test
  void renewalTerms_areKept_untilTheirExpiry() throws Exception {
    InMemoryTokenStatusStore store = InMemoryTokenStatusStore.create(clock, 10);
    store.rememberRenewable(
        "_a", new TokenStatusStore.RenewalTerms(true), clock.instant().plusSeconds(60));
    assertThat(store.renewalTerms("_a")).contains(new TokenStatusStore.RenewalTerms(true));
    assertThat(store.renewalTerms("_b")).isEmpty();
    clock.advance(Duration.ofSeconds(60));
    assertThat(store.renewalTerms("_a")).isEmpty();
  }

  @Test
  void full_ofLiveCancellations_refusesWithRequestFailed_andKeepsThem() throws Exception {
    InMemoryTokenStatusStore store = InMemoryTokenStatusStore.create(clock, 2);
    Instant until = clock.instant().plus(Duration.ofMinutes(10));
    store.cancel("_1", until);
    store.cancel("_2", until);
    ParleyFault f = assertThrows(ParleyFault.class, () -> store.cancel("_3", until));
    assertThat(f.code()).isEqualTo(FaultCode.TRUST_REQUEST_FAILED);
    assertThat(f.getMessage()).contains("maxEntries");
    assertThat(store.isCancelled("_1")).isTrue();
    assertThat(store.isCancelled("_2")).isTrue();
  }

  @Test
  void full_ofExpiredEntries_makesRoom() throws Exception {
    InMemoryTokenStatusStore store = InMemoryTokenStatusStore.create(clock, 2);
    store.cancel("_1", clock.instant().plusSeconds(1));
    store.cancel("_2", clock.instant().plusSeconds(1));
    clock.advance(Duration.ofSeconds(2));
    assertThat(store.cancel("_3", clock.instant().plusSeconds(60))).isTrue();
    assertThat(store.isCancelled("_3")).isTrue();
  }
}
