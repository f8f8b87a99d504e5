package org.parley.redis;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.parley.core.SecretBytes;
import org.parley.core.keys.KeyRing;
import org.parley.core.store.ReplayCache;
import org.parley.core.store.RevocationList;
import org.parley.core.store.SecurityContextStore;
import org.parley.core.store.SessionTokenStore;
import org.parley.redis.internal.RedisLink;
import org.parley.redis.internal.Sealing;

/**
 * The Redis stores of one node, over one Lettuce client: security contexts, session tokens (with
 * the web module's revocation marks), replay cache, revocation list (cookie-mode contexts) and key
 * ring. Thread-safe; build once per node and share; {@link #close()} at shutdown.
 *
 * <pre>{@code
 * // every node: the same URI and the same 32-byte wrapping key (from configuration, not code)
 * RedisStores stores = RedisStores.connectWithFarmKeyRing(
 *     "redis://127.0.0.1:6379", wrappingKey, RedisSettings.defaults());
 * SecureConversationService.builder()
 *     .store(stores.securityContexts()).replayCache(stores.replayCache()) ...
 * SessionManager.builder().store(stores.sessionTokens()).keyRing(stores.farmKeyRing().get()) ...
 * }</pre>
 *
 * URIs: {@code redis://HOST:PORT[/DB]} and {@code rediss://} (standalone), {@code
 * redis-sentinel://HOST:PORT[,HOST:PORT]#MASTER} (Sentinel), {@code redis-cluster://HOST:PORT,...}
 * or a comma list of {@code redis://} nodes (Cluster).
 */
public final class RedisStores implements AutoCloseable {
  private final RedisLink link;
  private final RedisSettings settings;
  private final Sealing sealing;
  private final RedisSecurityContextStore contexts;
  private final RedisSessionTokenStore sessions;
  private final RedisReplayCache replay;
  private final RedisRevocationList revocations;
  private volatile FarmKeyRing farmRing;

  private RedisStores(RedisLink link, Supplier<KeyRing> ring, RedisSettings settings) {
    this.link = link;
    this.settings = settings;
    this.sealing = new Sealing(ring, () -> ring instanceof FarmKeyRing f ? f : this.farmRing);
    this.contexts = new RedisSecurityContextStore(link, sealing, settings);
    this.sessions = new RedisSessionTokenStore(link, sealing, settings);
    this.replay = new RedisReplayCache(link, settings);
    this.revocations = new RedisRevocationList(link, settings);
  }

  /**
   * Stores that seal their entries with {@code sealingRing} (read on every seal and open, so a
   * rotating ring such as {@link FarmKeyRing} is followed). Connects lazily: a node started while
   * Redis is down works once it is up.
   */
  public static RedisStores connect(
      String uri, Supplier<KeyRing> sealingRing, RedisSettings settings) {
    Objects.requireNonNull(sealingRing, "sealingRing");
    return new RedisStores(new RedisLink(uri, settings), sealingRing, settings);
  }

  /** As {@link #connect(String, Supplier, RedisSettings)} with a fixed ring. */
  public static RedisStores connect(String uri, KeyRing sealingRing, RedisSettings settings) {
    Objects.requireNonNull(sealingRing, "sealingRing");
    return connect(uri, () -> sealingRing, settings);
  }

  /**
   * Stores whose sealing ring is the farm's own rotating ring, kept in this Redis under {@code
   * wrappingKey} ({@link #keyRingStore}) with the default rotation schedule; {@link #farmKeyRing()}
   * gives the ring to the rest of the node (session cookies, cookie-mode SCTs).
   */
  public static RedisStores connectWithFarmKeyRing(
      String uri, SecretBytes wrappingKey, RedisSettings settings) {
    return connectWithFarmKeyRing(uri, wrappingKey, settings, FarmKeyRing.builder());
  }

  /** As above, with the ring's schedule from {@code ringSettings} (its store and clock are set). */
  public static RedisStores connectWithFarmKeyRing(
      String uri,
      SecretBytes wrappingKey,
      RedisSettings settings,
      FarmKeyRing.Builder ringSettings) {
    Objects.requireNonNull(wrappingKey, "wrappingKey");
    FarmKeyRing[] holder = new FarmKeyRing[1];
    RedisLink link = new RedisLink(uri, settings);
    RedisStores stores = new RedisStores(link, () -> holder[0].get(), settings);
    RedisKeyRingStore ringStore = stores.keyRingStore(wrappingKey);
    FarmKeyRing ring = ringSettings.store(ringStore).clock(settings.clock()).start();
    holder[0] = ring;
    ringStore.onChange(ring::refreshSoon);
    stores.farmRing = ring;
    return stores;
  }

  public SecurityContextStore securityContexts() {
    return contexts;
  }

  public SessionTokenStore sessionTokens() {
    return sessions;
  }

  public ReplayCache replayCache() {
    return replay;
  }

  /** Revoked cookie-mode contexts (cancelled or superseded), shared by the farm. */
  public RevocationList revocationList() {
    return revocations;
  }

  /**
   * The farm's key ring store, its keys sealed under {@code wrappingKey} (32 bytes, the same on
   * every node, kept out of Redis).
   */
  public RedisKeyRingStore keyRingStore(SecretBytes wrappingKey) {
    return new RedisKeyRingStore(link, settings, wrappingKey);
  }

  /** The farm ring, when built by {@link #connectWithFarmKeyRing}. */
  public Optional<FarmKeyRing> farmKeyRing() {
    return Optional.ofNullable(farmRing);
  }

  /** Redis commands this node sent through these stores so far (for measurements). */
  public long commandsSent() {
    return link.commandsSent();
  }

  /** Where these stores point, without credentials. */
  public String describe() {
    return link.display();
  }

  @Override
  public void close() {
    FarmKeyRing r = farmRing;
    if (r != null) {
      r.close();
    }
    link.close();
  }
}
