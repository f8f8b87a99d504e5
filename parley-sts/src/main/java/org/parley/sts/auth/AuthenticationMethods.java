package org.parley.sts.auth;

/**
 * The authentication types and SAML 2.0 authentication context classes (SAML Authn Context 2.0
 * section 3.4) of the identities Parley's authenticators build.
 */
public final class AuthenticationMethods {
  private AuthenticationMethods() {}

  /** Authentication type of a username-and-password identity. */
  public static final String PASSWORD = "Password";

  /** Authentication type of an X.509 certificate identity. */
  public static final String X509 = "X509";

  /** SAML Authn Context 3.4.12: a password over a protected transport (HTTPS). */
  public static final String AC_PASSWORD_PROTECTED_TRANSPORT =
      "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport";

  /** SAML Authn Context 3.4.22: an X.509 signature (here: the request's WS-Security signature). */
  public static final String AC_X509 = "urn:oasis:names:tc:SAML:2.0:ac:classes:X509";

  /** SAML Authn Context 3.4.25: unspecified, for identities that do not say. */
  public static final String AC_UNSPECIFIED = "urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified";

  /** WIF claim type of a certificate's subject distinguished name. */
  public static final String CLAIM_X500_DISTINGUISHED_NAME =
      "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/x500distinguishedname";

  /** WIF claim type of a certificate's SHA-1 thumbprint (base64). */
  public static final String CLAIM_THUMBPRINT =
      "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/thumbprint";

  /** OASIS WSS Username Token Profile 1.1 section 3.1: the token type of a UsernameToken. */
  public static final String TOKEN_TYPE_USERNAME =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#UsernameToken";

  /** OASIS WSS X.509 Token Profile 1.1 section 3.1: the token type of an X.509 v3 certificate. */
  public static final String TOKEN_TYPE_X509V3 =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3";
}
