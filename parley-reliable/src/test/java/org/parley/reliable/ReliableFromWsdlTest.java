package org.parley.reliable;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.conversation.client.SecureConversationClient;
import org.parley.endpoint.SoapHttpClient;
import org.parley.http.ParleyServer;
import org.parley.reliable.policy.ReliablePolicy;
import org.parley.reliable.testing.DoubleIt;
import org.parley.reliable.testing.ScFixture;
import org.parley.security.TestKeys;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;

/**
 * A secure conversation endpoint publishes {@code wsrmp:RMAssertion} with {@code SequenceSTR} in
 * its WSDL; Parley's client, configured from that WSDL alone, turns WS-RM on inside the
 * conversation.
 */
class ReliableFromWsdlTest {
  @Test
  void servedWsdl_carriesRmAssertionAndSequenceStr_clientEnablesRmFromIt() throws Exception {
    ScFixture fixture = new ScFixture(b -> b);
    ReliablePolicy published = ReliablePolicy.boundToSecurityContext();
    try (ParleyServer server =
        ParleyServer.newBuilder()
            .bindAddress("127.0.0.1")
            .port(0)
            .endpoint(
                "/r",
                published.publish(fixture.service.endpoint(), fixture.service.wsdl().orElseThrow()))
            .build()
            .start()) {
      URI wsdlUri = URI.create(server.uri("/r") + "?wsdl");
      byte[] wsdl = SoapHttpClient.newBuilder().build().get(wsdlUri).body();
      String text = new String(wsdl, StandardCharsets.UTF_8);
      assertThat(text).contains("RMAssertion").contains("SequenceSTR").contains("ExactlyOnce");
      Optional<ReliablePolicy> read =
          ReliablePolicy.read(HardenedXml.create(XmlLimits.DEFAULT).parse(wsdl));
      assertThat(read).contains(published);
      SecureConversationClient client =
          SecureConversationClient.newBuilder()
              .wsdl(wsdlUri)
              .clientKey(TestKeys.CLIENT.key(), TestKeys.CLIENT.cert())
              .serviceCertificate(TestKeys.SERVICE.cert())
              .build();
      try (ReliableConversation rc =
          ReliableConversation.open(
              client, read, b -> b.initialRetransmissionInterval(Duration.ofMillis(20)))) {
        assertThat(rc.sequenceIdentifier()).isPresent();
        for (int i = 1; i <= 3; i++) {
          assertThat(DoubleIt.doubled(rc.call(DoubleIt.ACTION, DoubleIt.request(i))))
              .isEqualTo(2 * i);
        }
      }
      assertThat(fixture.app.deliveries())
          .containsExactly(
              new DoubleIt.Delivery(1, 1),
              new DoubleIt.Delivery(2, 2),
              new DoubleIt.Delivery(3, 3));
      assertThat(fixture.destination.get().openSequences()).isZero();
    }
  }
}
