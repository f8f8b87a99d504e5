package org.parley.bench.loopback;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.bench.heap.ContextHeap;
import org.parley.bench.loopback.Alternating.Latency;
import org.parley.bench.loopback.Alternating.Pair;
import org.parley.bench.loopback.Alternating.Throughput;
import org.parley.conversation.client.SecureConversationClient;
import org.parley.core.claims.ClaimsIdentity;
import org.parley.core.store.StoredSecurityContext;
import org.parley.interop.cxf.Scenario;

/**
 * Runs each loopback measurement a few times (no timing asserts): both sides answer correctly, the
 * tables render, and Parley's service is left without live contexts.
 */
class LoopbackComparisonTest {
  static LoopbackComparison bench;

  @BeforeAll
  static void start() throws Exception {
    bench = LoopbackComparison.start();
  }

  @AfterAll
  static void stop() {
    if (bench != null) {
      bench.close();
    }
  }

  @Test
  void run_measuresBothSidesOfEveryScenario_andRendersTargets() throws Exception {
    LoopbackComparison.Results r = bench.run(LoopbackComparison.Settings.SMOKE);
    assertThat(r.inConversation()).containsOnlyKeys(Scenario.SC13, Scenario.SC200502);
    for (Pair<Throughput> p : r.inConversation().values()) {
      assertThat(p.parley().operations()).isPositive();
      assertThat(p.cxf().operations()).isPositive();
    }
    for (Pair<Latency> p : r.establishment().values()) {
      assertThat(p.parley().samples())
          .isEqualTo(LoopbackComparison.Settings.SMOKE.establishSamples());
      assertThat(p.cxf().medianMillis()).isPositive();
    }
    assertThat(r.perMessageX509().parley().operations()).isPositive();
    assertThat(r.perMessageX509().cxf().operations()).isPositive();

    String tables = LoopbackComparison.render(r);
    assertThat(tables)
        .contains("WS-SC 1.3 (sc13)", "WS-SC Feb 2005 (sc200502)", "per-message X.509")
        .contains(">= 20x", "<= 1/8");
    // Every conversation the benchmark opened was cancelled again.
    for (Scenario s : LoopbackComparison.CONVERSATIONS) {
      assertThat(bench.parleyService(s).store().countByOwner(ownerOfCaptureClient(s))).isZero();
    }
  }

  /** The owner key Parley's service gave the capture client, read from a context it issued. */
  private static String ownerOfCaptureClient(Scenario s) throws Exception {
    SecureConversationClient client = bench.parleyClient(s);
    try (SecureConversationClient.Conversation c = client.open()) {
      return bench.parleyService(s).store().get(c.identifier()).orElseThrow().value().ownerKey();
    }
  }

  @Test
  void contextHeap_buildsContextsShapedAsTheServiceStoresThem() throws Exception {
    SecureConversationClient client = bench.parleyClient(Scenario.SC13);
    StoredSecurityContext real;
    try (SecureConversationClient.Conversation c = client.open()) {
      real = bench.parleyService(Scenario.SC13).store().get(c.identifier()).orElseThrow().value();
    }
    StoredSecurityContext bench = ContextHeap.serviceShaped(7, Instant.now(), new SecureRandom());

    assertThat(bench.contextId()).startsWith("urn:uuid:").hasSameSizeAs(real.contextId());
    assertThat(bench.secret().lengthBytes()).isEqualTo(real.secret().lengthBytes());
    assertThat(bench.ownerKey()).startsWith("x509-sha256:").hasSameSizeAs(real.ownerKey());
    assertThat(bench.instance()).isEqualTo(real.instance());
    ClaimsIdentity b = bench.principal().orElseThrow().identities().get(0);
    ClaimsIdentity r = real.principal().orElseThrow().identities().get(0);
    assertThat(bench.principal().orElseThrow().identities())
        .hasSameSizeAs(real.principal().orElseThrow().identities());
    assertThat(b.authenticationType()).isEqualTo(r.authenticationType());
    assertThat(b.claims())
        .extracting(c -> c.type())
        .isEqualTo(r.claims().stream().map(c -> c.type()).toList());
  }
}
