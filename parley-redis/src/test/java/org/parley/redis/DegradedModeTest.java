package org.parley.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.parley.core.SecretBytes;
import org.parley.core.keys.KeyRing;
import org.parley.core.store.CreateOutcome;
import org.parley.core.store.ReplayCache.Verdict;
import org.parley.core.store.StoreUnavailableException;
import org.parley.core.store.StoredSecurityContext;
import org.parley.core.store.StoredSession;
import org.parley.core.store.Versioned;

/**
 * Issue 5 degraded mode on a real redis-server that is killed mid-test and restarted on the same
 * port with its data lost: every store throws the one typed exception (never a Lettuce one, never
 * "absent"), the replay cache fails closed unless configured to fail open, near caches do not serve
 * what Redis lost, and everything works again without a restart of the node.
 */
class DegradedModeTest {
  /** Generous: correctness, not speed (an outage must not hang a caller, though). */
  private static final Duration BOUND = Duration.ofSeconds(20);

  private final Clock clock = Clock.systemUTC();
  private RedisServer server;
  private RedisStores node;
  private RedisStores failOpenNode;

  @BeforeEach
  void start() throws Exception {
    server = RedisServer.startNew();
    KeyRing ring = RedisTestSupport.ring(clock);
    RedisSettings.Builder s =
        RedisSettings.builder()
            .clock(clock)
            // Generous for a loaded machine; a killed server is noticed at once anyway.
            .commandTimeout(Duration.ofSeconds(2))
            .connectTimeout(Duration.ofSeconds(5))
            .maxReconnectDelay(Duration.ofMillis(500));
    node = RedisStores.connect(server.uri(), ring, s.build());
    failOpenNode =
        RedisStores.connect(server.uri(), ring, s.replayCacheFailsOpenDuringOutage().build());
  }

  @AfterEach
  void stop() throws Exception {
    node.close();
    failOpenNode.close();
    server.close();
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

  private StoredSession session(String id) {
    return StoredSession.of(id, "alice", new byte[] {1, 2}, clock.instant().plusSeconds(3600));
  }

  @Test
  void redisKilled_everyStoreThrowsStoreUnavailable_replayFailsClosed_thenRecoversAfterRestart()
      throws Exception {
    assertThat(node.securityContexts().create(context("urn:c1"), 10).created()).isTrue();
    assertThat(node.sessionTokens().create(session("s1")).created()).isTrue();
    // In every near cache now.
    assertThat(node.securityContexts().get("urn:c1")).isPresent();
    assertThat(node.sessionTokens().get("s1")).isPresent();
    assertThat(failOpenNode.replayCache().firstSeen("warm", clock.instant().plusSeconds(60)))
        .isEqualTo(Verdict.FIRST_SEEN);

    server.stop();

    // Once the loss of the connection is noticed, nothing is served from memory as if fine.
    eventually(() -> throwsUnavailable(() -> node.securityContexts().get("urn:c1")));
    Instant start = Instant.now();
    List<Callable<?>> operations =
        List.of(
            () -> node.securityContexts().get("urn:c1"),
            () -> node.securityContexts().create(context("urn:c2"), 10),
            () -> node.securityContexts().replace(context("urn:c1"), Versioned.FIRST),
            () -> node.securityContexts().remove("urn:c1"),
            () -> node.securityContexts().countByOwner("client-a"),
            () -> node.sessionTokens().get("s1"),
            () -> node.sessionTokens().create(session("s2")),
            () -> node.sessionTokens().remove("s1"),
            () -> node.sessionTokens().removeAllForUser("alice"),
            () -> node.replayCache().firstSeen("m1", clock.instant().plusSeconds(60)));
    for (Callable<?> op : operations) {
      assertThatThrownBy(op::call)
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("unavailable")
          .hasMessageContaining("commandTimeout");
    }
    assertThat(Duration.between(start, Instant.now()))
        .as("%d operations fail fast, not after piling up", operations.size())
        .isLessThan(BOUND);
    assertThat(failOpenNode.replayCache().firstSeen("m1", clock.instant().plusSeconds(60)))
        .as("fail-open configured: accepted unchecked")
        .isEqualTo(Verdict.FIRST_SEEN);

    server.start(); // same port, no data: a restart that lost everything

    eventually(() -> !throwsUnavailable(() -> node.securityContexts().get("urn:c1")));
    assertThat(node.securityContexts().get("urn:c1"))
        .as("Redis lost it; the near cache must not resurrect it")
        .isEmpty();
    assertThat(node.sessionTokens().get("s1")).isEmpty();
    // Scripts are sent again (Redis lost its script cache too) and everything works.
    assertThat(node.securityContexts().create(context("urn:c1"), 10))
        .isEqualTo(CreateOutcome.CREATED);
    assertThat(node.sessionTokens().create(session("s1"))).isEqualTo(CreateOutcome.CREATED);
    // The invalidation channel is back, so the near cache serves again: reads cost nothing.
    eventually(
        () -> {
          node.sessionTokens().get("s1");
          long sent = node.commandsSent();
          node.sessionTokens().get("s1");
          return node.commandsSent() == sent;
        });
    assertThat(node.replayCache().firstSeen("m2", clock.instant().plusSeconds(60)))
        .isEqualTo(Verdict.FIRST_SEEN);
    assertThat(node.replayCache().firstSeen("m2", clock.instant().plusSeconds(60)))
        .isEqualTo(Verdict.REPLAY);
    eventually(() -> !throwsUnavailable(() -> failOpenNode.replayCache().firstSeen("m2", in60())));
    assertThat(failOpenNode.replayCache().firstSeen("m2", in60()))
        .as("fail-open node checks again once Redis is back")
        .isEqualTo(Verdict.REPLAY);
  }

  @Test
  void nodeStartedWhileRedisIsDown_failsTyped_thenWorksOnceRedisIsUp() throws Exception {
    server.stop();
    try (RedisStores late =
        RedisStores.connect(
            server.uri(),
            RedisTestSupport.ring(clock),
            RedisSettings.builder()
                .clock(clock)
                .commandTimeout(Duration.ofSeconds(2))
                .connectTimeout(Duration.ofSeconds(5))
                .build())) {
      assertThatThrownBy(() -> late.sessionTokens().get("s1"))
          .isInstanceOf(StoreUnavailableException.class);
      server.start();
      eventually(() -> !throwsUnavailable(() -> late.sessionTokens().get("s1")));
      assertThat(late.sessionTokens().create(session("s1")).created()).isTrue();
      assertThat(late.sessionTokens().get("s1")).isPresent();
    }
  }

  @Test
  void farmNodeStartedWhileRedisIsDown_hasNoKeyYet_failsTyped_thenLoadsTheRingAndWorks()
      throws Exception {
    server.stop();
    try (RedisStores late =
        RedisStores.connectWithFarmKeyRing(
            server.uri(),
            SecretBytes.random(32),
            RedisSettings.builder()
                .clock(clock)
                .commandTimeout(Duration.ofSeconds(2))
                .connectTimeout(Duration.ofSeconds(5))
                .build(),
            FarmKeyRing.builder().unknownKeyRefreshSpacing(Duration.ofMillis(100)))) {
      assertThat(late.farmKeyRing().orElseThrow().get().keys()).isEmpty();
      assertThatThrownBy(() -> late.sessionTokens().create(session("s1")))
          .isInstanceOf(StoreUnavailableException.class);
      server.start();
      eventually(() -> !throwsUnavailable(() -> late.sessionTokens().create(session("s1"))));
      assertThat(late.sessionTokens().get("s1")).isPresent();
      assertThat(late.farmKeyRing().orElseThrow().get().primaryKey()).isPresent();
    }
  }

  private Instant in60() {
    return clock.instant().plusSeconds(60);
  }

  private static boolean throwsUnavailable(ThrowingSupplier<?> op) {
    try {
      op.get();
      return false;
    } catch (StoreUnavailableException e) {
      return true;
    } catch (Throwable other) {
      throw new AssertionError("expected StoreUnavailableException or success", other);
    }
  }

  private static void eventually(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(BOUND);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not within " + BOUND);
      }
      Thread.sleep(20);
    }
  }
}
