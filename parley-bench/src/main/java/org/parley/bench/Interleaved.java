package org.parley.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Runs two engines on the same operation in alternating small batches on one thread and compares
 * their thread CPU time per operation. On a machine shared with other work, JMH's benchmarks run
 * one after the other and each sees a different load; alternating batches see the same load, so
 * their ratio is the steadier figure.
 */
public final class Interleaved {
  /** Per-operation costs of the two engines, measured alternately. */
  public record Result(
      long operationsEach,
      double baselineCpuMicros,
      double otherCpuMicros,
      double otherWallMicros) {
    /** Baseline CPU time over the other engine's: how many times faster the other engine is. */
    public double cpuSpeedup() {
      return baselineCpuMicros / otherCpuMicros;
    }
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private Interleaved() {}

  /**
   * Warms both up for {@code warmup}, then alternates batches of {@code batch} operations for
   * {@code measure}.
   */
  public static Result compare(
      Callable<?> baseline, Callable<?> other, Duration warmup, Duration measure, int batch)
      throws Exception {
    if (!THREADS.isCurrentThreadCpuTimeSupported()) {
      throw new IllegalStateException("this JVM cannot measure thread CPU time");
    }
    long sink = 0;
    long end = System.nanoTime() + warmup.toNanos();
    while (System.nanoTime() < end) {
      sink += run(baseline, batch) + run(other, batch);
    }
    long baselineCpu = 0;
    long otherCpu = 0;
    long otherWall = 0;
    long rounds = 0;
    end = System.nanoTime() + measure.toNanos();
    while (System.nanoTime() < end) {
      long c0 = THREADS.getCurrentThreadCpuTime();
      sink += run(baseline, batch);
      long c1 = THREADS.getCurrentThreadCpuTime();
      long w1 = System.nanoTime();
      sink += run(other, batch);
      long w2 = System.nanoTime();
      long c2 = THREADS.getCurrentThreadCpuTime();
      baselineCpu += c1 - c0;
      otherCpu += c2 - c1;
      otherWall += w2 - w1;
      rounds++;
    }
    if (sink == 42) {
      System.out.print(""); // keeps the results alive for the JIT
    }
    long ops = rounds * batch;
    return new Result(ops, baselineCpu / 1e3 / ops, otherCpu / 1e3 / ops, otherWall / 1e3 / ops);
  }

  private static long run(Callable<?> op, int times) throws Exception {
    long h = 0;
    for (int i = 0; i < times; i++) {
      h += System.identityHashCode(op.call());
    }
    return h;
  }
}
