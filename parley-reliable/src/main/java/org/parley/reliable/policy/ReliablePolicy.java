package org.parley.reliable.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.endpoint.SoapEndpoint;
import org.parley.endpoint.WsdlProvider;
import org.parley.reliable.message.RmVersion;
import org.parley.wire.Ns;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;
import org.parley.wire.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The WS-RM policy assertion of an endpoint, as published in its WSDL's binding policy:
 *
 * <pre>
 * WS-RM Policy 1.2 (section 2.3):                  Feb 2005 (WS-RM Policy 2005/02 section 2):
 * &lt;wsrmp:RMAssertion [wsp:Optional="true"]&gt;        &lt;wsrmp:RMAssertion [wsp:Optional="true"]/&gt;
 *   &lt;wsp:Policy&gt;
 *     &lt;wsrmp:SequenceSTR/&gt;?            (bound to the security context, section 2.3.1)
 *     &lt;wsrmp:DeliveryAssurance&gt;&lt;wsp:Policy&gt;
 *       &lt;wsrmp:ExactlyOnce/&gt;&lt;wsrmp:InOrder/&gt;
 *     &lt;/wsp:Policy&gt;&lt;/wsrmp:DeliveryAssurance&gt;
 *   &lt;/wsp:Policy&gt;
 * &lt;/wsrmp:RMAssertion&gt;
 * </pre>
 *
 * Immutable. Parley's destination always delivers ExactlyOnce and InOrder, so that is what it
 * publishes and what a peer's assertion may ask for.
 */
public final class ReliablePolicy {
  /** WS-RM Policy 1.2 namespace. */
  public static final String WSRMP12 = "http://docs.oasis-open.org/ws-rx/wsrmp/200702";

  /** WS-RM Policy February 2005 namespace. */
  public static final String WSRMP200502 = "http://schemas.xmlsoap.org/ws/2005/02/rm/policy";

  private final RmVersion version;
  private final boolean sequenceStr;
  private final boolean optional;

  private ReliablePolicy(RmVersion version, boolean sequenceStr, boolean optional) {
    this.version = version;
    this.sequenceStr = sequenceStr;
    this.optional = optional;
  }

  /** WS-RM required, sequences not bound to a security token. */
  public static ReliablePolicy of(RmVersion version) {
    return new ReliablePolicy(Objects.requireNonNull(version, "version"), false, false);
  }

  /**
   * WS-RM 1.2 with sequences bound to the secure conversation's token ({@code wsrmp:SequenceSTR},
   * WS-RM Policy 1.2 section 2.3.1; WS-RM 1.2 section 5.2.1).
   */
  public static ReliablePolicy boundToSecurityContext() {
    return new ReliablePolicy(RmVersion.WSRM_12, true, false);
  }

  /**
   * The same assertion marked {@code wsp:Optional}: the endpoint also answers messages outside any
   * sequence (its destination was built with {@code allowMessagesOutsideSequences()}).
   */
  public ReliablePolicy asOptional() {
    return new ReliablePolicy(version, sequenceStr, true);
  }

  public RmVersion version() {
    return version;
  }

  /** Whether sequences must be bound to the security context (SequenceSTR). */
  public boolean sequenceStr() {
    return sequenceStr;
  }

  public boolean optional() {
    return optional;
  }

  /** The policy namespace of {@link #version()}. */
  public String namespace() {
    return version == RmVersion.WSRM_12 ? WSRMP12 : WSRMP200502;
  }

  /** The {@code wsrmp:RMAssertion} element, in WS-Policy {@code wspNamespace}. */
  public Element write(Document doc, String wspNamespace) {
    String ns = namespace();
    Element a = doc.createElementNS(ns, "wsrmp:RMAssertion");
    a.setAttributeNS(Ns.XMLNS, "xmlns:wsrmp", ns);
    if (optional) {
      a.setAttributeNS(Ns.XMLNS, "xmlns:wsp", wspNamespace);
      a.setAttributeNS(wspNamespace, "wsp:Optional", "true");
    }
    if (version == RmVersion.WSRM_12) {
      Element p = doc.createElementNS(wspNamespace, "wsp:Policy");
      p.setAttributeNS(Ns.XMLNS, "xmlns:wsp", wspNamespace);
      if (sequenceStr) {
        p.appendChild(doc.createElementNS(ns, "wsrmp:SequenceSTR"));
      }
      Element da = doc.createElementNS(ns, "wsrmp:DeliveryAssurance");
      Element dp = doc.createElementNS(wspNamespace, "wsp:Policy");
      dp.appendChild(doc.createElementNS(ns, "wsrmp:ExactlyOnce"));
      dp.appendChild(doc.createElementNS(ns, "wsrmp:InOrder"));
      da.appendChild(dp);
      p.appendChild(da);
      a.appendChild(p);
    }
    return a;
  }

  /**
   * Adds this assertion to the binding policy of {@code wsdl} (the {@code wsp:Policy} a {@code
   * wsdl:binding} references, into its {@code wsp:ExactlyOne/wsp:All}; WS-Policy 1.5 Attachment
   * section 4.1) and returns the new WSDL bytes.
   *
   * @throws IllegalArgumentException when the WSDL has no referenced binding policy
   */
  public byte[] attachTo(byte[] wsdl) {
    Document d;
    try {
      d = HardenedXml.create(XmlLimits.DEFAULT).parse(wsdl.clone());
    } catch (ParleyFault e) {
      throw new IllegalArgumentException("the WSDL is not acceptable XML", e);
    }
    int attached = 0;
    for (Element policy : bindingPolicies(d)) {
      Element all = Dom.firstChildElement(Dom.firstChildElement(policy));
      if (all == null) {
        continue;
      }
      all.appendChild(write(d, policy.getNamespaceURI()));
      attached++;
    }
    if (attached == 0) {
      throw new IllegalArgumentException("the WSDL has no binding policy to extend");
    }
    return XmlWriter.toBytes(d);
  }

  /**
   * {@code endpoint} with the same handler and bounds, publishing {@code wsdl} with this assertion
   * attached ({@link #attachTo}), each {@code soap:address} rewritten to the address used.
   */
  public SoapEndpoint publish(SoapEndpoint endpoint, byte[] wsdl) {
    SoapEndpoint.Builder b =
        SoapEndpoint.newBuilder()
            .handler(endpoint.handler())
            .maxMessageBytes(endpoint.maxMessageBytes())
            .xmlLimits(endpoint.xmlLimits())
            .understands(endpoint.understoodHeaders().toArray(new javax.xml.namespace.QName[0]))
            .wsdl(WsdlProvider.rewritingAddress(attachTo(wsdl)));
    if (endpoint.inbound() != null) {
      b.security(endpoint.inbound(), endpoint.responseProtection());
    }
    return b.build();
  }

  /**
   * The RM assertion of a peer's WSDL binding policy, if it has one.
   *
   * @throws ParleyFault {@code Receiver} when the assertion asks for what Parley does not do
   *     (another delivery assurance than ExactlyOnce/InOrder, a sequence bound to TLS)
   */
  public static Optional<ReliablePolicy> read(Document wsdl) throws ParleyFault {
    for (Element policy : bindingPolicies(wsdl)) {
      for (String ns : List.of(WSRMP12, WSRMP200502)) {
        var found = policy.getElementsByTagNameNS(ns, "RMAssertion");
        if (found.getLength() == 0) {
          continue;
        }
        Element a = (Element) found.item(0);
        RmVersion v = ns.equals(WSRMP12) ? RmVersion.WSRM_12 : RmVersion.WSRM_200502;
        boolean str = a.getElementsByTagNameNS(ns, "SequenceSTR").getLength() > 0;
        if (a.getElementsByTagNameNS(ns, "SequenceTransportSecurity").getLength() > 0) {
          throw new ParleyFault(
              FaultCode.SOAP_RECEIVER,
              "the peer binds sequences to TLS (wsrmp:SequenceTransportSecurity); Parley does not");
        }
        for (String other : List.of("AtLeastOnce", "AtMostOnce")) {
          if (a.getElementsByTagNameNS(ns, other).getLength() > 0) {
            throw new ParleyFault(
                FaultCode.SOAP_RECEIVER,
                "the peer asks for delivery assurance " + other + "; Parley gives ExactlyOnce");
          }
        }
        String opt = optionalAttribute(a);
        return Optional.of(new ReliablePolicy(v, str, "true".equals(opt) || "1".equals(opt)));
      }
    }
    return Optional.empty();
  }

  private static String optionalAttribute(Element a) {
    for (String wsp : List.of(Ns.WSP15, Ns.WSP12)) {
      String v = Dom.attribute(a, wsp, "Optional");
      if (v != null) {
        return v.strip();
      }
    }
    return null;
  }

  /** The policies {@code wsdl:binding}s reference by {@code #id}, and those nested in bindings. */
  private static List<Element> bindingPolicies(Document d) {
    List<Element> out = new ArrayList<>();
    String wsdlNs = "http://schemas.xmlsoap.org/wsdl/";
    var bindings = d.getElementsByTagNameNS(wsdlNs, "binding");
    for (int i = 0; i < bindings.getLength(); i++) {
      Element binding = (Element) bindings.item(i);
      for (String wsp : List.of(Ns.WSP15, Ns.WSP12)) {
        for (Element ref : Dom.children(binding, wsp, "PolicyReference")) {
          String uri = Dom.attribute(ref, null, "URI");
          if (uri != null && uri.startsWith("#")) {
            Element p = policyById(d, uri.substring(1));
            if (p != null) {
              out.add(p);
            }
          }
        }
        out.addAll(Dom.children(binding, wsp, "Policy"));
      }
    }
    return out;
  }

  private static Element policyById(Document d, String id) {
    for (String wsp : List.of(Ns.WSP15, Ns.WSP12)) {
      var policies = d.getElementsByTagNameNS(wsp, "Policy");
      for (int i = 0; i < policies.getLength(); i++) {
        Element p = (Element) policies.item(i);
        if (id.equals(Dom.attribute(p, Ns.WSU, "Id")) || id.equals(Dom.attribute(p, null, "Id"))) {
          return p;
        }
      }
    }
    return null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReliablePolicy p
        && version == p.version
        && sequenceStr == p.sequenceStr
        && optional == p.optional;
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, sequenceStr, optional);
  }

  @Override
  public String toString() {
    return "ReliablePolicy["
        + version
        + (sequenceStr ? ", SequenceSTR" : "")
        + (optional ? ", optional" : "")
        + "]";
  }
}
