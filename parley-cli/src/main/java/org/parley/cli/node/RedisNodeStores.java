package org.parley.cli.node;

import java.net.URI;
import java.time.Clock;

/** Opens the Redis stores (module parley-redis). */
final class RedisNodeStores {
  private RedisNodeStores() {}

  static NodeStores connect(URI uri, FarmSecrets secrets, Clock clock) {
    throw new IllegalArgumentException(
        "store " + uri + ": the Redis store (parley-redis) is not part of this build yet");
  }
}
