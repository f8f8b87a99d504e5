package org.parley.reliable.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.wire.Ns;
import org.parley.wire.fault.SequenceFault;
import org.parley.wire.soap.SoapEnvelope;
import org.parley.wire.soap.SoapEnvelopeBuilder;
import org.parley.wire.soap.SoapVersion;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** WS-RM 1.2 and Feb 2005 messages written, serialized, parsed and read back; strictness. */
class RmCodecTest {
  static final HardenedXml XML = HardenedXml.create(XmlLimits.DEFAULT);
  static final RmCodec CODEC = RmCodec.create(RmLimits.DEFAULT);
  static final String ID = "urn:uuid:6a1e4b3c-0000-4000-8000-000000000001";

  /** Writes an element into a fresh document, serializes and parses it again. */
  static Element reparsed(java.util.function.Function<Document, Element> writer) throws Exception {
    Document d = HardenedXml.newEmptyDocument();
    d.appendChild(writer.apply(d));
    return XML.parse(XmlWriter.toBytes(d)).getDocumentElement();
  }

  static Element parse(String xml) throws Exception {
    return XML.parse(xml.getBytes(StandardCharsets.UTF_8)).getDocumentElement();
  }

  /** An envelope with {@code headers} (XML text) in its Header. */
  static SoapEnvelope withHeaders(String headers) throws Exception {
    return SoapEnvelope.of(
        XML.parse(
            ("<s:Envelope xmlns:s='"
                    + Ns.SOAP12
                    + "'><s:Header>"
                    + headers
                    + "</s:Header><s:Body/></s:Envelope>")
                .getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest
  @EnumSource(RmVersion.class)
  void createSequence_withOffer_roundTrips_section3_4(RmVersion v) throws Exception {
    String anon = v.addressing().anonymousUri();
    CreateSequence cs =
        new CreateSequence(
            v,
            anon,
            Duration.ofHours(1),
            new CreateSequence.Offer(
                v, "urn:offer:1", v == RmVersion.WSRM_12 ? anon : null, Duration.ofMinutes(5)),
            v == RmVersion.WSRM_12 ? "urn:uuid:ctx-1" : null);
    CreateSequence back = CODEC.readCreateSequence(reparsed(d -> CODEC.write(d, cs)));
    assertThat(back).isEqualTo(cs);
  }

  @ParameterizedTest
  @EnumSource(RmVersion.class)
  void createSequenceResponse_withAccept_roundTrips(RmVersion v) throws Exception {
    CreateSequenceResponse r =
        new CreateSequenceResponse(v, ID, Duration.ofMinutes(10), "http://127.0.0.1/acks");
    assertThat(CODEC.readCreateSequenceResponse(reparsed(d -> CODEC.write(d, r)))).isEqualTo(r);
  }

  @ParameterizedTest
  @EnumSource(RmVersion.class)
  void sequenceHeader_and_acknowledgement_roundTripAsHeaders_sections3_7_3_9(RmVersion v)
      throws Exception {
    SoapEnvelopeBuilder b = SoapEnvelope.newBuilder(SoapVersion.SOAP_12);
    boolean last = v == RmVersion.WSRM_200502;
    b.addHeaderBlock(
        CODEC.write(b.document(), new SequenceHeader(v, ID, Long.MAX_VALUE, last)), true);
    SequenceAcknowledgement ack =
        new SequenceAcknowledgement(
            v,
            ID,
            List.of(new AckRange(5, 9), new AckRange(1, 3)),
            List.of(),
            false,
            v == RmVersion.WSRM_12);
    b.addHeaderBlock(CODEC.write(b.document(), ack));
    b.addHeaderBlock(
        CODEC.write(b.document(), SequenceControl.of(SequenceControl.Kind.ACK_REQUESTED, v, ID)));
    SoapEnvelope env = SoapEnvelope.of(XML.parse(XmlWriter.toBytes(b.build().document())));
    RmHeaders h = CODEC.readHeaders(env);
    assertThat(h.sequence()).isEqualTo(new SequenceHeader(v, ID, Long.MAX_VALUE, last));
    assertThat(h.acknowledgements()).containsExactly(ack);
    assertThat(h.acknowledgements().get(0).ranges())
        .containsExactly(new AckRange(1, 3), new AckRange(5, 9));
    assertThat(h.acknowledgements().get(0).acknowledges(4)).isFalse();
    assertThat(h.acknowledgements().get(0).acknowledges(9)).isTrue();
    assertThat(h.ackRequested()).hasSize(1);
  }

  @Test
  void acknowledgement_noneAndNack_roundTrip_wsrm12() throws Exception {
    SequenceAcknowledgement none =
        SequenceAcknowledgement.of(RmVersion.WSRM_12, ID, List.of(), false);
    assertThat(none.none()).isTrue();
    SequenceAcknowledgement nack =
        new SequenceAcknowledgement(
            RmVersion.WSRM_12, ID, List.of(), List.of(4L, 7L), false, false);
    for (SequenceAcknowledgement a : List.of(none, nack)) {
      SoapEnvelopeBuilder b = SoapEnvelope.newBuilder(SoapVersion.SOAP_11);
      b.addHeaderBlock(CODEC.write(b.document(), a));
      SoapEnvelope env = SoapEnvelope.of(XML.parse(XmlWriter.toBytes(b.build().document())));
      assertThat(CODEC.readHeaders(env).acknowledgements()).containsExactly(a);
    }
  }

  @ParameterizedTest
  @EnumSource(SequenceControl.Kind.class)
  void controlMessages_roundTrip_wsrm12(SequenceControl.Kind kind) throws Exception {
    long last =
        kind == SequenceControl.Kind.CLOSE || kind == SequenceControl.Kind.TERMINATE ? 42 : 0;
    SequenceControl c = new SequenceControl(kind, RmVersion.WSRM_12, ID, last);
    assertThat(CODEC.readControl(reparsed(d -> CODEC.write(d, c)), kind)).isEqualTo(c);
  }

  @Test
  void closeSequence_doesNotExistInFeb2005() {
    assertThatThrownBy(
            () -> SequenceControl.of(SequenceControl.Kind.CLOSE, RmVersion.WSRM_200502, "urn:x:1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---- hostile and awkward input

  static String seq(String ns, String number) {
    return "<r:Sequence xmlns:r='"
        + ns
        + "'><r:Identifier>"
        + ID
        + "</r:Identifier><r:MessageNumber>"
        + number
        + "</r:MessageNumber></r:Sequence>";
  }

  @Test
  void messageNumber_maxValue_accepted_onePast_isMessageNumberRollover_section4_5()
      throws Exception {
    assertThat(CODEC.readHeaders(withHeaders(seq(Ns.WSRM12, "9223372036854775807"))).sequence())
        .extracting(SequenceHeader::messageNumber)
        .isEqualTo(Long.MAX_VALUE);
    assertThatThrownBy(() -> CODEC.readHeaders(withHeaders(seq(Ns.WSRM12, "9223372036854775808"))))
        .isInstanceOfSatisfying(
            SequenceFault.class,
            f -> {
              assertThat(f.code()).isEqualTo(FaultCode.RM_MESSAGE_NUMBER_ROLLOVER);
              assertThat(f.identifier()).contains(ID);
            });
  }

  @Test
  void messageNumber_zeroNegativeOrNotANumber_senderFault_section3_7() {
    for (String bad : List.of("0", "-1", "+1", "1.0", "", "12345678901234567890123", "1e3")) {
      assertThatThrownBy(() -> CODEC.readHeaders(withHeaders(seq(Ns.WSRM12, bad))))
          .as(bad)
          .isInstanceOfSatisfying(
              ParleyFault.class, f -> assertThat(f.code()).isEqualTo(FaultCode.SOAP_SENDER));
    }
  }

  @Test
  void twoSequenceHeaders_refused() {
    assertThatThrownBy(
            () -> CODEC.readHeaders(withHeaders(seq(Ns.WSRM12, "1") + seq(Ns.WSRM12, "2"))))
        .isInstanceOf(ParleyFault.class)
        .hasMessageContaining("more than one");
  }

  @Test
  void headersOfBothVersions_refused() {
    assertThatThrownBy(
            () -> CODEC.readHeaders(withHeaders(seq(Ns.WSRM12, "1") + seq(Ns.WSRM200502, "2"))))
        .isInstanceOf(ParleyFault.class)
        .hasMessageContaining("two WS-RM versions");
  }

  @Test
  void overlappingRanges_invalidAcknowledgement_section4_4() {
    String ack =
        "<r:SequenceAcknowledgement xmlns:r='"
            + Ns.WSRM12
            + "'><r:Identifier>"
            + ID
            + "</r:Identifier><r:AcknowledgementRange Lower='1' Upper='5'/>"
            + "<r:AcknowledgementRange Lower='5' Upper='8'/></r:SequenceAcknowledgement>";
    assertThatThrownBy(() -> CODEC.readHeaders(withHeaders(ack)))
        .isInstanceOfSatisfying(
            SequenceFault.class,
            f -> assertThat(f.code()).isEqualTo(FaultCode.RM_INVALID_ACKNOWLEDGEMENT));
  }

  @Test
  void rangesAndNacksTogether_invalidAcknowledgement() {
    String ack =
        "<r:SequenceAcknowledgement xmlns:r='"
            + Ns.WSRM12
            + "'><r:Identifier>"
            + ID
            + "</r:Identifier><r:AcknowledgementRange Lower='1' Upper='5'/>"
            + "<r:Nack>7</r:Nack></r:SequenceAcknowledgement>";
    assertThatThrownBy(() -> CODEC.readHeaders(withHeaders(ack)))
        .isInstanceOfSatisfying(
            SequenceFault.class,
            f -> assertThat(f.code()).isEqualTo(FaultCode.RM_INVALID_ACKNOWLEDGEMENT));
  }

  static String ranges(int count) {
    StringBuilder sb =
        new StringBuilder("<r:SequenceAcknowledgement xmlns:r='" + Ns.WSRM12 + "'><r:Identifier>")
            .append(ID)
            .append("</r:Identifier>");
    for (int i = 0; i < count; i++) {
      sb.append("<r:AcknowledgementRange Lower='")
          .append(2 * i + 1)
          .append("' Upper='")
          .append(2 * i + 1)
          .append("'/>");
    }
    return sb.append("</r:SequenceAcknowledgement>").toString();
  }

  @Test
  void ackRanges_atMaxAckRanges_accepted_onePast_refusedNamingTheSetting() throws Exception {
    RmCodec small = RmCodec.create(RmLimits.newBuilder().maxAckRanges(4).build());
    assertThat(small.readHeaders(withHeaders(ranges(4))).acknowledgements().get(0).ranges())
        .hasSize(4);
    assertThatThrownBy(() -> small.readHeaders(withHeaders(ranges(5))))
        .isInstanceOf(ParleyFault.class)
        .hasMessageContaining("maxAckRanges=4");
  }

  @Test
  void identifier_atMaxIdentifierChars_accepted_onePast_refusedNamingTheSetting() throws Exception {
    RmCodec small = RmCodec.create(RmLimits.newBuilder().maxIdentifierChars(20).build());
    String ok = "urn:x:" + "a".repeat(14);
    String tooLong = ok + "b";
    String h =
        "<r:AckRequested xmlns:r='"
            + Ns.WSRM12
            + "'><r:Identifier>%s</r:Identifier></r:AckRequested>";
    assertThat(
            small
                .readHeaders(withHeaders(String.format(java.util.Locale.ROOT, h, ok)))
                .ackRequested())
        .hasSize(1);
    assertThatThrownBy(
            () -> small.readHeaders(withHeaders(String.format(java.util.Locale.ROOT, h, tooLong))))
        .isInstanceOf(ParleyFault.class)
        .hasMessageContaining("maxIdentifierChars=20");
  }

  @Test
  void rmHeaders_pastMaxRmHeaders_refused() {
    String one =
        "<r:AckRequested xmlns:r='"
            + Ns.WSRM12
            + "'><r:Identifier>urn:x:1</r:Identifier></r:AckRequested>";
    assertThatThrownBy(() -> CODEC.readHeaders(withHeaders(one.repeat(9))))
        .isInstanceOf(ParleyFault.class)
        .hasMessageContaining("maxRmHeaders=8");
  }

  @Test
  void unknownRmElement_andRepeatedSingleton_refused_foreignExtensionSkipped() throws Exception {
    String base =
        "<r:CreateSequence xmlns:r='"
            + Ns.WSRM12
            + "' xmlns:a='"
            + Ns.WSA10
            + "'><r:AcksTo><a:Address>urn:a</a:Address></r:AcksTo>%s</r:CreateSequence>";
    assertThat(
            CODEC.readCreateSequence(
                parse(String.format(java.util.Locale.ROOT, base, "<x:Ext xmlns:x='urn:ext'/>"))))
        .isNotNull();
    assertThatThrownBy(
            () ->
                CODEC.readCreateSequence(
                    parse(String.format(java.util.Locale.ROOT, base, "<r:Bogus/>"))))
        .isInstanceOf(ParleyFault.class)
        .hasMessageContaining("Bogus");
    assertThatThrownBy(
            () ->
                CODEC.readCreateSequence(
                    parse(
                        String.format(
                            java.util.Locale.ROOT,
                            base,
                            "<r:AcksTo><a:Address>urn:b</a:Address></r:AcksTo>"))))
        .isInstanceOf(ParleyFault.class)
        .hasMessageContaining("twice");
  }

  @Test
  void createSequence_withoutAcksTo_refused() {
    assertThatThrownBy(
            () ->
                CODEC.readCreateSequence(parse("<r:CreateSequence xmlns:r='" + Ns.WSRM12 + "'/>")))
        .isInstanceOf(ParleyFault.class)
        .hasMessageContaining("AcksTo");
  }

  @Test
  void offer12_withoutEndpoint_refused_section3_4() {
    String cs =
        "<r:CreateSequence xmlns:r='"
            + Ns.WSRM12
            + "' xmlns:a='"
            + Ns.WSA10
            + "'><r:AcksTo><a:Address>urn:a</a:Address></r:AcksTo>"
            + "<r:Offer><r:Identifier>urn:o:1</r:Identifier></r:Offer></r:CreateSequence>";
    assertThatThrownBy(() -> CODEC.readCreateSequence(parse(cs)))
        .isInstanceOf(ParleyFault.class)
        .hasMessageContaining("Endpoint");
  }

  @Test
  void identifierWithWhitespaceOrControls_refused() {
    String h =
        "<r:AckRequested xmlns:r='"
            + Ns.WSRM12
            + "'><r:Identifier>urn:a b</r:Identifier></r:AckRequested>";
    assertThatThrownBy(() -> CODEC.readHeaders(withHeaders(h))).isInstanceOf(ParleyFault.class);
  }

  @Test
  void lastMessage_onlyInFeb2005_noneAndFinal_onlyIn12() {
    String last =
        "<r:Sequence xmlns:r='"
            + Ns.WSRM12
            + "'><r:Identifier>urn:x:1</r:Identifier><r:MessageNumber>1</r:MessageNumber>"
            + "<r:LastMessage/></r:Sequence>";
    assertThatThrownBy(() -> CODEC.readHeaders(withHeaders(last))).isInstanceOf(ParleyFault.class);
    String none =
        "<r:SequenceAcknowledgement xmlns:r='"
            + Ns.WSRM200502
            + "'><r:Identifier>urn:x:1</r:Identifier><r:None/></r:SequenceAcknowledgement>";
    assertThatThrownBy(() -> CODEC.readHeaders(withHeaders(none))).isInstanceOf(ParleyFault.class);
  }

  @Test
  void noneBesideRanges_refusedStrict_toleratedForCxf() throws Exception {
    String ack =
        "<r:SequenceAcknowledgement xmlns:r='"
            + Ns.WSRM12
            + "'><r:Identifier>"
            + ID
            + "</r:Identifier><r:AcknowledgementRange Upper='1' Lower='1'/><r:None/>"
            + "</r:SequenceAcknowledgement>";
    assertThatThrownBy(() -> CODEC.readHeaders(withHeaders(ack)))
        .isInstanceOfSatisfying(
            SequenceFault.class,
            f -> assertThat(f.code()).isEqualTo(FaultCode.RM_INVALID_ACKNOWLEDGEMENT));
    SequenceAcknowledgement a =
        RmCodec.create(RmLimits.DEFAULT, RmCompliance.CXF_4_1)
            .readHeaders(withHeaders(ack))
            .acknowledgements()
            .get(0);
    assertThat(a.ranges()).containsExactly(new AckRange(1, 1));
    assertThat(a.none()).isFalse();
  }
}
