package org.parley.security;

import java.nio.charset.StandardCharsets;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;
import org.w3c.dom.Document;

/** Plain SOAP envelopes for tests. */
final class Messages {
  private Messages() {}

  static final HardenedXml XML = HardenedXml.create(XmlLimits.DEFAULT);

  /** A SOAP 1.2 DoubleIt request with WS-Addressing headers and a body of about 2 KiB. */
  static String soap12(int bodyBytes) {
    StringBuilder filler = new StringBuilder();
    while (filler.length() < bodyBytes) {
      filler.append("<item>payload-").append(filler.length()).append("</item>");
    }
    return "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\">"
        + "<soap:Header>"
        + "<Action xmlns=\"http://www.w3.org/2005/08/addressing\">urn:doubleit</Action>"
        + "<MessageID xmlns=\"http://www.w3.org/2005/08/addressing\">urn:uuid:1</MessageID>"
        + "<To xmlns=\"http://www.w3.org/2005/08/addressing\">http://127.0.0.1/service</To>"
        + "</soap:Header>"
        + "<soap:Body><ns:DoubleIt xmlns:ns=\"http://example.org/doubleit\">"
        + "<numberToDouble>7</numberToDouble>"
        + filler
        + "</ns:DoubleIt></soap:Body></soap:Envelope>";
  }

  static String soap11() {
    return "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\">"
        + "<S:Header>"
        + "<wsa:To xmlns:wsa=\"http://www.w3.org/2005/08/addressing\">http://127.0.0.1/s</wsa:To>"
        + "</S:Header>"
        + "<S:Body><ns:DoubleIt xmlns:ns=\"http://example.org/doubleit\">"
        + "<numberToDouble>7</numberToDouble></ns:DoubleIt></S:Body></S:Envelope>";
  }

  static Document parse(String xml) {
    try {
      return XML.parse(xml.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
