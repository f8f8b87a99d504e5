package org.parley.sts.auth;

import org.parley.core.claims.ClaimsIdentity;
import org.parley.core.fault.ParleyFault;

/**
 * Turns one credential into one authenticated identity (SPI). Implementations are thread-safe.
 *
 * @param <C> the credential type this authenticator checks
 */
@FunctionalInterface
public interface Authenticator<C extends Credential> {

  /**
   * Checks {@code credential} presented from {@code clientAddress}.
   *
   * @return an authenticated identity (authentication type set) with its claims, an {@code
   *     authenticationmethod} claim holding the SAML 2.0 AuthnContextClassRef to issue with, and
   *     the credential's bootstrap token
   * @throws ParleyFault {@code wst:FailedAuthentication} when the credential does not prove
   *     anything; the detail is logged, never sent
   */
  ClaimsIdentity authenticate(C credential, String clientAddress) throws ParleyFault;
}
