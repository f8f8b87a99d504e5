/**
 * A WS-Trust 1.3 / Feb 2005 client of a SAML 2.0 security token service: {@link
 * org.parley.sts.client.StsClient} issues (bearer, holder-of-key symmetric or public key, WS-Trust
 * 1.3 sections 4.4 and 9.2), validates (section 7), renews (section 5) and cancels (section 6)
 * tokens, protecting its requests with a UsernameToken and/or an X.509 signature (WS-Security 1.1,
 * WS-SP 1.2 asymmetric binding).
 */
package org.parley.sts.client;
