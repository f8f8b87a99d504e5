package org.parley.endpoint;

import java.util.Objects;
import javax.xml.namespace.QName;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.wire.fault.ReceivedFault;

/**
 * A peer answered with a SOAP fault. {@link #code()} is Parley's {@link FaultCode} for the peer's
 * most specific code when Parley knows it, else the SOAP code it falls under ({@code Receiver}
 * unless the peer blamed the sender); {@link #fault()} is the fault exactly as received.
 */
public final class SoapFaultException extends ParleyFault {
  private static final long serialVersionUID = 1L;

  private final transient ReceivedFault fault;
  private final int httpStatus;

  SoapFaultException(ReceivedFault fault, int httpStatus) {
    super(classify(fault), describe(fault, httpStatus));
    this.fault = Objects.requireNonNull(fault, "fault");
    this.httpStatus = httpStatus;
  }

  /** The fault as the peer sent it (peer-controlled text: display it, never act on the reason). */
  public ReceivedFault fault() {
    return fault;
  }

  /** The top-level code as sent: {@code env:Sender}, or SOAP 1.1's {@code wsse:FailedCheck}. */
  public QName faultCode() {
    return fault.code();
  }

  /** The most specific code: SOAP 1.2's innermost subcode, SOAP 1.1's faultcode. */
  public QName specificCode() {
    return fault.specificCode();
  }

  /** The peer's reason text. */
  public String reason() {
    return fault.reason();
  }

  public int httpStatus() {
    return httpStatus;
  }

  private static FaultCode classify(ReceivedFault f) {
    if (f.parleyCode() != null) {
      return f.parleyCode();
    }
    // An unknown specific code still has a top-level one that says whose fault it was.
    return f.code().equals(f.soapVersion().senderFaultCode())
        ? FaultCode.SOAP_SENDER
        : FaultCode.SOAP_RECEIVER;
  }

  /** One line: {@code SOAP fault Sender/InvalidSecurity: reason (HTTP 400)}. */
  private static String describe(ReceivedFault f, int status) {
    StringBuilder sb = new StringBuilder("SOAP fault ").append(f.code().getLocalPart());
    if (!f.specificCode().equals(f.code())) {
      sb.append('/').append(f.specificCode().getLocalPart());
    }
    String reason = f.reason().replaceAll("\\p{Cntrl}+", " ").strip();
    if (!reason.isEmpty()) {
      sb.append(": ").append(reason);
    }
    return sb.append(" (HTTP ").append(status).append(')').toString();
  }
}
