/**
 * The relying-party half of WS-Federation passive requestor profile (WS-Federation 1.2 section 13,
 * {@code wa=wsignin1.0}, {@code wtrealm}, {@code wctx}, {@code wresult}): the analogue of WIF's
 * {@code WSFederationAuthenticationModule}. {@link
 * org.parley.web.federation.FederationAuthenticationFilter} sends anonymous users to the STS,
 * accepts the token the STS posts back, and hands the principal to {@link
 * org.parley.web.SessionManager#signIn}. Token validation is an SPI ({@link
 * org.parley.web.federation.SignInResponseValidator}) so that this module stays free of XML
 * signature code; parley-sts implements it for SAML 2.0.
 */
package org.parley.web.federation;
