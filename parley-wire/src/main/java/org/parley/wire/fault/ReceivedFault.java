package org.parley.wire.fault;

import java.util.List;
import javax.xml.namespace.QName;
import org.parley.core.fault.FaultCode;
import org.parley.wire.soap.SoapVersion;

/**
 * A SOAP fault a peer sent, as a client sees it. Every field is peer-controlled text: show it, log
 * it (it is length-capped), never act on the reason.
 *
 * @param soapVersion the envelope's version
 * @param code the top-level code: Sender/Receiver (1.2), Client/Server (1.1), VersionMismatch or
 *     MustUnderstand
 * @param subcodes SOAP 1.2 subcodes, outermost first; empty for SOAP 1.1
 * @param reason the reason text (English when offered), at most {@link
 *     SoapFaultReader#MAX_REASON_CHARS}
 * @param parleyCode the Parley fault code the most specific code maps to, or null when it is not
 *     one Parley knows (CXF's {@code wss4j:SecurityError}, for one)
 */
public record ReceivedFault(
    SoapVersion soapVersion,
    QName code,
    List<QName> subcodes,
    String reason,
    FaultCode parleyCode) {
  public ReceivedFault {
    subcodes = List.copyOf(subcodes);
  }

  /** The most specific code: the innermost subcode in SOAP 1.2, faultcode in SOAP 1.1. */
  public QName specificCode() {
    return subcodes.isEmpty() ? code : subcodes.get(subcodes.size() - 1);
  }
}
