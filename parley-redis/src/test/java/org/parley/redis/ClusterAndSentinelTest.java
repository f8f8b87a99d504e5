package org.parley.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.parley.core.SecretBytes;
import org.parley.core.keys.KeyRing;
import org.parley.core.keys.RingKey;
import org.parley.core.store.CreateOutcome;
import org.parley.core.store.ReplayCache.Verdict;
import org.parley.core.store.StoredSecurityContext;
import org.parley.core.store.StoredSession;
import org.parley.core.store.Versioned;

/**
 * The same stores through a Redis Cluster (three masters made with {@code redis-cli --cluster
 * create}) and through a Sentinel: every store's operations, scripts (all keys of a store share one
 * hash slot) and near-cache invalidation between two nodes.
 */
class ClusterAndSentinelTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Path REDIS_CLI = Path.of("/usr/bin/redis-cli");

  private final Clock clock = Clock.systemUTC();

  @Test
  void cluster_commaListUri_everyStoreWorks_andInvalidationsCrossNodes() throws Exception {
    List<RedisServer> masters = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        masters.add(
            RedisServer.startNew("--cluster-enabled", "yes", "--cluster-node-timeout", "2000"));
      }
      List<String> cmd = new ArrayList<>(List.of(REDIS_CLI.toString(), "--cluster", "create"));
      for (RedisServer m : masters) {
        cmd.add("127.0.0.1:" + m.port());
      }
      cmd.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out =
          new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(out).isZero();
      for (RedisServer m : masters) {
        awaitClusterOk(m);
      }
      String uri =
          "redis-cluster://127.0.0.1:"
              + masters.get(0).port()
              + ",127.0.0.1:"
              + masters.get(1).port();
      exerciseTwoNodes(uri);
      // The plain comma list names a cluster too.
      exerciseTwoNodes(
          "redis://127.0.0.1:" + masters.get(2).port() + ",127.0.0.1:" + masters.get(0).port());
    } finally {
      for (RedisServer m : masters) {
        m.close();
      }
    }
  }

  @Test
  void sentinel_uri_everyStoreWorks_andInvalidationsCrossNodes() throws Exception {
    try (RedisServer master = RedisServer.startNew()) {
      try (RedisServer sentinel =
          RedisServer.startWithConfig(
              "sentinel monitor parley 127.0.0.1 "
                  + master.port()
                  + " 1\nsentinel down-after-milliseconds parley 5000\n",
              "--sentinel")) {
        exerciseTwoNodes("redis-sentinel://127.0.0.1:" + sentinel.port() + "#parley");
      }
    }
  }

  private void awaitClusterOk(RedisServer m) throws Exception {
    RedisClient c = RedisClient.create("redis://127.0.0.1:" + m.port());
    try (StatefulRedisConnection<String, String> conn = c.connect()) {
      Instant deadline = Instant.now().plus(WAIT);
      while (!conn.sync().clusterInfo().contains("cluster_state:ok")) {
        if (Instant.now().isAfter(deadline)) {
          throw new AssertionError("cluster not ok within " + WAIT);
        }
        Thread.sleep(50);
      }
    } finally {
      c.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }

  private void exerciseTwoNodes(String uri) throws Exception {
    KeyRing ring = RedisTestSupport.ring(clock);
    RedisSettings settings =
        RedisSettings.builder()
            .clock(clock)
            .keyPrefix("p" + System.nanoTime())
            .commandTimeout(Duration.ofSeconds(5))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    try (RedisStores a = RedisStores.connect(uri, ring, settings);
        RedisStores b = RedisStores.connect(uri, ring, settings)) {
      Instant now = clock.instant();
      StoredSecurityContext c =
          StoredSecurityContext.builder()
              .contextId("urn:cluster:1")
              .secret(SecretBytes.random(32))
              .ownerKey("client-a")
              .lifetime(now, now.plus(Duration.ofHours(1)))
              .build();
      assertThat(a.securityContexts().create(c, 1)).isEqualTo(CreateOutcome.CREATED);
      assertThat(a.securityContexts().countByOwner("client-a")).isEqualTo(1);
      assertThat(b.securityContexts().get(c.contextId()).orElseThrow().version()).isEqualTo(1);
      assertThat(
              a.securityContexts().replace(c.toBuilder().instance("i2").build(), Versioned.FIRST))
          .matches(o -> o.replaced());
      awaitTrue(
          () -> b.securityContexts().get(c.contextId()).orElseThrow().version() == 2,
          "renew reached the other node's near cache");
      assertThat(a.securityContexts().remove(c.contextId())).isTrue();
      awaitTrue(
          () -> b.securityContexts().get(c.contextId()).isEmpty(),
          "cancel reached the other node's near cache");

      Instant exp = now.plus(Duration.ofHours(1));
      a.sessionTokens().create(StoredSession.of("s1", "alice", new byte[] {1}, exp));
      a.sessionTokens().create(StoredSession.of("s2", "alice", new byte[] {2}, exp));
      assertThat(b.sessionTokens().get("s1")).isPresent();
      assertThat(a.sessionTokens().removeAllForUser("alice")).isEqualTo(2);
      awaitTrue(() -> b.sessionTokens().get("s1").isEmpty(), "sign-out reached the other node");

      assertThat(a.replayCache().firstSeen("m1", now.plusSeconds(60)))
          .isEqualTo(Verdict.FIRST_SEEN);
      assertThat(b.replayCache().firstSeen("m1", now.plusSeconds(60))).isEqualTo(Verdict.REPLAY);

      SecretBytes wrap = SecretBytes.random(32);
      RedisKeyRingStore ringStore = a.keyRingStore(wrap);
      assertThat(
              ringStore.save(
                  List.of(RingKey.generate("k1", now, now.plus(Duration.ofDays(1)))),
                  Versioned.NONE))
          .isTrue();
      assertThat(b.keyRingStore(wrap).load().value())
          .extracting(RingKey::keyId)
          .containsExactly("k1");
    }
  }

  private static void awaitTrue(java.util.function.BooleanSupplier c, String what)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    while (!c.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(what + ": not within " + WAIT);
      }
      Thread.sleep(10);
    }
  }
}
