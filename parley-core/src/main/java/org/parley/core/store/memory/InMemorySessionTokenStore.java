package org.parley.core.store.memory;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.parley.core.store.CreateOutcome;
import org.parley.core.store.ReplaceOutcome;
import org.parley.core.store.SessionTokenStore;
import org.parley.core.store.StoredSession;
import org.parley.core.store.Versioned;

/**
 * A {@link SessionTokenStore} in this process's memory (Caffeine): each session is forgotten at its
 * own {@code expires}; at most {@code maxSessions} are held and creates beyond that are refused
 * ({@link CreateOutcome#STORE_FULL}). Sessions are indexed by user key for {@link
 * #removeAllForUser}. Thread-safe.
 */
public final class InMemorySessionTokenStore implements SessionTokenStore {
  /** Default for {@link Builder#maxSessions}. */
  public static final int DEFAULT_MAX_SESSIONS = 100_000;

  private final ExpiringTable<StoredSession> table;
  private final OwnerIndex byUser = new OwnerIndex();
  // Guards the index structure (adds and sweeps); lookups and removals do not take it.
  private final ReentrantLock indexLock = new ReentrantLock();

  private InMemorySessionTokenStore(Builder b) {
    this.table =
        new ExpiringTable<>(b.clock, b.maxSessions, (id, s) -> byUser.removeId(s.userKey(), id));
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public CreateOutcome create(StoredSession session) {
    Objects.requireNonNull(session, "session");
    indexLock.lock();
    try {
      return switch (table.insert(session.sessionId(), session, session.expires())) {
        case INSERTED -> {
          byUser.add(session.userKey(), session.sessionId());
          yield CreateOutcome.CREATED;
        }
        case EXISTS -> CreateOutcome.ALREADY_EXISTS;
        case FULL -> CreateOutcome.STORE_FULL;
      };
    } finally {
      indexLock.unlock();
    }
  }

  @Override
  public Optional<Versioned<StoredSession>> get(String sessionId) {
    Objects.requireNonNull(sessionId, "sessionId");
    ExpiringTable.Entry<StoredSession> e = table.getLive(sessionId);
    return e == null ? Optional.empty() : Optional.of(new Versioned<>(e.value(), e.version()));
  }

  @Override
  public ReplaceOutcome replace(StoredSession session, long expectedVersion) {
    Objects.requireNonNull(session, "session");
    return table.replace(
        session.sessionId(),
        expectedVersion,
        session,
        session.expires(),
        (old, updated) -> {
          if (!old.userKey().equals(updated.userKey())) {
            throw new IllegalArgumentException("the user of a stored session cannot change");
          }
        });
  }

  @Override
  public boolean remove(String sessionId) {
    Objects.requireNonNull(sessionId, "sessionId");
    return table.remove(sessionId);
  }

  @Override
  public int removeAllForUser(String userKey) {
    Objects.requireNonNull(userKey, "userKey");
    int removed = 0;
    for (String id : byUser.liveIds(userKey, this::isLiveFor)) {
      ExpiringTable.Entry<StoredSession> e = table.getLive(id);
      // Re-check the owner: the id may have been removed and created again for another user.
      if (e != null && e.value().userKey().equals(userKey) && table.remove(id)) {
        removed++;
      }
    }
    return removed;
  }

  private boolean isLiveFor(String sessionId, String userKey) {
    ExpiringTable.Entry<StoredSession> e = table.getLive(sessionId);
    return e != null && e.value().userKey().equals(userKey);
  }

  public static final class Builder {
    private Clock clock;
    private int maxSessions = DEFAULT_MAX_SESSIONS;

    private Builder() {}

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Most sessions held; creates beyond it answer {@link CreateOutcome#STORE_FULL}. */
    public Builder maxSessions(int maxSessions) {
      if (maxSessions < 1) {
        throw new IllegalArgumentException("maxSessions must be positive, was " + maxSessions);
      }
      this.maxSessions = maxSessions;
      return this;
    }

    public InMemorySessionTokenStore build() {
      if (clock == null) {
        throw new IllegalStateException("clock is required (Builder.clock)");
      }
      return new InMemorySessionTokenStore(this);
    }
  }
}
