package org.parley.web;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.parley.core.store.CreateOutcome;
import org.parley.core.store.ReplaceOutcome;
import org.parley.core.store.SessionTokenStore;
import org.parley.core.store.StoredSession;
import org.parley.core.store.Versioned;
import org.parley.core.store.memory.InMemorySessionTokenStore;

/** The in-memory store, recording every entry written (a "dump") and able to fail on demand. */
final class RecordingStore implements SessionTokenStore {
  final List<StoredSession> written = new CopyOnWriteArrayList<>();
  final AtomicBoolean failing = new AtomicBoolean();
  private final SessionTokenStore delegate;

  RecordingStore(Clock clock) {
    this.delegate = InMemorySessionTokenStore.builder().clock(clock).build();
  }

  private void check() {
    if (failing.get()) {
      throw new IllegalStateException("store down (test)");
    }
  }

  @Override
  public CreateOutcome create(StoredSession session) {
    check();
    written.add(session);
    return delegate.create(session);
  }

  @Override
  public Optional<Versioned<StoredSession>> get(String sessionId) {
    check();
    return delegate.get(sessionId);
  }

  @Override
  public ReplaceOutcome replace(StoredSession session, long expectedVersion) {
    check();
    written.add(session);
    return delegate.replace(session, expectedVersion);
  }

  @Override
  public boolean remove(String sessionId) {
    check();
    return delegate.remove(sessionId);
  }

  @Override
  public int removeAllForUser(String userKey) {
    check();
    return delegate.removeAllForUser(userKey);
  }
}
