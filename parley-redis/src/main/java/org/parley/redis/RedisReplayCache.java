package org.parley.redis;

import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.parley.core.store.ReplayCache;
import org.parley.core.store.StoreUnavailableException;
import org.parley.redis.internal.Encoding;
import org.parley.redis.internal.LuaScript;
import org.parley.redis.internal.RedisLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ReplayCache} in Redis: a message accepted by one node is a replay on every other
 * (WS-Security 1.1 section 13). One Lua script per message checks and remembers the key atomically,
 * so of concurrent deliveries to several nodes exactly one is accepted; that is the one Redis round
 * trip of a secured call. Keys are stored as SHA-256 hashes with a Redis TTL following their
 * expiry; at most {@code maxReplayEntries} unexpired entries are held, beyond which messages are
 * refused ({@link Verdict#FULL}), never accepted by forgetting a live entry.
 *
 * <p>Outage: by default the cache fails closed, throwing {@link StoreUnavailableException} (the
 * service answers a SOAP fault and the client may retry); with {@link
 * RedisSettings.Builder#replayCacheFailsOpenDuringOutage()} it answers {@link Verdict#FIRST_SEEN}
 * unchecked while Redis is unreachable.
 */
public final class RedisReplayCache implements ReplayCache {
  private static final Logger LOG = LoggerFactory.getLogger(RedisReplayCache.class);

  private static final LuaScript FIRST_SEEN =
      LuaScript.of(
          """
          local e = redis.call('GET', KEYS[1])
          if e and e > ARGV[1] then return 2 end
          redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[2])
          if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[6])
              and not redis.call('ZSCORE', KEYS[2], ARGV[7]) then
            return 4
          end
          redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[5])
          redis.call('ZADD', KEYS[2], ARGV[4], ARGV[7])
          return 1
          """);

  private final RedisLink link;
  private final RedisSettings settings;
  private final Clock clock;
  private final String tag;

  RedisReplayCache(RedisLink link, RedisSettings settings) {
    this.link = link;
    this.settings = settings;
    this.clock = settings.clock();
    this.tag = "{" + settings.keyPrefix() + ":r}";
  }

  @Override
  public Verdict firstSeen(String key, Instant expiresAt) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Instant now = clock.instant();
    if (!expiresAt.isAfter(now)) {
      return Verdict.EXPIRED;
    }
    String h = Encoding.hashId(key);
    Long r;
    try {
      r =
          link.eval(
              FIRST_SEEN,
              ScriptOutputType.INTEGER,
              "replay cache check",
              new String[] {tag + ":e:" + h, tag + ":all"},
              Encoding.utf8(Encoding.time(now)),
              Encoding.utf8(Encoding.floorMs(now)),
              Encoding.utf8(Encoding.time(expiresAt)),
              Encoding.utf8(Encoding.ceilMs(expiresAt)),
              Encoding.utf8(Encoding.ttlMs(now, expiresAt, settings.expiryGrace())),
              Encoding.utf8(settings.maxReplayEntries()),
              Encoding.utf8(h));
    } catch (StoreUnavailableException e) {
      if (settings.replayOutageMode() == RedisSettings.ReplayOutageMode.FAIL_OPEN) {
        LOG.warn("replay cache unavailable, message accepted unchecked (fail-open configured)");
        return Verdict.FIRST_SEEN;
      }
      throw e;
    }
    return switch (r.intValue()) {
      case 1 -> Verdict.FIRST_SEEN;
      case 2 -> Verdict.REPLAY;
      case 4 -> Verdict.FULL;
      default -> throw new IllegalStateException("replay cache script answered " + r);
    };
  }
}
