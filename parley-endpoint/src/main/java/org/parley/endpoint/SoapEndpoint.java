package org.parley.endpoint;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import javax.xml.namespace.QName;
import org.parley.security.InboundProcessor;
import org.parley.wire.Ns;
import org.parley.wire.xml.XmlLimits;

/**
 * What one SOAP endpoint does and the bounds it enforces: its handler, the WSDL it serves and the
 * limits on each request. Immutable; build with {@link #newBuilder}.
 */
public final class SoapEndpoint {
  /** Default of the setting {@code maxMessageBytes}: 4 MiB, like the XML parser's default. */
  public static final long DEFAULT_MAX_MESSAGE_BYTES = 4L * 1024 * 1024;

  private final SoapHandler handler;
  private final WsdlProvider wsdl;
  private final long maxMessageBytes;
  private final XmlLimits xmlLimits;
  private final Set<QName> understoodHeaders;
  private final InboundProcessor inbound;
  private final ResponseProtection responseProtection;

  private SoapEndpoint(Builder b) {
    this.inbound = b.inbound;
    this.responseProtection = b.responseProtection;
    this.understoodHeaders = Set.copyOf(b.understoodHeaders);
    this.handler = b.handler;
    this.wsdl = b.wsdl;
    this.maxMessageBytes = b.maxMessageBytes;
    this.xmlLimits = b.xmlLimits.toBuilder().maxBytes(b.maxMessageBytes).build();
  }

  /** An endpoint with default limits and no WSDL. */
  public static SoapEndpoint of(SoapHandler handler) {
    return newBuilder().handler(handler).build();
  }

  public static Builder newBuilder() {
    return new Builder();
  }

  public SoapHandler handler() {
    return handler;
  }

  /** The WSDL served on {@code GET ?wsdl}, or null when the endpoint publishes none. */
  public WsdlProvider wsdl() {
    return wsdl;
  }

  /**
   * Setting {@code maxMessageBytes}: the largest request body accepted, checked before any byte is
   * parsed. A larger body is refused with a {@code Sender} fault naming this setting in the log.
   */
  public long maxMessageBytes() {
    return maxMessageBytes;
  }

  /** Bounds on the request XML; its {@code maxBytes} equals {@link #maxMessageBytes()}. */
  public XmlLimits xmlLimits() {
    return xmlLimits;
  }

  /**
   * The header blocks this endpoint processes. A request with a {@code mustUnderstand} block
   * addressed to it that is not in this set is refused with a {@code MustUnderstand} fault before
   * the handler runs. Default: the WS-Addressing 1.0 and 2004/08 headers.
   */
  public Set<QName> understoodHeaders() {
    return understoodHeaders;
  }

  /**
   * The WS-Security processor every request passes before the handler sees it, or null for an
   * unsecured endpoint.
   */
  public InboundProcessor inbound() {
    return inbound;
  }

  /** How responses of a secured endpoint are protected, or null for an unsecured endpoint. */
  public ResponseProtection responseProtection() {
    return responseProtection;
  }

  /** Builder; every setter checks its argument and {@link #build} needs a handler. */
  public static final class Builder {
    private SoapHandler handler;
    private WsdlProvider wsdl;
    private long maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
    private XmlLimits xmlLimits = XmlLimits.DEFAULT;
    private final Set<QName> understoodHeaders = new HashSet<>();
    private InboundProcessor inbound;
    private ResponseProtection responseProtection;

    private Builder() {
      for (String ns : new String[] {Ns.WSA10, Ns.WSA200408}) {
        for (String h :
            new String[] {"To", "Action", "MessageID", "RelatesTo", "ReplyTo", "FaultTo", "From"}) {
          understoodHeaders.add(new QName(ns, h));
        }
      }
    }

    /**
     * Declares that the handler processes header blocks {@code names} (a security header, for
     * example), so a {@code mustUnderstand} on them is honoured rather than faulted.
     */
    public Builder understands(QName... names) {
      for (QName n : names) {
        understoodHeaders.add(Objects.requireNonNull(n, "name"));
      }
      return this;
    }

    public Builder handler(SoapHandler handler) {
      this.handler = Objects.requireNonNull(handler, "handler");
      return this;
    }

    public Builder wsdl(WsdlProvider wsdl) {
      this.wsdl = Objects.requireNonNull(wsdl, "wsdl");
      return this;
    }

    public Builder maxMessageBytes(long maxMessageBytes) {
      if (maxMessageBytes < 1 || maxMessageBytes > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(
            "maxMessageBytes must be in 1.."
                + (Integer.MAX_VALUE - 8)
                + ", was "
                + maxMessageBytes);
      }
      this.maxMessageBytes = maxMessageBytes;
      return this;
    }

    /** Depth, element, attribute and text bounds; {@code maxBytes} is taken from the endpoint. */
    public Builder xmlLimits(XmlLimits xmlLimits) {
      this.xmlLimits = Objects.requireNonNull(xmlLimits, "xmlLimits");
      return this;
    }

    /**
     * Secures the endpoint with WS-Security: each request is processed by {@code inbound} (its
     * policy decides what must be signed, encrypted and timestamped) and the handler receives only
     * the verified, decrypted message; each response goes out through {@code responseProtection}.
     * The {@code wsse:Security} header is then understood.
     */
    public Builder security(InboundProcessor inbound, ResponseProtection responseProtection) {
      this.inbound = Objects.requireNonNull(inbound, "inbound");
      this.responseProtection = Objects.requireNonNull(responseProtection, "responseProtection");
      understoodHeaders.add(new QName(Ns.WSSE, "Security"));
      return this;
    }

    public SoapEndpoint build() {
      if (handler == null) {
        throw new IllegalStateException("an endpoint needs a handler: call handler()");
      }
      return new SoapEndpoint(this);
    }
  }
}
