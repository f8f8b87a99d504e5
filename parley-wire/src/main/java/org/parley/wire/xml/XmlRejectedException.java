package org.parley.wire.xml;

import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;

/** Untrusted XML was refused: malformed, or over one of the {@link XmlLimits} settings. */
public final class XmlRejectedException extends ParleyFault {
  private static final long serialVersionUID = 1L;

  private final String setting;

  XmlRejectedException(String setting, String detail) {
    super(FaultCode.SOAP_SENDER, detail);
    this.setting = setting;
  }

  XmlRejectedException(String detail, Throwable cause) {
    super(FaultCode.SOAP_SENDER, detail, cause);
    this.setting = null;
  }

  /** The name of the {@link XmlLimits} setting that was exceeded, or null for malformed XML. */
  public String setting() {
    return setting;
  }
}
