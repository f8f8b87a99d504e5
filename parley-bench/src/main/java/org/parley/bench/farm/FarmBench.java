package org.parley.bench.farm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.cli.farm.Farm;
import org.parley.cli.farm.FarmClients;
import org.parley.cli.farm.FarmProxy;
import org.parley.cli.farm.NodeProcess;
import org.parley.cli.farm.RedisServer;
import org.parley.cli.node.ParleyNode;
import org.parley.conversation.client.SecureConversationClient;

/**
 * The farm run of issue 5: three {@code parley serve} processes (the shaded {@code
 * parley-cli/target/parley.jar}), one redis-server, a round-robin balancer in this JVM, and
 * concurrent clients each holding one WS-SecureConversation 1.3 context and calling DoubleIt in a
 * loop. Per context mode it prints throughput and latency percentiles of secured calls (through the
 * balancer, so every call may reach another node), and the Redis commands per secured call ({@code
 * INFO commandstats} after {@code CONFIG RESETSTAT}, divided by the calls measured; the context
 * establishment happens before the reset). {@code INFO commandstats} also counts the commands a Lua
 * script runs inside Redis, so the table shows the script calls (EVALSHA, one round trip each) per
 * secured call beside it.
 *
 * <pre>
 * ./mvnw -B -q package -pl parley-bench -am -DskipTests
 * java -jar parley-bench/target/parley-bench.jar farm [clients] [warm-up s] [measured s]
 * </pre>
 *
 * Defaults: 50 clients, 15 s warm-up, 30 s measured per mode. Rows: session mode on Redis (context
 * and replay cache in Redis, near cache on each node); cookie mode with the Redis store (the replay
 * cache is still farm-wide, so each message costs its replay check); cookie mode with no store (the
 * replay cache is each node's own).
 */
public final class FarmBench {
  static final int DEFAULT_CLIENTS = 50;
  static final Duration DEFAULT_WARMUP = Duration.ofSeconds(15);
  static final Duration DEFAULT_MEASURE = Duration.ofSeconds(30);

  private FarmBench() {}

  /** One measured mode. */
  record Row(
      String mode,
      int clients,
      long calls,
      long failures,
      double seconds,
      double p50Millis,
      double p99Millis,
      long redisCommands,
      long scriptCalls) {
    double callsPerSecond() {
      return calls / seconds;
    }

    double commandsPerCall() {
      return calls == 0 ? Double.NaN : (double) redisCommands / calls;
    }

    double scriptCallsPerCall() {
      return calls == 0 ? Double.NaN : (double) scriptCalls / calls;
    }
  }

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_CLIENTS;
    Duration warmup =
        args.length > 1 ? Duration.ofSeconds(Long.parseLong(args[1])) : DEFAULT_WARMUP;
    Duration measure =
        args.length > 2 ? Duration.ofSeconds(Long.parseLong(args[2])) : DEFAULT_MEASURE;
    if (clients < 1 || clients > 1000) {
      throw new IllegalArgumentException("clients must be 1..1000, was " + clients);
    }
    if (!RedisServer.present()) {
      throw new IllegalStateException(RedisServer.BINARY + " is required for the farm bench");
    }
    if (!Files.isRegularFile(NodeProcess.jar())) {
      throw new IllegalStateException(
          NodeProcess.jar() + " is missing: ./mvnw -B -q package -pl parley-cli -am -DskipTests");
    }
    Path dir = Files.createTempDirectory("parley-farm-bench");
    List<Row> rows = new ArrayList<>();
    try (RedisServer redis = RedisServer.start(dir.resolve("redis"))) {
      rows.add(run("session, Redis store", dir, redis, "session", true, clients, warmup, measure));
      rows.add(run("cookie, Redis store", dir, redis, "cookie", true, clients, warmup, measure));
      rows.add(run("cookie, no store", dir, redis, "cookie", false, clients, warmup, measure));
    }
    System.out.println();
    System.out.println(render(rows, warmup, measure));
  }

  static Row run(
      String label,
      Path dir,
      RedisServer redis,
      String contextMode,
      boolean redisStore,
      int clients,
      Duration warmup,
      Duration measure)
      throws Exception {
    String config =
        "port = 0\nkeys = keys\nendpoints = sc13\ncontext.mode = "
            + contextMode
            + "\nstore = "
            + (redisStore ? redis.uri().toString() : "memory")
            + "\nredis.connect-timeout = 10s\nredis.command-timeout = 5s\n";
    System.out.println("farm bench: " + label + ": starting 3 nodes");
    // Every mode shares the keys directory (one secrets file, so one key ring wrapping key) and
    // starts from an empty Redis.
    redis.command("FLUSHALL");
    try (Farm farm = Farm.start(dir, 3, i -> config, "-Xmx384m");
        FarmProxy proxy =
            FarmProxy.start(farm.nodes().stream().map(NodeProcess::base).toList(), clients + 8)) {
      Path keys = farm.dir().resolve("keys");
      SecureConversationClient client =
          FarmClients.sc13(farm.node(0).base(), proxy.uri(ParleyNode.SC13_PATH), keys);
      List<SecureConversationClient.Conversation> conversations = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        conversations.add(client.open());
      }
      AtomicInteger phase = new AtomicInteger(); // 0 warm-up, 1 measuring, 2 done
      AtomicLong failures = new AtomicLong();
      long[][] latencies = new long[clients][];
      int[] counts = new int[clients];
      CountDownLatch done = new CountDownLatch(clients);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < clients; t++) {
        int me = t;
        Thread th =
            new Thread(
                () -> {
                  long[] mine = new long[1 << 16];
                  int n = 0;
                  SecureConversationClient.Conversation c = conversations.get(me);
                  int i = 0;
                  while (phase.get() < 2) {
                    long start = System.nanoTime();
                    boolean ok;
                    try {
                      ok = FarmClients.doubleIt(c, i & 0xffff) == 2 * (i & 0xffff);
                    } catch (Exception e) {
                      ok = false;
                    }
                    long took = System.nanoTime() - start;
                    if (phase.get() == 1) {
                      if (!ok) {
                        failures.incrementAndGet();
                      } else {
                        if (n == mine.length) {
                          mine = Arrays.copyOf(mine, n * 2);
                        }
                        mine[n++] = took;
                      }
                    }
                    i++;
                  }
                  latencies[me] = mine;
                  counts[me] = n;
                  done.countDown();
                },
                "farm-client-" + t);
        th.setDaemon(true);
        threads.add(th);
      }
      threads.forEach(Thread::start);
      Thread.sleep(warmup.toMillis());
      redis.command("CONFIG", "RESETSTAT");
      long start = System.nanoTime();
      phase.set(1);
      Thread.sleep(measure.toMillis());
      phase.set(2);
      double seconds = (System.nanoTime() - start) / 1e9;
      java.util.Map<String, Long> byCommand = redis.commandStats();
      long commands = byCommand.values().stream().mapToLong(Long::longValue).sum();
      // INFO commandstats also counts the commands a Lua script runs inside Redis: one EVALSHA
      // round trip may show as several commands. The breakdown tells them apart.
      System.out.println("farm bench: " + label + ": Redis commands while measuring " + byCommand);
      long scripts =
          byCommand.getOrDefault("evalsha", 0L)
              + byCommand.getOrDefault("eval", 0L)
              + byCommand.getOrDefault("fcall", 0L);
      done.await();
      // the calls in flight when measuring stopped were counted; so were their commands
      long total = 0;
      for (int c : counts) {
        total += c;
      }
      long[] all = new long[(int) total];
      int k = 0;
      for (int t = 0; t < clients; t++) {
        System.arraycopy(latencies[t], 0, all, k, counts[t]);
        k += counts[t];
      }
      Arrays.sort(all);
      for (SecureConversationClient.Conversation c : conversations) {
        try {
          c.close();
        } catch (Exception e) {
          // cookie-mode or expired contexts: nothing to cancel
        }
      }
      Row row =
          new Row(
              label,
              clients,
              total,
              failures.get(),
              seconds,
              percentile(all, 0.50),
              percentile(all, 0.99),
              commands,
              scripts);
      System.out.println("farm bench: " + label + ": " + row.calls() + " calls");
      return row;
    }
  }

  static double percentile(long[] sortedNanos, double p) {
    if (sortedNanos.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(p * sortedNanos.length) - 1;
    return sortedNanos[Math.max(0, Math.min(i, sortedNanos.length - 1))] / 1e6;
  }

  static String render(List<Row> rows, Duration warmup, Duration measure) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "Farm: 3 parley serve processes, 1 redis-server, round-robin balancer, %d s warm-up,"
                + " %d s measured; DoubleIt in WS-SC 1.3 contexts (Basic256, derived keys)%n",
            warmup.toSeconds(),
            measure.toSeconds()));
    b.append(
        "| context mode, store | clients | calls | failed | calls/s | p50 ms | p99 ms |"
            + " Redis commands | commands/call | scripts (EVALSHA)/call |\n");
    b.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (Row r : rows) {
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %,d | %d | %,.0f | %.1f | %.1f | %,d | %.2f | %.2f |%n",
              r.mode(),
              r.clients(),
              r.calls(),
              r.failures(),
              r.callsPerSecond(),
              r.p50Millis(),
              r.p99Millis(),
              r.redisCommands(),
              r.commandsPerCall(),
              r.scriptCallsPerCall()));
    }
    return b.toString();
  }
}
