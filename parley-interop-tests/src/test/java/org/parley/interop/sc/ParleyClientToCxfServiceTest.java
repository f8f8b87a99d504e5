package org.parley.interop.sc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.conversation.client.SecureConversationClient;
import org.parley.conversation.trust.TrustCompliance;
import org.parley.conversation.trust.TrustVersion;
import org.parley.endpoint.Payloads;
import org.parley.interop.cxf.CxfService;
import org.parley.interop.cxf.DoubleIt;
import org.parley.interop.cxf.Scenario;
import org.parley.security.TestKeys;
import org.w3c.dom.Element;

/**
 * Parley's {@link SecureConversationClient}, configured from the WSDL CXF publishes, against Apache
 * CXF's DoubleIt service: issue, three calls, cancel, for WS-SC 1.3 and February 2005.
 */
class ParleyClientToCxfServiceTest {
  static CxfService cxf;

  @BeforeAll
  static void start() throws Exception {
    cxf = CxfService.start(Scenario.SC13, Scenario.SC200502);
  }

  @AfterAll
  static void stop() {
    if (cxf != null) {
      cxf.close();
    }
  }

  static SecureConversationClient client(Scenario s) throws Exception {
    return SecureConversationClient.newBuilder()
        .wsdl(URI.create(cxf.address(s) + "?wsdl"))
        .address(cxf.address(s))
        .clientKey(TestKeys.CLIENT.key(), TestKeys.CLIENT.cert())
        .serviceCertificate(TestKeys.SERVICE.cert())
        .serviceTrust(TestKeys.trust(Clock.systemUTC()))
        .trustCompliance(TrustCompliance.CXF)
        .build();
  }

  static Element doubleIt(int n) {
    return Payloads.element(
        DoubleIt.NS, "DoubleIt", Payloads.element(DoubleIt.NS, "numberToDouble", n));
  }

  void issueThreeCallsCancel(Scenario s, TrustVersion v) throws Exception {
    SecureConversationClient client = client(s);
    assertThat(client.policy().version()).isEqualTo(v);
    int before = cxf.implementation(s).calls();
    try (SecureConversationClient.Conversation c = client.open()) {
      for (int i = 1; i <= 3; i++) {
        Element r = c.call(DoubleIt.ACTION, doubleIt(10 + i));
        assertThat(Payloads.requireChildText(r, DoubleIt.NS, "doubledNumber"))
            .isEqualTo(String.valueOf(2 * (10 + i)));
      }
    }
    // The calls passed CXF's own security processing and reached the implementation.
    assertThat(cxf.implementation(s).calls() - before).isEqualTo(3);
  }

  @Test
  void sc13_issueThreeCallsCancel() throws Exception {
    issueThreeCallsCancel(Scenario.SC13, TrustVersion.WS_TRUST_13);
  }

  @Test
  void sc200502_issueThreeCallsCancel() throws Exception {
    issueThreeCallsCancel(Scenario.SC200502, TrustVersion.WS_TRUST_200502);
  }

  void renewThenCall(Scenario s) throws Exception {
    try (SecureConversationClient.Conversation c = client(s).open()) {
      Element r = c.call(DoubleIt.ACTION, doubleIt(1));
      assertThat(Payloads.requireChildText(r, DoubleIt.NS, "doubledNumber")).isEqualTo("2");
      // WS-SC 1.3 section 5: RST/Renew under the bootstrap policy; CXF returns a new key.
      c.renew();
      r = c.call(DoubleIt.ACTION, doubleIt(4));
      assertThat(Payloads.requireChildText(r, DoubleIt.NS, "doubledNumber")).isEqualTo("8");
    }
  }

  @Test
  void sc13_renew_thenCallsWithTheNewKey() throws Exception {
    renewThenCall(Scenario.SC13);
  }

  @Test
  void sc200502_renew_thenCallsWithTheNewKey() throws Exception {
    renewThenCall(Scenario.SC200502);
  }
}
