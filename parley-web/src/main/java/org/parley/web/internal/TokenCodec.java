package org.parley.web.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.parley.core.claims.BootstrapToken;
import org.parley.core.claims.Claim;
import org.parley.core.claims.ClaimsIdentity;
import org.parley.core.claims.ClaimsPrincipal;
import org.parley.web.SessionToken;

/**
 * The typed, versioned binary form of a {@link SessionToken}. No Java serialization: every field is
 * written and read by hand, every length is bounded on read by a named limit, and trailing bytes
 * are refused.
 *
 * <pre>
 * token    = magic "PS" (2) | version 0x01 (1) | flags (1) | body
 *            flags bit 0: body is raw DEFLATE (RFC 1951); other bits must be 0
 * body     = str sessionId | str context | str userKey
 *            | instant signedIn | instant issued | instant validFrom
 *            | instant slidingExpiry | instant absoluteExpiry
 *            | uvarint identityCount (1..MAX_IDENTITIES) | identity*
 * identity = u8 flags (bit0 authType, bit1 actor, bit2 bootstrap)
 *            | [str authType] | str nameClaimType | str roleClaimType
 *            | uvarint claimCount (0..MAX_CLAIMS_PER_IDENTITY) | claim*
 *            | [str tokenType | bytes token] | [identity (actor, depth <= MAX_ACTOR_DEPTH)]
 * claim    = str type | str value | str valueType | str issuer | str originalIssuer
 * instant  = svarint epochSecond | uvarint nano (0..999,999,999)
 * str      = uvarint length (0..MAX_STRING_BYTES) | UTF-8 bytes (malformed UTF-8 refused)
 * bytes    = uvarint length (1..MAX_BOOTSTRAP_BYTES) | bytes
 * </pre>
 *
 * Thread-safe and stateless apart from its per-instance inflate bound.
 */
public final class TokenCodec {
  static final byte MAGIC_0 = 'P';
  static final byte MAGIC_1 = 'S';

  /** The only version written and read. */
  public static final byte VERSION = 1;

  static final int FLAG_DEFLATE = 1;

  /** Longest string field (claim value, type, issuer...) in UTF-8 bytes. */
  public static final int MAX_STRING_BYTES = 16 * 1024;

  /** Most identities in a token; same as {@link ClaimsPrincipal.Builder#MAX_IDENTITIES}. */
  public static final int MAX_IDENTITIES = ClaimsPrincipal.Builder.MAX_IDENTITIES;

  /** Most claims one identity may carry. */
  public static final int MAX_CLAIMS_PER_IDENTITY = 1024;

  /** Most claims in a whole token, actors included. */
  public static final int MAX_TOTAL_CLAIMS = 4096;

  /** Longest bootstrap token, in bytes. */
  public static final int MAX_BOOTSTRAP_BYTES = 128 * 1024;

  /** Deepest actor chain; same as {@link ClaimsIdentity#MAX_ACTOR_DEPTH}. */
  public static final int MAX_ACTOR_DEPTH = ClaimsIdentity.MAX_ACTOR_DEPTH;

  /** Default bound on the inflated size of a compressed body. */
  public static final int DEFAULT_MAX_INFLATED_BYTES = 512 * 1024;

  private final int maxInflatedBytes;

  public TokenCodec(int maxInflatedBytes) {
    if (maxInflatedBytes < 1024) {
      throw new IllegalArgumentException(
          "maxInflatedBytes must be at least 1024, was " + maxInflatedBytes);
    }
    this.maxInflatedBytes = maxInflatedBytes;
  }

  /**
   * Encodes {@code token}; with {@code compress}, the body is deflated if that makes it smaller.
   */
  public byte[] encode(SessionToken token, boolean compress) {
    Out body = new Out(512);
    body.str(token.sessionId());
    body.str(token.context());
    body.str(token.userKey());
    body.instant(token.signedIn());
    body.instant(token.issued());
    body.instant(token.validFrom());
    body.instant(token.slidingExpiry());
    body.instant(token.absoluteExpiry());
    body.uvarint(token.principal().identities().size());
    for (ClaimsIdentity id : token.principal().identities()) {
      writeIdentity(body, id);
    }
    byte[] raw = body.toByteArray();
    byte flags = 0;
    if (compress) {
      byte[] deflated = deflate(raw);
      if (deflated.length < raw.length) {
        raw = deflated;
        flags = FLAG_DEFLATE;
      }
    }
    byte[] out = new byte[4 + raw.length];
    out[0] = MAGIC_0;
    out[1] = MAGIC_1;
    out[2] = VERSION;
    out[3] = flags;
    System.arraycopy(raw, 0, out, 4, raw.length);
    return out;
  }

  private static void writeIdentity(Out o, ClaimsIdentity id) {
    int flags =
        (id.authenticationType().isPresent() ? 1 : 0)
            | (id.actor().isPresent() ? 2 : 0)
            | (id.bootstrapToken().isPresent() ? 4 : 0);
    o.u8(flags);
    id.authenticationType().ifPresent(o::str);
    o.str(id.nameClaimType());
    o.str(id.roleClaimType());
    o.uvarint(id.claims().size());
    for (Claim c : id.claims()) {
      o.str(c.type());
      o.str(c.value());
      o.str(c.valueType());
      o.str(c.issuer());
      o.str(c.originalIssuer());
    }
    id.bootstrapToken()
        .ifPresent(
            t -> {
              o.str(t.tokenType());
              o.bytes(t.serializedForm());
            });
    id.actor().ifPresent(a -> writeIdentity(o, a));
  }

  /** Decodes bytes written by {@link #encode}; any deviation is a {@link MalformedException}. */
  public SessionToken decode(byte[] bytes) throws MalformedException {
    if (bytes.length < 4 || bytes[0] != MAGIC_0 || bytes[1] != MAGIC_1) {
      throw new MalformedException("not a Parley session token (magic)");
    }
    if (bytes[2] != VERSION) {
      throw new MalformedException("unsupported session token version " + (bytes[2] & 0xff));
    }
    int flags = bytes[3] & 0xff;
    if ((flags & ~FLAG_DEFLATE) != 0) {
      throw new MalformedException("unknown session token flags");
    }
    byte[] body = new byte[bytes.length - 4];
    System.arraycopy(bytes, 4, body, 0, body.length);
    if ((flags & FLAG_DEFLATE) != 0) {
      body = inflate(body);
    }
    In in = new In(body);
    try {
      SessionToken.Builder b =
          SessionToken.builder()
              .sessionId(in.str())
              .context(in.str())
              .userKey(in.str())
              .signedIn(in.instant())
              .issued(in.instant())
              .validFrom(in.instant())
              .slidingExpiry(in.instant())
              .absoluteExpiry(in.instant());
      int count = in.count(1, MAX_IDENTITIES, "TokenCodec.MAX_IDENTITIES");
      ClaimsPrincipal.Builder p = ClaimsPrincipal.builder();
      int[] totalClaims = {0};
      for (int i = 0; i < count; i++) {
        p.addIdentity(readIdentity(in, 0, totalClaims));
      }
      if (in.remaining() != 0) {
        throw new MalformedException("trailing bytes after the session token");
      }
      return b.principal(p.build()).build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      // The builders' own validation (blank names, expiry order...): the message names the rule.
      throw new MalformedException("invalid session token: " + e.getMessage());
    }
  }

  private static ClaimsIdentity readIdentity(In in, int depth, int[] totalClaims)
      throws MalformedException {
    int flags = in.u8();
    if ((flags & ~7) != 0) {
      throw new MalformedException("unknown identity flags");
    }
    ClaimsIdentity.Builder b = ClaimsIdentity.builder();
    if ((flags & 1) != 0) {
      b.authenticationType(in.str());
    }
    b.nameClaimType(in.str());
    b.roleClaimType(in.str());
    int claims = in.count(0, MAX_CLAIMS_PER_IDENTITY, "TokenCodec.MAX_CLAIMS_PER_IDENTITY");
    totalClaims[0] += claims;
    if (totalClaims[0] > MAX_TOTAL_CLAIMS) {
      throw new MalformedException(
          "more than TokenCodec.MAX_TOTAL_CLAIMS (" + MAX_TOTAL_CLAIMS + ") claims");
    }
    for (int i = 0; i < claims; i++) {
      String type = in.str();
      String value = in.str();
      b.addClaim(
          Claim.builder(type, value)
              .valueType(in.str())
              .issuer(in.str())
              .originalIssuer(in.str())
              .build());
    }
    if ((flags & 4) != 0) {
      String tokenType = in.str();
      b.bootstrapToken(BootstrapToken.of(tokenType, in.bytes()));
    }
    if ((flags & 2) != 0) {
      if (depth + 1 > MAX_ACTOR_DEPTH) {
        throw new MalformedException(
            "actor chain deeper than TokenCodec.MAX_ACTOR_DEPTH (" + MAX_ACTOR_DEPTH + ")");
      }
      b.actor(readIdentity(in, depth + 1, totalClaims));
    }
    return b.build();
  }

  private static byte[] deflate(byte[] raw) {
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
    try {
      d.setInput(raw);
      d.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 16);
      byte[] buf = new byte[4096];
      while (!d.finished()) {
        int n = d.deflate(buf);
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } finally {
      d.end();
    }
  }

  private byte[] inflate(byte[] deflated) throws MalformedException {
    Inflater inf = new Inflater(true);
    try {
      inf.setInput(deflated);
      // Straight into one array that grows by doubling (session tokens deflate about 3:1), never
      // past maxInflatedBytes + 1: one byte more than allowed is enough to refuse a bomb.
      long cap = Math.min(maxInflatedBytes + 1L, Integer.MAX_VALUE - 8L);
      byte[] out = new byte[(int) Math.min(cap, Math.max(1024L, deflated.length * 4L))];
      int len = 0;
      while (!inf.finished()) {
        if (len == out.length) {
          if (len > maxInflatedBytes || len == cap) {
            // Bounds a compression bomb before it is materialized.
            throw new MalformedException(
                "session token inflates past maxInflatedBytes (" + maxInflatedBytes + ")");
          }
          out = Arrays.copyOf(out, (int) Math.min(cap, 2L * len));
        }
        int n = inf.inflate(out, len, out.length - len);
        if (n == 0) {
          if (inf.needsInput() || inf.needsDictionary()) {
            throw new MalformedException("compressed session token is truncated");
          }
          continue;
        }
        len += n;
      }
      if (len > maxInflatedBytes) {
        throw new MalformedException(
            "session token inflates past maxInflatedBytes (" + maxInflatedBytes + ")");
      }
      if (inf.getRemaining() != 0) {
        throw new MalformedException("trailing bytes after the compressed session token");
      }
      return len == out.length ? out : Arrays.copyOf(out, len);
    } catch (DataFormatException e) {
      throw new MalformedException("compressed session token is corrupt");
    } finally {
      inf.end();
    }
  }

  /** Growing output buffer with the primitive writers of the format. */
  private static final class Out {
    private byte[] buf;
    private int len;

    Out(int initial) {
      buf = new byte[initial];
    }

    void u8(int v) {
      ensure(1);
      buf[len++] = (byte) v;
    }

    void uvarint(long v) {
      while ((v & ~0x7FL) != 0) {
        u8((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      u8((int) v);
    }

    void instant(Instant i) {
      long s = i.getEpochSecond();
      uvarint((s << 1) ^ (s >> 63)); // zigzag
      uvarint(i.getNano());
    }

    void str(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      if (b.length > MAX_STRING_BYTES) {
        throw new IllegalArgumentException(
            "a string of the principal is longer than TokenCodec.MAX_STRING_BYTES ("
                + MAX_STRING_BYTES
                + ") UTF-8 bytes");
      }
      uvarint(b.length);
      raw(b);
    }

    void bytes(byte[] b) {
      if (b.length > MAX_BOOTSTRAP_BYTES) {
        throw new IllegalArgumentException(
            "a bootstrap token is longer than TokenCodec.MAX_BOOTSTRAP_BYTES ("
                + MAX_BOOTSTRAP_BYTES
                + ")");
      }
      uvarint(b.length);
      raw(b);
    }

    void raw(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, buf, len, b.length);
      len += b.length;
    }

    private void ensure(int n) {
      if (len + n > buf.length) {
        byte[] bigger = new byte[Math.max(buf.length * 2, len + n)];
        System.arraycopy(buf, 0, bigger, 0, len);
        buf = bigger;
      }
    }

    byte[] toByteArray() {
      byte[] out = new byte[len];
      System.arraycopy(buf, 0, out, 0, len);
      return out;
    }
  }

  /** Bounds-checked reader; every read past the end is a {@link MalformedException}. */
  private static final class In {
    private final byte[] buf;
    private int pos;
    private CharsetDecoder utf8;

    In(byte[] buf) {
      this.buf = buf;
    }

    int remaining() {
      return buf.length - pos;
    }

    int u8() throws MalformedException {
      if (pos >= buf.length) {
        throw new MalformedException("session token is truncated");
      }
      return buf[pos++] & 0xff;
    }

    long uvarint() throws MalformedException {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int b = u8();
        v |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return v;
        }
      }
      throw new MalformedException("varint longer than 10 bytes");
    }

    int count(int min, int max, String limitName) throws MalformedException {
      long v = uvarint();
      if (v < min || v > max) {
        throw new MalformedException(
            "count " + v + " outside " + min + ".." + limitName + " (" + max + ")");
      }
      return (int) v;
    }

    Instant instant() throws MalformedException {
      long z = uvarint();
      long s = (z >>> 1) ^ -(z & 1);
      long nano = uvarint();
      if (nano > 999_999_999L) {
        throw new MalformedException("nanosecond field out of range");
      }
      try {
        return Instant.ofEpochSecond(s, nano);
      } catch (DateTimeException e) {
        throw new MalformedException("instant out of range");
      }
    }

    String str() throws MalformedException {
      int n = count(0, MAX_STRING_BYTES, "TokenCodec.MAX_STRING_BYTES");
      if (n > remaining()) {
        throw new MalformedException("session token is truncated");
      }
      boolean ascii = true;
      for (int i = pos; i < pos + n; i++) {
        if (buf[i] < 0) {
          ascii = false;
          break;
        }
      }
      if (ascii) {
        // Claim types, issuers and most values are ASCII, which needs no validation.
        String s = new String(buf, pos, n, StandardCharsets.US_ASCII);
        pos += n;
        return s;
      }
      if (utf8 == null) {
        utf8 =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
      }
      try {
        String s = utf8.reset().decode(ByteBuffer.wrap(buf, pos, n)).toString();
        pos += n;
        return s;
      } catch (CharacterCodingException e) {
        throw new MalformedException("string field is not valid UTF-8");
      }
    }

    byte[] bytes() throws MalformedException {
      int n = count(1, MAX_BOOTSTRAP_BYTES, "TokenCodec.MAX_BOOTSTRAP_BYTES");
      if (n > remaining()) {
        throw new MalformedException("session token is truncated");
      }
      byte[] b = new byte[n];
      System.arraycopy(buf, pos, b, 0, n);
      pos += n;
      return b;
    }
  }
}
