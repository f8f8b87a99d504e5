/**
 * A WS-Federation passive requestor STS (WS-Federation 1.2 section 13: {@code wa=wsignin1.0},
 * {@code wtrealm}, {@code wreply}, {@code wctx}, {@code wresult}; {@code wsignout1.0}) issuing SAML
 * 2.0 bearer assertions (SAML Profiles 3.3) inside a WS-Trust 1.3 {@code
 * RequestSecurityTokenResponse} (section 4.4), with username/password users held as PBKDF2-HMAC-
 * SHA256 hashes (RFC 8018 section 5.2; at least 600,000 iterations per OWASP's password storage
 * guidance) and throttled failures.
 */
package org.parley.sts.passive;
