package org.parley.wire.fault;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.wire.Ns;
import org.parley.wire.soap.SoapEnvelope;
import org.parley.wire.soap.SoapVersion;
import org.parley.wire.testing.SharedFiles;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;

class SoapFaultReaderTest {
  private static final HardenedXml XML = HardenedXml.create(XmlLimits.DEFAULT);

  private static SoapEnvelope env(String xml) throws Exception {
    return SoapEnvelope.of(XML.parse(xml.getBytes(UTF_8)));
  }

  @Test
  void cxfFaultAfterCancel_isSenderWithWss4jSubcode() throws Exception {
    byte[] bytes =
        Files.readAllBytes(
            SharedFiles.peerCaptures().resolve("sc13/12-soap-fault-after-cancel.xml"));
    ReceivedFault f = SoapFaultReader.read(SoapEnvelope.of(XML.parse(bytes)));
    assertThat(f.soapVersion()).isEqualTo(SoapVersion.SOAP_12);
    assertThat(f.code()).isEqualTo(new QName(Ns.SOAP12, "Sender"));
    assertThat(f.subcodes())
        .containsExactly(new QName("http://ws.apache.org/wss4j", "SecurityError"));
    assertThat(f.reason()).isEqualTo("A security error was encountered when verifying the message");
    // not a code Parley defines: the client sees it as unknown, not as something it is not
    assertThat(f.parleyCode()).isNull();
  }

  @Test
  void soap11_wsseCodeInFaultcode() throws Exception {
    ReceivedFault f =
        SoapFaultReader.read(
            env(
                "<e:Envelope xmlns:e=\""
                    + Ns.SOAP11
                    + "\"><e:Body><e:Fault>"
                    + "<faultcode xmlns:o=\""
                    + Ns.WSSE
                    + "\">o:MessageExpired</faultcode>"
                    + "<faultstring>The message has expired</faultstring>"
                    + "</e:Fault></e:Body></e:Envelope>"));
    assertThat(f.parleyCode()).isEqualTo(FaultCode.MESSAGE_EXPIRED);
    assertThat(f.specificCode()).isEqualTo(new QName(Ns.WSSE, "MessageExpired"));
  }

  @Test
  void soap12_prefersEnglishReason_andFollowsNestedSubcodes() throws Exception {
    ReceivedFault f =
        SoapFaultReader.read(
            env(
                "<e:Envelope xmlns:e=\""
                    + Ns.SOAP12
                    + "\" xmlns:c=\""
                    + Ns.WSC200502
                    + "\">"
                    + "<e:Body><e:Fault><e:Code><e:Value>e:Sender</e:Value>"
                    + "<e:Subcode><e:Value>c:BadContextToken</e:Value>"
                    + "<e:Subcode><e:Value>c:RenewNeeded</e:Value></e:Subcode></e:Subcode>"
                    + "</e:Code><e:Reason><e:Text xml:lang=\"de\">Kontext</e:Text>"
                    + "<e:Text xml:lang=\"en-US\">context</e:Text></e:Reason>"
                    + "</e:Fault></e:Body></e:Envelope>"));
    assertThat(f.reason()).isEqualTo("context");
    assertThat(f.parleyCode()).isEqualTo(FaultCode.SC_RENEW_NEEDED);
  }

  @Test
  void notAFault_orMalformed_isRejected() throws Exception {
    SoapEnvelope plain = env("<e:Envelope xmlns:e=\"" + Ns.SOAP12 + "\"><e:Body/></e:Envelope>");
    assertThat(catchThrowableOfType(() -> SoapFaultReader.read(plain), ParleyFault.class))
        .isNotNull();
    SoapEnvelope noReason =
        env(
            "<e:Envelope xmlns:e=\""
                + Ns.SOAP12
                + "\"><e:Body><e:Fault><e:Code><e:Value>e:Sender"
                + "</e:Value></e:Code></e:Fault></e:Body></e:Envelope>");
    assertThat(catchThrowableOfType(() -> SoapFaultReader.read(noReason), ParleyFault.class))
        .isNotNull();
    SoapEnvelope badPrefix =
        env(
            "<e:Envelope xmlns:e=\""
                + Ns.SOAP12
                + "\"><e:Body><e:Fault><e:Code><e:Value>zz:Sender"
                + "</e:Value></e:Code><e:Reason><e:Text>x</e:Text></e:Reason></e:Fault></e:Body>"
                + "</e:Envelope>");
    assertThat(catchThrowableOfType(() -> SoapFaultReader.read(badPrefix), ParleyFault.class))
        .isNotNull();
  }

  @Test
  void longReason_isCapped() throws Exception {
    ReceivedFault f =
        SoapFaultReader.read(
            env(
                "<e:Envelope xmlns:e=\""
                    + Ns.SOAP11
                    + "\"><e:Body><e:Fault>"
                    + "<faultcode>e:Server</faultcode><faultstring>"
                    + "x".repeat(5000)
                    + "</faultstring></e:Fault></e:Body></e:Envelope>"));
    assertThat(f.reason()).hasSize(SoapFaultReader.MAX_REASON_CHARS);
    assertThat(f.parleyCode()).isEqualTo(FaultCode.SOAP_RECEIVER);
  }
}
