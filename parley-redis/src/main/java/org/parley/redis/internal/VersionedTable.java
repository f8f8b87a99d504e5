package org.parley.redis.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.core.store.CreateOutcome;
import org.parley.core.store.ReplaceOutcome;
import org.parley.core.store.Versioned;
import org.parley.redis.RedisSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared engine of the Redis security-context and session stores: versioned entries, each a
 * Redis hash, written by Lua scripts so that every create, replace and remove is one atomic step
 * (Redis runs a script without interleaving other commands), plus a bounded near cache.
 *
 * <h2>Layout</h2>
 *
 * <pre>
 *  {P:K}:e:H    hash  v = version, e = expiry (Encoding.time), o = owner hash, d = sealed value
 *  {P:K}:all    zset  H scored by expiry ms: the live entries, for the capacity bound
 *  {P:K}:o:O    zset  H scored by expiry ms: the entries of owner O, for quotas and sign-out
 * </pre>
 *
 * P is the key prefix, K the store's kind, H = base64url(SHA-256(id)), O = the same hash of the
 * owner key. The braces are a Redis Cluster hash tag: all keys of one store live in one slot, which
 * keeps the quota and the capacity bound atomic (a cluster then gives availability, not sharding of
 * one store). Expiry is decided by the store's clock, exactly; Redis TTLs follow the entry's expiry
 * (plus {@code expiryGrace}) so that Redis forgets what nobody can read any more.
 *
 * <h2>Near cache</h2>
 *
 * Reads are served from a local Caffeine cache of at most {@code nearCacheMaxEntries} entries, each
 * used for at most {@code nearCacheTtl} and never past its own expiry. Every replace and remove
 * publishes the entry's hash on the invalidation channel from inside its script, so every node
 * drops its copy; while the subscription is down (and right after it comes back) the cache is
 * emptied and bypassed. A read racing with an invalidation is not cached (an invalidation counter
 * is compared before and after the read).
 */
public final class VersionedTable<T> {
  private static final Logger LOG = LoggerFactory.getLogger(VersionedTable.class);

  /** Result codes of the scripts. */
  private static final long OK = 1;

  private static final long EXISTS_OR_NOT_FOUND = 2;
  private static final long OWNER_LIMIT_OR_MISMATCH = 3;
  private static final long FULL_OR_OWNER_DIFFERS = 4;

  private static final LuaScript CREATE =
      LuaScript.of(
          """
          local e = redis.call('HGET', KEYS[1], 'e')
          if e and e > ARGV[1] then return 2 end
          redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[2])
          local maxOwner = tonumber(ARGV[8])
          if maxOwner > 0 then
            local n = 0
            redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', ARGV[2])
            for _, m in ipairs(redis.call('ZRANGE', KEYS[3], 0, -1)) do
              local f = redis.call('HMGET', ARGV[11] .. m, 'e', 'o')
              if f[1] and f[1] > ARGV[1] and f[2] == ARGV[6] then
                n = n + 1
              elseif not f[1] or f[2] ~= ARGV[6] then
                redis.call('ZREM', KEYS[3], m)
              end
            end
            if n >= maxOwner then return 3 end
          end
          if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[9])
              and not redis.call('ZSCORE', KEYS[2], ARGV[10]) then
            return 4
          end
          redis.call('DEL', KEYS[1])
          redis.call('HSET', KEYS[1], 'v', '1', 'e', ARGV[3], 'o', ARGV[6], 'd', ARGV[7])
          redis.call('PEXPIRE', KEYS[1], ARGV[5])
          redis.call('ZADD', KEYS[2], ARGV[4], ARGV[10])
          redis.call('ZADD', KEYS[3], ARGV[4], ARGV[10])
          if redis.call('PTTL', KEYS[3]) < tonumber(ARGV[5]) then
            redis.call('PEXPIRE', KEYS[3], ARGV[5])
          end
          return 1
          """);

  private static final LuaScript REPLACE =
      LuaScript.of(
          """
          local cur = redis.call('HMGET', KEYS[1], 'v', 'e', 'o')
          if not cur[1] or cur[2] <= ARGV[1] then return 2 end
          if cur[3] ~= ARGV[6] then return 4 end
          if cur[1] ~= ARGV[2] then return 3 end
          redis.call('HSET', KEYS[1], 'v', tostring(tonumber(cur[1]) + 1), 'e', ARGV[3], 'd', ARGV[7])
          redis.call('PEXPIRE', KEYS[1], ARGV[5])
          redis.call('ZADD', KEYS[2], ARGV[4], ARGV[8])
          redis.call('ZADD', KEYS[3], ARGV[4], ARGV[8])
          if redis.call('PTTL', KEYS[3]) < tonumber(ARGV[5]) then
            redis.call('PEXPIRE', KEYS[3], ARGV[5])
          end
          redis.call('PUBLISH', ARGV[9], ARGV[10])
          return 1
          """);

  private static final LuaScript REMOVE =
      LuaScript.of(
          """
          local cur = redis.call('HMGET', KEYS[1], 'e', 'o')
          if not cur[1] then return 0 end
          redis.call('DEL', KEYS[1])
          redis.call('ZREM', KEYS[2], ARGV[2])
          redis.call('ZREM', ARGV[3] .. cur[2], ARGV[2])
          redis.call('PUBLISH', ARGV[4], ARGV[5])
          if cur[1] > ARGV[1] then return 1 end
          return 0
          """);

  private static final LuaScript COUNT_OWNER =
      LuaScript.of(
          """
          redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
          local n = 0
          for _, m in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
            local f = redis.call('HMGET', ARGV[3] .. m, 'e', 'o')
            if f[1] and f[1] > ARGV[1] and f[2] == ARGV[4] then
              n = n + 1
            elseif not f[1] or f[2] ~= ARGV[4] then
              redis.call('ZREM', KEYS[1], m)
            end
          end
          return n
          """);

  private static final LuaScript REMOVE_OWNER =
      LuaScript.of(
          """
          local n = 0
          for _, m in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
            local k = ARGV[3] .. m
            local f = redis.call('HMGET', k, 'e', 'o')
            if f[1] and f[2] == ARGV[4] then
              redis.call('DEL', k)
              redis.call('ZREM', KEYS[2], m)
              redis.call('PUBLISH', ARGV[5], ARGV[6] .. m)
              if f[1] > ARGV[1] then n = n + 1 end
            end
            redis.call('ZREM', KEYS[1], m)
          end
          return n
          """);

  /** How an entry's value is written, read and described. */
  public interface Codec<T> {
    String id(T value);

    String owner(T value);

    Instant expires(T value);

    byte[] write(T value);

    /** The value, or empty if the bytes are not a valid value of id {@code id}. */
    Optional<T> read(String id, byte[] plaintext);
  }

  private final RedisLink link;
  private final Sealing sealing;
  private final Codec<T> codec;
  private final Clock clock;
  private final RedisSettings settings;
  private final char kind;
  private final String purpose;
  private final String what;
  private final int maxEntries;
  private final String tag;
  private final String allKey;
  private final Cache<String, Versioned<T>> near;
  private final AtomicLong invalidations = new AtomicLong();

  /**
   * @param kind one letter naming the store in keys and invalidation messages
   * @param purpose sealing purpose, e.g. {@code parley-redis/security-context/v1}
   * @param what the store's name in messages
   */
  public VersionedTable(
      RedisLink link,
      Sealing sealing,
      RedisSettings settings,
      Codec<T> codec,
      char kind,
      String purpose,
      String what,
      int maxEntries) {
    this.link = link;
    this.sealing = sealing;
    this.codec = codec;
    this.clock = settings.clock();
    this.settings = settings;
    this.kind = kind;
    this.purpose = purpose;
    this.what = what;
    this.maxEntries = maxEntries;
    this.tag = "{" + settings.keyPrefix() + ":" + kind + "}";
    this.allKey = tag + ":all";
    this.near =
        settings.nearCacheMaxEntries() == 0
            ? null
            : Caffeine.newBuilder()
                .maximumSize(settings.nearCacheMaxEntries())
                .expireAfterWrite(settings.nearCacheTtl())
                .ticker(() -> nanos(clock.instant()))
                .build();
    link.onInvalidation(kind, this::invalidate, this::invalidateAll);
  }

  private static long nanos(Instant i) {
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  private String entryPrefix() {
    return tag + ":e:";
  }

  private String ownerPrefix() {
    return tag + ":o:";
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

  public CreateOutcome create(T value, int maxPerOwner) {
    String id = codec.id(value);
    String h = Encoding.hashId(id);
    String ownerHash = Encoding.hashId(codec.owner(value));
    Instant now = clock.instant();
    Instant expires = codec.expires(value);
    byte[] sealed = sealing.seal(purpose, id, codec.write(value));
    Long r =
        link.eval(
            CREATE,
            ScriptOutputType.INTEGER,
            what + " create",
            new String[] {entryPrefix() + h, allKey, ownerPrefix() + ownerHash},
            Encoding.utf8(Encoding.time(now)),
            Encoding.utf8(Encoding.floorMs(now)),
            Encoding.utf8(Encoding.time(expires)),
            Encoding.utf8(Encoding.ceilMs(expires)),
            Encoding.utf8(Encoding.ttlMs(now, expires, settings.expiryGrace())),
            Encoding.utf8(ownerHash),
            sealed,
            Encoding.utf8(maxPerOwner),
            Encoding.utf8(maxEntries),
            Encoding.utf8(h),
            Encoding.utf8(entryPrefix()));
    invalidate(h);
    return switch (r.intValue()) {
      case (int) OK -> CreateOutcome.CREATED;
      case (int) EXISTS_OR_NOT_FOUND -> CreateOutcome.ALREADY_EXISTS;
      case (int) OWNER_LIMIT_OR_MISMATCH -> CreateOutcome.OWNER_LIMIT_REACHED;
      case (int) FULL_OR_OWNER_DIFFERS -> CreateOutcome.STORE_FULL;
      default -> throw new IllegalStateException(what + " create script answered " + r);
    };
  }

  public Optional<Versioned<T>> get(String id) {
    String h = Encoding.hashId(id);
    boolean cacheable = near != null && link.invalidationsLive();
    if (cacheable) {
      Versioned<T> hit = near.getIfPresent(h);
      if (hit != null) {
        if (clock.instant().isBefore(codec.expires(hit.value()))) {
          return Optional.of(hit);
        }
        near.invalidate(h);
        return Optional.empty();
      }
    }
    long before = invalidations.get();
    List<io.lettuce.core.KeyValue<String, byte[]>> fields =
        link.call(what + " get", c -> c.hmget(entryPrefix() + h, "v", "e", "d"));
    if (fields.size() != 3 || !fields.get(0).hasValue() || !fields.get(2).hasValue()) {
      return Optional.empty();
    }
    String e = new String(fields.get(1).getValue(), java.nio.charset.StandardCharsets.US_ASCII);
    if (e.compareTo(Encoding.time(clock.instant())) <= 0) {
      return Optional.empty();
    }
    long version;
    try {
      version =
          Long.parseLong(
              new String(fields.get(0).getValue(), java.nio.charset.StandardCharsets.US_ASCII));
    } catch (NumberFormatException bad) {
      LOG.warn("{} entry with an unreadable version ignored", what);
      return Optional.empty();
    }
    Optional<T> value =
        sealing.open(purpose, id, fields.get(2).getValue()).flatMap(plain -> codec.read(id, plain));
    if (value.isEmpty()) {
      // Sealed under a key this node does not have (or tampered with): as absent, loudly.
      LOG.warn("{} entry does not open with this node's key ring; treated as absent", what);
      return Optional.empty();
    }
    Versioned<T> v = new Versioned<>(value.get(), version);
    if (cacheable && invalidations.get() == before) {
      near.put(h, v);
    }
    return Optional.of(v);
  }

  /**
   * @throws IllegalArgumentException if the stored entry's owner differs from {@code value}'s
   */
  public ReplaceOutcome replace(T value, long expectedVersion, String ownerMismatchMessage) {
    String id = codec.id(value);
    String h = Encoding.hashId(id);
    String ownerHash = Encoding.hashId(codec.owner(value));
    Instant now = clock.instant();
    Instant expires = codec.expires(value);
    byte[] sealed = sealing.seal(purpose, id, codec.write(value));
    invalidate(h);
    Long r =
        link.eval(
            REPLACE,
            ScriptOutputType.INTEGER,
            what + " replace",
            new String[] {entryPrefix() + h, allKey, ownerPrefix() + ownerHash},
            Encoding.utf8(Encoding.time(now)),
            Encoding.utf8(expectedVersion),
            Encoding.utf8(Encoding.time(expires)),
            Encoding.utf8(Encoding.ceilMs(expires)),
            Encoding.utf8(Encoding.ttlMs(now, expires, settings.expiryGrace())),
            Encoding.utf8(ownerHash),
            sealed,
            Encoding.utf8(h),
            Encoding.utf8(link.channel()),
            Encoding.utf8(kind + ":" + h));
    invalidate(h);
    return switch (r.intValue()) {
      case (int) OK -> ReplaceOutcome.REPLACED;
      case (int) EXISTS_OR_NOT_FOUND -> ReplaceOutcome.NOT_FOUND;
      case (int) OWNER_LIMIT_OR_MISMATCH -> ReplaceOutcome.VERSION_MISMATCH;
      case (int) FULL_OR_OWNER_DIFFERS -> throw new IllegalArgumentException(ownerMismatchMessage);
      default -> throw new IllegalStateException(what + " replace script answered " + r);
    };
  }

  public boolean remove(String id) {
    String h = Encoding.hashId(id);
    invalidate(h);
    Long r =
        link.eval(
            REMOVE,
            ScriptOutputType.INTEGER,
            what + " remove",
            new String[] {entryPrefix() + h, allKey},
            Encoding.utf8(Encoding.time(clock.instant())),
            Encoding.utf8(h),
            Encoding.utf8(ownerPrefix()),
            Encoding.utf8(link.channel()),
            Encoding.utf8(kind + ":" + h));
    invalidate(h);
    return r == 1;
  }

  public int countByOwner(String owner) {
    Instant now = clock.instant();
    String ownerHash = Encoding.hashId(owner);
    Long r =
        link.eval(
            COUNT_OWNER,
            ScriptOutputType.INTEGER,
            what + " count",
            new String[] {ownerPrefix() + ownerHash},
            Encoding.utf8(Encoding.time(now)),
            Encoding.utf8(Encoding.floorMs(now)),
            Encoding.utf8(entryPrefix()),
            Encoding.utf8(ownerHash));
    return r.intValue();
  }

  public int removeAllForOwner(String owner) {
    Instant now = clock.instant();
    String ownerHash = Encoding.hashId(owner);
    invalidateAll();
    Long r =
        link.eval(
            REMOVE_OWNER,
            ScriptOutputType.INTEGER,
            what + " remove all of a user",
            new String[] {ownerPrefix() + ownerHash, allKey},
            Encoding.utf8(Encoding.time(now)),
            Encoding.utf8(Encoding.floorMs(now)),
            Encoding.utf8(entryPrefix()),
            Encoding.utf8(ownerHash),
            Encoding.utf8(link.channel()),
            Encoding.utf8(kind + ":"));
    return r.intValue();
  }
}
