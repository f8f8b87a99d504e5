package org.parley.bench.heap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContextHeapTest {
  @Test
  void measure_fewContexts_retainsAPlausibleHeapPerContext() {
    ContextHeap.Result r = ContextHeap.measure(2_000);
    assertThat(r.contexts()).isEqualTo(2_000);
    // Each context holds at least its id, secret, owner key and principal; far less than 64 KiB.
    assertThat(r.bytesPerContext()).isBetween(200.0, 64.0 * 1024);
  }

  @Test
  void render_namesTargetAndVerdict() {
    String within = ContextHeap.render(new ContextHeap.Result(100_000, 90L << 20, true));
    assertThat(within).contains("100,000", "90.0", "<= 256 MiB", " yes |");
    String over = ContextHeap.render(new ContextHeap.Result(100_000, 300L << 20, false));
    assertThat(over).contains(" NO |", "benchmark JVM");
  }

  @Test
  void ownerKey_hasTheServiceForm() {
    assertThat(ContextHeap.ownerKey("CN=a")).matches("x509-sha256:[0-9a-f]{64}");
  }
}
