package org.parley.conversation.sct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.conversation.trust.TrustLimits;
import org.parley.conversation.trust.TrustVersion;
import org.parley.core.SecretBytes;
import org.parley.core.claims.BootstrapToken;
import org.parley.core.claims.Claim;
import org.parley.core.claims.ClaimTypes;
import org.parley.core.claims.ClaimsIdentity;
import org.parley.core.claims.ClaimsPrincipal;
import org.parley.core.fault.FaultCode;
import org.parley.core.fault.ParleyFault;
import org.parley.core.keys.KeyRing;
import org.parley.core.keys.RingKey;
import org.parley.core.store.StoredSecurityContext;
import org.parley.wire.xml.HardenedXml;

class ContextCookieSealerTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  static KeyRing ring(String id) {
    return KeyRing.of(
        CLOCK, List.of(RingKey.generate(id, NOW.minusSeconds(60), NOW.plusSeconds(86_400))));
  }

  static StoredSecurityContext context(String id) {
    ClaimsIdentity actor =
        ClaimsIdentity.builder().authenticationType("X509").addClaim(ClaimTypes.NAME, "gw").build();
    ClaimsIdentity client =
        ClaimsIdentity.builder()
            .authenticationType("X509")
            .addClaim(ClaimTypes.NAME, "CN=client")
            .addClaim(
                Claim.builder(ClaimTypes.ROLE, "admin")
                    .issuer("urn:sts")
                    .originalIssuer("urn:o")
                    .build())
            .actor(actor)
            .bootstrapToken(BootstrapToken.of("urn:x509", new byte[] {9, 8, 7}))
            .build();
    return StoredSecurityContext.builder()
        .contextId(id)
        .instance("i-1")
        .secret(SecretBytes.random(32))
        .ownerKey("thumb:abc")
        .lifetime(NOW, NOW.plusSeconds(36_000))
        .keyLifetime(NOW, NOW.plusSeconds(3_600))
        .principal(ClaimsPrincipal.of(client, ClaimsIdentity.builder().build()))
        .build();
  }

  @Test
  void cookieMode_sealedContextOpensOnAnyNodeWithTheRing_everyFieldKept() throws Exception {
    KeyRing ring = ring("k1");
    StoredSecurityContext ctx = context("urn:uuid:c1");
    SecurityContextToken token =
        ContextCookieSealer.create(ring).token(TrustVersion.WS_TRUST_13, "sct-1", ctx);
    assertThat(token.identifier()).isEqualTo("urn:uuid:c1");
    assertThat(token.instance()).contains("i-1");
    // Through the wire and back, opened by another sealer instance sharing the ring.
    SecurityContextToken wire =
        SctCodec.read(SctCodec.write(HardenedXml.newEmptyDocument(), token), TrustLimits.DEFAULT);
    StoredSecurityContext back = ContextCookieSealer.create(ring).open(wire);
    assertThat(back).isEqualTo(ctx);
    assertThat(back.principal().orElseThrow().identities().get(0).actor().orElseThrow().name())
        .contains("gw");
  }

  @Test
  void tamperedCookie_everyByte_isBadContextToken() throws Exception {
    KeyRing ring = ring("k1");
    ContextCookieSealer sealer = ContextCookieSealer.create(ring);
    SecurityContextToken token = sealer.token(TrustVersion.WS_TRUST_13, null, context("urn:a"));
    byte[] cookie = token.cookie().orElseThrow();
    for (int i = 0; i < cookie.length; i++) {
      byte[] bad = cookie.clone();
      bad[i] ^= 0x01;
      SecurityContextToken t =
          SecurityContextToken.newBuilder(TrustVersion.WS_TRUST_13, "urn:a")
              .instance("i-1")
              .cookie(bad)
              .build();
      assertThatThrownBy(() -> sealer.open(t))
          .isInstanceOf(ParleyFault.class)
          .hasMessage("context cookie failed")
          .satisfies(
              x -> assertThat(((ParleyFault) x).code()).isEqualTo(FaultCode.SC_BAD_CONTEXT_TOKEN));
    }
  }

  @Test
  void cookieMovedUnderAnotherIdentifierOrInstance_orForeignRing_orTruncated_fails()
      throws Exception {
    ContextCookieSealer sealer = ContextCookieSealer.create(ring("k1"));
    byte[] cookie =
        sealer.token(TrustVersion.WS_TRUST_13, null, context("urn:a")).cookie().orElseThrow();
    List<SecurityContextToken> bad =
        List.of(
            SecurityContextToken.newBuilder(TrustVersion.WS_TRUST_13, "urn:b")
                .instance("i-1")
                .cookie(cookie)
                .build(),
            SecurityContextToken.newBuilder(TrustVersion.WS_TRUST_13, "urn:a")
                .instance("i-2")
                .cookie(cookie)
                .build(),
            SecurityContextToken.newBuilder(TrustVersion.WS_TRUST_13, "urn:a")
                .instance("i-1")
                .cookie(java.util.Arrays.copyOf(cookie, cookie.length - 1))
                .build(),
            SecurityContextToken.newBuilder(TrustVersion.WS_TRUST_13, "urn:a").build());
    for (SecurityContextToken t : bad) {
      assertThatThrownBy(() -> sealer.open(t))
          .isInstanceOf(ParleyFault.class)
          .satisfies(
              x -> assertThat(((ParleyFault) x).code()).isEqualTo(FaultCode.SC_BAD_CONTEXT_TOKEN));
    }
    SecurityContextToken good =
        SecurityContextToken.newBuilder(TrustVersion.WS_TRUST_13, "urn:a")
            .instance("i-1")
            .cookie(cookie)
            .build();
    assertThatThrownBy(() -> ContextCookieSealer.create(ring("k2")).open(good))
        .hasMessage("context cookie failed");
    assertThat(sealer.open(good).contextId()).isEqualTo("urn:a");
  }

  @Test
  void cookieLargerThanLimit_refusedBothWays() throws Exception {
    ContextCookieSealer small = ContextCookieSealer.create(ring("k1"), 256);
    ClaimsIdentity.Builder big = ClaimsIdentity.builder().authenticationType("X509");
    for (int i = 0; i < 20; i++) {
      big.addClaim(ClaimTypes.ROLE, "role-number-" + i);
    }
    StoredSecurityContext ctx =
        StoredSecurityContext.builder()
            .contextId("urn:a")
            .secret(SecretBytes.random(32))
            .ownerKey("o")
            .lifetime(NOW, NOW.plusSeconds(60))
            .principal(ClaimsPrincipal.of(big.build()))
            .build();
    assertThatThrownBy(() -> small.seal(ctx)).hasMessageContaining("maxCookieBytes");
    byte[] sealed = ContextCookieSealer.create(ring("k1")).seal(ctx);
    assertThat(sealed.length).isGreaterThan(256);
    assertThatThrownBy(
            () ->
                small.open(
                    SecurityContextToken.newBuilder(TrustVersion.WS_TRUST_13, "urn:a")
                        .cookie(sealed)
                        .build()))
        .hasMessage("context cookie failed");
  }

  @Test
  void validlySealedButMalformedPayload_isBadContextToken() throws Exception {
    KeyRing ring = ring("k1");
    ContextCookieSealer sealer = ContextCookieSealer.create(ring);
    byte[] aad = (ContextCookieSealer.PURPOSE + "\0urn:a").getBytes(StandardCharsets.UTF_8);
    byte[] good = org.parley.conversation.internal.CookiePayload.write(context("urn:a"));
    byte[][] payloads = {
      new byte[0],
      new byte[] {2},
      java.util.Arrays.copyOf(good, good.length - 1),
      java.util.Arrays.copyOf(good, good.length + 1),
      new byte[] {1, 0, 5, 'u', 'r', 'n', ':', 'a', 0, 0, 1, 'o', (byte) 0x7f},
    };
    for (byte[] p : payloads) {
      SecurityContextToken t =
          SecurityContextToken.newBuilder(TrustVersion.WS_TRUST_13, "urn:a")
              .cookie(ring.seal(p, aad))
              .build();
      assertThatThrownBy(() -> sealer.open(t))
          .isInstanceOf(ParleyFault.class)
          .hasMessage("context cookie failed");
    }
    SecurityContextToken ok =
        SecurityContextToken.newBuilder(TrustVersion.WS_TRUST_13, "urn:a")
            .instance("i-1")
            .cookie(ring.seal(good, aad))
            .build();
    assertThat(sealer.open(ok).ownerKey()).isEqualTo("thumb:abc");
  }
}
