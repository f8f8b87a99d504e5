package org.parley.redis;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.parley.core.store.AbstractReplayCacheContractTest;
import org.parley.core.store.ReplayCache;
import org.parley.core.testing.MutableClock;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisReplayCacheTest extends AbstractReplayCacheContractTest {
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
  protected Duration slotReleaseLag() {
    return Duration.ofMillis(1);
  }

  @Override
  protected ReplayCache newCache(MutableClock clock, int maxEntries) {
    return new RedisReplayCache(
        redis.link, redis.freshSettings(clock).maxReplayEntries(maxEntries).build());
  }
}
