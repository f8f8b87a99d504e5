package org.parley.sts.auth;

import java.util.Arrays;
import java.util.Objects;
import org.parley.core.claims.ClaimTypes;
import org.parley.core.claims.ClaimsIdentity;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.sts.users.StoredUser;
import org.parley.sts.users.UserAuthenticator;

/**
 * Username and password against a {@link org.parley.sts.users.UserStore}, through {@link
 * UserAuthenticator} (PBKDF2, throttled per user and per client address). The identity holds the
 * stored user's claims.
 */
public final class PasswordAuthenticator implements Authenticator<PasswordCredential> {
  private final UserAuthenticator users;

  private PasswordAuthenticator(UserAuthenticator users) {
    this.users = users;
  }

  public static PasswordAuthenticator of(UserAuthenticator users) {
    return new PasswordAuthenticator(Objects.requireNonNull(users, "users"));
  }

  @Override
  public ClaimsIdentity authenticate(PasswordCredential credential, String clientAddress)
      throws ParleyFault {
    char[] password = credential.password();
    UserAuthenticator.Result result;
    try {
      result = users.authenticate(credential.username(), password, clientAddress);
    } finally {
      Arrays.fill(password, '\0');
    }
    if (result.outcome() != UserAuthenticator.Outcome.AUTHENTICATED) {
      // WS-Trust 1.3 section 11: one code for a wrong password, an unknown user and a throttle.
      throw new ParleyFault(
          FaultCode.TRUST_FAILED_AUTHENTICATION, "password authentication " + result.outcome());
    }
    StoredUser user = result.user().orElseThrow();
    ClaimsIdentity.Builder b =
        ClaimsIdentity.builder().authenticationType(AuthenticationMethods.PASSWORD);
    b.addClaims(user.claims());
    if (user.claims().stream().noneMatch(c -> c.hasType(ClaimTypes.NAME))) {
      b.addClaim(ClaimTypes.NAME, user.username());
    }
    b.addClaim(
        ClaimTypes.AUTHENTICATION_METHOD, AuthenticationMethods.AC_PASSWORD_PROTECTED_TRANSPORT);
    credential.bootstrapToken().ifPresent(b::bootstrapToken);
    return b.build();
  }
}
