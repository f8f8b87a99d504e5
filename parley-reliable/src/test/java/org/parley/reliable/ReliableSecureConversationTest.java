package org.parley.reliable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.conversation.client.SecureConversationClient;
import org.parley.core.fault.FaultCode;
import org.parley.endpoint.SoapFaultException;
import org.parley.endpoint.SoapHttpClient;
import org.parley.http.ParleyServer;
import org.parley.reliable.message.CreateSequence;
import org.parley.reliable.message.RmCodec;
import org.parley.reliable.message.RmLimits;
import org.parley.reliable.message.RmVersion;
import org.parley.reliable.message.SequenceHeader;
import org.parley.reliable.testing.DoubleIt;
import org.parley.reliable.testing.FaultInjectingProxy;
import org.parley.reliable.testing.ScFixture;
import org.parley.security.TestKeys;
import org.parley.wire.addressing.AddressingHeaders;
import org.parley.wire.addressing.AddressingVersion;
import org.parley.wire.addressing.EndpointReference;
import org.parley.wire.soap.SoapEnvelope;
import org.parley.wire.soap.SoapEnvelopeBuilder;
import org.parley.wire.soap.SoapVersion;
import org.w3c.dom.Document;

/**
 * WS-RM inside a WS-SC 1.3 secure conversation: sequences bound to the context that created them
 * (WS-RM 1.2 section 5.2.1), exactly-once in-order delivery over a lossy link, and hijack attempts
 * from another client's context refused.
 */
class ReliableSecureConversationTest {
  static ScFixture fixture;
  static ParleyServer server;
  static final RmCodec CODEC = RmCodec.create(RmLimits.DEFAULT);

  @BeforeAll
  static void start() throws Exception {
    fixture =
        new ScFixture(
            b -> b.maxBufferedMessagesPerSequence(16).maxDeliveryWait(Duration.ofMillis(500)));
    server =
        ParleyServer.newBuilder()
            .bindAddress("127.0.0.1")
            .port(0)
            .endpoint("/sc13rm", fixture.service.endpoint())
            .build()
            .start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static SecureConversationClient client(URI address) throws Exception {
    return SecureConversationClient.newBuilder()
        .wsdl(fixture.service.wsdl().orElseThrow())
        .address(address)
        .clientKey(TestKeys.CLIENT.key(), TestKeys.CLIENT.cert())
        .serviceCertificate(TestKeys.SERVICE.cert())
        .httpClient(SoapHttpClient.newBuilder().requestTimeout(Duration.ofSeconds(10)).build())
        .build();
  }

  static ReliableSource source(SecureConversationClient.Conversation c, URI address) {
    return ReliableSource.newBuilder()
        .transport(c::exchange)
        .to(address.toString())
        .boundToContext(c.identifier())
        .initialRetransmissionInterval(Duration.ofMillis(10))
        .maxRetransmissionInterval(Duration.ofMillis(200))
        .maxAttempts(40)
        .maxInFlight(4)
        .build();
  }

  @Test
  @Timeout(300)
  void thousandCalls_lossyLink_insideSecureConversation_exactlyOnceInOrder() throws Exception {
    try (FaultInjectingProxy proxy =
        FaultInjectingProxy.start(server.uri("/"), 6L, LossyLinkTest.LOSSY.reliableTrafficOnly())) {
      URI address = proxy.uri("/sc13rm");
      int before = fixture.app.deliveries().size();
      SecureConversationClient.Conversation c = client(address).open();
      int wrong;
      try (ReliableSource.Session session = source(c, address).open()) {
        wrong = LossyLinkTest.callConcurrently(session, 1000, 4);
      }
      c.close();
      assertThat(wrong).isZero();
      LossyLinkTest.assertExactlyOnceInOrder(
          fixture.app.deliveries().subList(before, fixture.app.deliveries().size()), 1000);
      assertThat(proxy.droppedRequests()).isPositive();
      assertThat(proxy.droppedResponses()).isPositive();
      assertThat(proxy.duplicated()).isPositive();
      System.out.println("WS-RM 1.2 in WS-SC 1.3, 1000 calls: " + proxy);
    }
  }

  @Test
  void sequenceMessage_protectedByAnotherClientsContext_refused_ownerUnaffected() throws Exception {
    URI address = server.uri("/sc13rm");
    SecureConversationClient.Conversation owner = client(address).open();
    SecureConversationClient.Conversation thief = client(address).open();
    try (ReliableSource.Session session = source(owner, address).open()) {
      assertThat(DoubleIt.doubled(session.call(DoubleIt.ACTION, DoubleIt.request(1)))).isEqualTo(2);
      Document forged = sequenceMessage(address, session.identifier(), 2, 21);
      int before = fixture.app.deliveries().size();
      assertThatThrownBy(() -> thief.exchange(forged, DoubleIt.ACTION))
          .isInstanceOfSatisfying(
              SoapFaultException.class,
              e -> assertThat(e.code()).isEqualTo(FaultCode.FAILED_AUTHENTICATION));
      assertThat(fixture.app.deliveries()).as("nothing delivered for the thief").hasSize(before);
      // The thief's message took nothing: number 2 is still the owner's.
      assertThat(DoubleIt.doubled(session.call(DoubleIt.ACTION, DoubleIt.request(2)))).isEqualTo(4);
    }
    owner.close();
    thief.close();
  }

  @Test
  void createSequence_referencingAnotherContext_createSequenceRefused() throws Exception {
    URI address = server.uri("/sc13rm");
    SecureConversationClient.Conversation victim = client(address).open();
    SecureConversationClient.Conversation thief = client(address).open();
    SoapEnvelopeBuilder b = envelope(address, RmVersion.WSRM_12.actionCreateSequence());
    b.addHeaderBlock(CODEC.writeUsesSequenceStr(b.document(), RmVersion.WSRM_12), true);
    b.addBodyContent(
        CODEC.write(
            b.document(),
            new CreateSequence(
                RmVersion.WSRM_12,
                AddressingVersion.WSA_10.anonymousUri(),
                null,
                null,
                victim.identifier())));
    Document cs = b.build().document();
    assertThatThrownBy(() -> thief.exchange(cs, RmVersion.WSRM_12.actionCreateSequence()))
        .isInstanceOfSatisfying(
            SoapFaultException.class,
            e -> assertThat(e.code()).isEqualTo(FaultCode.RM_CREATE_SEQUENCE_REFUSED));
    victim.close();
    thief.close();
  }

  @Test
  void unprotectedMessage_forBoundSequence_refusedBeforeTheDestination() throws Exception {
    URI address = server.uri("/sc13rm");
    SecureConversationClient.Conversation owner = client(address).open();
    try (ReliableSource.Session session = source(owner, address).open()) {
      Document plain = sequenceMessage(address, session.identifier(), 1, 5);
      int before = fixture.app.deliveries().size();
      assertThatThrownBy(
              () ->
                  SoapHttpClient.newBuilder()
                      .build()
                      .exchange(address, SoapVersion.SOAP_12, DoubleIt.ACTION, plain))
          .isInstanceOf(SoapFaultException.class);
      assertThat(fixture.app.deliveries()).hasSize(before);
    }
    owner.close();
  }

  static Document sequenceMessage(URI address, String sequence, long number, int value) {
    SoapEnvelopeBuilder b = envelope(address, DoubleIt.ACTION);
    b.addHeaderBlock(
        CODEC.write(b.document(), new SequenceHeader(RmVersion.WSRM_12, sequence, number, false)),
        true);
    b.addBodyContent(
        org.parley.wire.xml.Dom.importSelfContained(b.document(), DoubleIt.request(value)));
    return b.build().document();
  }

  static SoapEnvelopeBuilder envelope(URI address, String action) {
    SoapEnvelopeBuilder b = SoapEnvelope.newBuilder(SoapVersion.SOAP_12);
    AddressingHeaders.newBuilder(AddressingVersion.WSA_10)
        .action(action)
        .messageId("urn:uuid:" + UUID.randomUUID())
        .to(address.toString())
        .replyTo(EndpointReference.of(AddressingVersion.WSA_10.anonymousUri()))
        .build()
        .writeTo(b);
    return b;
  }
}
