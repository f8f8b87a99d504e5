package org.parley.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.http.SoapVersion;

class SoapContentTypeTest {
  @Test
  void rfc3902_actionParameter_quotedWithSemicolonInside() throws Exception {
    SoapContentType t =
        SoapContentType.parse("Application/SOAP+XML; charset=UTF-8; action=\"urn:a;b\"", null);
    assertThat(t.version()).isEqualTo(SoapVersion.SOAP_12);
    assertThat(t.action()).isEqualTo("urn:a;b");
  }

  @Test
  void soap11_actionComesFromTheSoapActionHeader_quotesRemoved() throws Exception {
    SoapContentType t = SoapContentType.parse("text/xml; charset=utf-8", "\"urn:x\"");
    assertThat(t.version()).isEqualTo(SoapVersion.SOAP_11);
    assertThat(t.action()).isEqualTo("urn:x");
    assertThat(SoapContentType.parse("text/xml", "\"\"").action()).isNull();
  }

  @Test
  void soap12_ignoresSoapActionHeader() throws Exception {
    assertThat(SoapContentType.parse("application/soap+xml", "\"urn:x\"").action()).isNull();
  }

  @Test
  void format_escapesQuotesInTheAction() throws Exception {
    String header = SoapContentType.format(SoapVersion.SOAP_12, "urn:\"q\"");
    assertThat(SoapContentType.parse(header, null).action()).isEqualTo("urn:\"q\"");
  }

  @Test
  void otherMediaTypesAndCharsets_areSenderFaults() {
    for (String bad :
        new String[] {
          "application/xml", "text/plain", "", "application/soap+xml; charset=utf-16"
        }) {
      assertThatThrownBy(() -> SoapContentType.parse(bad, null))
          .isInstanceOfSatisfying(
              ParleyFault.class, f -> assertThat(f.code()).isEqualTo(FaultCode.SOAP_SENDER));
    }
    assertThatThrownBy(() -> SoapContentType.parse(null, null)).isInstanceOf(ParleyFault.class);
    assertThatThrownBy(() -> SoapContentType.parse("text/xml;" + "x".repeat(5000), null))
        .isInstanceOf(ParleyFault.class);
  }
}
