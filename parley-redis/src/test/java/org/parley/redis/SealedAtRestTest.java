package org.parley.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.core.SecretBytes;
import org.parley.core.claims.ClaimTypes;
import org.parley.core.claims.ClaimsIdentity;
import org.parley.core.claims.ClaimsPrincipal;
import org.parley.core.store.StoredSecurityContext;
import org.parley.core.store.StoredSession;
import org.parley.core.testing.MutableClock;

/**
 * Secrets sealed at rest: after storing a context, a session, a replay entry and the key ring,
 * every key and every value in Redis is dumped, and no secret, token, claim or id appears in any
 * encoding (raw, base64, base64url, hex).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SealedAtRestTest {
  private final MutableClock clock = MutableClock.atDefaultStart();
  private RedisServer server;

  @BeforeAll
  void start() throws Exception {
    server = RedisServer.startNew();
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void redisDump_revealsNoContextSecret_noSessionContent_noIds_noRingKeys() throws Exception {
    byte[] secret = new byte[32];
    for (int i = 0; i < secret.length; i++) {
      secret[i] = (byte) (0xA0 + i);
    }
    String contextId = "urn:uuid:secret-context-id-7f3e";
    String owner = "owner-thumbprint-0b9d";
    String claimValue = "alice-claim-value-5521";
    String sessionId = "session-id-bearer-77aa";
    String user = "user-key-alice-91";
    byte[] token = "session-token-content-4e2c".getBytes(StandardCharsets.UTF_8);
    String replayKey = "sig:replay-key-digest-19ab";
    SecretBytes wrappingKey = SecretBytes.random(32);

    Instant now = clock.instant();
    try (RedisStores stores =
        RedisStores.connectWithFarmKeyRing(
            server.uri(),
            wrappingKey,
            RedisTestSupport.settings(clock).build(),
            FarmKeyRing.builder().withoutScheduledRefresh())) {
      stores
          .securityContexts()
          .create(
              StoredSecurityContext.builder()
                  .contextId(contextId)
                  .secret(SecretBytes.copyOf(secret))
                  .ownerKey(owner)
                  .lifetime(now, now.plus(Duration.ofHours(1)))
                  .principal(
                      ClaimsPrincipal.of(
                          ClaimsIdentity.builder().addClaim(ClaimTypes.NAME, claimValue).build()))
                  .build(),
              10);
      stores
          .sessionTokens()
          .create(StoredSession.of(sessionId, user, token, now.plus(Duration.ofHours(1))));
      assertThat(stores.replayCache().firstSeen(replayKey, now.plus(Duration.ofMinutes(5))))
          .isEqualTo(org.parley.core.store.ReplayCache.Verdict.FIRST_SEEN);
      assertThat(stores.revocationList().revoke(contextId, now, now.plus(Duration.ofMinutes(10))))
          .isEqualTo(org.parley.core.store.RevocationList.Outcome.REVOKED);
      assertThat(stores.sessionTokens().get(sessionId)).isPresent();
      assertThat(
              stores
                  .securityContexts()
                  .get(contextId)
                  .orElseThrow()
                  .value()
                  .secret()
                  .equalsConstantTime(SecretBytes.copyOf(secret)))
          .isTrue();

      byte[] dump = dumpEverything();
      assertThat(dump.length).as("the dump holds the entries").isGreaterThan(200);
      List<byte[]> ringKeys =
          stores.farmKeyRing().orElseThrow().get().keys().stream()
              .map(k -> k.key().toByteArray())
              .toList();
      assertThat(ringKeys).isNotEmpty();

      assertAbsent(dump, secret, "context secret");
      for (byte[] k : ringKeys) {
        assertAbsent(dump, k, "key ring key");
      }
      assertAbsent(dump, wrappingKey.toByteArray(), "wrapping key");
      assertAbsent(dump, token, "session token");
      for (String s : List.of(contextId, owner, claimValue, sessionId, user, replayKey)) {
        assertAbsent(dump, s.getBytes(StandardCharsets.UTF_8), s);
      }
    }
  }

  /** Every key name and every value of every key, concatenated. */
  private byte[] dumpEverything() throws Exception {
    RedisClient client = RedisClient.create(server.uri());
    try (StatefulRedisConnection<byte[], byte[]> c = client.connect(ByteArrayCodec.INSTANCE)) {
      RedisCommands<byte[], byte[]> r = c.sync();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      List<byte[]> keys = r.keys("*");
      assertThat(keys).hasSizeGreaterThanOrEqualTo(5);
      for (byte[] key : keys) {
        out.write(key);
        String type = r.type(key);
        switch (type) {
          case "string" -> out.write(r.get(key));
          case "hash" -> {
            for (Map.Entry<byte[], byte[]> e : r.hgetall(key).entrySet()) {
              out.write(e.getKey());
              out.write(e.getValue());
            }
          }
          case "zset" -> {
            for (ScoredValue<byte[]> v : r.zrangeWithScores(key, 0, -1)) {
              out.write(v.getValue());
            }
          }
          default -> throw new AssertionError("unexpected Redis type " + type);
        }
      }
      return out.toByteArray();
    } finally {
      client.shutdown(java.time.Duration.ZERO, java.time.Duration.ofSeconds(2));
    }
  }

  private static void assertAbsent(byte[] dump, byte[] secret, String what) {
    String latin = new String(dump, StandardCharsets.ISO_8859_1);
    for (byte[] form :
        List.of(
            secret,
            Base64.getEncoder().encode(secret),
            Base64.getUrlEncoder().withoutPadding().encode(secret),
            HexFormat.of().formatHex(secret).getBytes(StandardCharsets.US_ASCII),
            HexFormat.of().withUpperCase().formatHex(secret).getBytes(StandardCharsets.US_ASCII))) {
      // Base64 of a prefix could align differently; the first 12 bytes' forms suffice to detect.
      assertThat(latin)
          .as("%s must not appear in the Redis dump", what)
          .doesNotContain(new String(form, StandardCharsets.ISO_8859_1));
    }
  }
}
