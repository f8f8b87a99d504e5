/**
 * The active STS endpoint ({@code /sts/trust}): WS-Trust 1.3 (OASIS ws-trust-1.3-spec-os, sections
 * 4 Issue, 5 Renew, 6 Cancel, 7 Validate, 9.2 UseKey, 11 faults) and WS-Trust February 2005
 * (sections 6-9) for SAML 2.0 assertions: bearer (SAML Profiles 3.3) and holder-of-key (SAML
 * Profiles 3.1) with a symmetric proof key (client, server or combined P_SHA1 entropy, sections
 * 4.4.3 and 4.4.4) encrypted for the relying party, or a public proof key. A WS-Security {@code
 * UsernameToken} (Username Token Profile 1.1 section 3, {@code PasswordText}) authenticates the
 * requester. Bound to SOAP over HTTP through parley-http's {@code SoapEndpointServlet}.
 */
package org.parley.sts.trust;
