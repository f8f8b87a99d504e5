package org.parley.sts.saml;

import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;

/** A SAML assertion that {@link SamlAssertionValidator} refused, with the rule it broke. */
public final class SamlRejectedException extends ParleyFault {
  private static final long serialVersionUID = 1L;

  /** Which check refused the assertion. */
  public enum Reason {
    /** Not a SAML 2.0 assertion Parley reads (schema, order, bounds). */
    MALFORMED(FaultCode.INVALID_SECURITY_TOKEN),
    /**
     * Missing signature, or one that does not sign exactly this assertion as SAML Core 5.4 asks.
     */
    SIGNATURE_STRUCTURE(FaultCode.INVALID_SECURITY_TOKEN),
    /** The signature or a digest did not verify. */
    SIGNATURE_INVALID(FaultCode.FAILED_CHECK),
    /** The issuer, or the certificate it signed with, is not a configured trusted issuer. */
    UNTRUSTED_ISSUER(FaultCode.INVALID_SECURITY_TOKEN),
    /** No audience restriction names this relying party. */
    AUDIENCE(FaultCode.INVALID_SECURITY_TOKEN),
    /** Before NotBefore (minus the allowed skew). */
    NOT_YET_VALID(FaultCode.INVALID_SECURITY_TOKEN),
    /** At or after NotOnOrAfter (plus the allowed skew). */
    EXPIRED(FaultCode.MESSAGE_EXPIRED),
    /** The assertion ID was seen before (or the replay cache refused it). */
    REPLAY(FaultCode.INVALID_SECURITY_TOKEN),
    /** A subject confirmation method this validator does not accept. */
    CONFIRMATION(FaultCode.INVALID_SECURITY_TOKEN);

    private final FaultCode code;

    Reason(FaultCode code) {
      this.code = code;
    }

    public FaultCode code() {
      return code;
    }
  }

  private final Reason reason;

  SamlRejectedException(Reason reason, String detail) {
    super(reason.code(), detail);
    this.reason = reason;
  }

  SamlRejectedException(Reason reason, String detail, Throwable cause) {
    super(reason.code(), detail, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
