package org.parley.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.parley.bench.parley.ParleyEngine;
import org.parley.bench.wss4j.Wss4jEngine;

/**
 * Outbound: the unprotected envelope's bytes -> DOM -> timestamp, derived keys, sign, encrypt ->
 * bytes. Each engine derives fresh keys (new nonces) per message, as a real sender does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OutboundBench {
  private byte[] plain;
  private Wss4jEngine wss4jEngine;
  private ParleyEngine parleyEngine;

  @Setup(Level.Trial)
  public void setUp() {
    plain = BenchFixture.plainEnvelope();
    wss4jEngine = new Wss4jEngine(BenchFixture.secret(), BenchFixture.SCT_IDENTIFIER);
    parleyEngine = new ParleyEngine(BenchFixture.secret(), BenchFixture.SCT_IDENTIFIER);
  }

  @Benchmark
  public byte[] wss4j() throws Exception {
    return wss4jEngine.protect(plain);
  }

  @Benchmark
  public byte[] parley() throws Exception {
    return parleyEngine.protect(plain);
  }
}
