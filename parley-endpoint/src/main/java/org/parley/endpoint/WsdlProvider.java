package org.parley.endpoint;

import java.net.URI;
import java.util.List;
import org.parley.core.fault.ParleyFault;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Supplies the WSDL document an endpoint serves on {@code GET ?wsdl}. */
@FunctionalInterface
public interface WsdlProvider {
  /** WSDL 1.1 SOAP binding (section 3.8) namespace of {@code soap:address}. */
  String WSDL_SOAP11 = "http://schemas.xmlsoap.org/wsdl/soap/";

  /** WSDL 1.1 SOAP 1.2 binding namespace of {@code soap12:address}. */
  String WSDL_SOAP12 = "http://schemas.xmlsoap.org/wsdl/soap12/";

  /**
   * The WSDL for an endpoint reached at {@code endpointAddress} (the URL of the request, without
   * its query), as UTF-8 bytes.
   */
  byte[] wsdl(URI endpointAddress);

  /**
   * Serves {@code wsdl} with the {@code location} of every {@code soap:address} and {@code
   * soap12:address} set to the address the client used, so the document points at this endpoint
   * whatever host and port it runs on.
   *
   * @throws IllegalArgumentException when {@code wsdl} is not well-formed XML
   */
  static WsdlProvider rewritingAddress(byte[] wsdl) {
    Document template;
    try {
      template = HardenedXml.create(XmlLimits.DEFAULT).parse(wsdl.clone());
    } catch (ParleyFault e) {
      throw new IllegalArgumentException("the WSDL document is not acceptable XML", e);
    }
    return address -> {
      Document copy;
      synchronized (template) { // DOM promises no thread safety, not even for reads
        copy = (Document) template.cloneNode(true);
      }
      for (String ns : List.of(WSDL_SOAP11, WSDL_SOAP12)) {
        var addresses = copy.getElementsByTagNameNS(ns, "address");
        for (int i = 0; i < addresses.getLength(); i++) {
          ((Element) addresses.item(i)).setAttributeNS(null, "location", address.toString());
        }
      }
      return XmlWriter.toBytes(copy);
    };
  }

  /** The same bytes for every address. */
  static WsdlProvider fixed(byte[] wsdl) {
    byte[] copy = wsdl.clone();
    return address -> copy.clone();
  }
}
