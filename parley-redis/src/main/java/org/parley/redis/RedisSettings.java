package org.parley.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Settings of {@link RedisStores}: timeouts, capacities, the near cache and the replay cache's
 * behaviour during an outage. Immutable; every setter validates and names itself in its error.
 * Defaults are safe: short timeouts so that an outage fails fast instead of piling up requests, a
 * replay cache that fails closed, and a near cache whose entries are re-read at least every {@link
 * #DEFAULT_NEAR_CACHE_TTL} even if an invalidation message is lost.
 */
public final class RedisSettings {
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(500);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
  public static final Duration DEFAULT_MAX_RECONNECT_DELAY = Duration.ofSeconds(2);
  public static final String DEFAULT_KEY_PREFIX = "parley";
  public static final int DEFAULT_MAX_CONTEXTS = 1_000_000;
  public static final int DEFAULT_MAX_SESSIONS = 1_000_000;
  public static final int DEFAULT_MAX_REPLAY_ENTRIES = 10_000_000;
  public static final int DEFAULT_MAX_REVOCATIONS = 1_000_000;
  public static final int DEFAULT_NEAR_CACHE_MAX_ENTRIES = 10_000;
  public static final Duration DEFAULT_NEAR_CACHE_TTL = Duration.ofSeconds(30);

  /**
   * Added to every Redis TTL: a node whose clock runs behind the writer's still finds the entry
   * until its own clock says it expired (WCF's default maximum clock skew, 5 min).
   */
  public static final Duration DEFAULT_EXPIRY_GRACE = Duration.ofMinutes(5);

  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /** What the replay cache answers when Redis cannot be reached. */
  public enum ReplayOutageMode {
    /**
     * Throw {@code StoreUnavailableException}: the message is refused (a fault), never accepted.
     */
    FAIL_CLOSED,
    /**
     * Accept the message as first seen, unchecked: availability over replay protection during the
     * outage. Only through {@link Builder#replayCacheFailsOpenDuringOutage()}.
     */
    FAIL_OPEN
  }

  private final Clock clock;
  private final String keyPrefix;
  private final Duration commandTimeout;
  private final Duration connectTimeout;
  private final Duration maxReconnectDelay;
  private final Duration expiryGrace;
  private final int maxContexts;
  private final int maxSessions;
  private final int maxReplayEntries;
  private final int maxRevocations;
  private final int nearCacheMaxEntries;
  private final Duration nearCacheTtl;
  private final ReplayOutageMode replayOutageMode;

  private RedisSettings(Builder b) {
    this.clock = b.clock;
    this.keyPrefix = b.keyPrefix;
    this.commandTimeout = b.commandTimeout;
    this.connectTimeout = b.connectTimeout;
    this.maxReconnectDelay = b.maxReconnectDelay;
    this.expiryGrace = b.expiryGrace;
    this.maxContexts = b.maxContexts;
    this.maxSessions = b.maxSessions;
    this.maxReplayEntries = b.maxReplayEntries;
    this.maxRevocations = b.maxRevocations;
    this.nearCacheMaxEntries = b.nearCacheMaxEntries;
    this.nearCacheTtl = b.nearCacheTtl;
    this.replayOutageMode = b.replayOutageMode;
  }

  /** The defaults, on the system UTC clock. */
  public static RedisSettings defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.clock = clock;
    b.keyPrefix = keyPrefix;
    b.commandTimeout = commandTimeout;
    b.connectTimeout = connectTimeout;
    b.maxReconnectDelay = maxReconnectDelay;
    b.expiryGrace = expiryGrace;
    b.maxContexts = maxContexts;
    b.maxSessions = maxSessions;
    b.maxReplayEntries = maxReplayEntries;
    b.maxRevocations = maxRevocations;
    b.nearCacheMaxEntries = nearCacheMaxEntries;
    b.nearCacheTtl = nearCacheTtl;
    b.replayOutageMode = replayOutageMode;
    return b;
  }

  public Clock clock() {
    return clock;
  }

  public String keyPrefix() {
    return keyPrefix;
  }

  public Duration commandTimeout() {
    return commandTimeout;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration maxReconnectDelay() {
    return maxReconnectDelay;
  }

  public Duration expiryGrace() {
    return expiryGrace;
  }

  public int maxContexts() {
    return maxContexts;
  }

  public int maxSessions() {
    return maxSessions;
  }

  public int maxReplayEntries() {
    return maxReplayEntries;
  }

  public int maxRevocations() {
    return maxRevocations;
  }

  public int nearCacheMaxEntries() {
    return nearCacheMaxEntries;
  }

  public Duration nearCacheTtl() {
    return nearCacheTtl;
  }

  public ReplayOutageMode replayOutageMode() {
    return replayOutageMode;
  }

  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private String keyPrefix = DEFAULT_KEY_PREFIX;
    private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration maxReconnectDelay = DEFAULT_MAX_RECONNECT_DELAY;
    private Duration expiryGrace = DEFAULT_EXPIRY_GRACE;
    private int maxContexts = DEFAULT_MAX_CONTEXTS;
    private int maxSessions = DEFAULT_MAX_SESSIONS;
    private int maxReplayEntries = DEFAULT_MAX_REPLAY_ENTRIES;
    private int maxRevocations = DEFAULT_MAX_REVOCATIONS;
    private int nearCacheMaxEntries = DEFAULT_NEAR_CACHE_MAX_ENTRIES;
    private Duration nearCacheTtl = DEFAULT_NEAR_CACHE_TTL;
    private ReplayOutageMode replayOutageMode = ReplayOutageMode.FAIL_CLOSED;

    private Builder() {}

    /** The stores' notion of now: entries are live while {@code now < expires} by this clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Prefix of every Redis key (1 to 64 of {@code [A-Za-z0-9._-]}); farms sharing one Redis use
     * different prefixes.
     */
    public Builder keyPrefix(String keyPrefix) {
      Objects.requireNonNull(keyPrefix, "keyPrefix");
      if (!PREFIX.matcher(keyPrefix).matches()) {
        throw new IllegalArgumentException(
            "keyPrefix must be 1 to 64 characters of [A-Za-z0-9._-], was \"" + keyPrefix + "\"");
      }
      this.keyPrefix = keyPrefix;
      return this;
    }

    /** Longest wait for one Redis command (default 500 ms); then the store is unavailable. */
    public Builder commandTimeout(Duration commandTimeout) {
      this.commandTimeout = bounded(commandTimeout, "commandTimeout", Duration.ofMinutes(1));
      return this;
    }

    /** Longest wait to open a connection (default 1 s). */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = bounded(connectTimeout, "connectTimeout", Duration.ofMinutes(1));
      return this;
    }

    /**
     * Longest wait between two reconnection attempts after Redis went away (default 2 s; attempts
     * start at 20 ms and double): how long after Redis returns a node may still be failing.
     */
    public Builder maxReconnectDelay(Duration maxReconnectDelay) {
      this.maxReconnectDelay =
          bounded(maxReconnectDelay, "maxReconnectDelay", Duration.ofMinutes(5));
      return this;
    }

    /** Added to every entry's Redis TTL beyond its expiry (default 5 min, may be zero). */
    public Builder expiryGrace(Duration expiryGrace) {
      Objects.requireNonNull(expiryGrace, "expiryGrace");
      if (expiryGrace.isNegative() || expiryGrace.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException(
            "expiryGrace must be between 0 and 1 day, was " + expiryGrace);
      }
      this.expiryGrace = expiryGrace;
      return this;
    }

    /** Most live security contexts in Redis; creates beyond it answer STORE_FULL. */
    public Builder maxContexts(int maxContexts) {
      this.maxContexts = positive(maxContexts, "maxContexts");
      return this;
    }

    /** Most live session entries in Redis; creates beyond it answer STORE_FULL. */
    public Builder maxSessions(int maxSessions) {
      this.maxSessions = positive(maxSessions, "maxSessions");
      return this;
    }

    /** Most unexpired replay-cache entries in Redis; beyond it new messages are refused (FULL). */
    public Builder maxReplayEntries(int maxReplayEntries) {
      this.maxReplayEntries = positive(maxReplayEntries, "maxReplayEntries");
      return this;
    }

    /** Most unexpired revocations (cancelled cookie-mode contexts) in Redis; beyond it FULL. */
    public Builder maxRevocations(int maxRevocations) {
      this.maxRevocations = positive(maxRevocations, "maxRevocations");
      return this;
    }

    /** Most entries each store keeps in this node's near cache; 0 turns the near cache off. */
    public Builder nearCacheMaxEntries(int nearCacheMaxEntries) {
      if (nearCacheMaxEntries < 0) {
        throw new IllegalArgumentException(
            "nearCacheMaxEntries must not be negative, was " + nearCacheMaxEntries);
      }
      this.nearCacheMaxEntries = nearCacheMaxEntries;
      return this;
    }

    /**
     * Longest time a near-cache entry is used without re-reading Redis (default 30 s): the bound on
     * staleness should an invalidation message be lost.
     */
    public Builder nearCacheTtl(Duration nearCacheTtl) {
      this.nearCacheTtl = bounded(nearCacheTtl, "nearCacheTtl", Duration.ofHours(1));
      return this;
    }

    /**
     * During a Redis outage the replay cache accepts every message unchecked instead of refusing
     * it. Replayed messages are then not detected until Redis returns.
     */
    public Builder replayCacheFailsOpenDuringOutage() {
      this.replayOutageMode = ReplayOutageMode.FAIL_OPEN;
      return this;
    }

    public RedisSettings build() {
      return new RedisSettings(this);
    }

    private static Duration bounded(Duration d, String name, Duration max) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero() || d.compareTo(max) > 0) {
        throw new IllegalArgumentException(
            name + " must be positive and at most " + max + ", was " + d);
      }
      return d;
    }

    private static int positive(int n, String name) {
      if (n < 1) {
        throw new IllegalArgumentException(name + " must be positive, was " + n);
      }
      return n;
    }
  }
}
