package org.parley.wire.xml;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_16;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.core.fault.FaultCode;
import org.parley.wire.testing.Allocation;
import org.w3c.dom.Document;
import org.w3c.dom.DocumentFragment;
import org.w3c.dom.Element;

class HardenedXmlTest {
  private static final HardenedXml XML = HardenedXml.create(XmlLimits.DEFAULT);
  private static final String MARKER = "PARLEY-SECRET-MARKER-7f3a9c";

  /** Generous: a rejected hostile document costs well under this; an expanded one far more. */
  private static final long SMALL_BOUND = 16 * Allocation.MIB;

  @TempDir Path tmp;

  private static XmlRejectedException reject(HardenedXml xml, byte[] doc) {
    XmlRejectedException e = catchThrowableOfType(() -> xml.parse(doc), XmlRejectedException.class);
    assertThat(e).as("document must be rejected").isNotNull();
    assertThat(e.code()).isEqualTo(FaultCode.SOAP_SENDER);
    return e;
  }

  private static String everything(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }

  private Path markerFile() throws IOException {
    Path f = tmp.resolve("secret.txt");
    Files.writeString(f, MARKER, UTF_8);
    return f;
  }

  private static void assertNoConnection(ServerSocket server) throws IOException {
    server.setSoTimeout(300);
    try (Socket s = server.accept()) {
      throw new AssertionError("the parser connected to " + s.getLocalSocketAddress());
    } catch (SocketTimeoutException expected) {
      // nobody connected
    }
  }

  // ---- DTDs and entities (XML 1.0 section 2.8, 4.2): refused before anything is resolved ----

  @Test
  void xxe_fileSystemIdInEntity_isRejectedAndFileNeverRead() throws Exception {
    String uri = markerFile().toUri().toString();
    byte[] doc = ("<!DOCTYPE a [<!ENTITY x SYSTEM \"" + uri + "\">]><a>&x;</a>").getBytes(UTF_8);
    XmlRejectedException[] seen = new XmlRejectedException[1];
    long allocated = Allocation.measure(() -> seen[0] = reject(XML, doc));
    assertThat(seen[0].setting()).isEqualTo("dtd");
    assertThat(everything(seen[0])).doesNotContain(MARKER);
    assertThat(allocated).isLessThan(SMALL_BOUND);
  }

  @Test
  void xxe_fileSystemIdAsExternalDtd_isRejectedAndFileNeverRead() throws Exception {
    Path dtd = tmp.resolve("x.dtd");
    Files.writeString(dtd, "<!ENTITY leak \"" + MARKER + "\">", UTF_8);
    byte[] doc = ("<!DOCTYPE a SYSTEM \"" + dtd.toUri() + "\"><a>&leak;</a>").getBytes(UTF_8);
    XmlRejectedException e = reject(XML, doc);
    assertThat(e.setting()).isEqualTo("dtd");
    assertThat(everything(e)).doesNotContain(MARKER);
  }

  @Test
  void xxe_urlSystemId_neverConnects() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      String url = "http://127.0.0.1:" + server.getLocalPort() + "/evil";
      byte[] entity =
          ("<!DOCTYPE a [<!ENTITY x SYSTEM \"" + url + "\">]><a>&x;</a>").getBytes(UTF_8);
      byte[] dtd = ("<!DOCTYPE a SYSTEM \"" + url + "\"><a/>").getBytes(UTF_8);
      long allocated =
          Allocation.measure(
              () -> {
                assertThat(reject(XML, entity).setting()).isEqualTo("dtd");
                assertThat(reject(XML, dtd).setting()).isEqualTo("dtd");
              });
      assertNoConnection(server);
      assertThat(allocated).isLessThan(SMALL_BOUND);
    }
  }

  @Test
  void xxe_externalParameterEntity_neverConnects() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      String url = "http://127.0.0.1:" + server.getLocalPort() + "/pe.dtd";
      byte[] doc =
          ("<!DOCTYPE a [<!ENTITY % pe SYSTEM \"" + url + "\"> %pe; %all;]><a>&send;</a>")
              .getBytes(UTF_8);
      long allocated =
          Allocation.measure(() -> assertThat(reject(XML, doc).setting()).isEqualTo("dtd"));
      assertNoConnection(server);
      assertThat(allocated).isLessThan(SMALL_BOUND);
    }
  }

  @Test
  void billionLaughs_isRejectedWithBoundedMemory() {
    StringBuilder sb = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol0 \"lol\">");
    for (int i = 1; i <= 10; i++) {
      sb.append("<!ENTITY lol").append(i).append(" \"");
      for (int j = 0; j < 10; j++) {
        sb.append("&lol").append(i - 1).append(';');
      }
      sb.append("\">");
    }
    sb.append("]><lolz>&lol10;</lolz>");
    byte[] doc = sb.toString().getBytes(UTF_8);
    XmlRejectedException[] seen = new XmlRejectedException[1];
    long allocated = Allocation.measure(() -> seen[0] = reject(XML, doc));
    assertThat(seen[0].setting()).isEqualTo("dtd");
    assertThat(allocated).isLessThan(SMALL_BOUND);
  }

  @Test
  void quadraticBlowup_isRejectedWithBoundedMemory() {
    String big = "x".repeat(50_000);
    StringBuilder sb = new StringBuilder("<!DOCTYPE a [<!ENTITY x \"" + big + "\">]><a>");
    for (int i = 0; i < 50_000; i++) {
      sb.append("&x;");
    }
    sb.append("</a>"); // would expand to 2.5 GB of text
    byte[] doc = sb.toString().getBytes(UTF_8);
    XmlRejectedException[] seen = new XmlRejectedException[1];
    long allocated = Allocation.measure(() -> seen[0] = reject(XML, doc));
    assertThat(seen[0].setting()).isEqualTo("dtd");
    assertThat(allocated).isLessThan(SMALL_BOUND);
  }

  @Test
  void undeclaredEntityReference_isRejected() {
    assertThat(reject(XML, "<a>&x;</a>".getBytes(UTF_8)).setting()).isNotNull();
  }

  @Test
  void predefinedEntitiesAndCharacterReferences_areText() throws Exception {
    Document d = XML.parse("<a b=\"&quot;&amp;\">&lt;&amp;&gt;&#65;&#x42;</a>".getBytes(UTF_8));
    assertThat(d.getDocumentElement().getTextContent()).isEqualTo("<&>AB");
    assertThat(d.getDocumentElement().getAttribute("b")).isEqualTo("\"&");
  }

  // ---- size bounds ----

  @Test
  void nesting10000Deep_isRejectedByMaxDepth() {
    byte[] doc = ("<a>".repeat(10_000) + "</a>".repeat(10_000)).getBytes(UTF_8);
    XmlRejectedException[] seen = new XmlRejectedException[1];
    long allocated = Allocation.measure(() -> seen[0] = reject(XML, doc));
    assertThat(seen[0].setting()).isEqualTo("maxDepth");
    assertThat(seen[0].getMessage()).contains("maxDepth=64");
    assertThat(allocated).isLessThan(SMALL_BOUND);
  }

  @Test
  void body50MiB_streamed_isRejectedByMaxBytesWithoutReadingIt() {
    long total = 50L * Allocation.MIB;
    CountingBody body = new CountingBody(total);
    XmlRejectedException[] seen = new XmlRejectedException[1];
    long allocated =
        Allocation.measure(
            () ->
                seen[0] = catchThrowableOfType(() -> XML.parse(body), XmlRejectedException.class));
    assertThat(seen[0]).isNotNull();
    assertThat(seen[0].setting()).isEqualTo("maxBytes");
    assertThat(seen[0].getMessage()).contains("maxBytes=" + XmlLimits.DEFAULT.maxBytes());
    // The bound is what was read (plus the one byte that proves there is more), not 50 MiB.
    assertThat(body.served).isLessThanOrEqualTo(XmlLimits.DEFAULT.maxBytes() + 1);
    // 4 MiB of text through the parser and into a StringBuilder; 50 MiB would need far more.
    assertThat(allocated).isLessThan(64 * Allocation.MIB);
  }

  /** {@code <a>xxxx...} of a given length, generated on the fly (never held in memory). */
  private static final class CountingBody extends InputStream {
    private static final byte[] HEAD = "<a>".getBytes(UTF_8);
    private final long length;
    long served;

    CountingBody(long length) {
      this.length = length;
    }

    @Override
    public int read() {
      if (served >= length) {
        return -1;
      }
      int b = served < HEAD.length ? HEAD[(int) served] : 'x';
      served++;
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) {
      if (served >= length) {
        return -1;
      }
      int n = (int) Math.min(len, length - served);
      for (int i = 0; i < n; i++) {
        buf[off + i] = (byte) read();
      }
      return n;
    }
  }

  @Test
  void maxBytes_exactlyAtBoundAccepted_onePastRejected() throws Exception {
    byte[] doc = "<a>xyz</a>".getBytes(UTF_8);
    HardenedXml at = HardenedXml.create(XmlLimits.newBuilder().maxBytes(doc.length).build());
    HardenedXml under = HardenedXml.create(XmlLimits.newBuilder().maxBytes(doc.length - 1).build());
    assertThat(at.parse(doc).getDocumentElement().getTextContent()).isEqualTo("xyz");
    assertThat(
            at.parse(new java.io.ByteArrayInputStream(doc)).getDocumentElement().getTextContent())
        .isEqualTo("xyz");
    XmlRejectedException e = reject(under, doc);
    assertThat(e.setting()).isEqualTo("maxBytes");
    assertThat(e.getMessage()).contains("maxBytes");
    XmlRejectedException streamed =
        catchThrowableOfType(
            () -> under.parse(new java.io.ByteArrayInputStream(doc)), XmlRejectedException.class);
    assertThat(streamed.setting()).isEqualTo("maxBytes");
    assertThat(streamed.getMessage()).contains("maxBytes");
  }

  @Test
  void maxDepth_exactlyAtBoundAccepted_onePastRejected() throws Exception {
    HardenedXml xml = HardenedXml.create(XmlLimits.newBuilder().maxDepth(5).build());
    assertThat(xml.parse(("<a>".repeat(5) + "</a>".repeat(5)).getBytes(UTF_8))).isNotNull();
    XmlRejectedException e = reject(xml, ("<a>".repeat(6) + "</a>".repeat(6)).getBytes(UTF_8));
    assertThat(e.setting()).isEqualTo("maxDepth");
    assertThat(e.getMessage()).contains("maxDepth=5");
  }

  @Test
  void maxElements_exactlyAtBoundAccepted_onePastRejected() throws Exception {
    HardenedXml xml = HardenedXml.create(XmlLimits.newBuilder().maxElements(4).build());
    assertThat(xml.parse("<r><a/><b/><c/></r>".getBytes(UTF_8))).isNotNull();
    XmlRejectedException e = reject(xml, "<r><a/><b/><c/><d/></r>".getBytes(UTF_8));
    assertThat(e.setting()).isEqualTo("maxElements");
    assertThat(e.getMessage()).contains("maxElements=4");
    // comments are DOM nodes too, so they count
    assertThat(reject(xml, "<r><a/><b/><c/><!--d--></r>".getBytes(UTF_8)).setting())
        .isEqualTo("maxElements");
  }

  @Test
  void maxAttributesPerElement_exactlyAtBoundAccepted_onePastRejected() throws Exception {
    HardenedXml xml = HardenedXml.create(XmlLimits.newBuilder().maxAttributesPerElement(3).build());
    assertThat(xml.parse("<r xmlns:p=\"urn:p\" a=\"1\" p:b=\"2\"/>".getBytes(UTF_8))).isNotNull();
    XmlRejectedException e =
        reject(xml, "<r xmlns:p=\"urn:p\" a=\"1\" p:b=\"2\" c=\"3\"/>".getBytes(UTF_8));
    assertThat(e.setting()).isEqualTo("maxAttributesPerElement");
    assertThat(e.getMessage()).contains("maxAttributesPerElement=3");
  }

  @Test
  void maxTextLength_exactlyAtBoundAccepted_onePastRejected() throws Exception {
    HardenedXml xml = HardenedXml.create(XmlLimits.newBuilder().maxTextLength(10).build());
    assertThat(xml.parse(("<r>" + "x".repeat(10) + "</r>").getBytes(UTF_8))).isNotNull();
    assertThat(xml.parse(("<r a=\"" + "x".repeat(10) + "\"/>").getBytes(UTF_8))).isNotNull();
    assertThat(xml.parse(("<r><!--" + "x".repeat(10) + "--></r>").getBytes(UTF_8))).isNotNull();
    // a run split by a CDATA section is still one run of character data
    assertThat(xml.parse("<r>xxxxx<![CDATA[xxxxx]]></r>".getBytes(UTF_8))).isNotNull();
    for (String doc :
        new String[] {
          "<r>" + "x".repeat(11) + "</r>",
          "<r a=\"" + "x".repeat(11) + "\"/>",
          "<r><!--" + "x".repeat(11) + "--></r>",
          "<r>xxxxx<![CDATA[xxxxxx]]></r>"
        }) {
      XmlRejectedException e = reject(xml, doc.getBytes(UTF_8));
      assertThat(e.setting()).as(doc).isEqualTo("maxTextLength");
      assertThat(e.getMessage()).contains("maxTextLength=10");
    }
  }

  @Test
  void limits_refuseNonPositiveSettings() {
    assertThatThrownBy(() -> XmlLimits.newBuilder().maxDepth(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxDepth");
  }

  // ---- things a SOAP message may not carry ----

  @Test
  void processingInstruction_isRejected_soap12Part1Section5() {
    XmlRejectedException e = reject(XML, "<a><?php system('id') ?></a>".getBytes(UTF_8));
    assertThat(e.setting()).isEqualTo("processingInstruction");
    assertThat(reject(XML, "<?pi x?><a/>".getBytes(UTF_8)).setting())
        .isEqualTo("processingInstruction");
  }

  @Test
  void xmlDeclaration_isNotAProcessingInstruction() throws Exception {
    assertThat(XML.parse("<?xml version=\"1.0\" encoding=\"UTF-8\"?><a/>".getBytes(UTF_8)))
        .isNotNull();
  }

  @Test
  void xinclude_isNeverProcessed() throws Exception {
    String uri = markerFile().toUri().toString();
    byte[] doc =
        ("<a xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\""
                + uri
                + "\" parse=\"text\"/></a>")
            .getBytes(UTF_8);
    Document d = XML.parse(doc);
    String out = XmlWriter.toString(d);
    assertThat(out).doesNotContain(MARKER);
    assertThat(out).isEqualTo(new String(doc, UTF_8)); // an inert element, kept as sent
  }

  @Test
  void xml11_isRejected() {
    XmlRejectedException e = reject(XML, "<?xml version=\"1.1\"?><a>\u0085</a>".getBytes(UTF_8));
    assertThat(e.setting()).isEqualTo("xmlVersion");
  }

  @Test
  void encodingOtherThanUtf8OrUtf16_isRejected_basicProfileR1012() {
    XmlRejectedException e =
        reject(XML, "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>e</a>".getBytes(UTF_8));
    assertThat(e.setting()).isEqualTo("encoding");
    assertThat(e.getMessage()).contains("R1012");
    // Latin-1 bytes that are not UTF-8 never decode at all
    reject(
        XML, "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>\u00e9</a>".getBytes(ISO_8859_1));
  }

  @Test
  void utf8ByteOrderMark_andUtf16_areAccepted() throws Exception {
    assertThat(
            XML.parse("\uFEFF<a>\u00e9</a>".getBytes(UTF_8)).getDocumentElement().getTextContent())
        .isEqualTo("\u00e9");
    assertThat(
            XML.parse("\uFEFF<a>\u00e9</a>".getBytes(UTF_16LE))
                .getDocumentElement()
                .getTextContent())
        .isEqualTo("\u00e9");
    byte[] declared = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>\u00e9</a>".getBytes(UTF_16);
    assertThat(XML.parse(declared).getDocumentElement().getTextContent()).isEqualTo("\u00e9");
  }

  @Test
  void malformedUtf8_isRejected_andNothingIsPrintedToTheConsole() {
    byte[] doc = {'<', 'a', '>', (byte) 0xC3, (byte) 0x28, '<', '/', 'a', '>'};
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    XmlRejectedException e;
    try {
      System.setErr(new java.io.PrintStream(captured, true, UTF_8));
      e = reject(XML, doc);
    } finally {
      System.setErr(err);
    }
    assertThat(e.setting()).isNull();
    assertThat(captured.toString(UTF_8)).isEmpty();
  }

  @Test
  void declaredEncodingDisagreeingWithBytes_isRejected_xml10Section4_3_3() throws Exception {
    byte[] doc = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>".getBytes(UTF_8);
    assertThat(reject(XML, doc).setting()).isEqualTo("encoding");
    byte[] be = "<a>\u00e9</a>".getBytes(java.nio.charset.StandardCharsets.UTF_16BE);
    assertThat(XML.parse(be).getDocumentElement().getTextContent()).isEqualTo("\u00e9");
  }

  @Test
  void malformed_isRejectedWithoutEchoingInput() {
    XmlRejectedException e = reject(XML, ("<a>" + MARKER + "</b>").getBytes(UTF_8));
    assertThat(e.setting()).isNull();
    assertThat(e.getMessage()).startsWith("XML is not well-formed").doesNotContain(MARKER);
  }

  @Test
  void emptyInput_isRejected() {
    assertThat(reject(XML, new byte[0]).setting()).isNull();
  }

  // ---- what is kept, exactly ----

  @Test
  void namespaceDeclarationsAndAttributes_surviveExactly() throws Exception {
    String doc =
        "<p:a xmlns=\"urn:d\" xmlns:p=\"urn:p\" xmlns:q=\"urn:unused\" p:x=\"1\" y=\"2\">"
            + "<b xmlns=\"\" xml:lang=\"en\"/><p:c xmlns:p=\"urn:p2\"/></p:a>";
    Document d = XML.parse(doc.getBytes(UTF_8));
    assertThat(XmlWriter.toString(d)).isEqualTo(doc);
    Element b = Dom.firstChildElement(d.getDocumentElement());
    assertThat(b.getNamespaceURI()).isNull();
    assertThat(Dom.attribute(b, "http://www.w3.org/XML/1998/namespace", "lang")).isEqualTo("en");
    Element c = Dom.nextSiblingElement(b);
    assertThat(c.getNamespaceURI()).isEqualTo("urn:p2");
  }

  @Test
  void carriageReturns_survive_asCharacterReferences() throws Exception {
    // XML 1.0 section 2.11 turns a literal CR LF into LF; a CR sent as &#xD; is data and must stay.
    Document d = XML.parse("<a b=\"1&#xD;&#xA;&#x9;2\">x&#xD;\r\ny</a>".getBytes(UTF_8));
    assertThat(d.getDocumentElement().getTextContent()).isEqualTo("x\r\ny");
    assertThat(XmlWriter.toString(d)).isEqualTo("<a b=\"1&#xD;&#xA;&#x9;2\">x&#xD;\ny</a>");
  }

  @Test
  void cdata_becomesEscapedText_likeC14n() throws Exception {
    Document d = XML.parse("<a><![CDATA[<x> & y]]></a>".getBytes(UTF_8));
    assertThat(XmlWriter.toString(d)).isEqualTo("<a>&lt;x&gt; &amp; y</a>");
  }

  /**
   * The exact wire bytes of every capture folder ({@code NN-*.xml}; {@code pretty/} and {@code
   * decrypted/} are re-serialised copies for reading, not wire bytes).
   */
  @Test
  void roundTrip_cxfCaptures_areByteIdentical() throws Exception {
    Path dir = org.parley.wire.testing.SharedFiles.peerCaptures();
    int checked = 0;
    try (var files = Files.walk(dir, 2)) {
      for (Path f :
          files
              .filter(p -> p.getFileName().toString().matches("\\d\\d-.*\\.xml"))
              .filter(p -> !p.getParent().getFileName().toString().matches("pretty|decrypted"))
              .sorted()
              .toList()) {
        byte[] original = Files.readAllBytes(f);
        byte[] written = XmlWriter.toBytes(XML.parse(original));
        assertThat(new String(written, UTF_8))
            .as(f.toString())
            .isEqualTo(new String(original, UTF_8));
        checked++;
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(12);
  }

  @Test
  void sharedInstance_parsesConcurrently() throws Exception {
    byte[] original =
        Files.readAllBytes(
            org.parley.wire.testing.SharedFiles.peerCaptures().resolve("sc13/03-app-request.xml"));
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 100; i++) {
                    if (!java.security.MessageDigest.isEqual(
                        original, XmlWriter.toBytes(XML.parse(original)))) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (java.util.concurrent.Future<Boolean> f : results) {
        assertThat(f.get(5, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- fragments (decrypted content) ----

  @Test
  void parseFragment_resolvesPrefixesFromContext_withoutCopyingDeclarations() throws Exception {
    Document owner = XML.parse("<e:Body xmlns:e=\"urn:env\" xmlns:m=\"urn:m\"/>".getBytes(UTF_8));
    DocumentFragment f =
        XML.parseFragment(
            "<m:Echo>hi</m:Echo>tail".getBytes(UTF_8), owner, Map.of("e", "urn:env", "m", "urn:m"));
    Element echo = Dom.firstChildElement(f);
    assertThat(echo.getNamespaceURI()).isEqualTo("urn:m");
    assertThat(echo.getOwnerDocument()).isSameAs(owner);
    owner.getDocumentElement().appendChild(f);
    assertThat(XmlWriter.toString(owner))
        .isEqualTo(
            "<e:Body xmlns:e=\"urn:env\" xmlns:m=\"urn:m\"><m:Echo>hi</m:Echo>tail</e:Body>");
  }

  @Test
  void parseFragment_cannotEscapeItsWrapper() throws Exception {
    Document owner = XML.parse("<a/>".getBytes(UTF_8));
    assertThatThrownBy(
            () ->
                XML.parseFragment(
                    "</parley-fragment><x/><parley-fragment>".getBytes(UTF_8), owner, Map.of()))
        .isInstanceOf(XmlRejectedException.class);
    assertThatThrownBy(() -> XML.parseFragment("<!DOCTYPE x><x/>".getBytes(UTF_8), owner, Map.of()))
        .isInstanceOf(XmlRejectedException.class);
    assertThatThrownBy(() -> XML.parseFragment("<p:x/>".getBytes(UTF_8), owner, Map.of()))
        .isInstanceOf(XmlRejectedException.class);
  }

  @Test
  void parseFragment_inScopeNamespacesMayOutnumberOneElementsBound_xmlEnc11Section4_3()
      throws Exception {
    // Declarations in scope accumulate over the ancestors; only each element is bounded.
    HardenedXml xml = HardenedXml.create(XmlLimits.newBuilder().maxAttributesPerElement(4).build());
    Document owner = xml.parse("<a/>".getBytes(UTF_8));
    Map<String, String> context = new java.util.HashMap<>();
    for (int i = 0; i < 20; i++) {
      context.put("p" + i, "urn:p" + i);
    }
    assertThat(
            XmlWriter.toString(
                xml.parseFragment("<p7:x>hi</p7:x>".getBytes(UTF_8), owner, context)))
        .isEqualTo("<p7:x>hi</p7:x>");
    XmlRejectedException e =
        catchThrowableOfType(
            () ->
                xml.parseFragment(
                    "<p7:x a=\"1\" b=\"2\" c=\"3\" d=\"4\" e=\"5\"/>".getBytes(UTF_8),
                    owner,
                    context),
            XmlRejectedException.class);
    assertThat(e.setting()).isEqualTo("maxAttributesPerElement");
  }

  @Test
  void parseFragment_countsDepthFromInsertionPoint() throws Exception {
    HardenedXml xml = HardenedXml.create(XmlLimits.newBuilder().maxDepth(2).build());
    Document owner = xml.parse("<a/>".getBytes(UTF_8));
    assertThat(xml.parseFragment("<b><c/></b>".getBytes(UTF_8), owner, Map.of())).isNotNull();
    XmlRejectedException e =
        catchThrowableOfType(
            () -> xml.parseFragment("<b><c><d/></c></b>".getBytes(UTF_8), owner, Map.of()),
            XmlRejectedException.class);
    assertThat(e.setting()).isEqualTo("maxDepth");
  }
}
