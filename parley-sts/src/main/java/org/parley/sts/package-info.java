/**
 * The Parley security token service: {@link org.parley.sts.SamlTokenIssuer} turns an authenticated
 * user into a signed SAML 2.0 bearer assertion inside a WS-Trust 1.3 {@code
 * RequestSecurityTokenResponse} (WS-Trust 1.3 section 4.4; SAML Token Profile 1.1), shared by the
 * passive ({@link org.parley.sts.passive}) and active ({@link org.parley.sts.trust}) endpoints.
 */
package org.parley.sts;
