package org.parley.cli.node;

import java.net.URI;
import java.time.Clock;
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
  private RedisNodeStores() {}

  static NodeStores connect(URI uri, FarmSecrets secrets, Clock clock, NodeConfig config) {
    RedisSettings settings = RedisSettings.builder().clock(clock).build();
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
    } else {
      redis = RedisStores.connect(uri.toString(), secrets.keyRing(clock), settings);
    }
    return new NodeStores(
        redis.securityContexts(),
        redis.replayCache(),
        redis.sessionTokens(),
        redis.keyRingStore(secrets.storeKey()),
        ring,
        redis,
        redis.describe());
  }
}
