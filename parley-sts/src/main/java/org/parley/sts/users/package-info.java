/**
 * Users of the STS: a {@link org.parley.sts.users.UserStore} SPI with a file-backed implementation,
 * PBKDF2-HMAC-SHA256 password hashes (RFC 8018 section 5.2, at least 600,000 iterations per the
 * OWASP Password Storage Cheat Sheet), and {@link org.parley.sts.users.UserAuthenticator}, which
 * throttles failures per user and per client address.
 */
package org.parley.sts.users;
