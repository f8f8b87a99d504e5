package org.parley.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.parley.security.internal.ExcC14n;
import org.parley.security.internal.XmlSecSupport;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Exclusive c14n 1.0: Parley's subtree canonicalizer is byte-identical to Apache Santuario's over
 * every element of every peer-capture message (raw and decrypted views), with and without the
 * InclusiveNamespaces PrefixLists CXF uses, and over Parley's own outbound trees.
 */
class ExcC14nTest {
  static final String[] PREFIX_LISTS = {null, "soap", "wsse soap", "#default wsu"};

  @Test
  void excC14n_matchesSantuario_onEveryCapturedElement() throws Exception {
    int compared = 0;
    try (Stream<Path> files = Files.walk(TestKeys.captures())) {
      List<Path> xml =
          files
              .filter(p -> p.toString().endsWith(".xml"))
              .filter(p -> !p.toString().contains("/pretty/"))
              .toList();
      for (Path f : xml) {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        if (text.startsWith("<!--")) {
          text = text.substring(text.indexOf("?>") + 2);
        }
        Document d = Messages.XML.parse(text.getBytes(StandardCharsets.UTF_8));
        compared += compareAll(d, f.toString());
      }
    }
    assertThat(compared).isGreaterThan(10_000);
  }

  @Test
  void excC14n_matchesSantuario_onParleyOutboundTrees() throws Exception {
    for (RoundTripTest.Order order : RoundTripTest.Order.values()) {
      for (boolean ctx : new boolean[] {true, false}) {
        SecurityPolicy p = RoundTripTest.policy(AlgorithmSuite.BASIC256, order, ctx);
        Document d = Messages.XML.parse(RoundTripTest.protect(p, ctx));
        assertThat(compareAll(d, order + " " + ctx)).isPositive();
      }
    }
  }

  @Test
  void excC14n_escapesAndSortsPerCanonicalXml() throws Exception {
    String xml =
        "<r xmlns=\"urn:d\" xmlns:b=\"urn:b\" xmlns:a=\"urn:a\" b:z=\"1\" a:y=\"2\" x=\"&quot;&#9;&#xA;&lt;\">"
            + "<b:c>&amp;&lt;&gt;&#xD;\u00e9\ud83d\ude00</b:c><e/><!-- gone --></r>";
    Document d = Messages.XML.parse(xml.getBytes(StandardCharsets.UTF_8));
    String c = new String(ExcC14n.toBytes(d.getDocumentElement(), null), StandardCharsets.UTF_8);
    assertThat(c)
        .isEqualTo(
            "<r xmlns=\"urn:d\" xmlns:a=\"urn:a\" xmlns:b=\"urn:b\" x=\"&quot;&#x9;&#xA;&lt;\""
                + " a:y=\"2\" b:z=\"1\"><b:c>&amp;&lt;&gt;&#xD;\u00e9\ud83d\ude00</b:c><e></e></r>");
    compareAll(d, "escapes");
  }

  static int compareAll(Document d, String where) throws Exception {
    NodeList all = d.getElementsByTagName("*");
    int n = 0;
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      for (String prefixes : PREFIX_LISTS) {
        byte[] ours = ExcC14n.toBytes(e, prefixes);
        byte[] theirs = XmlSecSupport.canonicalize(e, prefixes);
        assertThat(new String(ours, StandardCharsets.UTF_8))
            .as("%s element %s prefixes %s", where, e.getNodeName(), prefixes)
            .isEqualTo(new String(theirs, StandardCharsets.UTF_8));
        n++;
      }
    }
    return n;
  }
}
