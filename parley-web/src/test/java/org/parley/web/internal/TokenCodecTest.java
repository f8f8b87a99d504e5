package org.parley.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.parley.core.claims.ClaimsIdentity;
import org.parley.core.claims.ClaimsPrincipal;
import org.parley.web.SessionToken;

class TokenCodecTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00.123456789Z");
  private final TokenCodec codec = new TokenCodec(TokenCodec.DEFAULT_MAX_INFLATED_BYTES);

  static SessionToken token(ClaimsPrincipal p) {
    return SessionToken.builder()
        .sessionId(SessionToken.newSessionId())
        .context("rp-1")
        .userKey("alice-id")
        .principal(p)
        .signedIn(T)
        .issued(T.plusSeconds(5))
        .validFrom(T.plusSeconds(5))
        .slidingExpiry(T.plus(Duration.ofMinutes(20)))
        .absoluteExpiry(T.plus(Duration.ofHours(10)))
        .build();
  }

  @Test
  void roundTrip_everyFieldIdentityClaimActorAndBootstrapToken_withAndWithoutDeflate()
      throws Exception {
    SessionToken t = token(org.parley.web.TestPrincipals.multi());
    for (boolean compress : new boolean[] {false, true}) {
      SessionToken back = codec.decode(codec.encode(t, compress));
      assertThat(back).isEqualTo(t);
      assertThat(back.principal()).isEqualTo(t.principal());
      assertThat(back.issued()).isEqualTo(t.issued());
    }
  }

  @Test
  void deflate_isUsedWhenSmaller_andFlagged() {
    SessionToken t = token(org.parley.web.TestPrincipals.multi());
    byte[] raw = codec.encode(t, false);
    byte[] small = codec.encode(t, true);
    assertThat(raw[3]).isZero();
    assertThat(small[3]).isEqualTo((byte) 1);
    assertThat(small.length).isLessThan(raw.length);
  }

  @Test
  void everyTruncation_isMalformed_neverAnotherException() {
    SessionToken t = token(org.parley.web.TestPrincipals.multi());
    for (boolean compress : new boolean[] {false, true}) {
      byte[] full = codec.encode(t, compress);
      for (int n = 0; n < full.length; n++) {
        byte[] cut = java.util.Arrays.copyOf(full, n);
        assertThatThrownBy(() -> codec.decode(cut))
            .as("prefix of " + n)
            .isInstanceOf(MalformedException.class);
      }
    }
  }

  @Test
  void randomByteFlips_yieldMalformedOrAValidToken_neverAnotherException() {
    SessionToken t = token(org.parley.web.TestPrincipals.multi());
    byte[] full = codec.encode(t, false);
    SecureRandom r = new SecureRandom();
    for (int i = 0; i < 3000; i++) {
      byte[] b = full.clone();
      b[4 + r.nextInt(b.length - 4)] ^= (byte) (1 + r.nextInt(255));
      try {
        assertThat(codec.decode(b)).isNotNull();
      } catch (MalformedException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }

  @Test
  void trailingBytes_badMagic_unknownVersionAndFlags_areRefused() {
    byte[] ok = codec.encode(token(org.parley.web.TestPrincipals.alice()), false);
    byte[] trailing = java.util.Arrays.copyOf(ok, ok.length + 1);
    assertThatThrownBy(() -> codec.decode(trailing)).hasMessageContaining("trailing");
    byte[] magic = ok.clone();
    magic[0] = 'X';
    assertThatThrownBy(() -> codec.decode(magic)).hasMessageContaining("magic");
    byte[] version = ok.clone();
    version[2] = 2;
    assertThatThrownBy(() -> codec.decode(version)).hasMessageContaining("version 2");
    byte[] flags = ok.clone();
    flags[3] = 2;
    assertThatThrownBy(() -> codec.decode(flags)).hasMessageContaining("flags");
  }

  @Test
  void stringAtMaxStringBytes_roundTrips_onePastIsRefusedOnWriteAndOnRead() throws Exception {
    String atLimit = "v".repeat(TokenCodec.MAX_STRING_BYTES);
    ClaimsPrincipal p =
        ClaimsPrincipal.of(ClaimsIdentity.builder().addClaim("urn:c", atLimit).build());
    assertThat(codec.decode(codec.encode(token(p), false)).principal()).isEqualTo(p);

    ClaimsPrincipal over =
        ClaimsPrincipal.of(ClaimsIdentity.builder().addClaim("urn:c", atLimit + "v").build());
    assertThatThrownBy(() -> codec.encode(token(over), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TokenCodec.MAX_STRING_BYTES");

    Raw raw = Raw.header(0);
    raw.uvarint(TokenCodec.MAX_STRING_BYTES + 1);
    assertThatThrownBy(() -> codec.decode(raw.bytes()))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("TokenCodec.MAX_STRING_BYTES");
  }

  @Test
  void identityAndClaimCounts_areBoundedByNamedLimits() {
    Raw zeroIdentities = Raw.header(0).prefix();
    zeroIdentities.uvarint(0);
    assertThatThrownBy(() -> codec.decode(zeroIdentities.bytes()))
        .hasMessageContaining("TokenCodec.MAX_IDENTITIES");
    Raw tooMany = Raw.header(0).prefix();
    tooMany.uvarint(TokenCodec.MAX_IDENTITIES + 1);
    assertThatThrownBy(() -> codec.decode(tooMany.bytes()))
        .hasMessageContaining("TokenCodec.MAX_IDENTITIES");
    Raw claims = Raw.header(0).prefix();
    claims.uvarint(1);
    claims.u8(0);
    claims.str("urn:name");
    claims.str("urn:role");
    claims.uvarint(TokenCodec.MAX_CLAIMS_PER_IDENTITY + 1);
    assertThatThrownBy(() -> codec.decode(claims.bytes()))
        .hasMessageContaining("TokenCodec.MAX_CLAIMS_PER_IDENTITY");
  }

  @Test
  void malformedUtf8_isRefused() {
    Raw raw = Raw.header(0);
    raw.uvarint(2);
    raw.u8(0xC3);
    raw.u8(0x28);
    assertThatThrownBy(() -> codec.decode(raw.bytes())).hasMessageContaining("UTF-8");
  }

  @Test
  void compressionBomb_stopsAtMaxInflatedBytes() {
    byte[] zeros = new byte[4 * 1024 * 1024];
    Deflater d = new Deflater(9, true);
    d.setInput(zeros);
    d.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    byte[] body = out.toByteArray();
    assertThat(body.length).isLessThan(8 * 1024);
    byte[] bomb = new byte[4 + body.length];
    bomb[0] = 'P';
    bomb[1] = 'S';
    bomb[2] = 1;
    bomb[3] = 1;
    System.arraycopy(body, 0, bomb, 4, body.length);
    TokenCodec small = new TokenCodec(64 * 1024);
    assertThatThrownBy(() -> small.decode(bomb)).hasMessageContaining("maxInflatedBytes (65536)");
  }

  /** A compressed token whose body inflates to exactly {@code n} zero bytes. */
  private static byte[] deflatedZeros(int n) {
    Deflater d = new Deflater(9, true);
    d.setInput(new byte[n]);
    d.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {'P', 'S', 1, 1}, 0, 4);
    byte[] buf = new byte[8192];
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    return out.toByteArray();
  }

  @Test
  void inflate_exactlyMaxInflatedBytes_passesTheBound_onePastIsRefused() {
    TokenCodec small = new TokenCodec(64 * 1024);
    // At the bound the body inflates; it is then refused as a token, not as a bomb.
    assertThatThrownBy(() -> small.decode(deflatedZeros(64 * 1024)))
        .isInstanceOf(MalformedException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("maxInflatedBytes"));
    assertThatThrownBy(() -> small.decode(deflatedZeros(64 * 1024 + 1)))
        .hasMessageContaining("maxInflatedBytes (65536)");
  }

  /** Hand-built token bytes for hostile cases. */
  static final class Raw {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static Raw header(int flags) {
      Raw r = new Raw();
      r.u8('P');
      r.u8('S');
      r.u8(1);
      r.u8(flags);
      return r;
    }

    /** Valid fields up to the identity count. */
    Raw prefix() {
      str(SessionToken.newSessionId());
      str("ctx");
      str("user");
      for (int i = 0; i < 5; i++) {
        uvarint(2L * (1_700_000_000L + i * 60L));
        uvarint(0);
      }
      return this;
    }

    void u8(int v) {
      out.write(v);
    }

    void uvarint(long v) {
      while ((v & ~0x7FL) != 0) {
        u8((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      u8((int) v);
    }

    void str(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      uvarint(b.length);
      out.writeBytes(b);
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }
}
