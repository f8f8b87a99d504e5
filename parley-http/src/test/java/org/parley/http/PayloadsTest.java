package org.parley.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.endpoint.Payloads;
import org.parley.endpoint.WsdlProvider;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Element;

class PayloadsTest {
  private static final String NS = "urn:test";

  @Test
  void element_valuesBecomeText_neverMarkup() throws Exception {
    Element e = Payloads.element(NS, "a", Payloads.element(NS, "b", "<c/>&amp;\"x\""));
    byte[] xml = XmlWriter.toBytes(e);
    Element reparsed = HardenedXml.create(XmlLimits.DEFAULT).parse(xml).getDocumentElement();
    assertThat(Payloads.childText(reparsed, NS, "b")).isEqualTo("<c/>&amp;\"x\"");
    assertThat(reparsed.getElementsByTagNameNS("*", "c").getLength()).isZero();
  }

  @Test
  void element_childFromAnotherDocument_keepsItsNamespace() throws Exception {
    Element foreign =
        HardenedXml.create(XmlLimits.DEFAULT)
            .parse("<x:r xmlns:x='urn:other'><x:v>1</x:v></x:r>".getBytes(UTF_8))
            .getDocumentElement();
    Element child = (Element) foreign.getFirstChild();
    Element e = Payloads.element(NS, "wrap", child);
    Element reparsed =
        HardenedXml.create(XmlLimits.DEFAULT).parse(XmlWriter.toBytes(e)).getDocumentElement();
    assertThat(Payloads.childText(reparsed, "urn:other", "v")).isEqualTo("1");
  }

  @Test
  void requireChildText_missing_isSenderFault() {
    Element e = Payloads.element(NS, "a");
    assertThat(Payloads.childText(e, NS, "missing")).isNull();
    assertThatThrownBy(() -> Payloads.requireChildText(e, NS, "missing"))
        .isInstanceOfSatisfying(
            ParleyFault.class, f -> assertThat(f.code()).isEqualTo(FaultCode.SOAP_SENDER));
  }

  @Test
  void wsdlRewritingAddress_setsEverySoapAddress_andRefusesBrokenWsdl() throws Exception {
    String wsdl =
        "<d:definitions xmlns:d='http://schemas.xmlsoap.org/wsdl/' xmlns:s11='"
            + WsdlProvider.WSDL_SOAP11
            + "' xmlns:s12='"
            + WsdlProvider.WSDL_SOAP12
            + "'><d:service><d:port><s11:address location='http://old/1'/></d:port>"
            + "<d:port><s12:address location='http://old/2'/></d:port></d:service></d:definitions>";
    byte[] out =
        WsdlProvider.rewritingAddress(wsdl.getBytes(UTF_8))
            .wsdl(URI.create("http://127.0.0.1:1234/services/X"));
    String text = new String(out, UTF_8);
    assertThat(text)
        .doesNotContain("http://old/")
        .contains("location=\"http://127.0.0.1:1234/services/X\"");
    assertThatThrownBy(() -> WsdlProvider.rewritingAddress("<broken".getBytes(UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
