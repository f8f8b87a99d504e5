package org.parley.wire.fault;

import java.util.Objects;
import java.util.Optional;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.wire.Ns;

/**
 * A WS-ReliableMessaging fault (WS-RM 1.2 section 4; Feb 2005 section 4) for one sequence: {@link
 * SoapFaultWriter} writes its code in the namespace of the sequence's RM version and adds the
 * {@code wsrm:SequenceFault} header block whose {@code wsrm:Detail} names the sequence:
 *
 * <pre>
 * &lt;wsrm:SequenceFault&gt;
 *   &lt;wsrm:FaultCode&gt;wsrm:UnknownSequence&lt;/wsrm:FaultCode&gt;
 *   &lt;wsrm:Detail&gt;&lt;wsrm:Identifier&gt;urn:uuid:..&lt;/wsrm:Identifier&gt;&lt;/wsrm:Detail&gt;?
 * &lt;/wsrm:SequenceFault&gt;
 * </pre>
 */
public final class SequenceFault extends ParleyFault {
  private static final long serialVersionUID = 1L;

  private final String rmNamespace;
  private final String identifier;

  /**
   * @param code a code of family {@link FaultCode.Family#RM}
   * @param rmNamespace {@link Ns#WSRM12} or {@link Ns#WSRM200502}
   * @param identifier the sequence the fault is about, or null
   * @param detail for the local log only
   */
  public SequenceFault(FaultCode code, String rmNamespace, String identifier, String detail) {
    super(code, detail);
    if (code.family() != FaultCode.Family.RM) {
      throw new IllegalArgumentException("not a WS-RM fault code: " + code);
    }
    Objects.requireNonNull(rmNamespace, "rmNamespace");
    if (!rmNamespace.equals(Ns.WSRM12) && !rmNamespace.equals(Ns.WSRM200502)) {
      throw new IllegalArgumentException("not a WS-RM namespace: " + rmNamespace);
    }
    this.rmNamespace = rmNamespace;
    this.identifier = identifier;
  }

  /** The WS-RM namespace of the sequence's version. */
  public String rmNamespace() {
    return rmNamespace;
  }

  /** The sequence the fault is about, when known. */
  public Optional<String> identifier() {
    return Optional.ofNullable(identifier);
  }
}
