package org.parley.sts.trust;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.parley.conversation.trust.Lifetime;
import org.parley.conversation.trust.RequestType;
import org.parley.conversation.trust.TrustVersion;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.endpoint.SoapRequest;
import org.parley.sts.SamlTokenIssuer;
import org.parley.sts.saml.SamlAssertion;
import org.parley.sts.saml.SamlAssertionValidator;
import org.parley.sts.saml.SamlRejectedException;
import org.parley.sts.saml.VerifiedAssertion;
import org.parley.wire.xml.HardenedXml;
import org.w3c.dom.Document;

/**
 * Validate, Renew and Cancel of the assertions this STS issued (WS-Trust 1.3 sections 7, 5 and 6;
 * Feb 2005 sections 8, 7 and 9). Every target is checked as the STS's own token: its signature by
 * the STS key, issuer, an audience of a registered relying party, validity; never consumed (no
 * one-time use check), and looked up in the {@link TokenStatusStore}.
 *
 * <ul>
 *   <li>Validate needs no authentication and answers {@code wst:Status} with {@code status/valid}
 *       or {@code status/invalid} and a reason, under token type {@code RSTR/Status}.
 *   <li>Renew needs the token to have been issued with {@code wst:Renewing} (else {@code
 *       wst:UnableToRenew}), the requester to hold the token's subject (else {@code
 *       wst:FailedAuthentication}), and an expired token to have been issued with {@code OK="true"}
 *       and to be within the renewal window (else {@code wst:ExpiredData}). It returns a new
 *       assertion (new ID, same subject, statements and proof key) and cancels the old one.
 *   <li>Cancel needs the requester to hold the token's subject; the ID is then recorded as
 *       cancelled until the token would have expired, and Validate says invalid.
 * </ul>
 */
final class TrustTokenLifecycle {
  private final SamlTokenIssuer issuer;
  private final SamlAssertionValidator current;
  private final SamlAssertionValidator renewable;
  private final TokenStatusStore status;
  private final Duration renewalWindow;
  private final Duration maxClockSkew;
  private final SamlTrustCodec codec = SamlTrustCodec.strict();

  TrustTokenLifecycle(
      SamlTokenIssuer issuer,
      SamlAssertionValidator current,
      SamlAssertionValidator renewable,
      TokenStatusStore status,
      Duration renewalWindow,
      Duration maxClockSkew) {
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.current = Objects.requireNonNull(current, "current");
    this.renewable = Objects.requireNonNull(renewable, "renewable");
    this.status = Objects.requireNonNull(status, "status");
    this.renewalWindow = Objects.requireNonNull(renewalWindow, "renewalWindow");
    this.maxClockSkew = Objects.requireNonNull(maxClockSkew, "maxClockSkew");
  }

  // WS-Trust 1.3 section 7: wst:Status/wst:Code .../status/valid | .../status/invalid.
  Document validate(SoapRequest request, SamlTokenRequest rst) throws ParleyFault {
    SamlTokenResponse.Status verdict;
    try {
      VerifiedAssertion ok = current.validate(rst.target().orElseThrow());
      verdict =
          status.isCancelled(ok.assertion().id())
              ? new SamlTokenResponse.Status(false, "the token was cancelled")
              : new SamlTokenResponse.Status(true, "the token is valid");
    } catch (SamlRejectedException e) {
      verdict = new SamlTokenResponse.Status(false, reason(e));
    }
    TrustVersion v = rst.version();
    SamlTokenResponse.Builder r =
        SamlTokenResponse.newBuilder(v, RequestType.VALIDATE)
            .tokenType(v.statusTokenType())
            .status(verdict);
    rst.context().ifPresent(r::context);
    return answer(request, r.build());
  }

  // WS-Trust 1.3 section 5.
  Document renew(SoapRequest request, SamlTokenRequest rst, Set<String> subjects)
      throws ParleyFault {
    VerifiedAssertion old = own(renewable, rst);
    SamlAssertion a = old.assertion();
    authorize(subjects, a, "renew");
    TokenStatusStore.RenewalTerms terms =
        status
            .renewalTerms(a.id())
            .orElseThrow(
                () ->
                    new ParleyFault(
                        FaultCode.TRUST_UNABLE_TO_RENEW,
                        "the token was not issued renewable (wst:Renewing, WS-Trust 1.3 section"
                            + " 5)"));
    Instant now = issuer.clock().instant();
    boolean expired = !now.minus(maxClockSkew).isBefore(a.notOnOrAfter());
    if (expired && !terms.renewableAfterExpiry()) {
      throw new ParleyFault(
          FaultCode.TRUST_EXPIRED_DATA,
          "the token expired and was issued with wst:Renewing OK=\"false\" (WS-Trust 1.3 section"
              + " 5)");
    }
    SamlAssertion renewed = issuer.renewalOf(a);
    Document signed = issuer.sign(renewed);
    // The old token is replaced: record it as cancelled until it would have expired.
    status.cancel(a.id(), a.notOnOrAfter().plus(maxClockSkew).plus(renewalWindow));
    status.rememberRenewable(renewed.id(), terms, renewed.notOnOrAfter().plus(renewalWindow));
    TrustVersion v = rst.version();
    SamlTokenResponse.Builder r =
        SamlTokenResponse.newBuilder(v, RequestType.RENEW)
            .tokenType(SamlAssertion.TOKEN_TYPE)
            .assertion(signed.getDocumentElement())
            .lifetime(new Lifetime(renewed.notBefore(), renewed.notOnOrAfter()));
    rst.context().ifPresent(r::context);
    return answer(request, r.build());
  }

  // WS-Trust 1.3 section 6.
  Document cancel(SoapRequest request, SamlTokenRequest rst, Set<String> subjects)
      throws ParleyFault {
    VerifiedAssertion token = own(current, rst);
    SamlAssertion a = token.assertion();
    authorize(subjects, a, "cancel");
    if (!status.cancel(a.id(), a.notOnOrAfter().plus(maxClockSkew))) {
      throw new ParleyFault(FaultCode.TRUST_INVALID_REQUEST, "the token is already cancelled");
    }
    TrustVersion v = rst.version();
    SamlTokenResponse.Builder r = SamlTokenResponse.newBuilder(v, RequestType.CANCEL);
    rst.context().ifPresent(r::context);
    return answer(request, r.build());
  }

  private VerifiedAssertion own(SamlAssertionValidator validator, SamlTokenRequest rst)
      throws ParleyFault {
    VerifiedAssertion ok;
    try {
      ok = validator.validate(rst.target().orElseThrow());
    } catch (SamlRejectedException e) {
      FaultCode code =
          e.reason() == SamlRejectedException.Reason.EXPIRED
              ? FaultCode.TRUST_EXPIRED_DATA
              : FaultCode.TRUST_INVALID_REQUEST;
      throw new ParleyFault(code, "the target token was refused: " + reason(e), e);
    }
    if (status.isCancelled(ok.assertion().id())) {
      throw new ParleyFault(FaultCode.TRUST_INVALID_REQUEST, "the target token was cancelled");
    }
    return ok;
  }

  // Only the party the token was issued to may renew or cancel it.
  private static void authorize(Set<String> subjects, SamlAssertion a, String what)
      throws ParleyFault {
    if (!subjects.contains(a.nameId())) {
      throw new ParleyFault(
          FaultCode.TRUST_FAILED_AUTHENTICATION,
          "the requester is not the subject of the token it asks to " + what);
    }
  }

  private static String reason(SamlRejectedException e) {
    return switch (e.reason()) {
      case SIGNATURE_INVALID -> "the signature failed";
      case EXPIRED -> "the token has expired";
      case NOT_YET_VALID -> "the token is not yet valid";
      case UNTRUSTED_ISSUER -> "the token was not issued by this service";
      case AUDIENCE -> "the token is not for a relying party of this service";
      default -> "the token is malformed (" + e.reason() + ")";
    };
  }

  private Document answer(SoapRequest request, SamlTokenResponse r) {
    Document doc = HardenedXml.newEmptyDocument();
    return request.reply(r.version().finalResponseAction(r.type()), codec.writeResponse(doc, r));
  }
}
