package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.cli.keys.DevKeys;

class KeysDevCommandTest {
  private static final String SKI_OID = "2.5.29.14";

  @Test
  void keysDev_writesPkcs12FilesThatOpenWithChangeit_andChainsVerifyAgainstCaPem(@TempDir Path tmp)
      throws Exception {
    Path dir = tmp.resolve("keys");
    CliRun r = CliRun.run("keys", "dev", "--out", dir.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("ca.p12", "service.p12", "client.p12", "ca.pem");

    X509Certificate ca;
    try (InputStream in = Files.newInputStream(dir.resolve("ca.pem"))) {
      ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    assertThat(Files.readString(dir.resolve("ca.pem"))).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(ca.getExtensionValue(SKI_OID)).isNotNull();

    KeyStore.PrivateKeyEntry caEntry = open(dir.resolve("ca.p12"));
    assertThat(caEntry.getCertificate()).isEqualTo(ca);

    for (String name : List.of("service.p12", "client.p12")) {
      KeyStore.PrivateKeyEntry entry = open(dir.resolve(name));
      X509Certificate leaf = (X509Certificate) entry.getCertificate();
      assertThat(entry.getPrivateKey().getAlgorithm()).isEqualTo("RSA");
      assertThat(((java.security.interfaces.RSAKey) entry.getPrivateKey()).getModulus().bitLength())
          .isEqualTo(2048);
      assertThat(leaf.getExtensionValue(SKI_OID)).as(name + " SKI").isNotNull();
      assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
      leaf.verify(ca.getPublicKey());
      validatePkix(entry, ca);
    }

    X509Certificate service = (X509Certificate) open(dir.resolve("service.p12")).getCertificate();
    assertThat(service.getSubjectX500Principal().getName()).contains("CN=localhost");
    assertThat(service.getSubjectAlternativeNames())
        .extracting(l -> (Object) l.get(1))
        .containsExactlyInAnyOrder("localhost", "127.0.0.1");
  }

  @Test
  void keysDev_refusesToOverwrite_unlessForce(@TempDir Path dir) throws Exception {
    assertThat(CliRun.run("keys", "dev", "--out", dir.toString()).exitCode()).isZero();
    byte[] before = Files.readAllBytes(dir.resolve("ca.pem"));

    CliRun again = CliRun.run("keys", "dev", "--out", dir.toString());
    assertThat(again.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(again.errLine()).startsWith("parley keys dev: ").contains("exists", "--force");
    assertThat(Files.readAllBytes(dir.resolve("ca.pem"))).isEqualTo(before);

    CliRun forced = CliRun.run("keys", "dev", "--out", dir.toString(), "--force");
    assertThat(forced.exitCode()).isZero();
    assertThat(Files.readAllBytes(dir.resolve("ca.pem"))).isNotEqualTo(before);
    assertThat(DevKeys.load(dir).caCertificate().getEncoded())
        .isEqualTo(DevKeys.readCertificate(dir.resolve("ca.pem")).getEncoded());
  }

  @Test
  void keysDev_outIsAFile_isOneLineUsageError(@TempDir Path tmp) throws Exception {
    Path file = Files.writeString(tmp.resolve("f"), "x");
    CliRun r = CliRun.run("keys", "dev", "--out", file.toString());
    assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.errLine()).contains("is not a directory");
  }

  @Test
  void keysDev_withoutOut_isUsageError() {
    CliRun r = CliRun.run("keys", "dev");
    assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.errLine()).contains("--out");
  }

  private static KeyStore.PrivateKeyEntry open(Path p12) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      ks.load(in, "changeit".toCharArray());
    }
    String alias = ks.aliases().nextElement();
    return (KeyStore.PrivateKeyEntry)
        ks.getEntry(alias, new KeyStore.PasswordProtection("changeit".toCharArray()));
  }

  private static void validatePkix(KeyStore.PrivateKeyEntry entry, X509Certificate ca)
      throws Exception {
    var chain = Arrays.asList(entry.getCertificateChain());
    var path = CertificateFactory.getInstance("X.509").generateCertPath(chain.subList(0, 1));
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
    params.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX").validate(path, params);
  }
}
