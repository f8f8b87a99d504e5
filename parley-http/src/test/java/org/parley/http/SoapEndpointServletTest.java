package org.parley.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.endpoint.Payloads;
import org.parley.endpoint.SoapEndpoint;
import org.parley.endpoint.SoapFaultException;
import org.parley.endpoint.SoapHttpClient;
import org.parley.endpoint.SoapHttpResponse;
import org.parley.endpoint.WsdlProvider;
import org.parley.wire.Ns;
import org.parley.wire.soap.SoapVersion;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The servlet endpoint on an embedded Jetty bound to a free loopback port. */
class SoapEndpointServletTest {
  private static final long MAX_MESSAGE_BYTES = 16 * 1024;
  private static final String SOAP12_TYPE = "application/soap+xml; charset=utf-8";

  private static ParleyServer server;
  private static URI plain;
  private static URI failing;
  private static URI strict;
  private static URI secured;
  private static final java.util.concurrent.atomic.AtomicInteger SECURED_HANDLER_RUNS =
      new java.util.concurrent.atomic.AtomicInteger();
  private static final HttpClient RAW =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final SoapHttpClient CLIENT = SoapHttpClient.newBuilder().build();

  @BeforeAll
  static void start() throws IOException {
    byte[] wsdl = Files.readAllBytes(sharedWsdl());
    server =
        ParleyServer.newBuilder()
            .port(0)
            .endpoint(
                "/services/DoubleItPlain",
                SoapEndpoint.newBuilder()
                    .handler(DoubleItFixture.operations())
                    .wsdl(WsdlProvider.rewritingAddress(wsdl))
                    .maxMessageBytes(MAX_MESSAGE_BYTES)
                    .build())
            .endpoint(
                "/services/Failing",
                SoapEndpoint.of(
                    request -> {
                      throw new IllegalStateException("secret internal detail 0xDEADBEEF");
                    }))
            .endpoint(
                "/services/Strict",
                SoapEndpoint.of(
                    request -> {
                      throw new ParleyFault(
                          FaultCode.FAILED_AUTHENTICATION, "user alice: password mismatch");
                    }))
            .endpoint(
                "/services/Secured",
                SoapEndpoint.newBuilder()
                    .handler(
                        request -> {
                          SECURED_HANDLER_RUNS.incrementAndGet();
                          return request.reply(DoubleItFixture.request(0));
                        })
                    .security(
                        org.parley.security.InboundProcessor.newBuilder()
                            .policy(org.parley.security.SecurityPolicy.newBuilder().build())
                            .build(),
                        (response, verified) -> {
                          throw new AssertionError("never reached");
                        })
                    .build())
            .build()
            .start();
    secured = server.uri("/services/Secured");
    plain = server.uri("/services/DoubleItPlain");
    failing = server.uri("/services/Failing");
    strict = server.uri("/services/Strict");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Path sharedWsdl() {
    String root = System.getProperty("parley.root");
    Path base = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
    Path candidate = base.resolve("../shared/peer-captures/wsdl/DoubleItPlain.wsdl").normalize();
    for (Path p = base; !Files.exists(candidate) && p != null; p = p.getParent()) {
      candidate = p.resolve("shared/peer-captures/wsdl/DoubleItPlain.wsdl");
    }
    return candidate;
  }

  @Test
  void doubleIt_soap12_roundTripThroughSoapHttpClient() throws Exception {
    Element reply =
        CLIENT.call(
            plain, SoapVersion.SOAP_12, DoubleItFixture.ACTION, DoubleItFixture.request(21));
    assertThat(reply.getLocalName()).isEqualTo("DoubleItResponse");
    assertThat(Payloads.childText(reply, DoubleItFixture.NS, "doubledNumber")).isEqualTo("42");
  }

  @Test
  void doubleIt_reply_carriesWsaRelatesToTheRequestMessageId() throws Exception {
    String messageId = "urn:uuid:0f6e6f0c-5a9e-4c39-9b43-2b1e7e0f7a11";
    String body =
        "<s:Envelope xmlns:s='"
            + Ns.SOAP12
            + "'><s:Header><a:Action xmlns:a='"
            + Ns.WSA10
            + "'>"
            + DoubleItFixture.ACTION
            + "</a:Action><a:MessageID xmlns:a='"
            + Ns.WSA10
            + "'>"
            + messageId
            + "</a:MessageID></s:Header><s:Body><d:DoubleIt xmlns:d='"
            + DoubleItFixture.NS
            + "'><d:numberToDouble>5</d:numberToDouble></d:DoubleIt>"
            + "</s:Body></s:Envelope>";
    HttpResponse<String> r = post(plain, SOAP12_TYPE, body);
    assertThat(r.statusCode()).isEqualTo(200);
    Document response = HardenedXml.create(XmlLimits.DEFAULT).parse(r.body().getBytes(UTF_8));
    Element header = Dom.child(response.getDocumentElement(), Ns.SOAP12, "Header");
    assertThat(Dom.text(Dom.child(header, Ns.WSA10, "RelatesTo"))).isEqualTo(messageId);
    assertThat(Dom.text(Dom.child(header, Ns.WSA10, "Action")))
        .isEqualTo(DoubleItFixture.REPLY_ACTION);
    assertThat(Dom.text(Dom.child(header, Ns.WSA10, "To")))
        .isEqualTo("http://www.w3.org/2005/08/addressing/anonymous");
  }

  @Test
  void doubleIt_soap11_textXmlWithSoapActionHeader() throws Exception {
    Element reply =
        CLIENT.call(
            plain, SoapVersion.SOAP_11, DoubleItFixture.ACTION, DoubleItFixture.request(-7));
    assertThat(Payloads.childText(reply, DoubleItFixture.NS, "doubledNumber")).isEqualTo("-14");
  }

  @Test
  void doubleIt_withoutWsAddressing_usesTheHttpActionParameter() throws Exception {
    String body =
        "<s:Envelope xmlns:s='"
            + Ns.SOAP12
            + "'><s:Body><d:DoubleIt xmlns:d='"
            + DoubleItFixture.NS
            + "'><d:numberToDouble>4</d:numberToDouble></d:DoubleIt>"
            + "</s:Body></s:Envelope>";
    HttpResponse<String> r =
        post(plain, SOAP12_TYPE + "; action=\"" + DoubleItFixture.ACTION + "\"", body);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/soap+xml");
    assertThat(r.body()).contains(">8</");
  }

  @Test
  void exchangeBytes_returnsTheRawReply_orThrowsTheFault() throws Exception {
    String body =
        "<s:Envelope xmlns:s='"
            + Ns.SOAP12
            + "'><s:Body><d:DoubleIt xmlns:d='"
            + DoubleItFixture.NS
            + "'><d:numberToDouble>9</d:numberToDouble></d:DoubleIt>"
            + "</s:Body></s:Envelope>";
    byte[] reply =
        CLIENT.exchangeBytes(
            plain, SoapVersion.SOAP_12, DoubleItFixture.ACTION, body.getBytes(UTF_8));
    assertThat(new String(reply, UTF_8)).contains(">18</");
    assertThatThrownBy(
            () ->
                CLIENT.exchangeBytes(
                    plain, SoapVersion.SOAP_12, "urn:unknown", body.getBytes(UTF_8)))
        .isInstanceOfSatisfying(
            SoapFaultException.class, f -> assertThat(f.code()).isEqualTo(FaultCode.SOAP_SENDER));
  }

  @Test
  void concurrentCalls_shareOneClient() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int n = i;
        results.add(
            pool.submit(
                () ->
                    Payloads.childText(
                        CLIENT.call(
                            plain,
                            SoapVersion.SOAP_12,
                            DoubleItFixture.ACTION,
                            DoubleItFixture.request(n)),
                        DoubleItFixture.NS,
                        "doubledNumber")));
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get(60, TimeUnit.SECONDS)).isEqualTo(String.valueOf(2 * i));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void getWsdl_servesTheContractWithTheActualAddress() throws Exception {
    SoapHttpResponse r = CLIENT.get(URI.create(plain + "?wsdl"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("text/xml");
    Document wsdl = HardenedXml.create(XmlLimits.DEFAULT).parse(r.body());
    Element root = wsdl.getDocumentElement();
    assertThat(root.getAttribute("targetNamespace")).isEqualTo(DoubleItFixture.NS);
    Element address =
        (Element) wsdl.getElementsByTagNameNS(WsdlProvider.WSDL_SOAP12, "address").item(0);
    assertThat(address.getAttribute("location")).isEqualTo(plain.toString());
  }

  @Test
  void getWithoutWsdlQuery_isMethodNotAllowed() throws Exception {
    HttpResponse<String> r =
        RAW.send(HttpRequest.newBuilder(plain).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(405);
    assertNoInternals(r.body());
  }

  @Test
  void put_isMethodNotAllowedWithSoapFault() throws Exception {
    HttpResponse<String> r =
        RAW.send(
            HttpRequest.newBuilder(plain)
                .header("Content-Type", SOAP12_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofString("<x/>"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).hasValue("GET, POST");
    assertSenderFault(r.body());
  }

  @Test
  void malformedXml_isSenderFault400() throws Exception {
    HttpResponse<String> r =
        post(plain, SOAP12_TYPE, "<s:Envelope xmlns:s='" + Ns.SOAP12 + "'><s:Body>");
    assertThat(r.statusCode()).isEqualTo(400);
    assertSenderFault(r.body());
  }

  @Test
  void notAnEnvelope_isVersionMismatch() throws Exception {
    // SOAP 1.2 part 1 section 5.4.7: anything but an Envelope at the root.
    HttpResponse<String> r = post(plain, SOAP12_TYPE, "<hello/>");
    assertThat(r.statusCode()).isBetween(400, 599);
    assertThat(r.body()).contains(":VersionMismatch</");
    assertNoInternals(r.body());
  }

  @Test
  void mustUnderstandHeaderNotUnderstood_isMustUnderstandFault_handlerNotRun() throws Exception {
    String body =
        "<s:Envelope xmlns:s='"
            + Ns.SOAP12
            + "'><s:Header><x:Ext xmlns:x='urn:ext' "
            + "s:mustUnderstand='true'/></s:Header><s:Body><d:DoubleIt xmlns:d='"
            + DoubleItFixture.NS
            + "'><d:numberToDouble>4</d:numberToDouble></d:DoubleIt>"
            + "</s:Body></s:Envelope>";
    HttpResponse<String> r =
        post(plain, SOAP12_TYPE + "; action=\"" + DoubleItFixture.ACTION + "\"", body);
    assertThat(r.statusCode()).isBetween(400, 599);
    assertThat(r.body()).contains(":MustUnderstand</").doesNotContain(">8<");
    assertNoInternals(r.body());
  }

  @Test
  void doctypeWithExternalEntity_isRefusedUnresolved(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-CONTENT");
    String body =
        "<?xml version='1.0'?><!DOCTYPE e [<!ENTITY x SYSTEM '"
            + secret.toUri()
            + "'>]><s:Envelope xmlns:s='"
            + Ns.SOAP12
            + "'><s:Body><d:DoubleIt xmlns:d='"
            + DoubleItFixture.NS
            + "'><d:numberToDouble>&x;</d:numberToDouble></d:DoubleIt></s:Body></s:Envelope>";
    HttpResponse<String> r = post(plain, SOAP12_TYPE, body);
    assertThat(r.statusCode()).isEqualTo(400);
    assertSenderFault(r.body());
    assertThat(r.body()).doesNotContain("TOP-SECRET");
  }

  @Test
  void billionLaughs_isRefused() throws Exception {
    String body =
        "<!DOCTYPE l [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>"
            + "<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'>]><s:Envelope xmlns:s='"
            + Ns.SOAP12
            + "'><s:Body>&c;</s:Body></s:Envelope>";
    HttpResponse<String> r = post(plain, SOAP12_TYPE, body);
    assertThat(r.statusCode()).isEqualTo(400);
    assertSenderFault(r.body());
  }

  @Test
  void maxMessageBytes_declaredLengthOverTheBound_isRefusedBeforeParsing() throws Exception {
    String body = envelopeOfSize((int) MAX_MESSAGE_BYTES + 1);
    HttpResponse<String> r = post(plain, SOAP12_TYPE, body);
    assertThat(r.statusCode()).isEqualTo(400);
    assertSenderFault(r.body());
  }

  @Test
  void maxMessageBytes_chunkedBodyOverTheBound_isRefused() throws Exception {
    byte[] body = envelopeOfSize((int) MAX_MESSAGE_BYTES + 100).getBytes(UTF_8);
    HttpResponse<String> r =
        RAW.send(
            HttpRequest.newBuilder(plain)
                .header("Content-Type", SOAP12_TYPE)
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(400);
    assertSenderFault(r.body());
  }

  @Test
  void maxMessageBytes_fourMegabyteBody_isAnsweredWithAFault_notAReset() throws Exception {
    byte[] body = envelopeOfSize(4 * 1024 * 1024).getBytes(UTF_8);
    for (boolean chunked : new boolean[] {false, true}) {
      HttpRequest.BodyPublisher publisher =
          chunked
              ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
              : HttpRequest.BodyPublishers.ofByteArray(body);
      HttpResponse<String> r =
          RAW.send(
              HttpRequest.newBuilder(plain)
                  .header("Content-Type", SOAP12_TYPE)
                  .POST(publisher)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("chunked=" + chunked).isEqualTo(400);
      assertSenderFault(r.body());
    }
  }

  @Test
  void maxMessageBytes_bodyExactlyAtTheBound_isAccepted() throws Exception {
    String body = envelopeOfSize((int) MAX_MESSAGE_BYTES);
    assertThat(body.getBytes(UTF_8)).hasSize((int) MAX_MESSAGE_BYTES);
    HttpResponse<String> r =
        post(plain, SOAP12_TYPE + "; action=\"" + DoubleItFixture.ACTION + "\"", body);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains(">6</");
  }

  @Test
  void wrongContentType_isSenderFault400() throws Exception {
    HttpResponse<String> r = post(plain, "application/json", "{\"numberToDouble\":21}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertSenderFault(r.body());
  }

  @Test
  void missingContentType_isSenderFault400() throws Exception {
    HttpResponse<String> r =
        RAW.send(
            HttpRequest.newBuilder(plain).POST(HttpRequest.BodyPublishers.ofString("<x/>")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(400);
    assertSenderFault(r.body());
  }

  @Test
  void unknownAction_isSenderFault400() {
    assertThatThrownBy(
            () ->
                CLIENT.call(
                    plain,
                    SoapVersion.SOAP_12,
                    DoubleItFixture.NS + "/TripleIt",
                    DoubleItFixture.request(1)))
        .isInstanceOfSatisfying(
            SoapFaultException.class,
            f -> {
              assertThat(f.httpStatus()).isEqualTo(400);
              assertThat(f.code()).isEqualTo(FaultCode.SOAP_SENDER);
              assertThat(f.faultCode())
                  .isEqualTo(new javax.xml.namespace.QName(Ns.SOAP12, "Sender"));
            });
  }

  @Test
  void wsaActionDifferentFromHttpAction_isSenderFault400() throws Exception {
    String body =
        "<s:Envelope xmlns:s='"
            + Ns.SOAP12
            + "'><s:Header><a:Action xmlns:a='"
            + Ns.WSA10
            + "'>"
            + DoubleItFixture.ACTION
            + "</a:Action></s:Header><s:Body><d:DoubleIt xmlns:d='"
            + DoubleItFixture.NS
            + "'><d:numberToDouble>4</d:numberToDouble></d:DoubleIt>"
            + "</s:Body></s:Envelope>";
    HttpResponse<String> r = post(plain, SOAP12_TYPE + "; action=\"urn:other\"", body);
    assertThat(r.statusCode()).isEqualTo(400);
    assertSenderFault(r.body());
  }

  @Test
  void soap11EnvelopeAsSoap12_isVersionMismatch() throws Exception {
    String body = "<s:Envelope xmlns:s='" + Ns.SOAP11 + "'><s:Body/></s:Envelope>";
    HttpResponse<String> r = post(plain, SOAP12_TYPE, body);
    assertThat(r.statusCode()).isBetween(400, 599);
    assertThat(r.body()).contains(":VersionMismatch</");
    assertNoInternals(r.body());
  }

  @Test
  void soap11Fault_usesFaultcodeClient_withHttp500() throws Exception {
    HttpResponse<String> r =
        RAW.send(
            HttpRequest.newBuilder(plain)
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"urn:nothing\"")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "<s:Envelope xmlns:s='" + Ns.SOAP11 + "'><s:Body/></s:Envelope>"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    // SOAP 1.1 section 6.2: a SOAP 1.1 fault travels with HTTP 500, whoever was at fault.
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
    assertThat(r.body()).containsPattern("<faultcode>\\w+:Client</faultcode>");
  }

  @Test
  void handlerBug_isReceiverFault500WithoutAnyDetail() throws Exception {
    HttpResponse<String> r =
        post(
            failing,
            SOAP12_TYPE + "; action=\"urn:x\"",
            "<s:Envelope xmlns:s='" + Ns.SOAP12 + "'><s:Body/></s:Envelope>");
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).contains(":Receiver</");
    assertThat(r.body()).doesNotContain("DEADBEEF").doesNotContain("IllegalState");
    assertNoInternals(r.body());
  }

  @Test
  void parleyFault_isSentAsSenderWithWsseSubcode_andClassifiedByTheClient() {
    assertThatThrownBy(
            () -> CLIENT.call(strict, SoapVersion.SOAP_12, "urn:x", DoubleItFixture.request(1)))
        .isInstanceOfSatisfying(
            SoapFaultException.class,
            f -> {
              assertThat(f.httpStatus()).isEqualTo(400);
              assertThat(f.code()).isEqualTo(FaultCode.FAILED_AUTHENTICATION);
              assertThat(f.specificCode())
                  .isEqualTo(new javax.xml.namespace.QName(Ns.WSSE, "FailedAuthentication"));
              assertThat(f.reason()).isEqualTo(FaultCode.FAILED_AUTHENTICATION.defaultReason());
              assertThat(f.getMessage()).doesNotContain("alice");
            });
  }

  @Test
  void securedEndpoint_unsignedRequest_isWsseFault_andTheHandlerNeverRuns() {
    assertThatThrownBy(
            () ->
                CLIENT.call(
                    secured,
                    SoapVersion.SOAP_12,
                    DoubleItFixture.ACTION,
                    DoubleItFixture.request(1)))
        .isInstanceOfSatisfying(
            SoapFaultException.class,
            f -> {
              assertThat(f.code().family()).isEqualTo(FaultCode.Family.WSSE);
              assertThat(f.httpStatus()).isEqualTo(400);
            });
    assertThat(SECURED_HANDLER_RUNS.get()).isZero();
  }

  @Test
  void securedEndpoint_understandsMustUnderstandSecurityHeader_thenVerifies() throws Exception {
    String body =
        "<s:Envelope xmlns:s='"
            + Ns.SOAP12
            + "'><s:Header><wsse:Security xmlns:wsse='"
            + Ns.WSSE
            + "' s:mustUnderstand='true'/></s:Header><s:Body><d:DoubleIt xmlns:d='"
            + DoubleItFixture.NS
            + "'><d:numberToDouble>4</d:numberToDouble></d:DoubleIt>"
            + "</s:Body></s:Envelope>";
    HttpResponse<String> r = post(secured, SOAP12_TYPE + "; action=\"urn:x\"", body);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).doesNotContain("MustUnderstand").contains("wsse:");
    assertNoInternals(r.body());
    assertThat(SECURED_HANDLER_RUNS.get()).isZero();
  }

  @Test
  void unknownPath_isPlain404WithoutStack() throws Exception {
    HttpResponse<String> r = post(server.uri("/nothing/here"), SOAP12_TYPE, "<x/>");
    assertThat(r.statusCode()).isEqualTo(404);
    assertNoInternals(r.body());
  }

  /** A DoubleIt(3) envelope padded with whitespace to exactly {@code size} UTF-8 bytes. */
  private static String envelopeOfSize(int size) {
    String head =
        "<s:Envelope xmlns:s='"
            + Ns.SOAP12
            + "'><s:Body><d:DoubleIt xmlns:d='"
            + DoubleItFixture.NS
            + "'><d:numberToDouble>3</d:numberToDouble></d:DoubleIt>";
    String tail = "</s:Body></s:Envelope>";
    return head + " ".repeat(size - head.length() - tail.length()) + tail;
  }

  private static HttpResponse<String> post(URI uri, String contentType, String body)
      throws IOException, InterruptedException {
    return RAW.send(
        HttpRequest.newBuilder(uri)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void assertSenderFault(String body) throws Exception {
    Document doc = HardenedXml.create(XmlLimits.DEFAULT).parse(body.getBytes(UTF_8));
    Element fault =
        Dom.child(Dom.child(doc.getDocumentElement(), Ns.SOAP12, "Body"), Ns.SOAP12, "Fault");
    assertThat(fault).isNotNull();
    Element value = Dom.child(Dom.child(fault, Ns.SOAP12, "Code"), Ns.SOAP12, "Value");
    assertThat(Dom.text(value)).endsWith(":Sender");
    assertNoInternals(body);
  }

  static void assertNoInternals(String body) {
    assertThat(body)
        .doesNotContain("\tat ")
        .doesNotContain("Exception")
        .doesNotContain("org.parley")
        .doesNotContain("org.eclipse")
        .doesNotContain("maxMessageBytes");
  }
}
