package org.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.parley.bench.wss4j.Wss4jEngine;
import org.parley.security.VerifiedMessage;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Element;

/** Runs each benchmark body once, without JMH, so a broken benchmark fails the build. */
class BenchmarksSmokeTest {
  @Test
  void inboundWss4j_verifiesTheTrialMessage() throws Exception {
    InboundBench bench = new InboundBench();
    bench.setUp();
    Object result = bench.wss4j();
    assertThat(result).isInstanceOf(Wss4jEngine.Verified.class);
  }

  @Test
  void inboundParley_verifiesAndDecryptsTheWss4jMessage() throws Exception {
    InboundBench bench = new InboundBench();
    bench.setUp();
    VerifiedMessage m = (VerifiedMessage) bench.parley();
    assertThat(m.isSigned(m.body())).isTrue();
    assertThat(m.wasEncrypted(m.body())).isTrue();
    assertThat(m.timestamp()).isPresent();
    assertThat(
            new String(XmlWriter.toBytes(Dom.firstChildElement(m.body())), StandardCharsets.UTF_8))
        .isEqualTo(BenchFixture.bodyContent());
  }

  @Test
  void outboundWss4j_producesAMessageWss4jVerifies() throws Exception {
    OutboundBench bench = new OutboundBench();
    bench.setUp();
    byte[] message = bench.wss4j();
    assertThat(new String(message, StandardCharsets.UTF_8)).doesNotContain("numberToDouble");
    new Wss4jEngine(BenchFixture.secret(), BenchFixture.SCT_IDENTIFIER).verify(message);
  }

  @Test
  void inboundParleyOwnMessage_verifiesAndDecryptsWhatParleyProtected() throws Exception {
    InboundBench bench = new InboundBench();
    bench.setUp();
    VerifiedMessage m = (VerifiedMessage) bench.parleyOwnMessage();
    assertThat(m.isSigned(m.body())).isTrue();
    assertThat(m.wasEncrypted(m.body())).isTrue();
    assertThat(
            new String(XmlWriter.toBytes(Dom.firstChildElement(m.body())), StandardCharsets.UTF_8))
        .isEqualTo(BenchFixture.bodyContent());
  }

  @Test
  void outboundParley_producesAMessageWss4jVerifiesAndDecrypts() throws Exception {
    OutboundBench bench = new OutboundBench();
    bench.setUp();
    byte[] message = bench.parley();
    assertThat(new String(message, StandardCharsets.UTF_8))
        .doesNotContain("numberToDouble")
        .contains("DerivedKeyToken")
        .contains("aes256-cbc");
    Wss4jEngine.Verified verified =
        new Wss4jEngine(BenchFixture.secret(), BenchFixture.SCT_IDENTIFIER).verify(message);
    Element body =
        Dom.child(verified.document().getDocumentElement(), BenchFixture.SOAP12_NS, "Body");
    assertThat(new String(XmlWriter.toBytes(Dom.firstChildElement(body)), StandardCharsets.UTF_8))
        .isEqualTo(BenchFixture.bodyContent());
  }
}
