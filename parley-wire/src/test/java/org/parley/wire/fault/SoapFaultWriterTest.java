package org.parley.wire.fault;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.wire.Ns;
import org.parley.wire.addressing.AddressingHeaders;
import org.parley.wire.addressing.AddressingVersion;
import org.parley.wire.addressing.EndpointReference;
import org.parley.wire.soap.SoapEnvelope;
import org.parley.wire.soap.SoapVersion;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;

class SoapFaultWriterTest {
  private static final HardenedXml XML = HardenedXml.create(XmlLimits.DEFAULT);
  private static final SoapFaultWriter WRITER = SoapFaultWriter.create(() -> "incident-42");

  private static ReceivedFault roundTrip(FaultResponse r) throws Exception {
    return SoapFaultReader.read(SoapEnvelope.of(XML.parse(r.toBytes())));
  }

  @ParameterizedTest
  @EnumSource(FaultCode.class)
  void everyCode_soap12_senderOrReceiverWithSpecificSubcode(FaultCode code) throws Exception {
    for (ProtocolNamespaces p : List.of(ProtocolNamespaces.WS_SX_13, ProtocolNamespaces.FEB_2005)) {
      FaultResponse r = WRITER.write(new ParleyFault(code, "detail"), SoapVersion.SOAP_12, p);
      ReceivedFault f = roundTrip(r);
      assertThat(f.parleyCode()).isEqualTo(code);
      assertThat(f.reason()).isEqualTo(code.defaultReason());
      assertThat(r.code()).isEqualTo(code);
      assertThat(r.incidentId()).isNull();
      QName expected = SoapFaultWriter.qname(code, SoapVersion.SOAP_12, p);
      assertThat(f.specificCode()).isEqualTo(expected);
      if (code.family() == FaultCode.Family.SOAP) {
        assertThat(f.subcodes()).isEmpty();
      } else {
        assertThat(f.subcodes()).containsExactly(expected);
        assertThat(f.code())
            .isEqualTo(
                code.isReceiverFault()
                    ? new QName(Ns.SOAP12, "Receiver")
                    : new QName(Ns.SOAP12, "Sender"));
      }
      switch (code.family()) {
        case WSSE -> assertThat(expected.getNamespaceURI()).isEqualTo(Ns.WSSE);
        case TRUST -> assertThat(expected.getNamespaceURI()).isEqualTo(p.trustNamespace());
        case SC -> assertThat(expected.getNamespaceURI()).isEqualTo(p.scNamespace());
        case RM -> assertThat(expected.getNamespaceURI()).isEqualTo(p.rmNamespace());
        case SOAP -> assertThat(expected.getNamespaceURI()).isEqualTo(Ns.SOAP12);
      }
      // SOAP 1.2 part 2 section 7.5.2.2: Sender faults are 400, all others 500
      boolean sender = f.code().equals(new QName(Ns.SOAP12, "Sender"));
      assertThat(r.httpStatus()).isEqualTo(sender ? 400 : 500);
      assertThat(r.contentType()).startsWith("application/soap+xml");
    }
  }

  @ParameterizedTest
  @EnumSource(FaultCode.class)
  void everyCode_soap11_specificCodeInFaultcode_wss11Section12(FaultCode code) throws Exception {
    for (ProtocolNamespaces p : List.of(ProtocolNamespaces.WS_SX_13, ProtocolNamespaces.FEB_2005)) {
      FaultResponse r = WRITER.write(new ParleyFault(code, "detail"), SoapVersion.SOAP_11, p);
      ReceivedFault f = roundTrip(r);
      assertThat(f.parleyCode()).isEqualTo(code);
      assertThat(f.reason()).isEqualTo(code.defaultReason());
      assertThat(f.subcodes()).isEmpty();
      assertThat(f.code()).isEqualTo(SoapFaultWriter.qname(code, SoapVersion.SOAP_11, p));
      assertThat(r.httpStatus()).isEqualTo(500); // SOAP 1.1 section 6.2
      assertThat(r.contentType()).startsWith("text/xml");
    }
  }

  @Test
  void soap12_wsseFault_exactBytes() {
    FaultResponse r =
        WRITER.write(
            new ParleyFault(FaultCode.FAILED_CHECK, "digest of #Body differs"),
            SoapVersion.SOAP_12,
            ProtocolNamespaces.WS_SX_13);
    assertThat(new String(r.toBytes(), UTF_8))
        .isEqualTo(
            "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><s:Fault>"
                + "<s:Code><s:Value>s:Sender</s:Value><s:Subcode>"
                + "<s:Value xmlns:wsse=\""
                + Ns.WSSE
                + "\">wsse:FailedCheck</s:Value>"
                + "</s:Subcode></s:Code><s:Reason><s:Text xml:lang=\"en\">"
                + "The signature or decryption was invalid</s:Text></s:Reason>"
                + "</s:Fault></s:Body></s:Envelope>");
    assertThat(r.httpStatus()).isEqualTo(400);
  }

  @Test
  void soap11_scFault_exactBytes() {
    FaultResponse r =
        WRITER.write(
            new ParleyFault(FaultCode.SC_BAD_CONTEXT_TOKEN, "unknown context"),
            SoapVersion.SOAP_11,
            ProtocolNamespaces.FEB_2005);
    assertThat(new String(r.toBytes(), UTF_8))
        .isEqualTo(
            "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><s:Fault>"
                + "<faultcode xmlns:wsc=\""
                + Ns.WSC200502
                + "\">wsc:BadContextToken</faultcode>"
                + "<faultstring xml:lang=\"en\">"
                + "The requested context elements are insufficient or unsupported</faultstring>"
                + "</s:Fault></s:Body></s:Envelope>");
    assertThat(r.httpStatus()).isEqualTo(500);
  }

  @Test
  void unexpectedException_isReceiverWithIncidentId_andNothingOfTheException() throws Exception {
    String secret = "password=hunter2-S3CR3T-key-0xDEADBEEF";
    RuntimeException boom =
        new IllegalStateException("failed with " + secret, new IOException("cause " + secret));
    for (SoapVersion v : SoapVersion.values()) {
      FaultResponse r = WRITER.write(boom, v, ProtocolNamespaces.WS_SX_13);
      String out = new String(r.toBytes(), UTF_8);
      assertThat(out)
          .doesNotContain("hunter2")
          .doesNotContain("S3CR3T")
          .doesNotContain("DEADBEEF")
          .doesNotContain("IllegalState")
          .doesNotContain("IOException")
          .doesNotContain("java.")
          .doesNotContain("at org.")
          .contains("incident-42");
      assertThat(r.code()).isEqualTo(FaultCode.SOAP_RECEIVER);
      assertThat(r.incidentId()).isEqualTo("incident-42");
      assertThat(r.httpStatus()).isEqualTo(500);
      ReceivedFault f = roundTrip(r);
      assertThat(f.parleyCode()).isEqualTo(FaultCode.SOAP_RECEIVER);
      assertThat(f.reason()).isEqualTo(FaultCode.SOAP_RECEIVER.defaultReason());
    }
  }

  @Test
  void parleyFaultDetail_neverLeaves() {
    String secret = "sct-secret-AAECAwQFBgcICQoLDA0ODw";
    for (SoapVersion v : SoapVersion.values()) {
      FaultResponse r =
          WRITER.write(
              new ParleyFault(
                  FaultCode.SC_UNKNOWN_DERIVATION_SOURCE,
                  "key " + secret,
                  new RuntimeException(secret)),
              v,
              ProtocolNamespaces.WS_SX_13);
      assertThat(new String(r.toBytes(), UTF_8)).doesNotContain(secret).doesNotContain("Exception");
    }
  }

  @Test
  void withAddressing_faultGoesToFaultTo_relatesToRequest_andCarriesSoapFaultAction()
      throws Exception {
    AddressingHeaders request =
        AddressingHeaders.newBuilder(AddressingVersion.WSA_10)
            .action("urn:req")
            .messageId("urn:uuid:req-1")
            .replyTo(EndpointReference.of(AddressingVersion.WSA_10.anonymousUri()))
            .faultTo(EndpointReference.of("http://127.0.0.1:9/faults"))
            .build();
    FaultResponse r =
        WRITER.write(
            new ParleyFault(FaultCode.SC_BAD_CONTEXT_TOKEN, "x"),
            SoapVersion.SOAP_12,
            ProtocolNamespaces.WS_SX_13,
            request,
            "urn:uuid:fault-1");
    assertThat(r.action()).isEqualTo("http://www.w3.org/2005/08/addressing/soap/fault");
    assertThat(r.contentType())
        .isEqualTo(
            "application/soap+xml; charset=utf-8;"
                + " action=\"http://www.w3.org/2005/08/addressing/soap/fault\"");
    SoapEnvelope env = SoapEnvelope.of(XML.parse(r.toBytes()));
    AddressingHeaders h = AddressingHeaders.read(env).orElseThrow();
    assertThat(h.to()).isEqualTo("http://127.0.0.1:9/faults");
    assertThat(h.repliesTo()).isEqualTo("urn:uuid:req-1");
    assertThat(h.messageId()).isEqualTo("urn:uuid:fault-1");
    assertThat(SoapFaultReader.read(env).parleyCode()).isEqualTo(FaultCode.SC_BAD_CONTEXT_TOKEN);

    AddressingHeaders old =
        AddressingHeaders.newBuilder(AddressingVersion.WSA_200408).action("urn:req").build();
    assertThat(
            WRITER
                .write(
                    new ParleyFault(FaultCode.INVALID_SECURITY, "x"),
                    SoapVersion.SOAP_11,
                    ProtocolNamespaces.FEB_2005,
                    old,
                    null)
                .action())
        .isEqualTo("http://schemas.xmlsoap.org/ws/2004/08/addressing/fault");
  }

  @Test
  void mustUnderstand_soap12_listsNotUnderstoodHeaders_part1Section5_4_8() throws Exception {
    FaultResponse r =
        WRITER.write(
            new NotUnderstoodFault(List.of(new QName("urn:x", "Secret"))),
            SoapVersion.SOAP_12,
            ProtocolNamespaces.WS_SX_13);
    String out = new String(r.toBytes(), UTF_8);
    assertThat(out).contains("<s:NotUnderstood xmlns:nu=\"urn:x\" qname=\"nu:Secret\"/>");
    SoapEnvelope env = SoapEnvelope.of(XML.parse(r.toBytes()));
    assertThat(SoapFaultReader.read(env).parleyCode()).isEqualTo(FaultCode.SOAP_MUST_UNDERSTAND);
    assertThat(r.httpStatus()).isEqualTo(500);
  }

  @Test
  void versionMismatch_soap12_offersUpgrade_part1Section5_4_7() throws Exception {
    FaultResponse r =
        WRITER.write(
            new ParleyFault(FaultCode.SOAP_VERSION_MISMATCH, "x"),
            SoapVersion.SOAP_12,
            ProtocolNamespaces.WS_SX_13);
    String out = new String(r.toBytes(), UTF_8);
    assertThat(out)
        .contains(
            "<s:Upgrade><s:SupportedEnvelope xmlns:v0=\""
                + Ns.SOAP12
                + "\" qname=\"v0:Envelope\"/>");
    assertThat(SoapFaultReader.read(SoapEnvelope.of(XML.parse(r.toBytes()))).parleyCode())
        .isEqualTo(FaultCode.SOAP_VERSION_MISMATCH);
  }

  @ParameterizedTest
  @EnumSource(SoapVersion.class)
  void rmFault_carriesSequenceFaultHeader_wsrm12Section4(SoapVersion soap) throws Exception {
    FaultResponse r =
        WRITER.write(
            new SequenceFault(FaultCode.RM_UNKNOWN_SEQUENCE, Ns.WSRM200502, "urn:seq:1", "x"),
            soap,
            ProtocolNamespaces.WS_SX_13);
    SoapEnvelope env = SoapEnvelope.of(XML.parse(r.toBytes()));
    var headers = env.headerBlocks(Ns.WSRM200502, "SequenceFault");
    assertThat(headers).hasSize(1);
    var fc = org.parley.wire.xml.Dom.child(headers.get(0), Ns.WSRM200502, "FaultCode");
    assertThat(fc.getTextContent()).isEqualTo("wsrm:UnknownSequence");
    assertThat(fc.lookupNamespaceURI("wsrm")).isEqualTo(Ns.WSRM200502);
    assertThat(headers.get(0).getTextContent()).contains("urn:seq:1");
    ReceivedFault f = SoapFaultReader.read(env);
    assertThat(f.parleyCode()).isEqualTo(FaultCode.RM_UNKNOWN_SEQUENCE);
    assertThat(f.specificCode().getNamespaceURI()).isEqualTo(Ns.WSRM200502);
  }

  @org.junit.jupiter.api.Test
  void sequenceFault_refusesNonRmCode() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new SequenceFault(FaultCode.SOAP_SENDER, Ns.WSRM12, null, "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
