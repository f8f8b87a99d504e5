package org.parley.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.parley.redis.internal.RedisLink;
import org.parley.redis.internal.Sealing;

/**
 * One redis-server and one link per test class; each store a test asks for gets a fresh key prefix
 * (and so an empty keyspace and an empty near cache) on that link, and the server is flushed before
 * each test.
 */
final class RedisFixture implements AutoCloseable {
  private static final AtomicInteger PREFIXES = new AtomicInteger();

  final RedisServer server;
  final RedisLink link;
  final RedisClient adminClient;
  final StatefulRedisConnection<String, String> admin;

  RedisFixture(Clock clock) throws Exception {
    server = RedisServer.startNew();
    link = new RedisLink(server.uri(), RedisTestSupport.settings(clock).build());
    adminClient = RedisClient.create(server.uri());
    admin = adminClient.connect();
  }

  void flushAll() {
    admin.sync().flushall();
  }

  /** Settings with a key prefix no other store of this run uses. */
  RedisSettings.Builder freshSettings(Clock clock) {
    return RedisTestSupport.settings(clock).keyPrefix("t" + PREFIXES.incrementAndGet());
  }

  Sealing sealing(Clock clock) {
    return new Sealing(() -> RedisTestSupport.ring(clock));
  }

  @Override
  public void close() throws Exception {
    admin.close();
    adminClient.shutdown();
    link.close();
    server.close();
  }
}
