package org.parley.bench.loopback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AlternatingTest {
  @Test
  void latency_nearestRankPercentiles() {
    long[] nanos = new long[100];
    for (int i = 0; i < 100; i++) {
      nanos[i] = (100 - i) * 1_000_000L; // 100 ms down to 1 ms, unsorted on purpose
    }
    Alternating.Latency l = new Alternating.Latency(nanos, 5_000_000L);
    assertThat(l.samples()).isEqualTo(100);
    assertThat(l.medianMillis()).isEqualTo(50.0);
    assertThat(l.p99Millis()).isEqualTo(99.0);
    assertThat(l.percentileMillis(100)).isEqualTo(100.0);
    assertThat(l.cpuMillisPerSample()).isEqualTo(0.05);
  }

  @Test
  void latency_cleanupRunsUntimedAfterEveryTimedRun_sidesAlternate() throws Exception {
    StringBuilder order = new StringBuilder();
    Alternating.Pair<Alternating.Latency> r =
        Alternating.latency(
            new Alternating.Trial(() -> order.append('P'), () -> order.append('p')),
            new Alternating.Trial(() -> order.append('C'), () -> order.append('c')),
            1,
            2);
    assertThat(order).hasToString("PpCc" + "PpCc" + "PpCc");
    assertThat(r.parley().samples()).isEqualTo(2);
    assertThat(r.cxf().samples()).isEqualTo(2);
  }

  @Test
  void throughput_runsBothSidesForAtLeastTheMeasuredTime() throws Exception {
    AtomicInteger parley = new AtomicInteger();
    AtomicInteger cxf = new AtomicInteger();
    Alternating.Pair<Alternating.Throughput> r =
        Alternating.throughput(
            parley::incrementAndGet,
            cxf::incrementAndGet,
            Duration.ZERO,
            Duration.ofMillis(5),
            Duration.ofMillis(20));
    assertThat(r.parley().operations()).isEqualTo(parley.get());
    assertThat(r.cxf().operations()).isEqualTo(cxf.get());
    assertThat(r.parley().wallNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(20).toNanos());
    assertThat(r.cxf().wallNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(20).toNanos());
    assertThat(r.parley().operationsPerSecond()).isPositive();
  }
}
