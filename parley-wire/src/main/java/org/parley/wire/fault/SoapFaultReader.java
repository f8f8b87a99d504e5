package org.parley.wire.fault;

import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.wire.Ns;
import org.parley.wire.soap.SoapEnvelope;
import org.parley.wire.soap.SoapVersion;
import org.parley.wire.xml.Dom;
import org.w3c.dom.Element;

/**
 * Reads a SOAP fault a peer sent (for clients).
 *
 * <pre>
 * SOAP 1.2 (part 1 section 5.4)                       SOAP 1.1 (section 4.4)
 * &lt;env:Fault&gt;                                          &lt;env:Fault&gt;
 *   &lt;env:Code&gt;&lt;env:Value&gt;env:Sender&lt;/env:Value&gt;          &lt;faultcode&gt;wsse:InvalidSecurity&lt;/faultcode&gt;
 *     &lt;env:Subcode&gt;&lt;env:Value&gt;wsse:..&lt;/env:Value&gt;      &lt;faultstring&gt;reason&lt;/faultstring&gt;
 *       &lt;env:Subcode&gt;..&lt;/env:Subcode&gt;?                 &lt;faultactor&gt;?  &lt;detail&gt;?
 *     &lt;/env:Subcode&gt;?                               &lt;/env:Fault&gt;
 *   &lt;/env:Code&gt;
 *   &lt;env:Reason&gt;&lt;env:Text xml:lang=".."&gt;+&lt;/env:Reason&gt;
 *   &lt;env:Node&gt;? &lt;env:Role&gt;? &lt;env:Detail&gt;?
 * &lt;/env:Fault&gt;
 * </pre>
 */
public final class SoapFaultReader {
  /** Longest reason text kept; the rest is cut (it is only for display and logs). */
  public static final int MAX_REASON_CHARS = 1024;

  /** Deepest chain of SOAP 1.2 subcodes read. */
  public static final int MAX_SUBCODES = 8;

  private SoapFaultReader() {}

  /**
   * The fault in {@code envelope}'s Body.
   *
   * @throws ParleyFault {@code Sender} when the Body holds no fault or a malformed one
   */
  public static ReceivedFault read(SoapEnvelope envelope) throws ParleyFault {
    if (!envelope.isFault()) {
      throw malformed("the SOAP Body does not hold a Fault");
    }
    Element fault = envelope.bodyPayload();
    return envelope.version() == SoapVersion.SOAP_12 ? read12(fault) : read11(fault);
  }

  private static ReceivedFault read12(Element fault) throws ParleyFault {
    String env = Ns.SOAP12;
    Element code = required(fault, env, "Code");
    QName top = qname(required(code, env, "Value"));
    List<QName> subcodes = new ArrayList<>(1);
    Element sub = Dom.child(code, env, "Subcode");
    while (sub != null) {
      if (subcodes.size() == MAX_SUBCODES) {
        throw malformed("more than " + MAX_SUBCODES + " nested SOAP fault subcodes");
      }
      subcodes.add(qname(required(sub, env, "Value")));
      sub = Dom.child(sub, env, "Subcode");
    }
    Element reason = required(fault, env, "Reason");
    String text = null;
    for (Element t : Dom.children(reason, env, "Text")) {
      String lang = Dom.attribute(t, XMLConstants.XML_NS_URI, "lang");
      if (text == null
          || (lang != null && lang.toLowerCase(java.util.Locale.ROOT).startsWith("en"))) {
        text = Dom.text(t);
        if (lang != null && lang.toLowerCase(java.util.Locale.ROOT).startsWith("en")) {
          break;
        }
      }
    }
    if (text == null) {
      throw malformed("SOAP 1.2 Fault Reason has no Text (part 1 section 5.4.2)");
    }
    QName specific = subcodes.isEmpty() ? top : subcodes.get(subcodes.size() - 1);
    return new ReceivedFault(
        SoapVersion.SOAP_12, top, subcodes, cap(text), map(specific, SoapVersion.SOAP_12));
  }

  private static ReceivedFault read11(Element fault) throws ParleyFault {
    QName code = qname(required(fault, null, "faultcode"));
    String text = Dom.text(required(fault, null, "faultstring"));
    return new ReceivedFault(
        SoapVersion.SOAP_11, code, List.of(), cap(text), map(code, SoapVersion.SOAP_11));
  }

  /** The Parley code a fault QName stands for, or null. */
  static FaultCode map(QName q, SoapVersion soap) {
    String ns = q.getNamespaceURI();
    FaultCode.Family family;
    if (Ns.WSSE.equals(ns)) {
      family = FaultCode.Family.WSSE;
    } else if (Ns.WST13.equals(ns) || Ns.WST200502.equals(ns)) {
      family = FaultCode.Family.TRUST;
    } else if (Ns.WSC13.equals(ns) || Ns.WSC200502.equals(ns)) {
      family = FaultCode.Family.SC;
    } else if (Ns.WSRM12.equals(ns) || Ns.WSRM200502.equals(ns)) {
      family = FaultCode.Family.RM;
    } else if (soap.namespace().equals(ns)) {
      if (q.equals(soap.senderFaultCode())) {
        return FaultCode.SOAP_SENDER;
      }
      if (q.equals(soap.receiverFaultCode())) {
        return FaultCode.SOAP_RECEIVER;
      }
      if (q.equals(soap.versionMismatchFaultCode())) {
        return FaultCode.SOAP_VERSION_MISMATCH;
      }
      if (q.equals(soap.mustUnderstandFaultCode())) {
        return FaultCode.SOAP_MUST_UNDERSTAND;
      }
      return null;
    } else {
      return null;
    }
    for (FaultCode c : FaultCode.values()) {
      if (c.family() == family && c.localName().equals(q.getLocalPart())) {
        return c;
      }
    }
    return null;
  }

  /** An xs:QName in element text, resolved against the declarations in scope. */
  private static QName qname(Element e) throws ParleyFault {
    String v = Dom.text(e);
    int colon = v.indexOf(':');
    String prefix = colon < 0 ? null : v.substring(0, colon);
    String local = v.substring(colon + 1);
    if (local.isEmpty() || local.indexOf(':') >= 0 || (prefix != null && prefix.isEmpty())) {
      throw malformed("fault code is not a QName");
    }
    String ns = e.lookupNamespaceURI(prefix);
    if (ns == null && prefix != null) {
      throw malformed("fault code uses an undeclared prefix");
    }
    return new QName(
        ns == null ? XMLConstants.NULL_NS_URI : ns, local, prefix == null ? "" : prefix);
  }

  private static Element required(Element parent, String ns, String local) throws ParleyFault {
    Element e = Dom.child(parent, ns, local);
    if (e == null) {
      throw malformed("SOAP Fault lacks " + local);
    }
    return e;
  }

  private static String cap(String s) {
    return s.length() <= MAX_REASON_CHARS ? s : s.substring(0, MAX_REASON_CHARS);
  }

  private static ParleyFault malformed(String detail) {
    return new ParleyFault(FaultCode.SOAP_SENDER, detail);
  }
}
