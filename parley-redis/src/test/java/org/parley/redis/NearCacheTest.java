package org.parley.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.core.SecretBytes;
import org.parley.core.keys.KeyRing;
import org.parley.core.store.ReplayCache;
import org.parley.core.store.StoredSecurityContext;
import org.parley.core.store.StoredSession;
import org.parley.core.store.Versioned;

/**
 * Two nodes (two {@link RedisStores}, two Lettuce clients) on one Redis: a secured call in session
 * mode (context lookup + replay check) costs at most one Redis round trip once the context is in
 * the near cache, and renew, cancel and sign-out on one node reach the other's near cache.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NearCacheTest {
  private static final Duration PROPAGATION_TIMEOUT = Duration.ofSeconds(10);

  private final Clock clock = Clock.systemUTC();
  private RedisServer server;
  private RedisClient adminClient;
  private StatefulRedisConnection<String, String> admin;
  private RedisStores node1;
  private RedisStores node2;

  @BeforeAll
  void start() throws Exception {
    server = RedisServer.startNew();
    adminClient = RedisClient.create(server.uri());
    admin = adminClient.connect();
  }

  @AfterAll
  void stop() throws Exception {
    if (admin != null) {
      admin.close();
      adminClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void nodes() {
    admin.sync().flushall();
    KeyRing ring = RedisTestSupport.ring(clock);
    node1 = RedisStores.connect(server.uri(), ring, RedisTestSupport.settings(clock).build());
    node2 = RedisStores.connect(server.uri(), ring, RedisTestSupport.settings(clock).build());
  }

  @AfterEach
  void closeNodes() {
    node1.close();
    node2.close();
  }

  private StoredSecurityContext context(String id) {
    Instant now = clock.instant();
    return StoredSecurityContext.builder()
        .contextId(id)
        .secret(SecretBytes.random(32))
        .ownerKey("client-a")
        .lifetime(now, now.plus(Duration.ofHours(1)))
        .build();
  }

  /** Calls of one command as Redis counts them (INFO commandstats), an independent measurement. */
  private long redisCalls(String command) {
    String info = admin.sync().info("commandstats");
    String prefix = "cmdstat_" + command + ":calls=";
    for (String line : info.split("\r?\n")) {
      if (line.startsWith(prefix)) {
        return Long.parseLong(line.substring(prefix.length(), line.indexOf(',')));
      }
    }
    return 0;
  }

  /**
   * The SC service per secured call: the context lookup (store.get) and the replay check
   * (replayCache.firstSeen), as SecureConversationService does them.
   */
  private void securedCall(RedisStores node, String contextId, int n) {
    assertThat(node.securityContexts().get(contextId)).isPresent();
    assertThat(
            node.replayCache()
                .firstSeen("sig:" + contextId + ":" + n, clock.instant().plusSeconds(300)))
        .isEqualTo(ReplayCache.Verdict.FIRST_SEEN);
  }

  @Test
  void securedCallInSessionMode_costsAtMostOneRoundTrip_cacheHitCostsNone() {
    node1.securityContexts().create(context("urn:ctx:1"), 10);
    // Warm: the first call on each node reads the context once (and opens the connections).
    securedCall(node1, "urn:ctx:1", 0);
    securedCall(node2, "urn:ctx:1", 1);

    int calls = 200;
    long sent1 = node1.commandsSent();
    long sent2 = node2.commandsSent();
    long evalsha = redisCalls("evalsha");
    long hmget = redisCalls("hmget");
    for (int i = 0; i < calls; i++) {
      securedCall(i % 2 == 0 ? node1 : node2, "urn:ctx:1", 2 + i);
    }
    long roundTrips = node1.commandsSent() - sent1 + node2.commandsSent() - sent2;
    assertThat(roundTrips).as("round trips for %d secured calls", calls).isLessThanOrEqualTo(calls);
    assertThat(redisCalls("hmget") - hmget).as("context reads: all near-cache hits").isZero();
    assertThat(redisCalls("evalsha") - evalsha).as("replay checks").isEqualTo(calls);

    for (int i = 0; i < calls; i++) {
      assertThat(node2.securityContexts().get("urn:ctx:1")).isPresent();
    }
    assertThat(node2.commandsSent() - sent2 - calls / 2).as("cache hits cost nothing").isZero();
  }

  @Test
  void renewOnNode1_reachesNode2sNearCache() {
    StoredSecurityContext c = context("urn:ctx:renew");
    node1.securityContexts().create(c, 10);
    assertThat(node2.securityContexts().get(c.contextId()).orElseThrow().version())
        .isEqualTo(Versioned.FIRST);

    StoredSecurityContext renewed =
        c.toBuilder().instance("urn:instance:2").secret(SecretBytes.random(32)).build();
    assertThat(node1.securityContexts().replace(renewed, Versioned.FIRST).replaced()).isTrue();

    Versioned<StoredSecurityContext> seen =
        eventually(() -> node2.securityContexts().get(c.contextId()).filter(v -> v.version() == 2));
    assertThat(seen.value().instance()).contains("urn:instance:2");
    assertThat(seen.value().secret().equalsConstantTime(renewed.secret())).isTrue();
  }

  @Test
  void cancelOnNode1_reachesNode2sNearCache() {
    node1.securityContexts().create(context("urn:ctx:cancel"), 10);
    assertThat(node2.securityContexts().get("urn:ctx:cancel")).isPresent();
    assertThat(node1.securityContexts().remove("urn:ctx:cancel")).isTrue();
    eventually(
        () ->
            node2.securityContexts().get("urn:ctx:cancel").isEmpty()
                ? Optional.of(true)
                : Optional.empty());
  }

  @Test
  void signOutEverywhereOnNode2_reachesNode1sNearCache() {
    Instant expires = clock.instant().plus(Duration.ofHours(1));
    byte[] token = {1, 2, 3};
    node1.sessionTokens().create(StoredSession.of("s1", "alice", token, expires));
    node1.sessionTokens().create(StoredSession.of("s2", "alice", token, expires));
    node1.sessionTokens().create(StoredSession.of("s3", "bob", token, expires));
    assertThat(node1.sessionTokens().get("s1")).isPresent();
    assertThat(node1.sessionTokens().get("s2")).isPresent();
    assertThat(node1.sessionTokens().get("s3")).isPresent();

    assertThat(node2.sessionTokens().removeAllForUser("alice")).isEqualTo(2);

    eventually(
        () ->
            node1.sessionTokens().get("s1").isEmpty() && node1.sessionTokens().get("s2").isEmpty()
                ? Optional.of(true)
                : Optional.empty());
    assertThat(node1.sessionTokens().get("s3")).isPresent();
  }

  @Test
  void signOutOfOneSessionOnNode2_reachesNode1sNearCache() {
    Instant expires = clock.instant().plus(Duration.ofHours(1));
    node1.sessionTokens().create(StoredSession.of("s1", "alice", new byte[] {1}, expires));
    assertThat(node1.sessionTokens().get("s1")).isPresent();
    assertThat(node2.sessionTokens().remove("s1")).isTrue();
    eventually(
        () -> node1.sessionTokens().get("s1").isEmpty() ? Optional.of(true) : Optional.empty());
  }

  /**
   * Read-modify-write from two nodes at once through their near caches: a stale cached version only
   * ever costs a VERSION_MISMATCH and a re-read, never a lost update.
   */
  @Test
  void concurrentRenewsFromTwoNodes_throughNearCaches_noLostUpdate() throws Exception {
    StoredSecurityContext c = context("urn:ctx:race");
    node1.securityContexts().create(c, 10);
    int perThread = 20;
    java.util.List<Integer> applied =
        org.parley.core.store.Concurrently.run(
            8,
            t ->
                () -> {
                  RedisStores node = t % 2 == 0 ? node1 : node2;
                  int done = 0;
                  while (done < perThread) {
                    Versioned<StoredSecurityContext> seen =
                        node.securityContexts().get(c.contextId()).orElseThrow();
                    StoredSecurityContext next =
                        seen.value().toBuilder().instance("t" + t + "-" + done).build();
                    if (node.securityContexts().replace(next, seen.version()).replaced()) {
                      done++;
                    }
                  }
                  return done;
                });
    long total = applied.stream().mapToLong(Integer::longValue).sum();
    assertThat(total).isEqualTo(8L * perThread);
    assertThat(
            eventually(
                () ->
                    node2
                        .securityContexts()
                        .get(c.contextId())
                        .filter(v -> v.version() == Versioned.FIRST + total)))
        .isNotNull();
  }

  /** Polls until {@code probe} answers (pub/sub is asynchronous); generous timeout. */
  private static <T> T eventually(Supplier<Optional<T>> probe) {
    Instant deadline = Instant.now().plus(PROPAGATION_TIMEOUT);
    while (true) {
      Optional<T> r = probe.get();
      if (r.isPresent()) {
        return r.get();
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not propagated within " + PROPAGATION_TIMEOUT);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
