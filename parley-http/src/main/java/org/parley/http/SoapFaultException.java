package org.parley.http;

import java.util.Objects;
import javax.xml.namespace.QName;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.wire.Ns;

/**
 * A peer answered with a SOAP fault. {@link #code()} is Parley's {@link FaultCode} when the peer's
 * most specific code is one Parley knows, else the SOAP code it falls under ({@code Sender} or
 * {@code Receiver}); {@link #faultCode()} is the peer's code exactly as sent.
 */
public final class SoapFaultException extends ParleyFault {
  private static final long serialVersionUID = 1L;

  private final transient QName faultCode;
  private final transient QName subcode;
  private final String reason;
  private final int httpStatus;

  SoapFaultException(
      FaultCode code, QName faultCode, QName subcode, String reason, int httpStatus) {
    super(code, describe(faultCode, subcode, reason, httpStatus));
    this.faultCode = Objects.requireNonNull(faultCode, "faultCode");
    this.subcode = subcode;
    this.reason = reason == null ? "" : reason;
    this.httpStatus = httpStatus;
  }

  /** The top-level code as sent: {@code env:Sender}, SOAP 1.1's {@code wsse:FailedCheck}, ... */
  public QName faultCode() {
    return faultCode;
  }

  /** SOAP 1.2's first {@code Subcode}, or null. */
  public QName subcode() {
    return subcode;
  }

  /** The peer's reason text (untrusted, for display only). */
  public String reason() {
    return reason;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** {@code prefix-free} text for one line: {@code {ns}Sender/{ns}InvalidSecurity: reason}. */
  private static String describe(QName code, QName subcode, String reason, int status) {
    StringBuilder sb = new StringBuilder("SOAP fault ").append(code.getLocalPart());
    if (subcode != null) {
      sb.append('/').append(subcode.getLocalPart());
    }
    if (reason != null && !reason.isEmpty()) {
      sb.append(": ").append(reason);
    }
    return sb.append(" (HTTP ").append(status).append(')').toString();
  }

  /** Maps the peer's codes to Parley's enum: the most specific known code wins. */
  static FaultCode classify(QName code, QName subcode) {
    FaultCode specific = subcode != null ? known(subcode) : null;
    if (specific != null) {
      return specific;
    }
    FaultCode top = known(code);
    if (top != null) {
      return top;
    }
    return FaultCode.SOAP_RECEIVER;
  }

  private static FaultCode known(QName q) {
    String ns = q.getNamespaceURI();
    String local = q.getLocalPart();
    if (Ns.SOAP12.equals(ns) || Ns.SOAP11.equals(ns)) {
      return switch (local) {
        case "Sender", "Client" -> FaultCode.SOAP_SENDER;
        case "Receiver", "Server" -> FaultCode.SOAP_RECEIVER;
        case "VersionMismatch" -> FaultCode.SOAP_VERSION_MISMATCH;
        case "MustUnderstand" -> FaultCode.SOAP_MUST_UNDERSTAND;
        default -> null;
      };
    }
    FaultCode.Family family;
    if (Ns.WSSE.equals(ns)) {
      family = FaultCode.Family.WSSE;
    } else if (Ns.WST13.equals(ns) || Ns.WST200502.equals(ns)) {
      family = FaultCode.Family.TRUST;
    } else if (Ns.WSC13.equals(ns) || Ns.WSC200502.equals(ns)) {
      family = FaultCode.Family.SC;
    } else {
      return null;
    }
    for (FaultCode c : FaultCode.values()) {
      if (c.family() == family && c.localName().equals(local)) {
        return c;
      }
    }
    return null;
  }
}
