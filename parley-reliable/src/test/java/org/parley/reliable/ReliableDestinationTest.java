package org.parley.reliable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.core.testing.MutableClock;
import org.parley.endpoint.SoapRequest;
import org.parley.reliable.message.CreateSequence;
import org.parley.reliable.message.RmCodec;
import org.parley.reliable.message.RmHeaders;
import org.parley.reliable.message.RmLimits;
import org.parley.reliable.message.RmVersion;
import org.parley.reliable.message.SequenceAcknowledgement;
import org.parley.reliable.message.SequenceControl;
import org.parley.reliable.message.SequenceHeader;
import org.parley.reliable.testing.DoubleIt;
import org.parley.wire.addressing.AddressingHeaders;
import org.parley.wire.addressing.EndpointReference;
import org.parley.wire.fault.SequenceFault;
import org.parley.wire.soap.SoapEnvelope;
import org.parley.wire.soap.SoapEnvelopeBuilder;
import org.parley.wire.soap.SoapVersion;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Document;

/** The RM destination called directly: delivery assurances, bounds and faults (WS-RM 1.2). */
class ReliableDestinationTest {
  static final RmCodec CODEC = RmCodec.create(RmLimits.DEFAULT);
  static final HardenedXml XML = HardenedXml.create(XmlLimits.DEFAULT);
  static final URI ADDRESS = URI.create("http://127.0.0.1/rm");
  static final RmVersion V = RmVersion.WSRM_12;

  final DoubleIt app = new DoubleIt();

  static SoapRequest request(SoapEnvelopeBuilder b, String action) throws ParleyFault {
    Document d = XML.parse(XmlWriter.toBytes(b.build().document()));
    return SoapRequest.of(SoapVersion.SOAP_12, d, action, ADDRESS);
  }

  static SoapEnvelopeBuilder envelope(String action) {
    SoapEnvelopeBuilder b = SoapEnvelope.newBuilder(SoapVersion.SOAP_12);
    AddressingHeaders.newBuilder(V.addressing())
        .action(action)
        .messageId("urn:uuid:" + UUID.randomUUID())
        .to(ADDRESS.toString())
        .replyTo(EndpointReference.of(V.addressing().anonymousUri()))
        .build()
        .writeTo(b);
    return b;
  }

  static String create(ReliableDestination d) throws ParleyFault {
    SoapEnvelopeBuilder b = envelope(V.actionCreateSequence());
    b.addBodyContent(
        CODEC.write(
            b.document(), new CreateSequence(V, V.addressing().anonymousUri(), null, null, null)));
    Document r = d.handle(request(b, V.actionCreateSequence()));
    return CODEC.readCreateSequenceResponse(SoapEnvelope.of(r).bodyPayload()).identifier();
  }

  static Document message(ReliableDestination d, String seq, long n, int value) throws ParleyFault {
    SoapEnvelopeBuilder b = envelope(DoubleIt.ACTION);
    b.addHeaderBlock(CODEC.write(b.document(), new SequenceHeader(V, seq, n, false)), true);
    b.addBodyContent(Dom.importSelfContained(b.document(), DoubleIt.request(value)));
    return d.handle(request(b, DoubleIt.ACTION));
  }

  static SequenceAcknowledgement ack(Document response) throws ParleyFault {
    RmHeaders h = CODEC.readHeaders(SoapEnvelope.of(response));
    return h.acknowledgements().get(0);
  }

  static int doubled(Document response) throws ParleyFault {
    return DoubleIt.doubled(SoapEnvelope.of(response).bodyPayload());
  }

  ReliableDestination.Builder destination() {
    return ReliableDestination.newBuilder().handler(app.handler());
  }

  @Test
  void duplicate_answeredFromResponseCache_deliveredOnce_exactlyOnce() throws Exception {
    ReliableDestination d = destination().build();
    String seq = create(d);
    assertThat(doubled(message(d, seq, 1, 21))).isEqualTo(42);
    Document again = message(d, seq, 1, 99); // same number, whatever the body says now
    assertThat(doubled(again)).isEqualTo(42);
    assertThat(app.deliveries()).hasSize(1);
    assertThat(ack(again).acknowledges(1)).isTrue();
  }

  @Test
  void outOfOrder_waitsForItsPredecessor_deliveredInOrder_inOrder() throws Exception {
    ReliableDestination d = destination().maxDeliveryWait(Duration.ofSeconds(30)).build();
    String seq = create(d);
    CompletableFuture<Document> second =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return message(d, seq, 2, 2);
              } catch (ParleyFault e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(100);
    assertThat(app.deliveries()).isEmpty();
    assertThat(doubled(message(d, seq, 1, 1))).isEqualTo(2);
    assertThat(doubled(second.get(30, TimeUnit.SECONDS))).isEqualTo(4);
    assertThat(app.deliveries())
        .containsExactly(new DoubleIt.Delivery(1, 1), new DoubleIt.Delivery(2, 2));
  }

  @Test
  void outOfOrder_pastMaxDeliveryWait_answeredWithAcknowledgementOnly_notDelivered()
      throws Exception {
    ReliableDestination d = destination().maxDeliveryWait(Duration.ofMillis(20)).build();
    String seq = create(d);
    Document r = message(d, seq, 3, 3);
    assertThat(Dom.firstChildElement(SoapEnvelope.of(r).body())).isNull();
    assertThat(ack(r).none()).isTrue(); // WS-RM 1.2 section 3.9: nothing received yet
    assertThat(app.deliveries()).isEmpty();
  }

  @Test
  void bufferExhausted_faultNamesSetting_otherSequencesKeepBeingServed() throws Exception {
    ReliableDestination d =
        destination()
            .maxBufferedMessagesPerSequence(1)
            .maxDeliveryWait(Duration.ofSeconds(30))
            .build();
    String full = create(d);
    CompletableFuture<Document> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return message(d, full, 3, 3);
              } catch (ParleyFault e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(100);
    assertThatThrownBy(() -> message(d, full, 4, 4))
        .isInstanceOfSatisfying(
            ParleyFault.class,
            f -> {
              assertThat(f.code()).isEqualTo(FaultCode.SOAP_RECEIVER);
              assertThat(f.getMessage()).contains("maxBufferedMessagesPerSequence=1");
            });
    String other = create(d);
    assertThat(doubled(message(d, other, 1, 10))).isEqualTo(20);
    // The full sequence recovers once its gap is filled.
    assertThat(doubled(message(d, full, 1, 1))).isEqualTo(2);
    assertThat(doubled(message(d, full, 2, 2))).isEqualTo(4);
    assertThat(doubled(waiting.get(30, TimeUnit.SECONDS))).isEqualTo(6);
  }

  @Test
  void maxOpenSequences_reached_createSequenceRefused_section4_6() throws Exception {
    ReliableDestination d = destination().maxOpenSequences(2).build();
    create(d);
    create(d);
    assertThatThrownBy(() -> create(d))
        .isInstanceOfSatisfying(
            SequenceFault.class,
            f -> {
              assertThat(f.code()).isEqualTo(FaultCode.RM_CREATE_SEQUENCE_REFUSED);
              assertThat(f.getMessage()).contains("maxOpenSequences=2");
            });
  }

  @Test
  void inactivityTimeout_exactlyAtTheBound_sequenceForgotten_unknownSequence() throws Exception {
    MutableClock clock = MutableClock.atDefaultStart();
    ReliableDestination d =
        destination().clock(clock).inactivityTimeout(Duration.ofMinutes(2)).build();
    String seq = create(d);
    clock.advance(Duration.ofMinutes(2).minusNanos(1));
    assertThat(doubled(message(d, seq, 1, 1))).isEqualTo(2);
    clock.advance(Duration.ofMinutes(2));
    assertThatThrownBy(() -> message(d, seq, 2, 2))
        .isInstanceOfSatisfying(
            SequenceFault.class,
            f -> {
              assertThat(f.code()).isEqualTo(FaultCode.RM_UNKNOWN_SEQUENCE);
              assertThat(f.identifier()).contains(seq);
            });
    assertThat(d.openSequences()).isZero();
  }

  @Test
  void expiredSequences_makeRoomForNewOnes() throws Exception {
    MutableClock clock = MutableClock.atDefaultStart();
    ReliableDestination d =
        destination()
            .clock(clock)
            .maxOpenSequences(1)
            .inactivityTimeout(Duration.ofMinutes(1))
            .build();
    create(d);
    clock.advance(Duration.ofMinutes(1));
    assertThat(create(d)).isNotNull();
  }

  @Test
  void messageOutsideSequence_wsrmRequired_section4_7() throws Exception {
    ReliableDestination d = destination().build();
    SoapEnvelopeBuilder b = envelope(DoubleIt.ACTION);
    b.addBodyContent(Dom.importSelfContained(b.document(), DoubleIt.request(1)));
    assertThatThrownBy(() -> d.handle(request(b, DoubleIt.ACTION)))
        .isInstanceOfSatisfying(
            ParleyFault.class, f -> assertThat(f.code()).isEqualTo(FaultCode.RM_WSRM_REQUIRED));
    assertThat(app.deliveries()).isEmpty();
  }

  @Test
  void unknownSequence_unknownSequenceFault_section4_3() {
    ReliableDestination d = destination().build();
    assertThatThrownBy(() -> message(d, "urn:uuid:nobody", 1, 1))
        .isInstanceOfSatisfying(
            ParleyFault.class, f -> assertThat(f.code()).isEqualTo(FaultCode.RM_UNKNOWN_SEQUENCE));
  }

  static Document control(
      ReliableDestination d, SequenceControl.Kind kind, String action, String seq)
      throws ParleyFault {
    SoapEnvelopeBuilder b = envelope(action);
    b.addBodyContent(CODEC.write(b.document(), SequenceControl.of(kind, V, seq)));
    return d.handle(request(b, action));
  }

  @Test
  void closedSequence_newMessageRefused_duplicateStillAnswered_section3_5() throws Exception {
    ReliableDestination d = destination().build();
    String seq = create(d);
    message(d, seq, 1, 1);
    Document closed = control(d, SequenceControl.Kind.CLOSE, V.actionCloseSequence(), seq);
    assertThat(ack(closed).isFinal()).isTrue();
    assertThat(ack(closed).acknowledges(1)).isTrue();
    assertThat(doubled(message(d, seq, 1, 1))).isEqualTo(2);
    assertThatThrownBy(() -> message(d, seq, 2, 2))
        .isInstanceOfSatisfying(
            ParleyFault.class, f -> assertThat(f.code()).isEqualTo(FaultCode.RM_SEQUENCE_CLOSED));
  }

  @Test
  void terminate_answered_thenSequenceUnknown_section3_6() throws Exception {
    ReliableDestination d = destination().build();
    String seq = create(d);
    Document r = control(d, SequenceControl.Kind.TERMINATE, V.actionTerminateSequence(), seq);
    assertThat(SoapEnvelope.of(r).bodyPayload().getLocalName())
        .isEqualTo("TerminateSequenceResponse");
    assertThat(d.openSequences()).isZero();
    assertThatThrownBy(() -> message(d, seq, 1, 1))
        .isInstanceOfSatisfying(
            ParleyFault.class, f -> assertThat(f.code()).isEqualTo(FaultCode.RM_UNKNOWN_SEQUENCE));
  }

  @Test
  void handlerFault_cachedAsDelivered_retransmissionGetsTheSameFault() throws Exception {
    int[] calls = {0};
    ReliableDestination d =
        ReliableDestination.newBuilder()
            .handler(
                r -> {
                  calls[0]++;
                  throw new ParleyFault(FaultCode.SOAP_SENDER, "no");
                })
            .build();
    String seq = create(d);
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> message(d, seq, 1, 1)).isInstanceOf(ParleyFault.class);
    }
    assertThat(calls[0]).isEqualTo(1);
  }
}
