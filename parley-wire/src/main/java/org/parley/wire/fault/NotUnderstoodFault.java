package org.parley.wire.fault;

import java.util.List;
import javax.xml.namespace.QName;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;

/**
 * A {@code MustUnderstand} fault naming the mandatory header blocks that were not understood, so
 * the fault writer can list them in SOAP 1.2 {@code env:NotUnderstood} headers (SOAP 1.2 part 1
 * section 5.4.8).
 */
public final class NotUnderstoodFault extends ParleyFault {
  private static final long serialVersionUID = 1L;

  private final transient List<QName> notUnderstood;

  public NotUnderstoodFault(List<QName> notUnderstood) {
    super(FaultCode.SOAP_MUST_UNDERSTAND, "mandatory headers not understood: " + notUnderstood);
    if (notUnderstood.isEmpty()) {
      throw new IllegalArgumentException("name at least one header block");
    }
    this.notUnderstood = List.copyOf(notUnderstood);
  }

  /** The header blocks, in message order. */
  public List<QName> notUnderstood() {
    return notUnderstood == null ? List.of() : notUnderstood;
  }
}
