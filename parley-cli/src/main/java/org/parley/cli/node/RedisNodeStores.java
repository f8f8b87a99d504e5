package org.parley.cli.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.parley.redis.FarmKeyRing;
import org.parley.redis.RedisSettings;
import org.parley.redis.RedisStores;

/**
 * Opens the farm's stores on Redis (module parley-redis): contexts, replay cache, web sessions with
 * their sign-out marks, and the key ring. Values are sealed at rest: with {@code keyring = store}
 * under the farm's rotating ring (its keys wrapped by the secrets file's store key), with {@code
 * keyring = file} under the secrets file's cookie key.
 */
final class RedisNodeStores {
  /**
   * How long a starting node waits for the farm key ring (loaded from Redis, or minted there):
   * without a key it can seal neither cookies nor stored values, so it does not report ready.
   */
  static final Duration KEY_RING_STARTUP_WAIT = Duration.ofSeconds(30);

  private RedisNodeStores() {}

  static NodeStores connect(URI uri, FarmSecrets secrets, Clock clock, NodeConfig config) {
    RedisSettings.Builder sb = RedisSettings.builder().clock(clock);
    config.redisConnectTimeout().ifPresent(sb::connectTimeout);
    config.redisCommandTimeout().ifPresent(sb::commandTimeout);
    RedisSettings settings = sb.build();
    RedisStores redis;
    FarmKeyRing ring = null;
    if (config.keyRing() == NodeConfig.KeyRingSource.STORE) {
      redis =
          RedisStores.connectWithFarmKeyRing(
              uri.toString(),
              secrets.storeKey(),
              settings,
              FarmKeyRing.builder()
                  .rotationInterval(config.keyRingRotation())
                  .activationLead(config.keyRingActivationLead())
                  .refreshInterval(config.keyRingRefresh()));
      ring = redis.farmKeyRing().orElseThrow();
      long deadline = System.nanoTime() + KEY_RING_STARTUP_WAIT.toNanos();
      // The first load may fail while the connection is still being made; retry until a key seals.
      while (ring.get().primaryKey().isEmpty()) {
        if (System.nanoTime() > deadline) {
          redis.close();
          throw new UncheckedIOException(
              new IOException(
                  "store "
                      + uri
                      + ": no key ring after "
                      + KEY_RING_STARTUP_WAIT.toSeconds()
                      + " s (RedisNodeStores.KEY_RING_STARTUP_WAIT); is Redis reachable, and do"
                      + " all nodes share the secrets file?"));
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          redis.close();
          throw new IllegalStateException("interrupted while loading the key ring", e);
        }
        ring.refresh();
      }
    } else {
      redis = RedisStores.connect(uri.toString(), secrets.keyRing(clock), settings);
    }
    return new NodeStores(
        redis.securityContexts(),
        redis.replayCache(),
        redis.sessionTokens(),
        redis.keyRingStore(secrets.storeKey()),
        redis.revocationList(),
        ring,
        redis,
        redis.describe());
  }
}
