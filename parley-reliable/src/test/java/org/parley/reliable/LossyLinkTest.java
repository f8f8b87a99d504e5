package org.parley.reliable;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.endpoint.SoapEndpoint;
import org.parley.endpoint.SoapHttpClient;
import org.parley.http.ParleyServer;
import org.parley.reliable.message.RmVersion;
import org.parley.reliable.testing.DoubleIt;
import org.parley.reliable.testing.FaultInjectingProxy;

/**
 * Acceptance of issue 6 for plain WS-RM: through a seeded proxy that drops, duplicates, reorders
 * and delays requests and responses, every call reaches the handler exactly once and in order, and
 * every caller gets its own answer.
 */
class LossyLinkTest {
  static final FaultInjectingProxy.Faults LOSSY =
      new FaultInjectingProxy.Faults(0.05, 0.05, 0.05, 0.15, 0.05, Duration.ofMillis(15), false);

  @Test
  @Timeout(180)
  void thousandCalls_lossyLink_exactlyOnceInOrder_wsrm12() throws Exception {
    run(RmVersion.WSRM_12, 1000, 4, 20261123L);
  }

  @Test
  @Timeout(120)
  void twoHundredCalls_lossyLink_exactlyOnceInOrder_feb2005() throws Exception {
    run(RmVersion.WSRM_200502, 200, 4, 7L);
  }

  static void run(RmVersion version, int calls, int threads, long seed) throws Exception {
    DoubleIt app = new DoubleIt();
    ReliableDestination destination =
        ReliableDestination.newBuilder()
            .handler(app.handler())
            .maxBufferedMessagesPerSequence(16)
            .maxDeliveryWait(Duration.ofMillis(500))
            .build();
    SoapEndpoint endpoint =
        SoapEndpoint.newBuilder()
            .handler(destination)
            .understands(ReliableDestination.understoodHeaders())
            .build();
    try (ParleyServer server =
            ParleyServer.newBuilder().port(0).endpoint("/rm", endpoint).build().start();
        FaultInjectingProxy proxy = FaultInjectingProxy.start(server.uri("/"), seed, LOSSY)) {
      URI address = proxy.uri("/rm");
      ReliableSource source =
          ReliableSource.newBuilder()
              .transport(
                  RmTransport.http(
                      SoapHttpClient.newBuilder().requestTimeout(Duration.ofSeconds(5)).build(),
                      address))
              .to(address.toString())
              .version(version)
              .initialRetransmissionInterval(Duration.ofMillis(10))
              .maxRetransmissionInterval(Duration.ofMillis(200))
              .maxAttempts(40)
              .maxInFlight(threads)
              .build();
      int wrong;
      try (ReliableSource.Session session = source.open()) {
        wrong = callConcurrently(session, calls, threads);
      }
      assertThat(wrong).as("answers to other callers").isZero();
      assertExactlyOnceInOrder(app.deliveries(), calls);
      assertThat(destination.openSequences()).isZero();
      // The link really was bad.
      assertThat(proxy.droppedRequests()).isPositive();
      assertThat(proxy.droppedResponses()).isPositive();
      assertThat(proxy.duplicated()).isPositive();
      System.out.println(version + " " + calls + " calls: " + proxy);
    }
  }

  /** Calls DoubleIt(1..calls) from {@code threads} threads; returns how many answers were wrong. */
  static int callConcurrently(ReliableSource.Session session, int calls, int threads)
      throws Exception {
    AtomicInteger wrong = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      AtomicInteger counter = new AtomicInteger();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  int i;
                  while ((i = counter.incrementAndGet()) <= calls) {
                    int got = DoubleIt.doubled(session.call(DoubleIt.ACTION, DoubleIt.request(i)));
                    if (got != 2 * i) {
                      wrong.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return wrong.get();
  }

  /** Message numbers 1..calls delivered once each, in order, and every value once. */
  static void assertExactlyOnceInOrder(List<DoubleIt.Delivery> got, int calls) {
    assertThat(got).hasSize(calls);
    Set<Integer> values = new HashSet<>();
    for (int k = 0; k < got.size(); k++) {
      assertThat(got.get(k).messageNumber()).as("delivery %d", k).isEqualTo(k + 1L);
      values.add(got.get(k).value());
    }
    assertThat(values).hasSize(calls);
  }
}
