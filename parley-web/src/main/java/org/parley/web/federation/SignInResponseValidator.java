package org.parley.web.federation;

import org.parley.core.claims.ClaimsPrincipal;
import org.parley.core.fault.ParleyFault;

/**
 * Validates the {@code wresult} of a WS-Federation sign-in response (WS-Federation 1.2 section
 * 13.2.2: a {@code wst:RequestSecurityTokenResponse}) and builds the principal it proves. An
 * implementation checks signature, trusted issuer, audience, validity and one-time use, and throws
 * for anything else; it never returns an unauthenticated principal.
 */
@FunctionalInterface
public interface SignInResponseValidator {

  /**
   * @param wresult the untrusted {@code wresult} form field, bounded by the filter's {@code
   *     maxWresultChars}
   */
  ClaimsPrincipal validate(String wresult) throws ParleyFault;
}
