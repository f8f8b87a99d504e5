package org.parley.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.parley.core.keys.KeyRing;
import org.parley.core.keys.RingKey;

/** Fixtures shared by the Redis tests. */
final class RedisTestSupport {
  private RedisTestSupport() {}

  /** A ring with one key active for a century around now by {@code clock}. */
  static KeyRing ring(Clock clock) {
    Instant now = clock.instant();
    return KeyRing.of(
        clock,
        List.of(
            RingKey.generate(
                "test-1", now.minus(Duration.ofDays(365)), now.plus(Duration.ofDays(36_500)))));
  }

  /** An admin connection for FLUSHALL, INFO and dumps (not part of what is measured). */
  static StatefulRedisConnection<String, String> admin(RedisClient client) {
    return client.connect();
  }

  static RedisSettings.Builder settings(Clock clock) {
    return RedisSettings.builder()
        .clock(clock)
        .commandTimeout(Duration.ofSeconds(5))
        .connectTimeout(Duration.ofSeconds(2));
  }
}
