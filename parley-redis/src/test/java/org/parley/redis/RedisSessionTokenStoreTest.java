package org.parley.redis;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.parley.core.keys.KeyRing;
import org.parley.core.store.AbstractSessionTokenStoreContractTest;
import org.parley.core.store.SessionTokenStore;
import org.parley.core.testing.MutableClock;
import org.parley.redis.internal.Sealing;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisSessionTokenStoreTest extends AbstractSessionTokenStoreContractTest {
  private RedisFixture redis;
  private KeyRing ring;

  @BeforeAll
  void startRedis() throws Exception {
    redis = new RedisFixture(clock);
    ring = RedisTestSupport.ring(clock);
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
  protected Duration slotReleaseLag() {
    return Duration.ofMillis(1);
  }

  @Override
  protected SessionTokenStore newStore(MutableClock clock, int maxSessions) {
    return new RedisSessionTokenStore(
        redis.link,
        new Sealing(() -> ring),
        redis.freshSettings(clock).maxSessions(maxSessions).build());
  }
}
