package org.parley.bench.loopback;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * Measures two sides (Parley and CXF) of the same loopback exchange alternately, so that both see
 * the same load on a shared machine: throughput in alternating time slices, latency in alternating
 * single samples. Both the client and the service run in this JVM, so the CPU figure is the whole
 * process's CPU time (client, server, GC and JIT threads) per operation; wall time is the round
 * trip as the client sees it.
 */
public final class Alternating {
  /** One side's operation; it checks its own answer and throws if it is wrong. */
  @FunctionalInterface
  public interface Op {
    void run() throws Exception;
  }

  /** A timed operation and the untimed one that follows it (e.g. cancelling what it opened). */
  public record Trial(Op timed, Op cleanup) {
    public Trial {
      Objects.requireNonNull(timed, "timed");
      Objects.requireNonNull(cleanup, "cleanup");
    }
  }

  /** Totals of one side over a throughput run. */
  public record Throughput(long operations, long wallNanos, long cpuNanos) {
    public double operationsPerSecond() {
      return operations * 1e9 / wallNanos;
    }

    public double wallMicrosPerOperation() {
      return wallNanos / 1e3 / operations;
    }

    /** Process CPU time per operation (all threads), or NaN where the OS does not report it. */
    public double cpuMicrosPerOperation() {
      return cpuNanos < 0 ? Double.NaN : cpuNanos / 1e3 / operations;
    }
  }

  /** Samples of one side over a latency run, sorted ascending. */
  public record Latency(long[] sortedNanos, long cpuNanos) {
    public Latency {
      sortedNanos = sortedNanos.clone();
      Arrays.sort(sortedNanos);
    }

    public int samples() {
      return sortedNanos.length;
    }

    public double medianMillis() {
      return percentileMillis(50);
    }

    public double p99Millis() {
      return percentileMillis(99);
    }

    /** Nearest-rank percentile. */
    public double percentileMillis(double p) {
      int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length);
      return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e6;
    }

    /** Process CPU time per sample (all threads), or NaN where the OS does not report it. */
    public double cpuMillisPerSample() {
      return cpuNanos < 0 ? Double.NaN : cpuNanos / 1e6 / sortedNanos.length;
    }
  }

  /** The two sides' results of one run. */
  public record Pair<T>(T parley, T cxf) {}

  private Alternating() {}

  /**
   * Runs both sides for {@code warmup}, then alternates slices of {@code slice} (Parley first, then
   * CXF) until each side has run for {@code measure}.
   */
  public static Pair<Throughput> throughput(
      Op parley, Op cxf, Duration warmup, Duration slice, Duration measure) throws Exception {
    Objects.requireNonNull(parley, "parley");
    Objects.requireNonNull(cxf, "cxf");
    long warmEnd = System.nanoTime() + warmup.toNanos();
    while (System.nanoTime() < warmEnd) {
      slice(parley, slice.toNanos());
      slice(cxf, slice.toNanos());
    }
    long[] p = new long[3];
    long[] c = new long[3];
    while (p[1] < measure.toNanos() || c[1] < measure.toNanos()) {
      add(p, slice(parley, slice.toNanos()));
      add(c, slice(cxf, slice.toNanos()));
    }
    return new Pair<>(new Throughput(p[0], p[1], p[2]), new Throughput(c[0], c[1], c[2]));
  }

  /**
   * Takes {@code warmup} unrecorded samples of each side, then {@code samples} recorded ones,
   * alternating Parley and CXF one sample at a time; each trial's cleanup runs untimed.
   */
  public static Pair<Latency> latency(Trial parley, Trial cxf, int warmup, int samples)
      throws Exception {
    for (int i = 0; i < warmup; i++) {
      sample(parley);
      sample(cxf);
    }
    long[] p = new long[samples];
    long[] c = new long[samples];
    long[] pCpu = new long[1];
    long[] cCpu = new long[1];
    for (int i = 0; i < samples; i++) {
      p[i] = sample(parley, pCpu);
      c[i] = sample(cxf, cCpu);
    }
    return new Pair<>(new Latency(p, pCpu[0]), new Latency(c, cCpu[0]));
  }

  private static void sample(Trial t) throws Exception {
    sample(t, new long[1]);
  }

  /** Runs one trial; returns its timed wall nanos and adds its timed CPU nanos to {@code cpu}. */
  private static long sample(Trial t, long[] cpu) throws Exception {
    long c0 = processCpuNanos();
    long t0 = System.nanoTime();
    t.timed().run();
    long t1 = System.nanoTime();
    long c1 = processCpuNanos();
    t.cleanup().run();
    cpu[0] = c0 < 0 || cpu[0] < 0 ? -1 : cpu[0] + (c1 - c0);
    return t1 - t0;
  }

  /** Runs {@code op} for about {@code nanos}: {operations, wall nanos, process CPU nanos}. */
  private static long[] slice(Op op, long nanos) throws Exception {
    long cpu0 = processCpuNanos();
    long start = System.nanoTime();
    long end = start + nanos;
    long ops = 0;
    long now;
    do {
      op.run();
      ops++;
      now = System.nanoTime();
    } while (now < end);
    long cpu1 = processCpuNanos();
    return new long[] {ops, now - start, cpu0 < 0 ? -1 : cpu1 - cpu0};
  }

  private static void add(long[] total, long[] slice) {
    total[0] += slice[0];
    total[1] += slice[1];
    total[2] = total[2] < 0 || slice[2] < 0 ? -1 : total[2] + slice[2];
  }

  /** This process's CPU time (all threads), or -1. Linux reports it in clock ticks (10 ms). */
  static long processCpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
  }
}
