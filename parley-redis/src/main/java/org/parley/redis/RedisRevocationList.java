package org.parley.redis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.core.store.RevocationList;
import org.parley.redis.internal.Encoding;
import org.parley.redis.internal.LuaScript;
import org.parley.redis.internal.RedisLink;

/**
 * A {@link RevocationList} in Redis: cancelled and superseded cookie-mode security contexts (WS-SC
 * 1.3 sections 5 and 6) refused by every node of the farm. One Lua script records or merges a
 * revocation (earliest {@code from}, latest {@code until}) and checks the capacity bound ({@code
 * maxRevocations}) atomically; the key is stored as a SHA-256 hash with a Redis TTL following
 * {@code until}.
 *
 * <p>Lookups, made for every message of a cookie-mode context, are answered from the near cache,
 * including "not revoked", so a cookie-mode call costs no Redis round trip once its context was
 * looked up; every revocation publishes the key's hash and each node drops its cached answer.
 * Outages throw {@code StoreUnavailableException}.
 *
 * <p>Obtain from {@link RedisStores#revocationList()}.
 */
public final class RedisRevocationList implements RevocationList {
  private static final LuaScript REVOKE =
      LuaScript.of(
          """
          local cur = redis.call('HMGET', KEYS[1], 'f', 'u')
          local f, u = ARGV[3], ARGV[4]
          if cur[2] and cur[2] > ARGV[1] then
            if cur[1] < f then f = cur[1] end
            if cur[2] > u then u = cur[2] end
          else
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[2])
            if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[7])
                and not redis.call('ZSCORE', KEYS[2], ARGV[8]) then
              return 3
            end
          end
          redis.call('HSET', KEYS[1], 'f', f, 'u', u)
          if u == ARGV[4] then
            redis.call('PEXPIRE', KEYS[1], ARGV[6])
            redis.call('ZADD', KEYS[2], ARGV[5], ARGV[8])
          end
          redis.call('PUBLISH', ARGV[9], ARGV[10])
          return 1
          """);

  /** A cached answer: revoked from {@code from} until {@code until}, or not revoked (nulls). */
  private record Answer(Instant from, Instant until) {
    static final Answer NONE = new Answer(null, null);
  }

  private final RedisLink link;
  private final RedisSettings settings;
  private final Clock clock;
  private final String tag;
  private final Cache<String, Answer> near;
  private final AtomicLong invalidations = new AtomicLong();

  RedisRevocationList(RedisLink link, RedisSettings settings) {
    this.link = link;
    this.settings = settings;
    this.clock = settings.clock();
    this.tag = "{" + settings.keyPrefix() + ":v}";
    this.near =
        settings.nearCacheMaxEntries() == 0
            ? null
            : Caffeine.newBuilder()
                .maximumSize(settings.nearCacheMaxEntries())
                .expireAfterWrite(settings.nearCacheTtl())
                .ticker(
                    () -> {
                      Instant i = clock.instant();
                      return i.getEpochSecond() * 1_000_000_000L + i.getNano();
                    })
                .build();
    link.onInvalidation('v', this::invalidate, this::invalidateAll);
  }

  private void invalidate(String member) {
    invalidations.incrementAndGet();
    if (near != null) {
      near.invalidate(member);
    }
  }

  private void invalidateAll() {
    invalidations.incrementAndGet();
    if (near != null) {
      near.invalidateAll();
    }
  }

  @Override
  public Outcome revoke(String key, Instant from, Instant until) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    Instant now = clock.instant();
    if (!until.isAfter(now)) {
      return Outcome.EXPIRED;
    }
    String h = Encoding.hashId(key);
    invalidate(h);
    Long r =
        link.eval(
            REVOKE,
            ScriptOutputType.INTEGER,
            "revocation list revoke",
            new String[] {tag + ":e:" + h, tag + ":all"},
            Encoding.utf8(Encoding.time(now)),
            Encoding.utf8(Encoding.floorMs(now)),
            Encoding.utf8(Encoding.time(from)),
            Encoding.utf8(Encoding.time(until)),
            Encoding.utf8(Encoding.ceilMs(until)),
            Encoding.utf8(Encoding.ttlMs(now, until, settings.expiryGrace())),
            Encoding.utf8(settings.maxRevocations()),
            Encoding.utf8(h),
            Encoding.utf8(link.channel()),
            Encoding.utf8("v:" + h));
    invalidate(h);
    return switch (r.intValue()) {
      case 1 -> Outcome.REVOKED;
      case 3 -> Outcome.FULL;
      default -> throw new IllegalStateException("revocation list script answered " + r);
    };
  }

  @Override
  public Optional<Instant> revokedFrom(String key) {
    Objects.requireNonNull(key, "key");
    String h = Encoding.hashId(key);
    boolean cacheable = near != null && link.invalidationsLive();
    if (cacheable) {
      Answer hit = near.getIfPresent(h);
      if (hit != null) {
        return answer(hit);
      }
    }
    long before = invalidations.get();
    List<KeyValue<String, byte[]>> f =
        link.call("revocation list lookup", c -> c.hmget(tag + ":e:" + h, "f", "u"));
    Answer a = Answer.NONE;
    if (f.size() == 2 && f.get(0).hasValue() && f.get(1).hasValue()) {
      Optional<Instant> from =
          Encoding.parseTime(new String(f.get(0).getValue(), StandardCharsets.US_ASCII));
      Optional<Instant> until =
          Encoding.parseTime(new String(f.get(1).getValue(), StandardCharsets.US_ASCII));
      if (from.isPresent() && until.isPresent()) {
        a = new Answer(from.get(), until.get());
      } else {
        // Unreadable: refuse from the beginning of time, the safe side for a revocation.
        a = new Answer(Instant.MIN, Instant.MAX);
      }
    }
    if (cacheable && invalidations.get() == before) {
      near.put(h, a);
    }
    return answer(a);
  }

  private Optional<Instant> answer(Answer a) {
    if (a.from() == null || !clock.instant().isBefore(a.until())) {
      return Optional.empty();
    }
    return Optional.of(a.from());
  }
}
