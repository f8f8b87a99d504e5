package org.parley.core.store.memory;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.parley.core.store.AbstractSecurityContextStoreContractTest;
import org.parley.core.store.SecurityContextStore;
import org.parley.core.testing.MutableClock;

class InMemorySecurityContextStoreTest extends AbstractSecurityContextStoreContractTest {
  @Override
  protected java.time.Duration slotReleaseLag() {
    return ExpiringTable.SLOT_RELEASE_LAG;
  }

  @Override
  protected SecurityContextStore newStore(MutableClock clock, int maxContexts) {
    return InMemorySecurityContextStore.builder().clock(clock).maxContexts(maxContexts).build();
  }

  @Test
  void builder_withoutClock_refused_badSettings_nameTheSetting() {
    assertThatThrownBy(() -> InMemorySecurityContextStore.builder().build())
        .hasMessageContaining("clock");
    assertThatThrownBy(() -> InMemorySecurityContextStore.builder().maxContexts(0))
        .hasMessageContaining("maxContexts");
    SecurityContextStore store = newStore(clock, 10);
    assertThatThrownBy(() -> store.create(context("c", "o"), 0))
        .hasMessageContaining("maxContextsPerOwner");
  }
}
