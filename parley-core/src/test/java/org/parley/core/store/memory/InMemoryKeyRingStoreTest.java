package org.parley.core.store.memory;

import org.parley.core.store.AbstractKeyRingStoreContractTest;
import org.parley.core.store.KeyRingStore;

class InMemoryKeyRingStoreTest extends AbstractKeyRingStoreContractTest {
  @Override
  protected KeyRingStore newStore() {
    return new InMemoryKeyRingStore();
  }
}
