package org.parley.sts.users;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks a user name and password against a {@link UserStore}, behind a {@link SignInThrottle}: a
 * throttled attempt is refused before the password is looked at, and an unknown user costs the same
 * PBKDF2 work as a known one, so timing does not tell who exists. Thread-safe.
 */
public final class UserAuthenticator {
  /** Bounds on the credentials accepted, in characters. */
  public static final int MAX_USERNAME_CHARS = 256;

  public static final int MAX_PASSWORD_CHARS = 1024;

  /** How an attempt ended. */
  public enum Outcome {
    AUTHENTICATED,
    FAILED,
    THROTTLED
  }

  /** The outcome and, when authenticated, the user. */
  public record Result(Outcome outcome, Optional<StoredUser> user) {}

  private final UserStore users;
  private final SignInThrottle throttle;
  private final AtomicLong passwordChecks = new AtomicLong();

  public UserAuthenticator(UserStore users, SignInThrottle throttle) {
    this.users = Objects.requireNonNull(users, "users");
    this.throttle = Objects.requireNonNull(throttle, "throttle");
  }

  public UserStore users() {
    return users;
  }

  /** Passwords checked so far (throttled attempts are not checked). */
  public long passwordChecks() {
    return passwordChecks.get();
  }

  /**
   * @param password cleared before this method returns
   */
  public Result authenticate(String username, char[] password, String clientAddress) {
    try {
      if (username == null
          || username.isEmpty()
          || username.length() > MAX_USERNAME_CHARS
          || password.length == 0
          || password.length > MAX_PASSWORD_CHARS) {
        return new Result(Outcome.FAILED, Optional.empty());
      }
      if (!throttle.allowed(username, clientAddress)) {
        return new Result(Outcome.THROTTLED, Optional.empty());
      }
      passwordChecks.incrementAndGet();
      Optional<StoredUser> user = users.find(username);
      boolean ok;
      if (user.isPresent()) {
        ok = user.get().passwordHash().matches(password);
      } else {
        PasswordHash.DUMMY.matches(password); // same cost, result ignored
        ok = false;
      }
      if (!ok) {
        throttle.failed(username, clientAddress);
        return new Result(Outcome.FAILED, Optional.empty());
      }
      throttle.succeeded(username);
      return new Result(Outcome.AUTHENTICATED, user);
    } finally {
      Arrays.fill(password, '\0');
    }
  }
}
