package org.parley.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.core.SecretBytes;
import org.parley.core.keys.KeyRing;
import org.parley.core.keys.RingKey;
import org.parley.core.store.Concurrently;
import org.parley.core.store.Versioned;
import org.parley.core.testing.MutableClock;

/**
 * The farm key ring on a real Redis: nodes starting together agree on one primary key, keys are
 * published ahead of their activation so a rotation breaks nothing, an unknown key id triggers one
 * rate-limited reload, and after Redis loses its data the nodes put their keys back instead of
 * minting a competing primary.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FarmKeyRingTest {
  private static final int NODES = 6;
  private static final Duration ROTATION = Duration.ofHours(24);
  private static final Duration LEAD = Duration.ofHours(1);
  private static final Duration RETENTION = Duration.ofHours(11);
  private static final byte[] AD = "parley-test/farm-ring".getBytes(StandardCharsets.UTF_8);

  private final MutableClock clock = MutableClock.atDefaultStart();
  private final SecretBytes wrappingKey = SecretBytes.random(32);
  private RedisServer server;
  private final List<RedisStores> nodes = new ArrayList<>();
  private final List<FarmKeyRing> rings = new ArrayList<>();

  @BeforeAll
  void start() throws Exception {
    server = RedisServer.startNew();
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void connectNodes() {
    for (int i = 0; i < NODES; i++) {
      nodes.add(
          RedisStores.connect(
              server.uri(),
              RedisTestSupport.ring(clock),
              RedisTestSupport.settings(clock).build()));
    }
  }

  @AfterEach
  void closeNodes() throws Exception {
    rings.forEach(FarmKeyRing::close);
    rings.clear();
    nodes.forEach(RedisStores::close);
    nodes.clear();
    // The next test starts on an empty Redis (no persistence).
    server.stop();
    server.start();
  }

  private FarmKeyRing.Builder ringOf(int node) {
    return FarmKeyRing.builder()
        .store(nodes.get(node).keyRingStore(wrappingKey))
        .clock(clock)
        .rotationInterval(ROTATION)
        .activationLead(LEAD)
        .retention(RETENTION)
        .withoutScheduledRefresh();
  }

  private List<FarmKeyRing> startAllTogether() throws Exception {
    List<FarmKeyRing> started = Concurrently.run(NODES, i -> () -> ringOf(i).start());
    rings.addAll(started);
    return started;
  }

  private static Set<String> ids(KeyRing ring) {
    return ring.keys().stream().map(RingKey::keyId).collect(Collectors.toSet());
  }

  @Test
  void nodesStartingTogether_onEmptyRedis_mintExactlyOnePrimary() throws Exception {
    List<FarmKeyRing> started = startAllTogether();
    Set<String> first = ids(started.get(0).get());
    assertThat(first).hasSize(1);
    for (FarmKeyRing r : started) {
      assertThat(ids(r.get())).isEqualTo(first);
      assertThat(r.get().primaryKey().orElseThrow().keyId()).isEqualTo(first.iterator().next());
    }
    Versioned<List<RingKey>> stored = nodes.get(0).keyRingStore(wrappingKey).load();
    assertThat(stored.value()).extracting(RingKey::keyId).containsExactlyElementsOf(first);
    assertThat(stored.version()).as("one save: the first key").isEqualTo(1);
  }

  @Test
  void rotation_successorPublishedBeforeActivation_oldKeyKeepsOpening_nobodyLoggedOut()
      throws Exception {
    List<FarmKeyRing> started = startAllTogether();
    byte[] sealedBeforeRotation = started.get(0).get().seal(new byte[] {42}, AD);
    String firstPrimary = started.get(0).get().primaryKey().orElseThrow().keyId();

    // The lead time before the next activation: one node rotates, every node refreshes.
    clock.advance(ROTATION.minus(LEAD));
    for (FarmKeyRing r : started) {
      r.refresh();
    }
    Set<String> afterPublish = ids(started.get(0).get());
    assertThat(afterPublish).hasSize(2);
    for (FarmKeyRing r : started) {
      assertThat(ids(r.get())).isEqualTo(afterPublish);
      assertThat(r.get().primaryKey().orElseThrow().keyId())
          .as("the successor is not active yet")
          .isEqualTo(firstPrimary);
    }

    // Activation: every node seals with the new key; everything sealed before still opens.
    clock.advance(LEAD);
    String secondPrimary = started.get(3).get().primaryKey().orElseThrow().keyId();
    assertThat(secondPrimary).isNotEqualTo(firstPrimary);
    byte[] sealedAfter = started.get(3).get().seal(new byte[] {7}, AD);
    for (FarmKeyRing r : started) {
      assertThat(r.get().primaryKey().orElseThrow().keyId()).isEqualTo(secondPrimary);
      assertThat(r.get().open(sealedBeforeRotation, AD)).containsExactly(42);
      assertThat(r.get().open(sealedAfter, AD)).containsExactly(7);
    }

    // Until the old key's retention ends (the longest thing it sealed has expired).
    clock.advance(RETENTION.minusSeconds(1));
    assertThat(started.get(5).get().open(sealedBeforeRotation, AD)).containsExactly(42);
  }

  @Test
  void unknownKeyId_reloadsOnce_thenRateLimited() throws Exception {
    FarmKeyRing node = ringOf(0).unknownKeyRefreshSpacing(Duration.ofSeconds(5)).start();
    rings.add(node);
    // Another node adds a key that is active at once (e.g. after the primary expired).
    RedisKeyRingStore store = nodes.get(1).keyRingStore(wrappingKey);
    Versioned<List<RingKey>> stored = store.load();
    RingKey fresh = RingKey.generate("k-fresh", clock.instant(), clock.instant().plus(ROTATION));
    List<RingKey> more = new ArrayList<>(stored.value());
    more.add(fresh);
    assertThat(store.save(more, stored.version())).isTrue();
    byte[] sealedElsewhere = KeyRing.of(clock, List.of(fresh)).seal(new byte[] {9}, AD);

    assertThatThrownBy(() -> node.get().open(sealedElsewhere, AD)).hasMessage("failed");
    clock.advance(Duration.ofSeconds(5));
    assertThat(node.refreshAfterUnknownKey()).isTrue();
    assertThat(node.get().open(sealedElsewhere, AD)).containsExactly(9);

    long before = nodes.get(0).commandsSent();
    for (int i = 0; i < 100; i++) {
      assertThat(node.refreshAfterUnknownKey()).as("within the spacing").isFalse();
    }
    assertThat(nodes.get(0).commandsSent()).as("no Redis reads").isEqualTo(before);
    clock.advance(Duration.ofSeconds(5));
    assertThat(node.refreshAfterUnknownKey()).isTrue();
  }

  @Test
  void redisRestartLosingData_nodesPutTheirKeysBack_noCompetingPrimary() throws Exception {
    List<FarmKeyRing> started = startAllTogether();
    Set<String> before = ids(started.get(0).get());
    String primary = started.get(0).get().primaryKey().orElseThrow().keyId();

    server.stop();
    for (FarmKeyRing r : started) {
      assertThat(r.refresh()).as("refresh during the outage").isFalse();
      assertThat(r.get().primaryKey().orElseThrow().keyId()).isEqualTo(primary);
    }
    server.start();

    List<Boolean> refreshed = Concurrently.run(NODES, i -> () -> refreshUntilOk(started.get(i)));
    assertThat(refreshed).containsOnly(true);
    for (FarmKeyRing r : started) {
      assertThat(ids(r.get())).isEqualTo(before);
      assertThat(r.get().primaryKey().orElseThrow().keyId()).isEqualTo(primary);
    }
    assertThat(nodes.get(0).keyRingStore(wrappingKey).load().value())
        .extracting(RingKey::keyId)
        .containsExactlyInAnyOrderElementsOf(before);
  }

  /** Entries sealed before a rotation open after it, on every node; a replace re-seals. */
  @Test
  void rotation_storedSessionsStayReadable_onEveryNode_replaceReseals() throws Exception {
    RedisSettings settings = RedisTestSupport.settings(clock).build();
    try (RedisStores a =
            RedisStores.connectWithFarmKeyRing(
                server.uri(), wrappingKey, settings, ringSchedule());
        RedisStores b =
            RedisStores.connectWithFarmKeyRing(
                server.uri(), wrappingKey, settings, ringSchedule())) {
      java.time.Instant expires = clock.instant().plus(Duration.ofDays(2));
      assertThat(
              a.sessionTokens()
                  .create(
                      org.parley.core.store.StoredSession.of(
                          "s1", "alice", new byte[] {1}, expires))
                  .created())
          .isTrue();
      String before = a.farmKeyRing().orElseThrow().get().primaryKey().orElseThrow().keyId();

      clock.advance(ROTATION.minus(LEAD));
      a.farmKeyRing().orElseThrow().refresh();
      b.farmKeyRing().orElseThrow().refresh();
      clock.advance(LEAD);
      assertThat(b.farmKeyRing().orElseThrow().get().primaryKey().orElseThrow().keyId())
          .isNotEqualTo(before);

      Versioned<org.parley.core.store.StoredSession> read =
          b.sessionTokens().get("s1").orElseThrow();
      assertThat(read.value().sealedToken()).containsExactly(1);
      assertThat(
              b.sessionTokens()
                  .replace(
                      org.parley.core.store.StoredSession.of(
                          "s1", "alice", new byte[] {2}, expires),
                      read.version())
                  .replaced())
          .isTrue();
      assertThat(a.sessionTokens().get("s1").orElseThrow().value().sealedToken())
          .containsExactly(2);
    }
  }

  private FarmKeyRing.Builder ringSchedule() {
    return FarmKeyRing.builder()
        .rotationInterval(ROTATION)
        .activationLead(LEAD)
        .retention(RETENTION)
        .withoutScheduledRefresh();
  }

  private static boolean refreshUntilOk(FarmKeyRing r) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      if (r.refresh()) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }
}
