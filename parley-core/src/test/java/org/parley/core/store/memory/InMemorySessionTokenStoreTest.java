package org.parley.core.store.memory;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.parley.core.store.AbstractSessionTokenStoreContractTest;
import org.parley.core.store.SessionTokenStore;
import org.parley.core.testing.MutableClock;

class InMemorySessionTokenStoreTest extends AbstractSessionTokenStoreContractTest {
  @Override
  protected java.time.Duration slotReleaseLag() {
    return ExpiringTable.SLOT_RELEASE_LAG;
  }

  @Override
  protected SessionTokenStore newStore(MutableClock clock, int maxSessions) {
    return InMemorySessionTokenStore.builder().clock(clock).maxSessions(maxSessions).build();
  }

  @Test
  void builder_withoutClock_refused_badMaxSessions_namesSetting() {
    assertThatThrownBy(() -> InMemorySessionTokenStore.builder().build())
        .hasMessageContaining("clock");
    assertThatThrownBy(() -> InMemorySessionTokenStore.builder().maxSessions(-1))
        .hasMessageContaining("maxSessions");
  }
}
