package org.parley.bench;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Adds the benchmark JVM's CPU time per operation (all its threads: the benchmark thread, GC and
 * JIT) to each iteration. On a shared machine wall time per operation also counts the time other
 * processes held the cores; CPU time does not, so it is the steadier basis for a ratio.
 */
public final class CpuTimeProfiler implements InternalProfiler {
  /** Name of the secondary result this profiler adds. */
  public static final String RESULT = "cpu.time";

  private long cpuNanosAtStart;

  @Override
  public String getDescription() {
    return "process CPU time per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
    cpuNanosAtStart = processCpuNanos();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
    long ops = result.getMetadata().getAllOps();
    long cpuNanos = processCpuNanos() - cpuNanosAtStart;
    if (ops <= 0 || cpuNanosAtStart < 0 || cpuNanos <= 0) {
      return List.of();
    }
    return List.of(
        new ScalarResult(RESULT, cpuNanos / 1000.0 / ops, "us/op", AggregationPolicy.AVG));
  }

  private static long processCpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
  }
}
