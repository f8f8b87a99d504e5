package org.parley.wire.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.parley.wire.Ns;

class SoapVersionTest {
  @Test
  void soap12_actionTravelsAsMediaTypeParameter_rfc3902() {
    String ct = SoapVersion.SOAP_12.contentType("urn:act");
    assertThat(ct).isEqualTo("application/soap+xml; charset=utf-8; action=\"urn:act\"");
    assertThat(SoapVersion.SOAP_12.soapActionHeader("urn:act")).isNull();
    assertThat(SoapVersion.forContentType(ct)).isEqualTo(SoapVersion.SOAP_12);
    assertThat(SoapVersion.SOAP_12.actionFrom(ct, null)).isEqualTo("urn:act");
  }

  @Test
  void soap12_actionFromCxfCaptureContentType() {
    String ct =
        "application/soap+xml; action=\"http://docs.oasis-open.org/ws-sx/ws-trust/200512/RST/SCT\"";
    assertThat(SoapVersion.SOAP_12.actionFrom(ct, "\"ignored\""))
        .isEqualTo("http://docs.oasis-open.org/ws-sx/ws-trust/200512/RST/SCT");
    assertThat(
            SoapVersion.SOAP_12.actionFrom("Application/SOAP+xml;charset=UTF-8;action=urn:x", null))
        .isEqualTo("urn:x");
    assertThat(SoapVersion.SOAP_12.actionFrom("application/soap+xml; charset=UTF-8", null))
        .isNull();
    assertThat(SoapVersion.SOAP_12.actionFrom("application/soap+xml; action=\"unterminated", null))
        .isNull();
  }

  @Test
  void soap11_actionTravelsInSoapActionHeader_section6_1_1() {
    assertThat(SoapVersion.SOAP_11.contentType("urn:act")).isEqualTo("text/xml; charset=utf-8");
    assertThat(SoapVersion.SOAP_11.soapActionHeader("urn:act")).isEqualTo("\"urn:act\"");
    assertThat(SoapVersion.SOAP_11.soapActionHeader(null)).isEqualTo("\"\"");
    assertThat(SoapVersion.SOAP_11.actionFrom("text/xml", "\"urn:act\"")).isEqualTo("urn:act");
    assertThat(SoapVersion.SOAP_11.actionFrom("text/xml", "\"\"")).isNull();
    assertThat(SoapVersion.forContentType("text/xml; charset=utf-8"))
        .isEqualTo(SoapVersion.SOAP_11);
    assertThat(SoapVersion.forContentType("application/xml")).isNull();
  }

  @Test
  void actionWithHeaderBreakingCharacters_isRefused() {
    assertThatThrownBy(() -> SoapVersion.SOAP_12.contentType("urn:a\"; x=\"y"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SoapVersion.SOAP_11.soapActionHeader("urn:a\r\nX-Evil: 1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void faultCodes_perVersion() {
    assertThat(SoapVersion.SOAP_11.senderFaultCode()).isEqualTo(new QName(Ns.SOAP11, "Client"));
    assertThat(SoapVersion.SOAP_11.receiverFaultCode()).isEqualTo(new QName(Ns.SOAP11, "Server"));
    assertThat(SoapVersion.SOAP_12.senderFaultCode()).isEqualTo(new QName(Ns.SOAP12, "Sender"));
    assertThat(SoapVersion.SOAP_12.receiverFaultCode()).isEqualTo(new QName(Ns.SOAP12, "Receiver"));
    assertThat(SoapVersion.SOAP_12.mustUnderstandFaultCode())
        .isEqualTo(new QName(Ns.SOAP12, "MustUnderstand"));
    assertThat(SoapVersion.SOAP_11.versionMismatchFaultCode())
        .isEqualTo(new QName(Ns.SOAP11, "VersionMismatch"));
    assertThat(SoapVersion.forNamespace(Ns.SOAP11)).isEqualTo(SoapVersion.SOAP_11);
    assertThat(SoapVersion.forNamespace("urn:other")).isNull();
  }
}
