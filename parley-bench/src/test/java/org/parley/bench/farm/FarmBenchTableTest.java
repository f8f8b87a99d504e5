package org.parley.bench.farm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The farm bench's arithmetic and table, without starting a farm. */
class FarmBenchTableTest {
  @Test
  void percentile_isTheNearestRankOfTheSortedSamples() {
    long[] nanos = new long[100];
    for (int i = 0; i < 100; i++) {
      nanos[i] = (i + 1) * 1_000_000L;
    }
    assertThat(FarmBench.percentile(nanos, 0.99)).isEqualTo(99.0);
    assertThat(FarmBench.percentile(nanos, 0.50)).isEqualTo(50.0);
    assertThat(FarmBench.percentile(new long[] {7_000_000L}, 0.99)).isEqualTo(7.0);
    assertThat(FarmBench.percentile(new long[0], 0.99)).isNaN();
  }

  @Test
  void table_showsThroughputP99AndRedisCommandsPerCall() {
    FarmBench.Row session =
        new FarmBench.Row(
            "session, Redis store", 50, 20_000, 0, 20.0, 30.0, 120.5, 120_000, 20_000);
    FarmBench.Row cookie = new FarmBench.Row("cookie, no store", 50, 30_000, 0, 20.0, 20, 80, 0, 0);
    String table =
        FarmBench.render(List.of(session, cookie), Duration.ofSeconds(5), Duration.ofSeconds(20));
    assertThat(table)
        .contains(
            "| session, Redis store | 50 | 20,000 | 0 | 1,000 | 30.0 | 120.5 | 120,000 | 6.00 | 1.00 |")
        .contains("| cookie, no store | 50 | 30,000 | 0 | 1,500 | 20.0 | 80.0 | 0 | 0.00 | 0.00 |");
  }
}
