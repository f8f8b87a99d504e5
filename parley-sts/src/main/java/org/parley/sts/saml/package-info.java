/**
 * SAML 2.0 assertions (OASIS SAML 2.0 Core, saml-core-2.0-os) written and verified on Apache
 * Santuario: an immutable {@link org.parley.sts.saml.SamlAssertion} model, {@link
 * org.parley.sts.saml.SamlAssertionWriter} (enveloped XML signature, RSA-SHA256, exc-c14n, SHA-256,
 * SAML Core 5.4) and {@link org.parley.sts.saml.SamlAssertionValidator}, the only producer of a
 * {@link org.parley.sts.saml.VerifiedAssertion}.
 */
package org.parley.sts.saml;
