package org.parley.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.http.internal.BoundedBody;
import org.parley.security.InboundContext;
import org.parley.security.VerifiedMessage;
import org.parley.wire.Ns;
import org.parley.wire.soap.SoapEnvelope;
import org.parley.wire.soap.SoapEnvelopeBuilder;
import org.parley.wire.soap.SoapVersion;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A SOAP endpoint as a Jakarta servlet, usable in any Servlet 6 container or through {@link
 * ParleyServer}.
 *
 * <p>{@code POST}: SOAP 1.1 ({@code text/xml} + {@code SOAPAction}) or SOAP 1.2 ({@code
 * application/soap+xml; action=...}); the body is bounded by {@link SoapEndpoint#maxMessageBytes()}
 * before it is parsed with {@link HardenedXml}, then handed to the endpoint's {@link SoapHandler}.
 * {@code GET ?wsdl}: the endpoint's WSDL. Every failure becomes a SOAP fault carrying only the
 * fault code's standard reason; details stay in the local log.
 */
public class SoapEndpointServlet extends HttpServlet {
  private static final Logger LOG = LoggerFactory.getLogger(SoapEndpointServlet.class);

  private final SoapEndpoint endpoint;
  private final HardenedXml xml;

  public SoapEndpointServlet(SoapEndpoint endpoint) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.xml = HardenedXml.create(endpoint.xmlLimits());
  }

  public SoapEndpoint endpoint() {
    return endpoint;
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    resp.setHeader("X-Content-Type-Options", "nosniff");
    switch (req.getMethod()) {
      case "POST" -> post(req, resp);
      case "GET" -> get(req, resp);
      default -> {
        resp.setHeader("Allow", "GET, POST");
        writeFault(
            resp,
            SoapVersion.SOAP_12,
            new ParleyFault(FaultCode.SOAP_SENDER, "method " + req.getMethod() + " not allowed"),
            HttpServletResponse.SC_METHOD_NOT_ALLOWED,
            req.getRequestURI());
      }
    }
  }

  private void get(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String query = req.getQueryString();
    WsdlProvider wsdl = endpoint.wsdl();
    if (wsdl == null || query == null || !query.toLowerCase(Locale.ROOT).equals("wsdl")) {
      resp.setHeader("Allow", "POST");
      writeFault(
          resp,
          SoapVersion.SOAP_12,
          new ParleyFault(
              FaultCode.SOAP_SENDER,
              wsdl == null ? "this endpoint publishes no WSDL" : "GET serves only ?wsdl"),
          wsdl == null
              ? HttpServletResponse.SC_NOT_FOUND
              : HttpServletResponse.SC_METHOD_NOT_ALLOWED,
          req.getRequestURI());
      return;
    }
    byte[] doc;
    try {
      doc = Objects.requireNonNull(wsdl.wsdl(requestAddress(req)), "WSDL provider returned null");
    } catch (RuntimeException e) {
      LOG.warn("WSDL provider failed for {}", req.getRequestURI(), e);
      writeFault(
          resp,
          SoapVersion.SOAP_12,
          new ParleyFault(FaultCode.SOAP_RECEIVER, "WSDL provider failed"),
          -1,
          req.getRequestURI());
      return;
    }
    resp.setStatus(HttpServletResponse.SC_OK);
    resp.setContentType("text/xml; charset=utf-8");
    resp.setContentLength(doc.length);
    resp.getOutputStream().write(doc);
  }

  private void post(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    SoapVersion version = SoapVersion.SOAP_12; // for faults before the request names its own
    byte[] response;
    try {
      String contentType = req.getContentType();
      SoapVersion announced = SoapVersion.forContentType(contentType);
      if (announced == null) {
        throw new ParleyFault(
            FaultCode.SOAP_SENDER,
            "Content-Type is neither text/xml (SOAP 1.1) nor application/soap+xml (SOAP 1.2)");
      }
      version = announced;
      byte[] body =
          BoundedBody.read(
              req.getInputStream(),
              req.getContentLengthLong(),
              endpoint.maxMessageBytes(),
              "maxMessageBytes");
      Document document = xml.parse(body);
      String httpAction = version.actionFrom(contentType, req.getHeader("SOAPAction"));
      URI address = requestAddress(req);
      SoapRequest request = SoapRequest.of(version, document, httpAction, address);
      // SOAP 1.2 part 1 section 5.2.3 / SOAP 1.1 section 4.2.3: refuse before processing anything
      // when a mandatory header block for this node is not understood.
      List<QName> notUnderstood = request.envelope().notUnderstood(endpoint.understoodHeaders());
      if (!notUnderstood.isEmpty()) {
        throw new ParleyFault(
            FaultCode.SOAP_MUST_UNDERSTAND, "header blocks not understood: " + notUnderstood);
      }
      VerifiedMessage verified = null;
      if (endpoint.inbound() != null) {
        // The handler never sees what the engine has not verified (and decrypted).
        verified = endpoint.inbound().process(document, InboundContext.none());
        request = SoapRequest.verified(version, verified, httpAction, address);
      }
      Document answer = endpoint.handler().handle(request);
      if (answer == null) {
        response = null;
      } else if (verified != null) {
        response = endpoint.responseProtection().protect(answer, verified);
      } else {
        response = XmlWriter.toBytes(answer);
      }
    } catch (ParleyFault f) {
      writeFault(resp, version, f, -1, req.getRequestURI());
      return;
    } catch (IOException e) {
      // The peer stopped sending or broke the framing; answer if the connection still can.
      LOG.debug("reading the request to {} failed: {}", req.getRequestURI(), e.toString());
      writeFault(
          resp,
          version,
          new ParleyFault(FaultCode.SOAP_SENDER, "request body unreadable"),
          -1,
          req.getRequestURI());
      return;
    } catch (RuntimeException e) {
      LOG.warn("handler for {} failed", req.getRequestURI(), e);
      writeFault(
          resp,
          version,
          new ParleyFault(FaultCode.SOAP_RECEIVER, "unexpected " + e.getClass().getName()),
          -1,
          req.getRequestURI());
      return;
    }
    if (response == null) {
      resp.setStatus(HttpServletResponse.SC_ACCEPTED);
      return;
    }
    writeEnvelope(resp, version, HttpServletResponse.SC_OK, response);
  }

  /**
   * The one place that turns a failure into a SOAP fault. The peer sees the fault code and the
   * code's standard reason only; the detail (which may quote the peer's input) goes to the log.
   *
   * <p>SOAP 1.2 (part 1 section 5.4.6): {@code env:Sender} or {@code env:Receiver} with a
   * WS-Security, WS-Trust or WS-SC code as {@code env:Subcode}; SOAP 1.1 (section 4.4): the code
   * itself as {@code faultcode}. HTTP status: 500 for the receiver's own failures, otherwise 400
   * (SOAP 1.2 part 2 section 7.5.2.2 for {@code env:Sender}; Parley also uses 400 for the peer's
   * other mistakes, so a client's error is never reported as a server error).
   */
  private static void writeFault(
      HttpServletResponse resp, SoapVersion version, ParleyFault fault, int status, String path)
      throws IOException {
    FaultCode code = fault.code();
    if (code.isReceiverFault()) {
      LOG.warn("fault {} on {}: {}", code.localName(), path, fault.getMessage());
    } else {
      LOG.debug("fault {} on {}: {}", code.localName(), path, fault.getMessage());
    }
    if (resp.isCommitted()) {
      return;
    }
    resp.resetBuffer();
    SoapEnvelopeBuilder b = SoapEnvelope.newBuilder(version);
    Document doc = b.document();
    String env = version.namespace();
    String p = b.body().getPrefix();
    Element faultElement = doc.createElementNS(env, p + ":Fault");
    b.addBodyContent(faultElement);
    String codeNs;
    String codePrefix;
    switch (code.family()) {
      case WSSE -> {
        codeNs = Ns.WSSE;
        codePrefix = "wsse";
      }
      case TRUST -> {
        codeNs = Ns.WST13;
        codePrefix = "wst";
      }
      case SC -> {
        codeNs = Ns.WSC13;
        codePrefix = "wsc";
      }
      default -> {
        codeNs = null;
        codePrefix = null;
      }
    }
    boolean receiver = code.isReceiverFault();
    if (version == SoapVersion.SOAP_12) {
      Element codeEl = append(doc, faultElement, env, p + ":Code");
      String top =
          code.family() == FaultCode.Family.SOAP
              ? code.localName()
              : receiver ? "Receiver" : "Sender";
      append(doc, codeEl, env, p + ":Value").appendChild(doc.createTextNode(p + ":" + top));
      if (codeNs != null) {
        Element sub = append(doc, codeEl, env, p + ":Subcode");
        Element value = append(doc, sub, env, p + ":Value");
        value.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:" + codePrefix, codeNs);
        value.appendChild(doc.createTextNode(codePrefix + ":" + code.localName()));
      }
      Element reason = append(doc, faultElement, env, p + ":Reason");
      Element text = append(doc, reason, env, p + ":Text");
      text.setAttributeNS(XMLConstants.XML_NS_URI, "xml:lang", "en");
      text.appendChild(doc.createTextNode(code.defaultReason()));
    } else {
      Element faultcode = append(doc, faultElement, null, "faultcode");
      if (codeNs != null) {
        faultcode.setAttributeNS(
            XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:" + codePrefix, codeNs);
        faultcode.appendChild(doc.createTextNode(codePrefix + ":" + code.localName()));
      } else {
        QName q =
            switch (code) {
              case SOAP_SENDER -> version.senderFaultCode();
              case SOAP_RECEIVER -> version.receiverFaultCode();
              default -> new QName(env, code.localName());
            };
        faultcode.appendChild(doc.createTextNode(p + ":" + q.getLocalPart()));
      }
      append(doc, faultElement, null, "faultstring")
          .appendChild(doc.createTextNode(code.defaultReason()));
    }
    int httpStatus = status > 0 ? status : receiver ? 500 : 400;
    writeEnvelope(resp, version, httpStatus, XmlWriter.toBytes(b.build().document()));
  }

  private static Element append(Document doc, Element parent, String ns, String qname) {
    Element e = doc.createElementNS(ns, qname);
    parent.appendChild(e);
    return e;
  }

  private static void writeEnvelope(
      HttpServletResponse resp, SoapVersion version, int status, byte[] bytes) throws IOException {
    resp.setStatus(status);
    resp.setContentType(version.mediaType() + "; charset=utf-8");
    resp.setContentLength(bytes.length);
    resp.getOutputStream().write(bytes);
  }

  private static URI requestAddress(HttpServletRequest req) {
    try {
      return URI.create(req.getRequestURL().toString());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
