package org.parley.sts.users;

import java.util.Optional;

/** Where the STS finds users (SPI). {@link FileUserStore} reads them from a file. */
@FunctionalInterface
public interface UserStore {

  /** The user named {@code username} (exact, case-sensitive match), if any. */
  Optional<StoredUser> find(String username);
}
