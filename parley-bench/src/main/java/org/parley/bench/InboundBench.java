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
 * Inbound: serialized bytes of a protected request -> parse -> verify the signature and decrypt the
 * body and signature. Both engines read the same bytes, produced once per trial by WSS4J (so the
 * timestamp stays fresh for the whole trial); {@link #parleyOwnMessage} has Parley read its own.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InboundBench {
  private Wss4jEngine wss4jEngine;
  private ParleyEngine parleyEngine;
  private byte[] wss4jMessage;
  private byte[] parleyMessage;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    wss4jEngine = new Wss4jEngine(BenchFixture.secret(), BenchFixture.SCT_IDENTIFIER);
    parleyEngine = new ParleyEngine(BenchFixture.secret(), BenchFixture.SCT_IDENTIFIER);
    wss4jMessage = wss4jEngine.protect(BenchFixture.plainEnvelope());
    parleyMessage = parleyEngine.protect(BenchFixture.plainEnvelope());
  }

  /** The Parley-protected message of this trial, for tests. */
  public byte[] parleyMessage() {
    return parleyMessage.clone();
  }

  /** The message every inbound benchmark reads, for the runner's size column and for tests. */
  public byte[] wss4jMessage() {
    return wss4jMessage.clone();
  }

  @Benchmark
  public Object wss4j() throws Exception {
    return wss4jEngine.verify(wss4jMessage);
  }

  @Benchmark
  public Object parley() throws Exception {
    return parleyEngine.verify(wss4jMessage);
  }

  /** Parley reading what Parley wrote (the same protection, Parley's own layout and ids). */
  @Benchmark
  public Object parleyOwnMessage() throws Exception {
    return parleyEngine.verify(parleyMessage);
  }
}
