package org.parley.cli.node;

import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.parley.core.keys.KeyRing;
import org.parley.core.store.KeyRingStore;
import org.parley.core.store.ReplayCache;
import org.parley.core.store.RevocationList;
import org.parley.core.store.SecurityContextStore;
import org.parley.core.store.SessionTokenStore;
import org.parley.core.store.memory.InMemoryKeyRingStore;
import org.parley.core.store.memory.InMemoryReplayCache;
import org.parley.core.store.memory.InMemoryRevocationList;
import org.parley.core.store.memory.InMemorySecurityContextStore;
import org.parley.core.store.memory.InMemorySessionTokenStore;

/**
 * The stores one node uses for everything it hosts: session-mode security contexts, the replay
 * cache (secure conversation messages and SAML assertions), web sessions in reference mode with the
 * sign-out (revocation) marks, and the key ring. In memory they are this process's own; on Redis
 * they are the farm's.
 */
public final class NodeStores implements AutoCloseable {
  private final SecurityContextStore contexts;
  private final ReplayCache replay;
  private final SessionTokenStore sessions;
  private final KeyRingStore keyRing;
  private final Supplier<KeyRing> farmRing;
  private final RevocationList revocations;
  private final AutoCloseable resources;
  private final String description;

  NodeStores(
      SecurityContextStore contexts,
      ReplayCache replay,
      SessionTokenStore sessions,
      KeyRingStore keyRing,
      RevocationList revocations,
      Supplier<KeyRing> farmRing,
      AutoCloseable resources,
      String description) {
    this.revocations = Objects.requireNonNull(revocations, "revocations");
    this.farmRing = farmRing;
    this.contexts = Objects.requireNonNull(contexts, "contexts");
    this.replay = Objects.requireNonNull(replay, "replay");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.keyRing = Objects.requireNonNull(keyRing, "keyRing");
    this.resources = Objects.requireNonNull(resources, "resources");
    this.description = Objects.requireNonNull(description, "description");
  }

  /** This process's own stores (the default): a farm of such nodes shares nothing. */
  public static NodeStores memory(Clock clock) {
    return new NodeStores(
        InMemorySecurityContextStore.builder().clock(clock).build(),
        InMemoryReplayCache.builder().clock(clock).build(),
        InMemorySessionTokenStore.builder().clock(clock).build(),
        new InMemoryKeyRingStore(),
        InMemoryRevocationList.builder().clock(clock).build(),
        null,
        () -> {},
        "memory");
  }

  /**
   * The farm's stores on the Redis server {@code uri}, values sealed at rest with the farm's
   * secrets.
   */
  public static NodeStores redis(URI uri, FarmSecrets secrets, Clock clock, NodeConfig config) {
    return RedisNodeStores.connect(uri, secrets, clock, config);
  }

  /**
   * The farm's rotating key ring kept by the store itself (Redis with {@code keyring = store}), if
   * this store keeps one.
   */
  public Optional<Supplier<KeyRing>> farmRing() {
    return Optional.ofNullable(farmRing);
  }

  public SecurityContextStore contexts() {
    return contexts;
  }

  public ReplayCache replay() {
    return replay;
  }

  public SessionTokenStore sessions() {
    return sessions;
  }

  /** Cancelled and superseded cookie-mode contexts, refused until their cookies expire. */
  public RevocationList revocations() {
    return revocations;
  }

  public KeyRingStore keyRing() {
    return keyRing;
  }

  /** {@code memory} or the Redis URI, for the banner. */
  public String description() {
    return description;
  }

  @Override
  public void close() {
    try {
      resources.close();
    } catch (Exception e) {
      // closing connections at shutdown: nothing left to do about a failure
    }
  }
}
