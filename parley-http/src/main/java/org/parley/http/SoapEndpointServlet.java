package org.parley.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import javax.xml.namespace.QName;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.endpoint.SoapEndpoint;
import org.parley.endpoint.SoapRequest;
import org.parley.endpoint.WsdlProvider;
import org.parley.endpoint.internal.BoundedBody;
import org.parley.security.InboundContext;
import org.parley.security.VerifiedMessage;
import org.parley.wire.addressing.AddressingHeaders;
import org.parley.wire.fault.FaultResponse;
import org.parley.wire.fault.NotUnderstoodFault;
import org.parley.wire.fault.ProtocolNamespaces;
import org.parley.wire.fault.SoapFaultWriter;
import org.parley.wire.soap.SoapVersion;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;

/**
 * A SOAP endpoint as a Jakarta servlet, usable in any Servlet 6 container or through {@link
 * ParleyServer}.
 *
 * <p>{@code POST}: SOAP 1.1 ({@code text/xml} + {@code SOAPAction}) or SOAP 1.2 ({@code
 * application/soap+xml; action=...}); the body is bounded by {@link SoapEndpoint#maxMessageBytes()}
 * before it is parsed with {@link HardenedXml}, then handed to the endpoint's {@link SoapHandler}.
 * {@code GET ?wsdl}: the endpoint's WSDL. Every failure becomes a SOAP fault carrying only the
 * fault code's standard reason; details stay in the local log.
 *
 * <p>In another container, register an instance programmatically, for example from a {@code
 * ServletContainerInitializer}: {@code context.addServlet("doubleIt", new
 * SoapEndpointServlet(endpoint)).addMapping("/services/DoubleIt")}.
 */
public class SoapEndpointServlet extends HttpServlet {
  /** How much of a refused request body is read and dropped so the fault reaches the client. */
  static final long UNREAD_BODY_DRAIN_BYTES = 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(SoapEndpointServlet.class);

  private final SoapEndpoint endpoint;
  private final HardenedXml xml;
  private final SoapFaultWriter faults = SoapFaultWriter.create();

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
            null,
            HttpServletResponse.SC_METHOD_NOT_ALLOWED);
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
          null,
          wsdl == null
              ? HttpServletResponse.SC_NOT_FOUND
              : HttpServletResponse.SC_METHOD_NOT_ALLOWED);
      return;
    }
    byte[] doc;
    try {
      doc = Objects.requireNonNull(wsdl.wsdl(requestAddress(req)), "WSDL provider returned null");
    } catch (RuntimeException e) {
      writeFault(resp, SoapVersion.SOAP_12, e, null, -1);
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
    AddressingHeaders addressing = null;
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
      addressing = request.addressing().orElse(null);
      // SOAP 1.2 part 1 section 5.2.3 / SOAP 1.1 section 4.2.3: refuse before processing anything
      // when a mandatory header block for this node is not understood.
      List<QName> notUnderstood = request.envelope().notUnderstood(endpoint.understoodHeaders());
      if (!notUnderstood.isEmpty()) {
        throw new NotUnderstoodFault(notUnderstood);
      }
      VerifiedMessage verified = null;
      if (endpoint.inbound() != null) {
        // The handler never sees what the engine has not verified (and decrypted).
        verified = endpoint.inbound().process(document, InboundContext.none());
        request = SoapRequest.verified(version, verified, httpAction, address);
      }
      if (req.getRemoteAddr() != null) {
        request = request.withClientAddress(req.getRemoteAddr());
      }
      Document answer = endpoint.handler().handle(request);
      if (answer == null) {
        response = null;
      } else if (verified != null) {
        response = endpoint.responseProtection().protect(answer, verified);
      } else {
        response = XmlWriter.toBytes(answer);
      }
    } catch (ParleyFault | RuntimeException e) {
      discardUnreadBody(req, resp);
      writeFault(resp, version, e, addressing, -1);
      return;
    } catch (IOException e) {
      // The peer stopped sending or broke the framing; answer if the connection still can.
      LOG.debug("reading the request to {} failed: {}", req.getRequestURI(), e.toString());
      writeFault(
          resp,
          version,
          new ParleyFault(FaultCode.SOAP_SENDER, "request body unreadable: " + e),
          addressing,
          -1);
      return;
    }
    if (response == null) {
      resp.setStatus(HttpServletResponse.SC_ACCEPTED);
      return;
    }
    writeEnvelope(resp, version, HttpServletResponse.SC_OK, response);
  }

  /**
   * Reads and drops what is left of a refused request body (one declared or found too long), at
   * most {@link #UNREAD_BODY_DRAIN_BYTES}. Closing a connection with unread bytes in its receive
   * buffer makes TCP send a reset, which can destroy the fault before the client reads it; past the
   * bound the connection is closed anyway ({@code Connection: close}) and the client may see a
   * reset instead of the fault.
   */
  private static void discardUnreadBody(HttpServletRequest req, HttpServletResponse resp) {
    try {
      var in = req.getInputStream();
      byte[] buf = new byte[8192];
      long left = UNREAD_BODY_DRAIN_BYTES;
      int n;
      while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) >= 0) {
        left -= n;
      }
      if (left <= 0) {
        resp.setHeader("Connection", "close");
      }
    } catch (IOException | IllegalStateException e) {
      resp.setHeader("Connection", "close");
    }
  }

  /**
   * Sends {@code error} as a SOAP fault made by the wire layer's {@link SoapFaultWriter}, the one
   * place that turns exceptions into faults (code and standard reason only; anything that is not a
   * {@link ParleyFault} is logged there with an incident id and sent as {@code Receiver}).
   *
   * @param request the request's addressing headers, or null, so the fault is addressed to its
   *     FaultTo/ReplyTo and relates to its MessageID
   * @param status an HTTP status that replaces the writer's (405, 404), or -1
   */
  private void writeFault(
      HttpServletResponse resp,
      SoapVersion version,
      Throwable error,
      AddressingHeaders request,
      int status)
      throws IOException {
    if (resp.isCommitted()) {
      LOG.debug("response committed, fault not sent: {}", error.toString());
      return;
    }
    resp.resetBuffer();
    FaultResponse fault =
        faults.write(
            error,
            version,
            ProtocolNamespaces.WS_SX_13,
            request,
            request == null ? null : "urn:uuid:" + UUID.randomUUID());
    byte[] bytes = fault.toBytes();
    resp.setStatus(status > 0 ? status : fault.httpStatus());
    resp.setContentType(fault.contentType());
    resp.setContentLength(bytes.length);
    resp.getOutputStream().write(bytes);
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
