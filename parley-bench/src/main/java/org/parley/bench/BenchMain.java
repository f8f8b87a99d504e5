package org.parley.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.parley.bench.heap.ContextHeap;
import org.parley.bench.loopback.LoopbackComparison;
import org.parley.bench.web.CookieBench;
import org.parley.bench.wss4j.Wss4jEngine;

/**
 * Runs the benchmark groups and prints a table for each: {@code heap} (100,000 live contexts, in a
 * fork), {@code cookie} (web session cookie open and bytes), {@code sc} (secure conversation,
 * Parley vs CXF on loopback) and {@code wss} (the WS-Security engines, Parley vs WSS4J, in one JMH
 * run plus the same-time check). With no group named, all run, in that order, and the tables are
 * printed again together at the end.
 *
 * <pre>
 * ./mvnw -B -q package -pl parley-bench -am -DskipTests
 * java -jar parley-bench/target/parley-bench.jar            # everything, about 10 minutes on 2 cores
 * java -jar parley-bench/target/parley-bench.jar sc cookie  # only these groups
 * java -jar parley-bench/target/parley-bench.jar -f 1 -prof gc   # any JMH option overrides (wss)
 * java -jar parley-bench/target/parley-bench.jar farm       # 3 nodes + Redis, see FarmBench
 * java -jar parley-bench/target/parley-bench.jar reliable [s] [threads]  # WS-RM in WS-SC
 * </pre>
 *
 * <p>WS-Security defaults suit a shared 2-core machine: one fork per benchmark with a long warm-up
 * (12 iterations of 2 s; under load C2 needed about 15 s to settle), 6 measured iterations of 2 s,
 * one thread, a fixed 1 GiB heap; then the same-time check (15 s warm-up, 12 s measured per
 * operation). {@code -f 2} adds a second fork per benchmark. A JMH benchmark regex without a group
 * name runs only the {@code wss} group.
 */
public final class BenchMain {
  static final int DEFAULT_FORKS = 1;
  static final int DEFAULT_WARMUP_ITERATIONS = 12;
  static final int DEFAULT_MEASUREMENT_ITERATIONS = 6;
  static final TimeValue DEFAULT_ITERATION_TIME = TimeValue.seconds(2);
  static final Duration INTERLEAVED_WARMUP = Duration.ofSeconds(15);
  static final Duration INTERLEAVED_MEASURE = Duration.ofSeconds(12);
  static final int INTERLEAVED_BATCH = 20;

  private static final Map<String, String> OPERATIONS =
      Map.of(
          InboundBench.class.getSimpleName(), "inbound verify+decrypt",
          OutboundBench.class.getSimpleName(), "outbound sign+encrypt");
  private static final Map<String, String> ENGINES =
      Map.of(
          "wss4j", ResultTable.BASELINE_ENGINE,
          "parley", "Parley",
          "parleyOwnMessage", "Parley (own message)");

  private BenchMain() {}

  /** The groups of benchmarks, selectable by name on the command line. */
  enum Group {
    /** WS-Security engine: Parley vs WSS4J (JMH), then the same-time check. */
    WSS,
    /** Secure conversation on loopback: Parley vs CXF (issue 3). */
    SC,
    /** Heap of 100,000 live session-mode contexts (issue 3). */
    HEAP,
    /** Web session cookie: open + principal rebuild, cookie bytes vs WIF-style XML (issue 4). */
    COOKIE
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("reliable")) {
      // WS-RM inside a secure conversation next to the conversation alone (loopback, not JMH).
      org.parley.bench.reliable.ReliableBench.main(
          java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("farm")) {
      // The farm run is processes and sockets, not JMH: its own main, its own table.
      org.parley.bench.farm.FarmBench.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    Set<Group> groups = EnumSet.noneOf(Group.class);
    List<String> jmhArgs = new ArrayList<>();
    for (String a : args) {
      Group g = groupNamed(a);
      if (g != null) {
        groups.add(g);
      } else {
        jmhArgs.add(a);
      }
    }
    CommandLineOptions cli = new CommandLineOptions(jmhArgs.toArray(new String[0]));
    if (groups.isEmpty()) {
      // A JMH benchmark regex selects WS-Security benchmarks only, as before the groups existed.
      groups = cli.getIncludes().isEmpty() ? EnumSet.allOf(Group.class) : EnumSet.of(Group.WSS);
    }
    StringBuilder report = new StringBuilder();
    if (groups.contains(Group.HEAP)) {
      // First, in its own JVM: nothing else has touched the heap yet.
      report.append(ContextHeap.runForked());
      System.out.print(report);
    }
    if (groups.contains(Group.COOKIE)) {
      String cookie = CookieBench.run(CookieBench.Settings.DEFAULT);
      System.out.print(cookie);
      report.append(cookie);
    }
    if (groups.contains(Group.SC)) {
      String sc;
      try (LoopbackComparison c = LoopbackComparison.start()) {
        sc = LoopbackComparison.render(c.run(LoopbackComparison.Settings.DEFAULT));
      }
      System.out.print(sc);
      report.append(sc);
    }
    if (groups.contains(Group.WSS)) {
      String wss = wss(cli);
      if (groups.size() > 1) {
        System.out.println();
        System.out.println("==== all groups ====");
        System.out.print(report);
      }
      System.out.print(wss);
    }
  }

  private static Group groupNamed(String arg) {
    for (Group g : Group.values()) {
      if (g.name().toLowerCase(Locale.ROOT).equals(arg)) {
        return g;
      }
    }
    return null;
  }

  /** The JMH run of the WS-Security engines and the same-time check, as a printable report. */
  private static String wss(CommandLineOptions cli) throws Exception {
    // Values set here are defaults: the command line's own values come through the parent.
    ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
    if (cli.getIncludes().isEmpty()) {
      options.include(
          "^\\Q"
              + BenchMain.class.getPackageName()
              + ".\\E("
              + String.join("|", OPERATIONS.keySet())
              + ")\\.");
    }
    if (!cli.getForkCount().hasValue()) {
      options.forks(DEFAULT_FORKS);
    }
    if (!cli.getWarmupIterations().hasValue()) {
      options.warmupIterations(DEFAULT_WARMUP_ITERATIONS);
    }
    if (!cli.getWarmupTime().hasValue()) {
      options.warmupTime(DEFAULT_ITERATION_TIME);
    }
    if (!cli.getMeasurementIterations().hasValue()) {
      options.measurementIterations(DEFAULT_MEASUREMENT_ITERATIONS);
    }
    if (!cli.getMeasurementTime().hasValue()) {
      options.measurementTime(DEFAULT_ITERATION_TIME);
    }
    if (!cli.getThreads().hasValue()) {
      options.threads(1);
    }
    if (!cli.getJvmArgs().hasValue() && !cli.getJvmArgsAppend().hasValue()) {
      options.jvmArgsAppend("-Xms1g", "-Xmx1g");
    }

    options.addProfiler(CpuTimeProfiler.class);

    Collection<RunResult> results = new Runner(options.build()).run();

    ResultTable table = new ResultTable(rows(results));
    String interleaved = cli.getIncludes().isEmpty() ? interleaved() : "";
    return String.format(Locale.ROOT, "%n%s%n", header()) + table.render() + interleaved;
  }

  /** The same-time comparison of {@link Interleaved}, one row per operation. */
  static String interleaved() throws Exception {
    InboundBench in = new InboundBench();
    in.setUp();
    OutboundBench out = new OutboundBench();
    out.setUp();
    List<String[]> rows = new ArrayList<>();
    rows.add(
        row(
            "inbound verify+decrypt",
            Interleaved.compare(
                in::wss4j,
                in::parley,
                INTERLEAVED_WARMUP,
                INTERLEAVED_MEASURE,
                INTERLEAVED_BATCH)));
    rows.add(
        row(
            "outbound sign+encrypt",
            Interleaved.compare(
                out::wss4j,
                out::parley,
                INTERLEAVED_WARMUP,
                INTERLEAVED_MEASURE,
                INTERLEAVED_BATCH)));
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%nSame-time check: WSS4J and Parley alternating in batches of %d on one thread"
                + " (%d s warm-up, %d s measured), thread CPU time per message:%n",
            INTERLEAVED_BATCH,
            INTERLEAVED_WARMUP.toSeconds(),
            INTERLEAVED_MEASURE.toSeconds()));
    sb.append(
        "| operation | WSS4J cpu us/op | Parley cpu us/op | Parley wall us/op | Parley/WSS4J |\n");
    sb.append("| --- | ---: | ---: | ---: | ---: |\n");
    for (String[] r : rows) {
      sb.append("| ").append(String.join(" | ", r)).append(" |\n");
    }
    return sb.toString();
  }

  private static String[] row(String operation, Interleaved.Result r) {
    return new String[] {
      operation,
      String.format(Locale.ROOT, "%,.1f", r.baselineCpuMicros()),
      String.format(Locale.ROOT, "%,.1f", r.otherCpuMicros()),
      String.format(Locale.ROOT, "%,.1f", r.otherWallMicros()),
      String.format(Locale.ROOT, "%.2fx", r.cpuSpeedup())
    };
  }

  static List<ResultTable.Row> rows(Collection<RunResult> results) {
    List<ResultTable.Row> rows = new ArrayList<>();
    List<RunResult> sorted = new ArrayList<>(results);
    // Per operation, the baseline (WSS4J) first, then the other engines by name.
    sorted.sort(
        Comparator.comparing((RunResult r) -> className(r.getParams().getBenchmark()))
            .thenComparing(r -> !methodName(r.getParams().getBenchmark()).equals("wss4j"))
            .thenComparing(r -> methodName(r.getParams().getBenchmark())));
    for (RunResult run : sorted) {
      String benchmark = run.getParams().getBenchmark();
      String method = methodName(benchmark);
      String clazz = className(benchmark);
      Result<?> primary = run.getPrimaryResult();
      double toMicros = microsPer(primary.getScoreUnit());
      Result<?> cpu = run.getSecondaryResults().get(CpuTimeProfiler.RESULT);
      rows.add(
          new ResultTable.Row(
              OPERATIONS.getOrDefault(clazz, clazz),
              ENGINES.getOrDefault(method, method),
              primary.getScore() * toMicros,
              primary.getScoreError() * toMicros,
              cpu == null ? Double.NaN : cpu.getScore()));
    }
    return rows;
  }

  private static String methodName(String benchmark) {
    return benchmark.substring(benchmark.lastIndexOf('.') + 1);
  }

  private static String className(String benchmark) {
    String clazz = benchmark.substring(0, benchmark.lastIndexOf('.'));
    return clazz.substring(clazz.lastIndexOf('.') + 1);
  }

  private static double microsPer(String unit) {
    return switch (unit) {
      case "us/op" -> 1;
      case "ns/op" -> 0.001;
      case "ms/op" -> 1000;
      case "s/op" -> 1_000_000;
      default -> throw new IllegalStateException("benchmarks report time per op, not " + unit);
    };
  }

  private static String header() {
    int wss4jBytes;
    try {
      wss4jBytes =
          new Wss4jEngine(BenchFixture.secret(), BenchFixture.SCT_IDENTIFIER)
              .protect(BenchFixture.plainEnvelope())
              .length;
    } catch (Exception e) {
      wss4jBytes = -1;
    }
    return String.format(
        Locale.ROOT,
        "WS-SC 1.3 SecurityContextToken, derived keys (P_SHA1), Basic256: HMAC-SHA1 over Timestamp"
            + " and Body, AES-256-CBC of Body content and Signature%n"
            + "body content %d bytes; plain envelope %d bytes; WSS4J-protected message %d bytes;"
            + " %s %s%n",
        BenchFixture.BODY_CONTENT_BYTES,
        BenchFixture.plainEnvelope().length,
        wss4jBytes,
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"));
  }
}
