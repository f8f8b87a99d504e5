package org.parley.sts.users;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * Counts failed sign-ins per user name and per client address in a fixed window; once either
 * reaches its limit, further attempts for that user or from that address are refused without
 * checking the password until the window ends. A success clears the user's count (not the
 * address's). Thread-safe.
 */
public final class SignInThrottle {
  public static final int DEFAULT_MAX_FAILURES_PER_USER = 5;
  public static final int DEFAULT_MAX_FAILURES_PER_ADDRESS = 20;
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);

  /** Most users and addresses tracked at once; when full (after purging) attempts are refused. */
  public static final int MAX_TRACKED = 100_000;

  private final Clock clock;
  private final int maxPerUser;
  private final int maxPerAddress;
  private final Duration window;
  private final Map<String, Count> counts = new HashMap<>();

  private SignInThrottle(Clock clock, int maxPerUser, int maxPerAddress, Duration window) {
    this.clock = clock;
    this.maxPerUser = maxPerUser;
    this.maxPerAddress = maxPerAddress;
    this.window = window;
  }

  public static SignInThrottle defaults(Clock clock) {
    return of(
        clock, DEFAULT_MAX_FAILURES_PER_USER, DEFAULT_MAX_FAILURES_PER_ADDRESS, DEFAULT_WINDOW);
  }

  public static SignInThrottle of(
      Clock clock, int maxFailuresPerUser, int maxFailuresPerAddress, Duration window) {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(window, "window");
    if (maxFailuresPerUser < 1
        || maxFailuresPerAddress < 1
        || window.isNegative()
        || window.isZero()) {
      throw new IllegalArgumentException("limits must be >= 1 and the window positive");
    }
    return new SignInThrottle(clock, maxFailuresPerUser, maxFailuresPerAddress, window);
  }

  /** True when {@code user} from {@code address} may try a password now. */
  public synchronized boolean allowed(String user, String address) {
    Instant now = clock.instant();
    if (counts.size() >= MAX_TRACKED) {
      purge(now);
      if (counts.size() >= MAX_TRACKED) {
        return false; // fail closed rather than forget failures
      }
    }
    return current(userKey(user), now) < maxPerUser
        && current(addressKey(address), now) < maxPerAddress;
  }

  public synchronized void failed(String user, String address) {
    Instant now = clock.instant();
    bump(userKey(user), now);
    bump(addressKey(address), now);
  }

  public synchronized void succeeded(String user) {
    counts.remove(userKey(user));
  }

  private int current(String key, Instant now) {
    Count c = counts.get(key);
    return c == null || !now.isBefore(c.start.plus(window)) ? 0 : c.n;
  }

  private void bump(String key, Instant now) {
    Count c = counts.get(key);
    if (c == null || !now.isBefore(c.start.plus(window))) {
      counts.put(key, new Count(now, 1));
    } else {
      c.n++;
    }
  }

  private void purge(Instant now) {
    for (Iterator<Count> it = counts.values().iterator(); it.hasNext(); ) {
      if (!now.isBefore(it.next().start.plus(window))) {
        it.remove();
      }
    }
  }

  private static String userKey(String user) {
    return "u\0" + user;
  }

  private static String addressKey(String address) {
    return "a\0" + address;
  }

  private static final class Count {
    final Instant start;
    int n;

    Count(Instant start, int n) {
      this.start = start;
      this.n = n;
    }
  }
}
