package org.parley.bench;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.xml.security.utils.XMLUtils;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.parley.bench.wss4j.Wss4jEngine;
import org.parley.core.SuppressForbidden;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;
import org.w3c.dom.Document;

/**
 * Costs of single steps of inbound processing on the benchmark's protected message, to see where an
 * engine's time goes. Not part of the default run: {@code java -jar parley-bench.jar PhaseBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PhaseBench {
  private static final String WOODSTOX = "com.ctc.wstx.stax.WstxInputFactory";

  private byte[] message;
  private HardenedXml hardened;
  private XMLInputFactory jdkStax;
  private XMLInputFactory woodstox;

  @Setup
  @SuppressForbidden(
      reason = "measures the raw StAX parsers themselves on the benchmark's own message; DTDs off")
  public void setUp() throws Exception {
    message =
        new Wss4jEngine(BenchFixture.secret(), BenchFixture.SCT_IDENTIFIER)
            .protect(BenchFixture.plainEnvelope());
    hardened = HardenedXml.create(XmlLimits.DEFAULT);
    jdkStax = XMLInputFactory.newDefaultFactory();
    jdkStax.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
    woodstox = (XMLInputFactory) Class.forName(WOODSTOX).getDeclaredConstructor().newInstance();
    woodstox.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
  }

  /** Parley's parse: JDK StAX events into a DOM, with every limit checked. */
  @Benchmark
  public Document parseHardenedXml() throws Exception {
    return hardened.parse(message);
  }

  /** WSS4J's parse: Santuario's pooled DocumentBuilder (Xerces SAX into a DOM). */
  @Benchmark
  public Document parseSantuarioDom() throws Exception {
    return XMLUtils.read(new ByteArrayInputStream(message), true);
  }

  /** The JDK's StAX reader alone (new reader per message, as HardenedXml makes one). */
  @Benchmark
  public int staxJdkEventsOnly() throws XMLStreamException {
    return drain(jdkStax.createXMLStreamReader(new ByteArrayInputStream(message)));
  }

  /** Woodstox (already on the classpath through Santuario) for the same events. */
  @Benchmark
  public int staxWoodstoxEventsOnly() throws XMLStreamException {
    return drain(woodstox.createXMLStreamReader(new ByteArrayInputStream(message)));
  }

  /** One xsd:dateTime of a wsu:Timestamp, parsed as Parley's InboundRun parses it. */
  @Benchmark
  public Instant timestampOffsetDateTime() {
    return OffsetDateTime.parse("2026-11-23T16:01:57.549Z").toInstant();
  }

  /** The same value through Instant.parse (ISO_INSTANT, no offset resolution). */
  @Benchmark
  public Instant timestampInstantParse() {
    return Instant.parse("2026-11-23T16:01:57.549Z");
  }

  private static int drain(XMLStreamReader r) throws XMLStreamException {
    int events = 0;
    while (r.hasNext()) {
      r.next();
      events++;
    }
    r.close();
    return events;
  }
}
