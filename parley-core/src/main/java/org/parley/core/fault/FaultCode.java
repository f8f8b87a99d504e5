package org.parley.core.fault;

/**
 * Every fault code Parley sends, from the specifications that define it. The namespace of a
 * WS-Trust or WS-SC code depends on the protocol version of the exchange, so it is chosen where the
 * fault is written, not here.
 */
public enum FaultCode {
  // WS-Security 1.1 SOAP Message Security, section 12 (namespace wsse).
  UNSUPPORTED_SECURITY_TOKEN(
      Family.WSSE, "UnsupportedSecurityToken", "An unsupported token was provided"),
  UNSUPPORTED_ALGORITHM(
      Family.WSSE,
      "UnsupportedAlgorithm",
      "An unsupported signature or encryption algorithm was used"),
  INVALID_SECURITY(
      Family.WSSE,
      "InvalidSecurity",
      "An error was discovered processing the <wsse:Security> header"),
  INVALID_SECURITY_TOKEN(
      Family.WSSE, "InvalidSecurityToken", "An invalid security token was provided"),
  FAILED_AUTHENTICATION(
      Family.WSSE,
      "FailedAuthentication",
      "The security token could not be authenticated or authorized"),
  FAILED_CHECK(Family.WSSE, "FailedCheck", "The signature or decryption was invalid"),
  SECURITY_TOKEN_UNAVAILABLE(
      Family.WSSE, "SecurityTokenUnavailable", "Referenced security token could not be retrieved"),
  MESSAGE_EXPIRED(Family.WSSE, "MessageExpired", "The message has expired"),

  // WS-Trust 1.3 section 11 (namespace wst, 1.3 or Feb 2005).
  TRUST_INVALID_REQUEST(Family.TRUST, "InvalidRequest", "The request was invalid or malformed"),
  TRUST_FAILED_AUTHENTICATION(Family.TRUST, "FailedAuthentication", "Authentication failed"),
  TRUST_REQUEST_FAILED(Family.TRUST, "RequestFailed", "The specified request failed"),
  TRUST_INVALID_SECURITY_TOKEN(
      Family.TRUST, "InvalidSecurityToken", "Security token has been revoked"),
  TRUST_AUTHENTICATION_BAD_ELEMENTS(
      Family.TRUST, "AuthenticationBadElements", "Insufficient Digest Elements"),
  TRUST_BAD_REQUEST(
      Family.TRUST, "BadRequest", "The specified RequestSecurityToken is not understood"),
  TRUST_EXPIRED_DATA(Family.TRUST, "ExpiredData", "The request data is out-of-date"),
  TRUST_INVALID_TIME_RANGE(
      Family.TRUST, "InvalidTimeRange", "The requested time range is invalid or unsupported"),
  TRUST_INVALID_SCOPE(Family.TRUST, "InvalidScope", "The request scope is invalid or unsupported"),
  TRUST_RENEW_NEEDED(Family.TRUST, "RenewNeeded", "A renewable security token has expired"),
  TRUST_UNABLE_TO_RENEW(Family.TRUST, "UnableToRenew", "The requested renewal failed"),

  // WS-SecureConversation 1.3 section 8 (namespace wsc, 1.3 or Feb 2005).
  SC_BAD_CONTEXT_TOKEN(
      Family.SC,
      "BadContextToken",
      "The requested context elements are insufficient or unsupported"),
  SC_UNSUPPORTED_CONTEXT_TOKEN(
      Family.SC,
      "UnsupportedContextToken",
      "Not all of the values associated with the SCT are supported"),
  SC_UNKNOWN_DERIVATION_SOURCE(
      Family.SC, "UnknownDerivationSource", "The specified source for the derivation is unknown"),
  SC_RENEW_NEEDED(Family.SC, "RenewNeeded", "The provided context token has expired"),
  SC_UNABLE_TO_RENEW(
      Family.SC, "UnableToRenew", "The specified context token could not be renewed"),

  // WS-ReliableMessaging 1.2 section 4 (namespace wsrm, 1.2 or Feb 2005); all are Sender faults
  // except SequenceTerminated, which the spec lets either side raise and Parley raises as Sender.
  RM_SEQUENCE_TERMINATED(
      Family.RM,
      "SequenceTerminated",
      "The Sequence has been terminated due to an unrecoverable error"),
  RM_UNKNOWN_SEQUENCE(
      Family.RM,
      "UnknownSequence",
      "The value of wsrm:Identifier is not a known Sequence identifier"),
  RM_INVALID_ACKNOWLEDGEMENT(
      Family.RM,
      "InvalidAcknowledgement",
      "The SequenceAcknowledgement violates the cumulative Acknowledgement invariant"),
  RM_MESSAGE_NUMBER_ROLLOVER(
      Family.RM,
      "MessageNumberRollover",
      "The maximum value for wsrm:MessageNumber has been exceeded"),
  RM_CREATE_SEQUENCE_REFUSED(
      Family.RM,
      "CreateSequenceRefused",
      "The Create Sequence request has been refused by the RM Destination"),
  RM_SEQUENCE_CLOSED(
      Family.RM, "SequenceClosed", "The Sequence is closed and cannot accept new messages"),
  RM_WSRM_REQUIRED(Family.RM, "WSRMRequired", "The RM Destination requires the use of WSRM"),

  // SOAP itself: a message that is not a SOAP envelope Parley can read, or a failure on our side.
  SOAP_SENDER(Family.SOAP, "Sender", "The message was malformed"),
  SOAP_VERSION_MISMATCH(Family.SOAP, "VersionMismatch", "Unsupported SOAP envelope version"),
  SOAP_MUST_UNDERSTAND(Family.SOAP, "MustUnderstand", "A mandatory header was not understood"),
  SOAP_RECEIVER(Family.SOAP, "Receiver", "The service could not process the message");

  /** Which specification (and so which namespace) a code belongs to. */
  public enum Family {
    SOAP,
    WSSE,
    TRUST,
    SC,
    RM
  }

  private final Family family;
  private final String localName;
  private final String defaultReason;

  FaultCode(Family family, String localName, String defaultReason) {
    this.family = family;
    this.localName = localName;
    this.defaultReason = defaultReason;
  }

  public Family family() {
    return family;
  }

  /** The local part of the fault code's QName, e.g. {@code BadContextToken}. */
  public String localName() {
    return localName;
  }

  /** The reason text the defining specification gives. */
  public String defaultReason() {
    return defaultReason;
  }

  /** True when the fault is the receiver's problem (SOAP 1.2 {@code env:Receiver}). */
  public boolean isReceiverFault() {
    return this == SOAP_RECEIVER || this == TRUST_REQUEST_FAILED;
  }
}
