package org.parley.endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.endpoint.internal.BoundedBody;
import org.parley.wire.addressing.AddressingHeaders;
import org.parley.wire.addressing.AddressingVersion;
import org.parley.wire.addressing.EndpointReference;
import org.parley.wire.fault.SoapFaultReader;
import org.parley.wire.soap.SoapEnvelope;
import org.parley.wire.soap.SoapEnvelopeBuilder;
import org.parley.wire.soap.SoapVersion;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The client side of the SOAP HTTP binding, on {@code java.net.http.HttpClient}. Immutable and
 * thread-safe: build one and share it between threads and conversations.
 *
 * <p>Responses are untrusted: their bodies are bounded by {@code maxResponseBytes} and parsed only
 * with {@link HardenedXml}.
 */
public final class SoapHttpClient {
  /** Default of the setting {@code maxResponseBytes}: 4 MiB. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 4L * 1024 * 1024;

  private final HttpClient http;
  private final Duration requestTimeout;
  private final long maxResponseBytes;
  private final HardenedXml xml;

  private SoapHttpClient(Builder b) {
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(b.connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.requestTimeout = b.requestTimeout;
    this.maxResponseBytes = b.maxResponseBytes;
    this.xml = HardenedXml.create(b.xmlLimits.toBuilder().maxBytes(b.maxResponseBytes).build());
  }

  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Posts {@code envelope} bytes with the content type and action of {@code version} and returns
   * whatever came back, fault or not.
   *
   * @throws IOException on a transport failure (refused, timed out, reset) or a response over
   *     {@code maxResponseBytes}
   */
  public SoapHttpResponse post(URI address, SoapVersion version, String action, byte[] envelope)
      throws IOException {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(envelope, "envelope");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(address)
            .timeout(requestTimeout)
            .header("Content-Type", version.contentType(action))
            .POST(HttpRequest.BodyPublishers.ofByteArray(envelope.clone()));
    String soapAction = version.soapActionHeader(action);
    if (soapAction != null) {
      // SOAP 1.1 section 6.1.1 and WS-I Basic Profile R2744: always present, quoted.
      request.header("SOAPAction", soapAction);
    }
    return send(request.build());
  }

  /** Fetches a document with GET (a WSDL, for example), bounded like a response. */
  public SoapHttpResponse get(URI address) throws IOException {
    Objects.requireNonNull(address, "address");
    return send(HttpRequest.newBuilder(address).timeout(requestTimeout).GET().build());
  }

  /**
   * Posts {@code envelope} and returns the response envelope.
   *
   * @throws SoapFaultException when the peer answered with a SOAP fault
   * @throws ParleyFault {@code Receiver} when the response is neither a SOAP envelope nor a fault
   */
  public Document exchange(URI address, SoapVersion version, String action, Document envelope)
      throws IOException, ParleyFault {
    SoapHttpResponse response = post(address, version, action, XmlWriter.toBytes(envelope));
    if (response.bodyLength() == 0) {
      if (response.status() / 100 == 2) {
        return null; // a one-way request's acknowledgement
      }
      throw new ParleyFault(
          FaultCode.SOAP_RECEIVER, "HTTP " + response.status() + " with an empty body");
    }
    Document doc;
    try {
      doc = xml.parse(response.bodyNoCopy());
    } catch (ParleyFault e) {
      throw new ParleyFault(
          FaultCode.SOAP_RECEIVER,
          "HTTP " + response.status() + " response is not acceptable XML: " + e.getMessage(),
          e);
    }
    SoapEnvelope received;
    try {
      received = SoapEnvelope.of(doc);
    } catch (ParleyFault e) {
      throw new ParleyFault(
          FaultCode.SOAP_RECEIVER,
          "HTTP " + response.status() + " response is not a SOAP envelope: " + e.getMessage(),
          e);
    }
    if (received.isFault()) {
      throw readFault(received, response.status());
    }
    if (received.version() != version) {
      throw new ParleyFault(
          FaultCode.SOAP_VERSION_MISMATCH,
          "asked in " + version + ", answered in " + received.version());
    }
    if (response.status() / 100 != 2) {
      throw new ParleyFault(
          FaultCode.SOAP_RECEIVER, "HTTP " + response.status() + " without a SOAP fault");
    }
    return doc;
  }

  /**
   * Posts an already serialized (for example WS-Security protected) envelope and returns the
   * response bytes when the status is 2xx, unparsed, for the caller's own processing.
   *
   * @throws SoapFaultException when the peer answered with a SOAP fault
   * @throws ParleyFault {@code Receiver} when a non-2xx answer is not a SOAP fault
   */
  public byte[] exchangeBytes(URI address, SoapVersion version, String action, byte[] envelope)
      throws IOException, ParleyFault {
    SoapHttpResponse response = post(address, version, action, envelope);
    if (response.status() / 100 == 2) {
      return response.bodyNoCopy();
    }
    throw failure(response);
  }

  /** The error a non-2xx response stands for: its SOAP fault, else a Receiver fault. */
  private ParleyFault failure(SoapHttpResponse response) {
    try {
      SoapEnvelope received = SoapEnvelope.of(xml.parse(response.bodyNoCopy()));
      if (received.isFault()) {
        return readFault(received, response.status());
      }
    } catch (ParleyFault notSoap) {
      // fall through: an HTTP error page, not a SOAP fault
    }
    return new ParleyFault(
        FaultCode.SOAP_RECEIVER, "HTTP " + response.status() + " without a SOAP fault");
  }

  /**
   * Sends {@code payload} in an envelope with WS-Addressing 1.0 headers ({@code Action}, {@code
   * MessageID}, {@code To}, anonymous {@code ReplyTo}) and returns the response's payload (the
   * first child of its body), or null when the body is empty.
   */
  public Element call(URI address, SoapVersion version, String action, Element payload)
      throws IOException, ParleyFault {
    Objects.requireNonNull(action, "action");
    SoapEnvelopeBuilder b = SoapEnvelope.newBuilder(version);
    AddressingVersion wsa = AddressingVersion.WSA_10;
    AddressingHeaders.newBuilder(wsa)
        .action(action)
        .messageId("urn:uuid:" + UUID.randomUUID())
        .to(address.toString())
        .replyTo(EndpointReference.of(wsa.anonymousUri()))
        .build()
        .writeTo(b);
    if (payload != null) {
      b.addBodyContent(Dom.importSelfContained(b.document(), payload));
    }
    Document response = exchange(address, version, action, b.build().document());
    return response == null ? null : Dom.firstChildElement(SoapEnvelope.of(response).body());
  }

  private SoapHttpResponse send(HttpRequest request) throws IOException {
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException io = new InterruptedIOException("interrupted");
      io.initCause(e);
      throw io;
    }
    long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    byte[] body;
    try (InputStream in = response.body()) {
      body = BoundedBody.read(in, declared, maxResponseBytes, "maxResponseBytes");
    } catch (ParleyFault e) {
      throw new IOException(e.getMessage(), e);
    }
    return new SoapHttpResponse(
        response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), body);
  }

  /** The fault in {@code envelope}, read by the wire layer's fault reader. */
  private static ParleyFault readFault(SoapEnvelope envelope, int status) {
    try {
      return new SoapFaultException(SoapFaultReader.read(envelope), status);
    } catch (ParleyFault malformed) {
      return new ParleyFault(
          FaultCode.SOAP_RECEIVER,
          "HTTP " + status + " carries a malformed SOAP fault: " + malformed.getMessage(),
          malformed);
    }
  }

  /** Builder; every setter checks its argument. */
  public static final class Builder {
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(60);
    private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private XmlLimits xmlLimits = XmlLimits.DEFAULT;

    private Builder() {}

    /** How long to wait for a TCP connection. Default 10 s. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive("connectTimeout", connectTimeout);
      return this;
    }

    /** How long to wait for the response headers of one request. Default 60 s. */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = positive("requestTimeout", requestTimeout);
      return this;
    }

    /** Setting {@code maxResponseBytes}: the largest response body read. Default 4 MiB. */
    public Builder maxResponseBytes(long maxResponseBytes) {
      if (maxResponseBytes < 1 || maxResponseBytes > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(
            "maxResponseBytes must be in 1.."
                + (Integer.MAX_VALUE - 8)
                + ", was "
                + maxResponseBytes);
      }
      this.maxResponseBytes = maxResponseBytes;
      return this;
    }

    /** Bounds on response XML; {@code maxBytes} is taken from {@code maxResponseBytes}. */
    public Builder xmlLimits(XmlLimits xmlLimits) {
      this.xmlLimits = Objects.requireNonNull(xmlLimits, "xmlLimits");
      return this;
    }

    public SoapHttpClient build() {
      return new SoapHttpClient(this);
    }

    private static Duration positive(String name, Duration d) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }
  }

  @Override
  public String toString() {
    return "SoapHttpClient[requestTimeout="
        + requestTimeout
        + ", maxResponseBytes="
        + maxResponseBytes
        + "]";
  }
}
