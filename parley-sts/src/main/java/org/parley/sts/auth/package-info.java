/**
 * Authentication of WS-Trust Issue requests: credentials in, {@link
 * org.parley.core.claims.ClaimsIdentity identities} out, one per credential, each keeping its
 * bootstrap token. {@link org.parley.sts.auth.Authenticator} is the SPI; Parley provides username
 * and password ({@link org.parley.sts.auth.PasswordAuthenticator}, OASIS WSS Username Token Profile
 * 1.1), X.509 client certificates ({@link org.parley.sts.auth.CertificateAuthenticator}: the
 * request's WS-Security signature, OASIS WSS X.509 Token Profile 1.1, with RFC 5280 PKIX path
 * validation) and SAML 2.0 assertions of another trusted STS ({@link
 * org.parley.sts.auth.IssuedTokenAuthenticator}, OASIS WSS SAML Token Profile 1.1 section 3.3).
 * {@link org.parley.sts.auth.RequestAuthenticator} reads the credentials of one request (WS-Trust
 * 1.3 section 4.1, WS-SecurityPolicy 1.2 section 8 supporting tokens) and fails the whole request
 * with {@code wst:FailedAuthentication} (WS-Trust 1.3 section 11) when any of them fails.
 */
package org.parley.sts.auth;
