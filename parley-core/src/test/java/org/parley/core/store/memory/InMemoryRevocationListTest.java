package org.parley.core.store.memory;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.parley.core.store.AbstractRevocationListContractTest;
import org.parley.core.store.RevocationList;
import org.parley.core.testing.MutableClock;

class InMemoryRevocationListTest extends AbstractRevocationListContractTest {
  @Override
  protected RevocationList newList(MutableClock clock, int maxEntries) {
    return InMemoryRevocationList.builder().clock(clock).maxEntries(maxEntries).build();
  }

  @Test
  void builder_withoutClock_refused_badMaxEntries_namesSetting() {
    assertThatThrownBy(() -> InMemoryRevocationList.builder().build())
        .hasMessageContaining("clock");
    assertThatThrownBy(() -> InMemoryRevocationList.builder().maxEntries(0))
        .hasMessageContaining("maxEntries");
  }
}
