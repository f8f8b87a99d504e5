package org.parley.wire.soap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.util.Set;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.wire.Ns;
import org.parley.wire.testing.SharedFiles;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Element;

class SoapEnvelopeTest {
  private static final HardenedXml XML = HardenedXml.create(XmlLimits.DEFAULT);
  private static final String S12 = "xmlns:s=\"" + Ns.SOAP12 + "\"";
  private static final String S11 = "xmlns:s=\"" + Ns.SOAP11 + "\"";

  private static SoapEnvelope env(String xml) throws Exception {
    return SoapEnvelope.of(XML.parse(xml.getBytes(UTF_8)));
  }

  private static FaultCode faultOf(String xml) {
    ParleyFault f = catchThrowableOfType(() -> env(xml), ParleyFault.class);
    assertThat(f).as(xml).isNotNull();
    return f.code();
  }

  @Test
  void cxfCapture_isSoap12WithAddressingAndSecurityHeaders() throws Exception {
    byte[] bytes =
        Files.readAllBytes(SharedFiles.peerCaptures().resolve("sc13/03-app-request.xml"));
    SoapEnvelope e = SoapEnvelope.of(XML.parse(bytes));
    assertThat(e.version()).isEqualTo(SoapVersion.SOAP_12);
    assertThat(e.headerBlocks()).hasSizeGreaterThanOrEqualTo(5);
    assertThat(e.headerBlocks(Ns.WSSE, "Security")).hasSize(1);
    assertThat(e.mustUnderstand(e.headerBlocks(Ns.WSSE, "Security").get(0))).isTrue();
    assertThat(e.notUnderstood(Set.of())).containsExactly(new QName(Ns.WSSE, "Security"));
    assertThat(e.notUnderstood(Set.of(new QName(Ns.WSSE, "Security")))).isEmpty();
    assertThat(e.isFault()).isFalse();
  }

  @Test
  void soap11Envelope_isDetected() throws Exception {
    SoapEnvelope e =
        env("<s:Envelope " + S11 + "><s:Body><m:x xmlns:m=\"urn:m\"/></s:Body></s:Envelope>");
    assertThat(e.version()).isEqualTo(SoapVersion.SOAP_11);
    assertThat(e.header()).isNull();
    assertThat(e.bodyPayload().getLocalName()).isEqualTo("x");
  }

  @Test
  void nonEnvelopeRoot_isVersionMismatch_soap12Part1Section5_4_7() {
    assertThat(faultOf("<s:Body " + S12 + "/>")).isEqualTo(FaultCode.SOAP_VERSION_MISMATCH);
    assertThat(faultOf("<Envelope xmlns=\"urn:soap-2.0\"><Body/></Envelope>"))
        .isEqualTo(FaultCode.SOAP_VERSION_MISMATCH);
    assertThat(faultOf("<Envelope><Body/></Envelope>")).isEqualTo(FaultCode.SOAP_VERSION_MISMATCH);
  }

  @Test
  void envelopeStructure_section5_1() {
    assertThat(faultOf("<s:Envelope " + S12 + "/>")).isEqualTo(FaultCode.SOAP_SENDER);
    assertThat(faultOf("<s:Envelope " + S12 + "><s:Header/></s:Envelope>"))
        .isEqualTo(FaultCode.SOAP_SENDER);
    assertThat(faultOf("<s:Envelope " + S12 + "><s:Header/><s:Header/><s:Body/></s:Envelope>"))
        .isEqualTo(FaultCode.SOAP_SENDER);
    assertThat(faultOf("<s:Envelope " + S12 + "><s:Body/><s:Header/></s:Envelope>"))
        .isEqualTo(FaultCode.SOAP_SENDER);
    assertThat(faultOf("<s:Envelope " + S12 + "><s:Body/><s:Body/></s:Envelope>"))
        .isEqualTo(FaultCode.SOAP_SENDER);
    assertThat(faultOf("<s:Envelope " + S12 + "><s:Body/><x xmlns=\"urn:x\"/></s:Envelope>"))
        .isEqualTo(FaultCode.SOAP_SENDER);
    assertThat(faultOf("<s:Envelope " + S12 + "><x xmlns=\"urn:x\"/><s:Body/></s:Envelope>"))
        .isEqualTo(FaultCode.SOAP_SENDER);
    assertThat(faultOf("<s:Envelope " + S12 + ">text<s:Body/></s:Envelope>"))
        .isEqualTo(FaultCode.SOAP_SENDER);
    // a SOAP 1.1 Body inside a SOAP 1.2 Envelope is not its Body
    assertThat(
            faultOf("<s:Envelope " + S12 + "><b:Body xmlns:b=\"" + Ns.SOAP11 + "\"/></s:Envelope>"))
        .isEqualTo(FaultCode.SOAP_SENDER);
  }

  @Test
  void unqualifiedHeaderBlock_isRejected_section5_2_1() {
    assertThat(faultOf("<s:Envelope " + S12 + "><s:Header><To/></s:Header><s:Body/></s:Envelope>"))
        .isEqualTo(FaultCode.SOAP_SENDER);
  }

  @Test
  void whitespaceAndComments_areAllowedAroundHeaderAndBody() throws Exception {
    SoapEnvelope e =
        env(
            "<s:Envelope "
                + S12
                + ">\n <!-- c -->\n <s:Header>\n</s:Header>\n <s:Body/>\n</s:Envelope>");
    assertThat(e.header()).isNotNull();
    assertThat(e.headerBlocks()).isEmpty();
  }

  @Test
  void mustUnderstand_onlyBlocksTargetingUs_andOnlyTrueValues() throws Exception {
    String xml =
        "<s:Envelope "
            + S12
            + " xmlns:a=\"urn:a\"><s:Header>"
            + "<a:one s:mustUnderstand=\"true\"/>"
            + "<a:two s:mustUnderstand=\"1\" s:role=\"http://www.w3.org/2003/05/soap-envelope/role/next\"/>"
            + "<a:three s:mustUnderstand=\"true\" s:role=\"http://www.w3.org/2003/05/soap-envelope/role/none\"/>"
            + "<a:four s:mustUnderstand=\"true\" s:role=\"urn:some-intermediary\"/>"
            + "<a:five s:mustUnderstand=\"false\"/>"
            + "<a:six s:mustUnderstand=\"1\" s:role=\"http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver\"/>"
            + "<a:seven/>"
            + "</s:Header><s:Body/></s:Envelope>";
    SoapEnvelope e = env(xml);
    assertThat(e.notUnderstood(Set.of(new QName("urn:a", "six"))))
        .containsExactly(new QName("urn:a", "one"), new QName("urn:a", "two"));
  }

  @Test
  void mustUnderstand_soap11UsesActor() throws Exception {
    String xml =
        "<s:Envelope "
            + S11
            + " xmlns:a=\"urn:a\"><s:Header>"
            + "<a:one s:mustUnderstand=\"1\"/>"
            + "<a:two s:mustUnderstand=\"1\" s:actor=\"urn:elsewhere\"/>"
            + "<a:three s:mustUnderstand=\"1\" s:actor=\"http://schemas.xmlsoap.org/soap/actor/next\"/>"
            + "<a:four s:mustUnderstand=\"0\"/>"
            + "</s:Header><s:Body/></s:Envelope>";
    assertThat(env(xml).notUnderstood(Set.of()))
        .containsExactly(new QName("urn:a", "one"), new QName("urn:a", "three"));
  }

  @Test
  void mustUnderstand_notABoolean_isSenderFault() throws Exception {
    SoapEnvelope e =
        env(
            "<s:Envelope "
                + S12
                + "><s:Header><a:x xmlns:a=\"urn:a\" s:mustUnderstand=\"yes\"/>"
                + "</s:Header><s:Body/></s:Envelope>");
    ParleyFault f = catchThrowableOfType(() -> e.notUnderstood(Set.of()), ParleyFault.class);
    assertThat(f.code()).isEqualTo(FaultCode.SOAP_SENDER);
  }

  @Test
  void builder_writesSelfContainedBlocks_thatParseBackToTheSameEnvelope() throws Exception {
    SoapEnvelopeBuilder b = SoapEnvelope.newBuilder(SoapVersion.SOAP_12);
    Element to = b.element(Ns.WSA10, "", "To");
    to.setTextContent("http://127.0.0.1/x");
    b.setWsuId(to, "to-1");
    b.addHeaderBlock(to, true);
    Element payload = b.element("urn:m", "m", "Echo");
    b.addBodyContent(payload);
    b.setWsuId(b.body(), "body-1");
    SoapEnvelope built = b.build();
    String xml = XmlWriter.toString(built.document());
    assertThat(xml)
        .isEqualTo(
            "<s:Envelope xmlns:s=\""
                + Ns.SOAP12
                + "\"><s:Header>"
                + "<To xmlns=\""
                + Ns.WSA10
                + "\" xmlns:wsu=\""
                + Ns.WSU
                + "\" s:mustUnderstand=\"true\" wsu:Id=\"to-1\">http://127.0.0.1/x</To>"
                + "</s:Header><s:Body xmlns:wsu=\""
                + Ns.WSU
                + "\" wsu:Id=\"body-1\">"
                + "<m:Echo xmlns:m=\"urn:m\"/></s:Body></s:Envelope>");
    SoapEnvelope back = SoapEnvelope.of(XML.parse(xml.getBytes(UTF_8)));
    assertThat(back.notUnderstood(Set.of())).containsExactly(new QName(Ns.WSA10, "To"));
    assertThat(XmlWriter.toString(back.document())).isEqualTo(xml);
  }

  @Test
  void builder_soap11_writesMustUnderstandOne() throws Exception {
    SoapEnvelopeBuilder b = SoapEnvelope.newBuilder(SoapVersion.SOAP_11, "soap");
    b.addHeaderBlock(b.element("urn:a", "a", "H"), true);
    String xml = XmlWriter.toString(b.build().document());
    assertThat(xml).contains("<a:H xmlns:a=\"urn:a\" soap:mustUnderstand=\"1\"/>");
    assertThat(SoapEnvelope.of(XML.parse(xml.getBytes(UTF_8))).version())
        .isEqualTo(SoapVersion.SOAP_11);
  }

  @Test
  void builder_refusesUndeclaredPrefixes() {
    SoapEnvelopeBuilder b = SoapEnvelope.newBuilder(SoapVersion.SOAP_12);
    b.addBodyContent(b.document().createElementNS("urn:m", "m:Echo"));
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("m:Echo");
  }

  @Test
  void builder_refusesUnqualifiedHeaderAndBadIds() {
    SoapEnvelopeBuilder b = SoapEnvelope.newBuilder(SoapVersion.SOAP_12);
    assertThatThrownBy(() -> b.addHeaderBlock(b.document().createElementNS(null, "To")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.setWsuId(b.body(), "1bad"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.setWsuId(b.body(), "a b"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
