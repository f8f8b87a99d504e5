package org.parley.sts.auth;

import java.util.Objects;
import org.parley.core.claims.ClaimsIdentity;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.sts.saml.SamlAssertion;
import org.parley.sts.saml.SamlAssertionValidator;
import org.parley.sts.saml.SamlRejectedException;
import org.parley.wire.xml.Dom;
import org.parley.wire.xml.HardenedXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A SAML 2.0 assertion another STS issued (WSS SAML Token Profile 1.1), checked by a {@link
 * SamlAssertionValidator} configured with that STS's issuer name and certificate and with this STS
 * as the audience: signature, trusted issuer, audience, validity and one-time use. The identity is
 * the assertion's (claims issued by the other STS), its bootstrap token the assertion.
 */
public final class IssuedTokenAuthenticator implements Authenticator<IssuedTokenCredential> {
  private final SamlAssertionValidator assertions;

  private IssuedTokenAuthenticator(SamlAssertionValidator assertions) {
    this.assertions = assertions;
  }

  /**
   * @param assertions trusts the other STS ({@code trustIssuer}) and has this STS's name as its
   *     audience
   */
  public static IssuedTokenAuthenticator of(SamlAssertionValidator assertions) {
    return new IssuedTokenAuthenticator(Objects.requireNonNull(assertions, "assertions"));
  }

  @Override
  public ClaimsIdentity authenticate(IssuedTokenCredential credential, String clientAddress)
      throws ParleyFault {
    Element token = credential.token();
    if (!Dom.is(token, SamlAssertion.NS, "Assertion")) {
      throw new ParleyFault(
          FaultCode.TRUST_FAILED_AUTHENTICATION, "only SAML 2.0 assertions are accepted");
    }
    // Validated on its own: in the envelope, "#ID" would be looked up among every id there.
    Document alone = HardenedXml.newEmptyDocument();
    alone.appendChild(Dom.importSelfContained(alone, token));
    try {
      return assertions.validate(alone.getDocumentElement()).identity();
    } catch (SamlRejectedException e) {
      throw new ParleyFault(
          FaultCode.TRUST_FAILED_AUTHENTICATION,
          "issued token refused (" + e.reason() + "): " + e.getMessage(),
          e);
    }
  }
}
