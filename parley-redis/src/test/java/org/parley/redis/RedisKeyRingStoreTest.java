package org.parley.redis;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.parley.core.SecretBytes;
import org.parley.core.store.AbstractKeyRingStoreContractTest;
import org.parley.core.store.KeyRingStore;
import org.parley.core.testing.MutableClock;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisKeyRingStoreTest extends AbstractKeyRingStoreContractTest {
  private final MutableClock clock = MutableClock.atDefaultStart();
  private final SecretBytes wrappingKey = SecretBytes.random(32);
  private RedisFixture redis;

  @BeforeAll
  void startRedis() throws Exception {
    redis = new RedisFixture(clock);
  }

  @AfterAll
  void stopRedis() throws Exception {
    if (redis != null) {
      redis.close();
    }
  }

  @BeforeEach
  void flush() {
    redis.flushAll();
  }

  @Override
  protected KeyRingStore newStore() {
    return new RedisKeyRingStore(redis.link, redis.freshSettings(clock).build(), wrappingKey);
  }
}
