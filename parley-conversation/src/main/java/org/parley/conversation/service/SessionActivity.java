package org.parley.conversation.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Session-mode quotas after WCF's {@code SecuritySessionServerSettings}: how many issued contexts
 * are still pending (never used by an application message) and when each context was last used, so
 * that a context idle for {@code inactivityTimeout} is dropped. Entries exist only for contexts
 * used or issued within the last {@code inactivityTimeout}: a sweep (at most once per timeout, and
 * when the pending quota is reached) drops the others, so memory follows the active contexts.
 *
 * <p>Per node: what one node sees says nothing about a context other nodes of a farm serve from a
 * shared store, so contexts are dropped from the store only when {@code drop} is given (the
 * service's own in-memory store). Without it the quota still bounds what this node issues, and an
 * entry idle for the timeout is only forgotten here. Thread-safe.
 */
final class SessionActivity {
  private static final class Entry {
    volatile Instant lastUsed;
    final AtomicBoolean pending;

    Entry(Instant lastUsed, boolean pending) {
      this.lastUsed = lastUsed;
      this.pending = new AtomicBoolean(pending);
    }
  }

  private final Duration inactivityTimeout;
  private final int maxPendingSessions;
  private final Consumer<String> drop;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicInteger pending = new AtomicInteger();
  private volatile Instant nextSweep = Instant.MIN;

  /**
   * @param drop removes a context from the store when it is dropped for inactivity; null when the
   *     store may be shared, so that idleness seen by this node never removes a context
   */
  SessionActivity(Duration inactivityTimeout, int maxPendingSessions, Consumer<String> drop) {
    this.inactivityTimeout = inactivityTimeout;
    this.maxPendingSessions = maxPendingSessions;
    this.drop = drop;
  }

  /**
   * Runs {@code issue} if a pending slot is free (after dropping inactive contexts), and records
   * the issued context as pending. Returns false, issuing nothing, when the quota is reached.
   * Issues are serialized (each follows an expensive bootstrap), which makes the quota exact.
   */
  synchronized <E extends Exception> boolean issuePending(Instant now, IssueStep<E> issue)
      throws E {
    if (pending.get() >= maxPendingSessions || !now.isBefore(nextSweep)) {
      sweep(now);
    }
    if (pending.get() >= maxPendingSessions) {
      return false;
    }
    String id = issue.run();
    if (id != null) {
      entries.put(id, new Entry(now, true));
      pending.incrementAndGet();
    }
    return true;
  }

  /** The issue step: stores the context and returns its id, or null when nothing was stored. */
  @FunctionalInterface
  interface IssueStep<E extends Exception> {
    String run() throws E;
  }

  /**
   * Records a use of context {@code id} at {@code now} (lock-free: this runs for every message).
   * False when the context had been idle for {@code inactivityTimeout} or longer: it is dropped
   * (store included) and must be refused.
   */
  boolean touch(String id, Instant now) {
    boolean alive = touchOne(id, now);
    if (!now.isBefore(nextSweep)) {
      synchronized (this) {
        if (!now.isBefore(nextSweep)) {
          sweep(now);
        }
      }
    }
    return alive;
  }

  private boolean touchOne(String id, Instant now) {
    Entry e = entries.get(id);
    if (e == null) {
      entries.putIfAbsent(id, new Entry(now, false));
      return true;
    }
    if (!now.isBefore(e.lastUsed.plus(inactivityTimeout)) && drop != null) {
      if (remove(id, e)) {
        drop.accept(id);
      }
      return false;
    }
    if (e.pending.getAndSet(false)) {
      pending.decrementAndGet();
    }
    e.lastUsed = now;
    // Swept meanwhile (it was idle too long): refuse like the sweep decided.
    return drop == null || entries.get(id) == e;
  }

  /** Forgets {@code id} (cancelled). */
  void forget(String id) {
    Entry e = entries.get(id);
    if (e != null) {
      remove(id, e);
    }
  }

  int pendingCount() {
    return pending.get();
  }

  int trackedCount() {
    return entries.size();
  }

  /** Drops every context idle for {@code inactivityTimeout}. Caller holds the lock. */
  private void sweep(Instant now) {
    for (Map.Entry<String, Entry> me : entries.entrySet()) {
      Entry e = me.getValue();
      if (!now.isBefore(e.lastUsed.plus(inactivityTimeout)) && remove(me.getKey(), e)) {
        if (drop != null) {
          drop.accept(me.getKey());
        }
      }
    }
    nextSweep = now.plus(inactivityTimeout);
  }

  private boolean remove(String id, Entry e) {
    if (!entries.remove(id, e)) {
      return false;
    }
    if (e.pending.getAndSet(false)) {
      pending.decrementAndGet();
    }
    return true;
  }
}
