/**
 * The active STS endpoint: WS-Trust 1.3 Issue (WS-Trust 1.3 sections 4.1 and 4.4) of SAML 2.0
 * bearer assertions for a WS-Security UsernameToken (Username Token Profile 1.1 section 3, {@code
 * PasswordText}), bound to SOAP over HTTP through parley-http's {@code SoapEndpointServlet}.
 */
package org.parley.sts.trust;
