package org.parley.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.core.store.AbstractRevocationListContractTest;
import org.parley.core.store.RevocationList;
import org.parley.core.testing.MutableClock;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisRevocationListTest extends AbstractRevocationListContractTest {
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
  protected RevocationList newList(MutableClock clock, int maxEntries) {
    return new RedisRevocationList(
        redis.link, redis.freshSettings(clock).maxRevocations(maxEntries).build());
  }

  /** Cookie-mode calls ask on every message: answered from the near cache, "not revoked" too. */
  @Test
  void lookups_servedFromNearCache_revocationOnAnotherInstanceReachesIt() throws Exception {
    RedisSettings settings = redis.freshSettings(clock).build();
    try (RedisStores node1 =
            RedisStores.connect(redis.server.uri(), RedisTestSupport.ring(clock), settings);
        RedisStores node2 =
            RedisStores.connect(redis.server.uri(), RedisTestSupport.ring(clock), settings)) {
      assertThat(node1.revocationList().revokedFrom("ctx")).isEmpty();
      long sent = node1.commandsSent();
      for (int i = 0; i < 50; i++) {
        assertThat(node1.revocationList().revokedFrom("ctx")).isEmpty();
      }
      assertThat(node1.commandsSent()).as("cached 'not revoked'").isEqualTo(sent);

      Instant now = clock.instant();
      assertThat(node2.revocationList().revoke("ctx", now, now.plus(TTL)))
          .isEqualTo(RevocationList.Outcome.REVOKED);
      Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
      while (node1.revocationList().revokedFrom("ctx").isEmpty()) {
        assertThat(Instant.now()).as("revocation reached node 1").isBefore(deadline);
        Thread.sleep(10);
      }
      assertThat(node1.revocationList().revokedFrom("ctx")).contains(now);
    }
  }
}
