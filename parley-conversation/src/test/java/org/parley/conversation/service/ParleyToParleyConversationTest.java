package org.parley.conversation.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.security.cert.TrustAnchor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.conversation.client.SecureConversationClient;
import org.parley.conversation.policy.BootstrapPolicy;
import org.parley.conversation.policy.ConversationPolicy;
import org.parley.conversation.testing.Captures;
import org.parley.conversation.trust.EntropyMode;
import org.parley.conversation.trust.TrustVersion;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.endpoint.Payloads;
import org.parley.http.ParleyServer;
import org.parley.security.AlgorithmSuite;
import org.parley.security.CertificateTrust;
import org.parley.security.SecurityPolicy;
import org.parley.security.TestKeys;
import org.parley.wire.Ns;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Parley's client against Parley's service over loopback HTTP, both WS-SC versions, the client
 * configured from the service's {@code ?wsdl} alone (plus keys).
 */
class ParleyToParleyConversationTest {
  static final String NS = "http://example.org/wssc-peer/doubleit";
  static final String ACTION = NS + "/DoubleIt";
  static final TestKeys.Entry SERVICE = Captures.key("service.p12");
  static final TestKeys.Entry CLIENT = Captures.key("client.p12");
  static ParleyServer server;

  static SecurityPolicy.Builder parts(SecurityPolicy.Binding binding, boolean derivedKeys) {
    return SecurityPolicy.newBuilder()
        .binding(binding)
        .algorithmSuite(AlgorithmSuite.BASIC256)
        .signHeader(new QName(Ns.WSA10, ""))
        .encryptSignature(true)
        .derivedKeys(derivedKeys);
  }

  static ConversationPolicy sc13(boolean cancel) {
    ConversationPolicy.Builder b =
        ConversationPolicy.newBuilder(
                parts(SecurityPolicy.Binding.SYMMETRIC, true).build(),
                BootstrapPolicy.asymmetricX509(
                    parts(SecurityPolicy.Binding.ASYMMETRIC, false).build()))
            .version(TrustVersion.WS_TRUST_13)
            .entropyMode(EntropyMode.COMBINED);
    if (!cancel) {
      b.mustNotSendCancel();
    }
    return b.build();
  }

  static ConversationPolicy sc200502() {
    return ConversationPolicy.newBuilder(
            parts(SecurityPolicy.Binding.SYMMETRIC, true).build(),
            BootstrapPolicy.symmetricX509Endorsing(
                parts(SecurityPolicy.Binding.SYMMETRIC, true).build()))
        .version(TrustVersion.WS_TRUST_200502)
        .entropyMode(EntropyMode.COMBINED)
        .build();
  }

  static CertificateTrust trust() {
    return CertificateTrust.pkix(
        Set.of(new TrustAnchor(Captures.caCert(), null)),
        List.of(SERVICE.cert(), CLIENT.cert()),
        Clock.systemUTC());
  }

  /** The capture WSDL without its WS-Policy: the service attaches its own. */
  static byte[] template(String file) throws Exception {
    Document d = Captures.parse(Captures.captures().resolve("wsdl").resolve(file));
    List<Node> drop = new ArrayList<>();
    collectPolicy(d.getDocumentElement(), drop);
    for (Node n : drop) {
      n.getParentNode().removeChild(n);
    }
    return XmlWriter.toBytes(d);
  }

  static void collectPolicy(Element e, List<Node> drop) {
    for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c instanceof Element child) {
        String ns = child.getNamespaceURI();
        if (ns != null && (ns.contains("ws-policy") || ns.endsWith("/policy"))) {
          drop.add(child);
        } else {
          collectPolicy(child, drop);
        }
      }
    }
  }

  static SecureConversationService service(ConversationPolicy p, String wsdl) throws Exception {
    return SecureConversationService.newBuilder()
        .policy(p)
        .serviceKey(SERVICE.key(), SERVICE.cert())
        .clientTrust(trust())
        .wsdlTemplate(template(wsdl))
        .operation(
            ACTION,
            NS + "/DoubleItResponse",
            (payload, caller) -> {
              long n = Long.parseLong(Payloads.requireChildText(payload, NS, "numberToDouble"));
              String who = caller.primaryIdentity().orElseThrow().name().orElse("?");
              return Payloads.element(
                  NS,
                  "DoubleItResponse",
                  Payloads.element(NS, "doubledNumber", 2 * n),
                  Payloads.element(NS, "caller", who));
            })
        .build();
  }

  static SecureConversationService s13;
  static SecureConversationService s200502;
  static SecureConversationService s13NoCancel;

  @BeforeAll
  static void start() throws Exception {
    s13 = service(sc13(true), "DoubleItSC13.wsdl");
    s200502 = service(sc200502(), "DoubleItSC200502.wsdl");
    s13NoCancel = service(sc13(false), "DoubleItSC13.wsdl");
    server =
        ParleyServer.newBuilder()
            .bindAddress("127.0.0.1")
            .port(0)
            .endpoint("/sc13", s13.endpoint())
            .endpoint("/sc200502", s200502.endpoint())
            .endpoint("/sc13nocancel", s13NoCancel.endpoint())
            .build()
            .start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static SecureConversationClient client(String path, TestKeys.Entry me) throws Exception {
    return SecureConversationClient.newBuilder()
        .wsdl(URI.create(server.uri(path) + "?wsdl"))
        .clientKey(me.key(), me.cert())
        .serviceCertificate(SERVICE.cert())
        .serviceTrust(trust())
        .build();
  }

  static Element doubleIt(int n) {
    return Payloads.element(NS, "DoubleIt", Payloads.element(NS, "numberToDouble", n));
  }

  static long result(Element response) throws ParleyFault {
    return Long.parseLong(Payloads.requireChildText(response, NS, "doubledNumber"));
  }

  void issueThreeCallsCancel(String path, SecureConversationService service, TrustVersion v)
      throws Exception {
    SecureConversationClient client = client(path, CLIENT);
    assertThat(client.policy().version()).isEqualTo(v);
    SecureConversationClient.Conversation c = client.open();
    assertThat(service.store().get(c.identifier())).isPresent();
    for (int i = 1; i <= 3; i++) {
      Element r = c.call(ACTION, doubleIt(i));
      assertThat(result(r)).isEqualTo(2L * i);
      assertThat(Payloads.requireChildText(r, NS, "caller")).contains("CN=");
    }
    c.close();
    assertThat(service.store().get(c.identifier())).as("cancelled").isEmpty();
  }

  @Test
  void sc13_issueThreeCallsCancel_wsdlConfiguredClient() throws Exception {
    issueThreeCallsCancel("/sc13", s13, TrustVersion.WS_TRUST_13);
  }

  @Test
  void sc200502_issueThreeCallsCancel_wsdlConfiguredClient() throws Exception {
    issueThreeCallsCancel("/sc200502", s200502, TrustVersion.WS_TRUST_200502);
  }

  @Test
  void renew_sameContextNewKey_callsContinue() throws Exception {
    for (String path : List.of("/sc13", "/sc200502")) {
      SecureConversationService service = path.equals("/sc13") ? s13 : s200502;
      try (SecureConversationClient.Conversation c = client(path, CLIENT).open()) {
        assertThat(result(c.call(ACTION, doubleIt(2)))).isEqualTo(4);
        var before = service.store().get(c.identifier()).orElseThrow();
        c.renew();
        var after = service.store().get(c.identifier()).orElseThrow();
        assertThat(after.version()).isGreaterThan(before.version());
        assertThat(after.value().secret().equalsConstantTime(before.value().secret())).isFalse();
        assertThat(result(c.call(ACTION, doubleIt(3)))).isEqualTo(6);
      }
    }
  }

  @Test
  void cancel_byAnotherIdentity_refused_contextStays() throws Exception {
    // The service certificate is issued by the same CA, so it is a trusted but different client.
    SecureConversationClient owner = client("/sc13", CLIENT);
    SecureConversationClient stranger = client("/sc13", SERVICE);
    try (SecureConversationClient.Conversation c = owner.open()) {
      assertThatThrownBy(() -> stranger.cancel(c.identifier()))
          .isInstanceOf(ParleyFault.class)
          .satisfies(
              e ->
                  assertThat(((ParleyFault) e).code())
                      .isIn(FaultCode.FAILED_AUTHENTICATION, FaultCode.SOAP_SENDER));
      assertThat(s13.store().get(c.identifier())).isPresent();
      assertThat(result(c.call(ACTION, doubleIt(5)))).isEqualTo(10);
    }
  }

  @Test
  void cancel_byOwnerUnderBootstrap_removesContext() throws Exception {
    SecureConversationClient owner = client("/sc200502", CLIENT);
    SecureConversationClient.Conversation c = owner.open();
    owner.cancel(c.identifier());
    assertThat(s200502.store().get(c.identifier())).isEmpty();
  }

  @Test
  void callAfterCancel_badContextToken() throws Exception {
    SecureConversationClient client = client("/sc13", CLIENT);
    SecureConversationClient.Conversation c = client.open();
    // The owner cancels from another client object, so this one still holds the old key.
    client("/sc13", CLIENT).cancel(c.identifier());
    assertThatThrownBy(() -> c.call(ACTION, doubleIt(1)))
        .isInstanceOf(ParleyFault.class)
        .satisfies(
            e -> assertThat(((ParleyFault) e).code()).isEqualTo(FaultCode.SC_BAD_CONTEXT_TOKEN));
  }

  @Test
  void unknownContext_badContextToken_nothingStored() throws Exception {
    SecureConversationClient client = client("/sc200502", CLIENT);
    SecureConversationClient.Conversation c = client.open();
    s200502.store().remove(c.identifier());
    assertThatThrownBy(() -> c.call(ACTION, doubleIt(1)))
        .isInstanceOf(ParleyFault.class)
        .satisfies(
            e -> assertThat(((ParleyFault) e).code()).isEqualTo(FaultCode.SC_BAD_CONTEXT_TOKEN));
    assertThat(s200502.store().get(c.identifier())).isEmpty();
  }

  @Test
  void mustNotSendCancel_clientSendsNone_serviceRefusesCancel() throws Exception {
    SecureConversationClient client = client("/sc13nocancel", CLIENT);
    assertThat(client.policy().requireCancellation()).isFalse();
    SecureConversationClient.Conversation c = client.open();
    assertThat(result(c.call(ACTION, doubleIt(4)))).isEqualTo(8);
    c.close();
    assertThat(s13NoCancel.store().get(c.identifier())).as("no cancel sent").isPresent();
    assertThatThrownBy(() -> client.cancel(c.identifier()))
        .isInstanceOf(ParleyFault.class)
        .satisfies(
            e -> assertThat(((ParleyFault) e).code()).isEqualTo(FaultCode.TRUST_INVALID_REQUEST));
    assertThat(s13NoCancel.store().get(c.identifier())).isPresent();
  }

  @Test
  void wsdl_servedFromPolicyCodec_readsBackSamePolicy() throws Exception {
    assertThat(client("/sc13", CLIENT).policy()).isEqualTo(sc13(true));
    assertThat(client("/sc200502", CLIENT).policy()).isEqualTo(sc200502());
    assertThat(client("/sc13nocancel", CLIENT).policy()).isEqualTo(sc13(false));
  }

  @Test
  void oneClient_manyConversationsConcurrently_eachUsesItsOwnContext() throws Exception {
    SecureConversationClient client = client("/sc200502", CLIENT);
    int threads = 6;
    var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<String>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int base = 100 * t;
        results.add(
            pool.submit(
                () -> {
                  try (SecureConversationClient.Conversation c = client.open()) {
                    for (int i = 0; i < 3; i++) {
                      assertThat(result(c.call(ACTION, doubleIt(base + i))))
                          .isEqualTo(2L * (base + i));
                    }
                    return c.identifier();
                  }
                }));
      }
      Set<String> ids = new java.util.HashSet<>();
      for (var f : results) {
        ids.add(f.get(2, java.util.concurrent.TimeUnit.MINUTES));
      }
      assertThat(ids).hasSize(threads);
      for (String id : ids) {
        assertThat(s200502.store().get(id)).as("cancelled on close").isEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
