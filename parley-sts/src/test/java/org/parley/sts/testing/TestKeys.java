package org.parley.sts.testing;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.parley.sts.saml.SigningCredential;

/** Self-signed RSA 2048 credentials for tests, made once per name per JVM. */
public final class TestKeys {
  private static final java.util.Map<String, SigningCredential> CACHE =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static final java.util.Map<String, java.security.PrivateKey> PRIVATE =
      new java.util.concurrent.ConcurrentHashMap<>();

  private TestKeys() {}

  /** The private key of {@link #credential(String)}'s certificate. */
  public static java.security.PrivateKey privateKey(String cn) {
    credential(cn);
    return PRIVATE.get(cn);
  }

  public static SigningCredential credential(String cn) {
    return CACHE.computeIfAbsent(cn, TestKeys::generate);
  }

  private static SigningCredential generate(String cn) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      KeyPair kp = g.generateKeyPair();
      X500Principal name = new X500Principal("CN=" + cn);
      Instant now = Instant.now();
      var builder =
          new JcaX509v3CertificateBuilder(
              name,
              BigInteger.valueOf(now.toEpochMilli()),
              Date.from(now.minus(Duration.ofDays(1))),
              Date.from(now.plus(Duration.ofDays(3650))),
              name,
              kp.getPublic());
      X509Certificate cert =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate())));
      PRIVATE.put(cn, kp.getPrivate());
      return SigningCredential.of(kp.getPrivate(), cert);
    } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }
}
