package org.parley.wire.addressing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.wire.Ns;
import org.parley.wire.soap.SoapEnvelope;
import org.parley.wire.soap.SoapEnvelopeBuilder;
import org.parley.wire.soap.SoapVersion;
import org.parley.wire.testing.SharedFiles;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class AddressingHeadersTest {
  private static final HardenedXml XML = HardenedXml.create(XmlLimits.DEFAULT);

  private static SoapEnvelope capture(String name) throws Exception {
    return SoapEnvelope.of(XML.parse(Files.readAllBytes(SharedFiles.peerCaptures().resolve(name))));
  }

  private static SoapEnvelope env(String headers) throws Exception {
    String xml =
        "<s:Envelope xmlns:s=\""
            + Ns.SOAP12
            + "\" xmlns:a=\""
            + Ns.WSA10
            + "\" xmlns:b=\""
            + Ns.WSA200408
            + "\"><s:Header>"
            + headers
            + "</s:Header><s:Body/></s:Envelope>";
    return SoapEnvelope.of(XML.parse(xml.getBytes(UTF_8)));
  }

  private static ParleyFault readFault(String headers) throws Exception {
    SoapEnvelope e = env(headers);
    ParleyFault f = catchThrowableOfType(() -> AddressingHeaders.read(e), ParleyFault.class);
    assertThat(f).as(headers).isNotNull();
    assertThat(f.code()).isEqualTo(FaultCode.SOAP_SENDER);
    return f;
  }

  @Test
  void cxfRequest_readsActionMessageIdToAndAnonymousReplyTo() throws Exception {
    AddressingHeaders h = AddressingHeaders.read(capture("sc13/03-app-request.xml")).orElseThrow();
    assertThat(h.version()).isEqualTo(AddressingVersion.WSA_10);
    assertThat(h.action()).isEqualTo("http://example.org/wssc-peer/doubleit/DoubleIt");
    assertThat(h.messageId()).isEqualTo("urn:uuid:aa8d8370-cbe1-4797-8164-8b6be85b2bb5");
    assertThat(h.to()).isEqualTo("http://127.0.0.1:33605/sc13");
    assertThat(AddressingVersion.WSA_10.isAnonymous(h.replyTo().address())).isTrue();
  }

  @Test
  void cxfResponse_relatesToTheRequest() throws Exception {
    AddressingHeaders h = AddressingHeaders.read(capture("sc13/04-app-response.xml")).orElseThrow();
    assertThat(h.repliesTo()).isEqualTo("urn:uuid:aa8d8370-cbe1-4797-8164-8b6be85b2bb5");
    assertThat(h.action()).isEqualTo("http://example.org/wssc-peer/doubleit/DoubleItResponse");
  }

  @Test
  void noAddressingHeaders_isEmpty() throws Exception {
    assertThat(AddressingHeaders.read(env(""))).isEmpty();
  }

  @Test
  void duplicateSingleValuedHeaders_areRejected_soapBinding6_4_1() throws Exception {
    for (String name : List.of("To", "Action", "MessageID")) {
      String h = "<a:" + name + ">urn:x</a:" + name + ">";
      String extra = name.equals("Action") ? "" : "<a:Action>urn:act</a:Action>";
      assertThat(readFault(extra + h + h).getMessage()).contains("wsa:" + name);
    }
    String epr = "<a:Address>urn:x</a:Address>";
    for (String name : List.of("ReplyTo", "FaultTo", "From")) {
      String h = "<a:" + name + ">" + epr + "</a:" + name + ">";
      assertThat(readFault("<a:Action>urn:act</a:Action>" + h + h).getMessage())
          .contains("wsa:" + name);
    }
    assertThat(
            readFault(
                    "<a:Action>urn:act</a:Action><a:ReplyTo><a:Address>x</a:Address><a:Address>y</a:Address></a:ReplyTo>")
                .getMessage())
        .contains("Address");
  }

  @Test
  void relatesTo_twiceWithSameType_isRejected_butDifferentTypesAreAllowed() throws Exception {
    readFault("<a:Action>u</a:Action><a:RelatesTo>m1</a:RelatesTo><a:RelatesTo>m2</a:RelatesTo>");
    // no RelationshipType and the explicit reply IRI are the same relationship (Core 3.1)
    readFault(
        "<a:Action>u</a:Action><a:RelatesTo>m1</a:RelatesTo>"
            + "<a:RelatesTo RelationshipType=\"http://www.w3.org/2005/08/addressing/reply\">m3</a:RelatesTo>");
    AddressingHeaders h =
        AddressingHeaders.read(
                env(
                    "<a:Action>u</a:Action><a:RelatesTo>m1</a:RelatesTo>"
                        + "<a:RelatesTo RelationshipType=\"urn:other\">m2</a:RelatesTo>"))
            .orElseThrow();
    assertThat(h.relatesTo())
        .containsExactly(RelatesTo.reply("m1"), new RelatesTo("m2", "urn:other"));
  }

  @Test
  void missingAction_isRejected_soapBinding6_4_2() throws Exception {
    assertThat(readFault("<a:To>urn:x</a:To>").getMessage()).contains("wsa:Action");
  }

  @Test
  void bothVersionsInOneMessage_isRejected() throws Exception {
    readFault("<a:Action>u</a:Action><b:Action>u</b:Action>");
  }

  @Test
  void headerWithElementContentOrEmpty_isRejected() throws Exception {
    readFault("<a:Action><x xmlns=\"urn:x\"/></a:Action>");
    readFault("<a:Action>  </a:Action>");
    readFault("<a:Action>u</a:Action><a:ReplyTo/>");
  }

  @Test
  void headersForOtherRoles_areIgnored() throws Exception {
    AddressingHeaders h =
        AddressingHeaders.read(
                env(
                    "<a:Action>urn:mine</a:Action><a:Action s:role=\"urn:someone-else\">urn:theirs</a:Action>"))
            .orElseThrow();
    assertThat(h.action()).isEqualTo("urn:mine");
  }

  @Test
  void submission200408_anonymousAndQNameRelationship() throws Exception {
    AddressingHeaders h =
        AddressingHeaders.read(
                env(
                    "<b:Action>urn:act</b:Action><b:RelatesTo RelationshipType=\"b:Reply\">m1</b:RelatesTo>"
                        + "<b:ReplyTo><b:Address>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</b:Address></b:ReplyTo>"))
            .orElseThrow();
    assertThat(h.version()).isEqualTo(AddressingVersion.WSA_200408);
    assertThat(h.repliesTo()).isEqualTo("m1");
    assertThat(AddressingVersion.WSA_200408.isAnonymous(h.replyTo().address())).isTrue();
  }

  @Test
  void writeThenRead_roundTripsAllProperties_withWsuIdsForSigning() throws Exception {
    Document other =
        XML.parse("<r xmlns:app=\"urn:app\"><app:Key>k-1</app:Key></r>".getBytes(UTF_8));
    Element key = Dom.firstChildElement(other.getDocumentElement());
    AddressingHeaders h =
        AddressingHeaders.newBuilder(AddressingVersion.WSA_10)
            .action("urn:act")
            .messageId("urn:uuid:1")
            .to("http://127.0.0.1:1/x")
            .replyTo(EndpointReference.of("http://127.0.0.1:2/reply", List.of(key)))
            .faultTo(EndpointReference.of("http://127.0.0.1:3/fault"))
            .from(EndpointReference.of("urn:me"))
            .relatesTo(RelatesTo.reply("urn:uuid:0"))
            .relatesTo(new RelatesTo("urn:uuid:9", "urn:other"))
            .build();
    SoapEnvelopeBuilder b = SoapEnvelope.newBuilder(SoapVersion.SOAP_12);
    AtomicInteger n = new AtomicInteger();
    List<Element> written = h.writeTo(b, () -> "id-" + n.incrementAndGet(), true);
    assertThat(written).hasSize(8);
    for (Element e : written) {
      assertThat(Dom.attribute(e, Ns.WSU, "Id")).startsWith("id-");
    }
    String xml = XmlWriter.toString(b.build().document());
    assertThat(xml)
        .contains(
            "<wsa:Action xmlns:wsa=\""
                + Ns.WSA10
                + "\" xmlns:wsu=\""
                + Ns.WSU
                + "\" s:mustUnderstand=\"true\" wsu:Id=\"id-1\">urn:act</wsa:Action>");
    AddressingHeaders back =
        AddressingHeaders.read(SoapEnvelope.of(XML.parse(xml.getBytes(UTF_8)))).orElseThrow();
    assertThat(back.action()).isEqualTo("urn:act");
    assertThat(back.messageId()).isEqualTo("urn:uuid:1");
    assertThat(back.to()).isEqualTo("http://127.0.0.1:1/x");
    assertThat(back.replyTo()).isEqualTo(h.replyTo());
    assertThat(back.faultTo().address()).isEqualTo("http://127.0.0.1:3/fault");
    assertThat(back.from().address()).isEqualTo("urn:me");
    assertThat(back.relatesTo()).containsExactlyElementsOf(h.relatesTo());
  }

  @Test
  void reply_goesToReplyTo_echoesReferenceParameters_andRelatesToRequest() throws Exception {
    Document other =
        XML.parse("<r xmlns:app=\"urn:app\"><app:Key>k-1</app:Key></r>".getBytes(UTF_8));
    Element key = Dom.firstChildElement(other.getDocumentElement());
    AddressingHeaders request =
        AddressingHeaders.newBuilder(AddressingVersion.WSA_10)
            .action("urn:req")
            .messageId("urn:uuid:req")
            .replyTo(EndpointReference.of("http://127.0.0.1:2/reply", List.of(key)))
            .build();
    AddressingHeaders reply = request.reply("urn:resp", "urn:uuid:resp");
    assertThat(reply.to()).isEqualTo("http://127.0.0.1:2/reply");
    assertThat(reply.repliesTo()).isEqualTo("urn:uuid:req");
    SoapEnvelopeBuilder b = SoapEnvelope.newBuilder(SoapVersion.SOAP_12);
    reply.writeTo(b);
    String xml = XmlWriter.toString(b.build().document());
    assertThat(xml)
        .contains(
            "<app:Key xmlns:app=\"urn:app\" xmlns:wsa=\""
                + Ns.WSA10
                + "\" wsa:IsReferenceParameter=\"true\">k-1</app:Key>");

    AddressingHeaders fault = request.faultReply(null);
    assertThat(fault.action()).isEqualTo("http://www.w3.org/2005/08/addressing/soap/fault");
    AddressingHeaders anonymous =
        AddressingHeaders.newBuilder(AddressingVersion.WSA_200408)
            .action("u")
            .build()
            .reply("r", null);
    assertThat(anonymous.to()).isEqualTo(AddressingVersion.WSA_200408.anonymousUri());
  }

  @Test
  void builder_requiresAction() {
    assertThatThrownBy(() -> AddressingHeaders.newBuilder(AddressingVersion.WSA_10).build())
        .isInstanceOf(IllegalStateException.class);
  }
}
