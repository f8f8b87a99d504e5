package org.parley.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.core.SecretBytes;
import org.parley.core.claims.ClaimTypes;
import org.parley.core.claims.ClaimsIdentity;
import org.parley.core.claims.ClaimsPrincipal;
import org.parley.core.testing.MutableClock;

/**
 * The contract every {@link SecurityContextStore} backend passes (WS-SecureConversation 1.3 issue,
 * renew, cancel; per-client quota; exact expiry; races on one context).
 */
public abstract class AbstractSecurityContextStoreContractTest {
  protected static final Duration LIFETIME = Duration.ofHours(10);
  protected static final int NO_OWNER_LIMIT = Integer.MAX_VALUE;

  protected final MutableClock clock = MutableClock.atDefaultStart();

  /** A new, empty store reading time from {@code clock}, holding at most {@code maxContexts}. */
  /**
   * How long after an entry expires its capacity slot may still be taken (a backend that drops
   * expired entries lazily). Lookups are exact at the expiry instant regardless.
   */
  protected Duration slotReleaseLag() {
    return Duration.ZERO;
  }

  protected abstract SecurityContextStore newStore(MutableClock clock, int maxContexts);

  protected StoredSecurityContext context(String id, String owner) {
    Instant now = clock.instant();
    return StoredSecurityContext.builder()
        .contextId(id)
        .secret(SecretBytes.random(32))
        .ownerKey(owner)
        .lifetime(now, now.plus(LIFETIME))
        .keyLifetime(now, now.plus(Duration.ofHours(1)))
        .principal(
            ClaimsPrincipal.of(
                ClaimsIdentity.builder()
                    .authenticationType("X509")
                    .addClaim(ClaimTypes.NAME, "CN=" + owner)
                    .build()))
        .build();
  }

  @Test
  void create_thenGet_returnsEqualContextAtFirstVersion() {
    SecurityContextStore store = newStore(clock, 100);
    StoredSecurityContext ctx = context("urn:uuid:c1", "client-a");

    assertThat(store.create(ctx, NO_OWNER_LIMIT)).isEqualTo(CreateOutcome.CREATED);

    Versioned<StoredSecurityContext> got = store.get("urn:uuid:c1").orElseThrow();
    assertThat(got.version()).isEqualTo(Versioned.FIRST);
    assertThat(got.value()).isEqualTo(ctx);
    assertThat(got.value().secret().equalsConstantTime(ctx.secret())).isTrue();
    assertThat(got.value().principal()).isEqualTo(ctx.principal());
    assertThat(store.get("urn:uuid:other")).isEmpty();
  }

  @Test
  void create_existingId_alreadyExists_andOriginalUntouched() {
    SecurityContextStore store = newStore(clock, 100);
    StoredSecurityContext first = context("urn:uuid:c1", "client-a");
    store.create(first, NO_OWNER_LIMIT);

    assertThat(store.create(context("urn:uuid:c1", "client-b"), NO_OWNER_LIMIT))
        .isEqualTo(CreateOutcome.ALREADY_EXISTS);
    assertThat(store.get("urn:uuid:c1").orElseThrow().value()).isEqualTo(first);
  }

  @Test
  void replace_withReadVersion_renews_andBumpsVersion() {
    SecurityContextStore store = newStore(clock, 100);
    StoredSecurityContext ctx = context("urn:uuid:c1", "client-a");
    store.create(ctx, NO_OWNER_LIMIT);
    clock.advance(Duration.ofHours(9));
    Instant now = clock.instant();
    StoredSecurityContext renewed =
        ctx.toBuilder()
            .instance("urn:uuid:i2")
            .secret(SecretBytes.random(32))
            .lifetime(ctx.created(), now.plus(LIFETIME))
            .keyLifetime(now, now.plus(Duration.ofHours(1)))
            .build();

    assertThat(store.replace(renewed, Versioned.FIRST)).isEqualTo(ReplaceOutcome.REPLACED);

    Versioned<StoredSecurityContext> got = store.get("urn:uuid:c1").orElseThrow();
    assertThat(got.version()).isEqualTo(Versioned.FIRST + 1);
    assertThat(got.value()).isEqualTo(renewed);
    assertThat(got.value().instance()).contains("urn:uuid:i2");
    // The renewed context outlives the original expiry.
    clock.set(ctx.expires());
    assertThat(store.get("urn:uuid:c1")).isPresent();
  }

  @Test
  void replace_staleVersion_versionMismatch_andStoredContextUnchanged() {
    SecurityContextStore store = newStore(clock, 100);
    StoredSecurityContext ctx = context("urn:uuid:c1", "client-a");
    store.create(ctx, NO_OWNER_LIMIT);
    StoredSecurityContext a = ctx.toBuilder().instance("a").build();
    StoredSecurityContext b = ctx.toBuilder().instance("b").build();

    assertThat(store.replace(a, Versioned.FIRST)).isEqualTo(ReplaceOutcome.REPLACED);
    assertThat(store.replace(b, Versioned.FIRST)).isEqualTo(ReplaceOutcome.VERSION_MISMATCH);
    assertThat(store.get("urn:uuid:c1").orElseThrow().value().instance()).contains("a");
  }

  @Test
  void replace_unknownOrRemovedContext_notFound() {
    SecurityContextStore store = newStore(clock, 100);
    StoredSecurityContext ctx = context("urn:uuid:c1", "client-a");
    assertThat(store.replace(ctx, Versioned.FIRST)).isEqualTo(ReplaceOutcome.NOT_FOUND);
    store.create(ctx, NO_OWNER_LIMIT);
    store.remove("urn:uuid:c1");
    assertThat(store.replace(ctx, Versioned.FIRST)).isEqualTo(ReplaceOutcome.NOT_FOUND);
    assertThat(store.get("urn:uuid:c1")).isEmpty();
  }

  /** Nobody may take over somebody else's context. */
  @Test
  void replace_withOtherOwner_rejected_andStoredContextUnchanged() {
    SecurityContextStore store = newStore(clock, 100);
    StoredSecurityContext ctx = context("urn:uuid:c1", "client-a");
    store.create(ctx, NO_OWNER_LIMIT);
    assertThatThrownBy(() -> store.replace(ctx.toBuilder().ownerKey("mallory").build(), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.get("urn:uuid:c1").orElseThrow().value().ownerKey()).isEqualTo("client-a");
  }

  @Test
  void remove_cancels_trueOnce_thenFalse() {
    SecurityContextStore store = newStore(clock, 100);
    store.create(context("urn:uuid:c1", "client-a"), NO_OWNER_LIMIT);
    assertThat(store.remove("urn:uuid:c1")).isTrue();
    assertThat(store.remove("urn:uuid:c1")).isFalse();
    assertThat(store.get("urn:uuid:c1")).isEmpty();
    assertThat(store.countByOwner("client-a")).isZero();
    // The id may be issued again once cancelled.
    assertThat(store.create(context("urn:uuid:c1", "client-a"), NO_OWNER_LIMIT))
        .isEqualTo(CreateOutcome.CREATED);
  }

  @Test
  void get_oneNanosecondBeforeExpires_present_atExpires_absent() {
    SecurityContextStore store = newStore(clock, 100);
    StoredSecurityContext ctx = context("urn:uuid:c1", "client-a");
    store.create(ctx, NO_OWNER_LIMIT);

    clock.set(ctx.expires().minusNanos(1));
    assertThat(store.get("urn:uuid:c1")).isPresent();
    assertThat(store.countByOwner("client-a")).isEqualTo(1);

    clock.set(ctx.expires());
    assertThat(store.get("urn:uuid:c1")).isEmpty();
    assertThat(store.countByOwner("client-a")).isZero();
    assertThat(store.replace(ctx, Versioned.FIRST))
        .as("renew after expiry")
        .isEqualTo(ReplaceOutcome.NOT_FOUND);
    assertThat(store.remove("urn:uuid:c1")).isFalse();
    assertThat(store.create(context("urn:uuid:c1", "client-a"), NO_OWNER_LIMIT))
        .isEqualTo(CreateOutcome.CREATED);
  }

  @Test
  void countByOwner_countsOnlyThatOwnersLiveContexts() {
    SecurityContextStore store = newStore(clock, 100);
    store.create(context("a1", "client-a"), NO_OWNER_LIMIT);
    store.create(context("a2", "client-a"), NO_OWNER_LIMIT);
    store.create(context("b1", "client-b"), NO_OWNER_LIMIT);
    assertThat(store.countByOwner("client-a")).isEqualTo(2);
    assertThat(store.countByOwner("client-b")).isEqualTo(1);
    assertThat(store.countByOwner("client-c")).isZero();
    store.remove("a1");
    assertThat(store.countByOwner("client-a")).isEqualTo(1);
  }

  @Test
  void create_ownerAtLimit_ownerLimitReached_otherOwnersUnaffected_freedByCancel() {
    SecurityContextStore store = newStore(clock, 100);
    for (int i = 0; i < 3; i++) {
      assertThat(store.create(context("a" + i, "client-a"), 3)).isEqualTo(CreateOutcome.CREATED);
    }
    assertThat(store.create(context("a3", "client-a"), 3))
        .isEqualTo(CreateOutcome.OWNER_LIMIT_REACHED);
    assertThat(store.get("a3")).isEmpty();
    assertThat(store.create(context("b0", "client-b"), 3)).isEqualTo(CreateOutcome.CREATED);

    store.remove("a0");
    assertThat(store.create(context("a3", "client-a"), 3)).isEqualTo(CreateOutcome.CREATED);
  }

  @Test
  void create_storeFull_refused_liveContextsKept_expiryMakesRoom() {
    SecurityContextStore store = newStore(clock, 3);
    for (int i = 0; i < 3; i++) {
      assertThat(store.create(context("c" + i, "client-" + i), NO_OWNER_LIMIT))
          .isEqualTo(CreateOutcome.CREATED);
    }
    assertThat(store.create(context("c3", "client-3"), NO_OWNER_LIMIT))
        .isEqualTo(CreateOutcome.STORE_FULL);
    for (int i = 0; i < 3; i++) {
      assertThat(store.get("c" + i)).as("c%d", i).isPresent();
    }
    clock.advance(LIFETIME.plus(slotReleaseLag()));
    assertThat(store.create(context("c3", "client-3"), NO_OWNER_LIMIT))
        .isEqualTo(CreateOutcome.CREATED);
  }

  /** Two renewals racing on one context: one wins, the other learns it lost. */
  @Test
  void concurrentReplaces_sameExpectedVersion_exactlyOneWins() throws Exception {
    SecurityContextStore store = newStore(clock, 100);
    for (int round = 0; round < 50; round++) {
      String id = "urn:uuid:race-" + round;
      StoredSecurityContext ctx = context(id, "client-a");
      store.create(ctx, NO_OWNER_LIMIT);
      List<ReplaceOutcome> outcomes =
          Concurrently.run(
              2,
              i -> {
                StoredSecurityContext renewed = ctx.toBuilder().instance("i" + i).build();
                return () -> store.replace(renewed, Versioned.FIRST);
              });
      assertThat(outcomes)
          .as("round %d", round)
          .containsExactlyInAnyOrder(ReplaceOutcome.REPLACED, ReplaceOutcome.VERSION_MISMATCH);
      int winner = outcomes.indexOf(ReplaceOutcome.REPLACED);
      Versioned<StoredSecurityContext> got = store.get(id).orElseThrow();
      assertThat(got.version()).isEqualTo(Versioned.FIRST + 1);
      assertThat(got.value().instance()).contains("i" + winner);
    }
  }

  @Test
  void sixteenThreadsReplacing_sameExpectedVersion_exactlyOneWins() throws Exception {
    SecurityContextStore store = newStore(clock, 100);
    StoredSecurityContext ctx = context("urn:uuid:c16", "client-a");
    store.create(ctx, NO_OWNER_LIMIT);
    List<ReplaceOutcome> outcomes =
        Concurrently.run(
            16,
            i -> () -> store.replace(ctx.toBuilder().instance("i" + i).build(), Versioned.FIRST));
    assertThat(outcomes).filteredOn(ReplaceOutcome::replaced).hasSize(1);
  }

  /** Concurrent issues to one client cannot overshoot its limit. */
  @Test
  void sixteenConcurrentCreatesForOneOwner_limitThree_exactlyThreeCreated() throws Exception {
    for (int round = 0; round < 20; round++) {
      SecurityContextStore store = newStore(clock, 100);
      int r = round;
      List<CreateOutcome> outcomes =
          Concurrently.run(16, i -> () -> store.create(context("r" + r + "-" + i, "client-a"), 3));
      assertThat(outcomes).filteredOn(CreateOutcome::created).as("round %d", round).hasSize(3);
      assertThat(outcomes).filteredOn(o -> o == CreateOutcome.OWNER_LIMIT_REACHED).hasSize(13);
      assertThat(store.countByOwner("client-a")).isEqualTo(3);
    }
  }

  @Test
  void sixteenConcurrentCreatesOfOneId_exactlyOneCreated() throws Exception {
    SecurityContextStore store = newStore(clock, 100);
    List<CreateOutcome> outcomes =
        Concurrently.run(
            16, i -> () -> store.create(context("urn:uuid:same", "client-" + i), NO_OWNER_LIMIT));
    assertThat(outcomes).filteredOn(CreateOutcome::created).hasSize(1);
    assertThat(outcomes).filteredOn(o -> o == CreateOutcome.ALREADY_EXISTS).hasSize(15);
  }
}
