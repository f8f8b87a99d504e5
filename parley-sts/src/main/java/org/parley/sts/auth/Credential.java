package org.parley.sts.auth;

/**
 * A credential an Issue request presented. {@link CertificateCredential}s are made only by {@link
 * RequestAuthenticator}, after the WS-Security engine verified the signature they stand for.
 */
public sealed interface Credential
    permits PasswordCredential, CertificateCredential, IssuedTokenCredential {}
