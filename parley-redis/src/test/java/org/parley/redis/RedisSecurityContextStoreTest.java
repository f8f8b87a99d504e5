package org.parley.redis;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.core.keys.KeyRing;
import org.parley.core.store.AbstractSecurityContextStoreContractTest;
import org.parley.core.store.SecurityContextStore;
import org.parley.core.testing.MutableClock;
import org.parley.redis.internal.Sealing;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisSecurityContextStoreTest extends AbstractSecurityContextStoreContractTest {
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

  /** Index scores are milliseconds: a slot is freed within 1 ms of its entry's expiry. */
  @Override
  protected Duration slotReleaseLag() {
    return Duration.ofMillis(1);
  }

  @Override
  protected SecurityContextStore newStore(MutableClock clock, int maxContexts) {
    return new RedisSecurityContextStore(
        redis.link,
        new Sealing(() -> ring),
        redis.freshSettings(clock).maxContexts(maxContexts).build());
  }

  @Test
  void create_badOwnerLimit_namesTheSetting() {
    SecurityContextStore store = newStore(clock, 10);
    assertThatThrownBy(() -> store.create(context("c", "o"), 0))
        .hasMessageContaining("maxContextsPerOwner");
  }
}
