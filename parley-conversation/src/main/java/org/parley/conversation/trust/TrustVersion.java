package org.parley.conversation.trust;

import java.util.Map;
import java.util.Optional;
import org.parley.wire.Ns;

/**
 * A WS-Trust version and the WS-SecureConversation version it travels with: WS-Trust 1.3 with WS-SC
 * 1.3 (OASIS, 2007), or WS-Trust February 2005 with WS-SC February 2005 (WCF's default).
 *
 * <p>Every URI the SCT exchange uses is here: the WS-Addressing actions of issuing, renewing and
 * cancelling an SCT (WS-SC 1.3 and Feb 2005, the establishing, renewing and canceling sections),
 * the request types (WS-Trust 1.3 sections 4, 5, 6, 7), the SCT token type, the computed key
 * algorithm (WS-Trust 1.3 section 4.4.4), the key types (section 9.2) and the BinarySecret types
 * (section 3.3).
 */
public enum TrustVersion {
  WS_TRUST_13(Ns.WST13, Ns.WSC13),
  WS_TRUST_200502(Ns.WST200502, Ns.WSC200502);

  private final String trustNamespace;
  private final String scNamespace;

  TrustVersion(String trustNamespace, String scNamespace) {
    this.trustNamespace = trustNamespace;
    this.scNamespace = scNamespace;
  }

  /** The version whose WS-Trust namespace is {@code namespace}. */
  public static Optional<TrustVersion> forTrustNamespace(String namespace) {
    for (TrustVersion v : values()) {
      if (v.trustNamespace.equals(namespace)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /** The version whose WS-SecureConversation namespace is {@code namespace}. */
  public static Optional<TrustVersion> forScNamespace(String namespace) {
    for (TrustVersion v : values()) {
      if (v.scNamespace.equals(namespace)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /** The version whose SCT token type URI is {@code uri}. */
  public static Optional<TrustVersion> forTokenType(String uri) {
    for (TrustVersion v : values()) {
      if (v.sctTokenType().equals(uri)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  public String trustNamespace() {
    return trustNamespace;
  }

  public String scNamespace() {
    return scNamespace;
  }

  /** WS-SC 1.3 section 3.1: the action of an RST that asks for an SCT. */
  public String actionIssueRequest() {
    return trustNamespace + "/RST/SCT";
  }

  public String actionIssueResponse() {
    return trustNamespace + "/RSTR/SCT";
  }

  /** WS-SC 1.3 section 5: renewing a context. */
  public String actionRenewRequest() {
    return trustNamespace + "/RST/SCT/Renew";
  }

  public String actionRenewResponse() {
    return trustNamespace + "/RSTR/SCT/Renew";
  }

  /** WS-SC 1.3 section 6: cancelling a context. */
  public String actionCancelRequest() {
    return trustNamespace + "/RST/SCT/Cancel";
  }

  public String actionCancelResponse() {
    return trustNamespace + "/RSTR/SCT/Cancel";
  }

  /** The request action for {@code type}. */
  public String requestAction(RequestType type) {
    return switch (type) {
      case ISSUE -> actionIssueRequest();
      case RENEW -> actionRenewRequest();
      case CANCEL -> actionCancelRequest();
      case VALIDATE -> trustNamespace + "/RST/SCT/Validate";
    };
  }

  /** The response action for {@code type}. */
  public String responseAction(RequestType type) {
    return switch (type) {
      case ISSUE -> actionIssueResponse();
      case RENEW -> actionRenewResponse();
      case CANCEL -> actionCancelResponse();
      case VALIDATE -> trustNamespace + "/RSTR/SCT/Validate";
    };
  }

  /** The request type URI ({@code wst:RequestType}) for {@code type}. */
  public String requestTypeUri(RequestType type) {
    return trustNamespace + "/" + type.uriSuffix();
  }

  /** The request type a {@code wst:RequestType} URI names in this version. */
  public Optional<RequestType> requestTypeFor(String uri) {
    for (RequestType t : RequestType.values()) {
      if (requestTypeUri(t).equals(uri)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** WS-SC 1.3 section 2: the token type of a security context token. */
  public String sctTokenType() {
    return scNamespace + "/sct";
  }

  /** WS-Trust 1.3 section 4.4.4: the P_SHA1 computed key algorithm. */
  public String computedKeyPsha1() {
    return trustNamespace + "/CK/PSHA1";
  }

  /** WS-Trust 1.3 section 9.2: a symmetric proof key. */
  public String keyTypeSymmetric() {
    return trustNamespace + "/SymmetricKey";
  }

  public String keyTypePublic() {
    return trustNamespace + "/PublicKey";
  }

  /**
   * The action of a request for any token type (WS-Trust 1.3 sections 4.1, 5, 6, 7; Feb 2005
   * sections 6-9): {@code <ns>/RST/Issue}, {@code /RST/Renew}, {@code /RST/Cancel}, {@code
   * /RST/Validate}. The SCT exchange uses {@link #requestAction} instead.
   */
  public String genericRequestAction(RequestType type) {
    return trustNamespace + "/RST/" + type.uriSuffix();
  }

  /** The action of an intermediate or Feb 2005 response: {@code <ns>/RSTR/Issue} and so on. */
  public String genericResponseAction(RequestType type) {
    return trustNamespace + "/RSTR/" + type.uriSuffix();
  }

  /**
   * The action of the final response: WS-Trust 1.3 {@code RSTRC/IssueFinal} (section 4.3), {@code
   * RSTR/RenewFinal}, {@code RSTR/CancelFinal}, {@code RSTR/ValidateFinal} (sections 5-7); Feb 2005
   * has no final actions and answers with {@link #genericResponseAction}.
   */
  public String finalResponseAction(RequestType type) {
    if (this == WS_TRUST_200502) {
      return genericResponseAction(type);
    }
    return type == RequestType.ISSUE
        ? trustNamespace + "/RSTRC/IssueFinal"
        : trustNamespace + "/RSTR/" + type.uriSuffix() + "Final";
  }

  /** The request type and version a generic request action names, if any. */
  public static Optional<Map.Entry<TrustVersion, RequestType>> forGenericRequestAction(
      String action) {
    for (TrustVersion v : values()) {
      for (RequestType t : RequestType.values()) {
        if (v.genericRequestAction(t).equals(action)) {
          return Optional.of(Map.entry(v, t));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The key type of a token without proof key: WS-Trust 1.3 {@code /Bearer} (section 4.4.1); Feb
   * 2005 defines none, and WCF and CXF use {@code
   * http://schemas.xmlsoap.org/ws/2005/05/identity/NoProofKey} there.
   */
  public String keyTypeBearer() {
    return this == WS_TRUST_13
        ? trustNamespace + "/Bearer"
        : "http://schemas.xmlsoap.org/ws/2005/05/identity/NoProofKey";
  }

  /** WS-Trust 1.3 section 7: the token type asking Validate for a status only. */
  public String statusTokenType() {
    return trustNamespace + "/RSTR/Status";
  }

  /** WS-Trust 1.3 section 7: {@code wst:Status/wst:Code} of a valid token. */
  public String statusValid() {
    return trustNamespace + "/status/valid";
  }

  /** WS-Trust 1.3 section 7: {@code wst:Status/wst:Code} of an invalid token. */
  public String statusInvalid() {
    return trustNamespace + "/status/invalid";
  }

  /** WS-Trust 1.3 section 3.3: the BinarySecret type URI of {@code type}. */
  public String binarySecretTypeUri(BinarySecret.Type type) {
    return trustNamespace + "/" + type.uriSuffix();
  }

  /** The BinarySecret type a {@code Type} attribute names in this version. */
  public Optional<BinarySecret.Type> binarySecretTypeFor(String uri) {
    for (BinarySecret.Type t : BinarySecret.Type.values()) {
      if (binarySecretTypeUri(t).equals(uri)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
