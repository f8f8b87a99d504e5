package org.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class BenchFixtureTest {
  @Test
  void bodyContent_isExactly2KiB() {
    assertThat(BenchFixture.bodyContent().getBytes(StandardCharsets.UTF_8))
        .hasSize(BenchFixture.BODY_CONTENT_BYTES);
  }

  @Test
  void plainEnvelope_isSoap12WithDoubleItBodyOf2KiB() throws Exception {
    Document doc = HardenedXml.create(XmlLimits.DEFAULT).parse(BenchFixture.plainEnvelope());
    Element body = Dom.child(doc.getDocumentElement(), BenchFixture.SOAP12_NS, "Body");
    assertThat(body).isNotNull();
    Element doubleIt = Dom.firstChildElement(body);
    assertThat(Dom.is(doubleIt, BenchFixture.DOUBLEIT_NS, "DoubleIt")).isTrue();
    assertThat(Dom.text(Dom.child(doubleIt, BenchFixture.DOUBLEIT_NS, "numberToDouble")))
        .isEqualTo("21");
    assertThat(XmlWriter.toBytes(doubleIt)).hasSize(BenchFixture.BODY_CONTENT_BYTES);
  }

  @Test
  void secret_is32BytesAndTheSameOnEveryCall() {
    byte[] a = BenchFixture.secret();
    byte[] b = BenchFixture.secret();
    assertThat(a).hasSize(BenchFixture.SECRET_BYTES).isEqualTo(b);
    a[0] ^= 1;
    assertThat(BenchFixture.secret()).isEqualTo(b);
  }
}
