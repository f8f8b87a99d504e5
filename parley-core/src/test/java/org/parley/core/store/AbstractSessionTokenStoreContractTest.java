package org.parley.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.core.testing.MutableClock;

/** The contract every {@link SessionTokenStore} backend passes. */
public abstract class AbstractSessionTokenStoreContractTest {
  protected static final Duration LIFETIME = Duration.ofHours(10);

  protected final MutableClock clock = MutableClock.atDefaultStart();

  /** A new, empty store reading time from {@code clock}, holding at most {@code maxSessions}. */
  /**
   * How long after an entry expires its capacity slot may still be taken (a backend that drops
   * expired entries lazily). Lookups are exact at the expiry instant regardless.
   */
  protected Duration slotReleaseLag() {
    return Duration.ZERO;
  }

  protected abstract SessionTokenStore newStore(MutableClock clock, int maxSessions);

  protected StoredSession session(String id, String user, String token) {
    return StoredSession.of(
        id, user, token.getBytes(StandardCharsets.UTF_8), clock.instant().plus(LIFETIME));
  }

  @Test
  void create_thenGet_returnsEqualSessionAtFirstVersion() {
    SessionTokenStore store = newStore(clock, 100);
    StoredSession s = session("s1", "alice", "sealed-1");
    assertThat(store.create(s)).isEqualTo(CreateOutcome.CREATED);
    Versioned<StoredSession> got = store.get("s1").orElseThrow();
    assertThat(got.value()).isEqualTo(s);
    assertThat(got.version()).isEqualTo(Versioned.FIRST);
    assertThat(new String(got.value().sealedToken(), StandardCharsets.UTF_8)).isEqualTo("sealed-1");
    assertThat(store.get("s2")).isEmpty();
  }

  /** A create never overwrites: the caller learns the id is taken. */
  @Test
  void create_existingId_alreadyExists_andNotOverwritten() {
    SessionTokenStore store = newStore(clock, 100);
    store.create(session("s1", "alice", "first"));
    assertThat(store.create(session("s1", "bob", "second")))
        .isEqualTo(CreateOutcome.ALREADY_EXISTS);
    assertThat(store.get("s1").orElseThrow().value().userKey()).isEqualTo("alice");
  }

  @Test
  void replace_withReadVersion_updates_slidingExpiry() {
    SessionTokenStore store = newStore(clock, 100);
    StoredSession s = session("s1", "alice", "v1");
    store.create(s);
    clock.advance(Duration.ofHours(5));
    StoredSession slid = session("s1", "alice", "v2");

    assertThat(store.replace(slid, Versioned.FIRST)).isEqualTo(ReplaceOutcome.REPLACED);
    assertThat(store.replace(slid, Versioned.FIRST)).isEqualTo(ReplaceOutcome.VERSION_MISMATCH);

    clock.set(s.expires());
    Versioned<StoredSession> got = store.get("s1").orElseThrow();
    assertThat(got.version()).isEqualTo(Versioned.FIRST + 1);
    assertThat(new String(got.value().sealedToken(), StandardCharsets.UTF_8)).isEqualTo("v2");
  }

  @Test
  void replace_unknownSession_notFound_andNothingCreated() {
    SessionTokenStore store = newStore(clock, 100);
    assertThat(store.replace(session("s1", "alice", "x"), Versioned.FIRST))
        .isEqualTo(ReplaceOutcome.NOT_FOUND);
    assertThat(store.get("s1")).isEmpty();
  }

  @Test
  void replace_withOtherUser_rejected() {
    SessionTokenStore store = newStore(clock, 100);
    store.create(session("s1", "alice", "x"));
    assertThatThrownBy(() -> store.replace(session("s1", "mallory", "y"), Versioned.FIRST))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.get("s1").orElseThrow().value().userKey()).isEqualTo("alice");
  }

  @Test
  void remove_signsOut_trueOnce() {
    SessionTokenStore store = newStore(clock, 100);
    store.create(session("s1", "alice", "x"));
    assertThat(store.remove("s1")).isTrue();
    assertThat(store.remove("s1")).isFalse();
    assertThat(store.get("s1")).isEmpty();
  }

  @Test
  void get_oneNanosecondBeforeExpires_present_atExpires_absent() {
    SessionTokenStore store = newStore(clock, 100);
    StoredSession s = session("s1", "alice", "x");
    store.create(s);
    clock.set(s.expires().minusNanos(1));
    assertThat(store.get("s1")).isPresent();
    clock.set(s.expires());
    assertThat(store.get("s1")).isEmpty();
    assertThat(store.replace(s, Versioned.FIRST)).isEqualTo(ReplaceOutcome.NOT_FOUND);
    assertThat(store.create(session("s1", "alice", "again"))).isEqualTo(CreateOutcome.CREATED);
  }

  @Test
  void removeAllForUser_removesEveryLiveSessionOfThatUserOnly() {
    SessionTokenStore store = newStore(clock, 100);
    store.create(session("a1", "alice", "x"));
    store.create(session("a2", "alice", "x"));
    store.create(session("a3", "alice", "x"));
    store.create(session("b1", "bob", "x"));
    store.remove("a3");

    assertThat(store.removeAllForUser("alice")).isEqualTo(2);

    assertThat(store.get("a1")).isEmpty();
    assertThat(store.get("a2")).isEmpty();
    assertThat(store.get("b1")).isPresent();
    assertThat(store.removeAllForUser("alice")).isZero();
    assertThat(store.removeAllForUser("nobody")).isZero();
  }

  @Test
  void removeAllForUser_idReusedByAnotherUser_notRemoved() {
    SessionTokenStore store = newStore(clock, 100);
    store.create(session("s1", "alice", "x"));
    store.remove("s1");
    store.create(session("s1", "bob", "x"));
    assertThat(store.removeAllForUser("alice")).isZero();
    assertThat(store.get("s1")).isPresent();
  }

  @Test
  void removeAllForUser_manySessions_allGone() {
    SessionTokenStore store = newStore(clock, 5_000);
    for (int i = 0; i < 2_000; i++) {
      store.create(session("s" + i, i % 2 == 0 ? "alice" : "bob", "x"));
    }
    assertThat(store.removeAllForUser("alice")).isEqualTo(1_000);
    assertThat(store.get("s0")).isEmpty();
    assertThat(store.get("s1")).isPresent();
  }

  @Test
  void create_storeFull_refused_liveSessionsKept() {
    SessionTokenStore store = newStore(clock, 2);
    store.create(session("s1", "alice", "x"));
    store.create(session("s2", "alice", "x"));
    assertThat(store.create(session("s3", "alice", "x"))).isEqualTo(CreateOutcome.STORE_FULL);
    assertThat(store.get("s1")).isPresent();
    assertThat(store.get("s2")).isPresent();
    store.remove("s1");
    assertThat(store.create(session("s3", "alice", "x"))).isEqualTo(CreateOutcome.CREATED);
    assertThat(store.create(session("s4", "alice", "x"))).isEqualTo(CreateOutcome.STORE_FULL);
    clock.advance(LIFETIME.plus(slotReleaseLag()));
    assertThat(store.create(session("s4", "alice", "x"))).isEqualTo(CreateOutcome.CREATED);
  }

  @Test
  void storedToken_isCopied_inAndOut() {
    SessionTokenStore store = newStore(clock, 10);
    byte[] token = {1, 2, 3};
    StoredSession s = StoredSession.of("s1", "alice", token, clock.instant().plus(LIFETIME));
    token[0] = 9;
    store.create(s);
    byte[] out = store.get("s1").orElseThrow().value().sealedToken();
    out[1] = 9;
    assertThat(store.get("s1").orElseThrow().value().sealedToken()).containsExactly(1, 2, 3);
  }

  @Test
  void concurrentReplaces_sameExpectedVersion_exactlyOneWins() throws Exception {
    SessionTokenStore store = newStore(clock, 100);
    for (int round = 0; round < 50; round++) {
      String id = "race-" + round;
      store.create(session(id, "alice", "v1"));
      List<ReplaceOutcome> outcomes =
          Concurrently.run(
              16, i -> () -> store.replace(session(id, "alice", "by-" + i), Versioned.FIRST));
      assertThat(outcomes).filteredOn(ReplaceOutcome::replaced).as("round %d", round).hasSize(1);
      assertThat(outcomes).filteredOn(o -> o == ReplaceOutcome.VERSION_MISMATCH).hasSize(15);
    }
  }

  @Test
  void concurrentCreatesOfOneId_exactlyOneCreated() throws Exception {
    SessionTokenStore store = newStore(clock, 100);
    List<CreateOutcome> outcomes =
        Concurrently.run(16, i -> () -> store.create(session("same", "user-" + i, "x")));
    assertThat(outcomes).filteredOn(CreateOutcome::created).hasSize(1);
  }
}
