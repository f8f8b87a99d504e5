/**
 * Development key material: a CA and RSA 2048 service and client key pairs with X.509v3
 * certificates (RFC 5280: subject key identifier section 4.2.1.2, authority key identifier 4.2.1.1,
 * subject alternative name 4.2.1.6) in PKCS#12 files (RFC 7292), for the demo and for tests. The
 * subject key identifier is what WS-Security's X.509 token profile 1.1 (section 3.2.1) references
 * as {@code #X509SubjectKeyIdentifier}.
 *
 * <p>Never use these files in production: the password is public ({@code changeit}).
 */
package org.parley.cli.keys;
