package org.parley.sts.users;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.core.claims.Claim;

/**
 * Users from a UTF-8 text file, read once:
 *
 * <pre>
 * # comment
 * user alice
 * password pbkdf2-sha256$600000$&lt;salt&gt;$&lt;hash&gt;
 * claim http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name alice
 * claim http://schemas.microsoft.com/ws/2008/06/identity/claims/role reader
 * </pre>
 *
 * A {@code claim} line's value is the rest of the line after the type and one space.
 */
public final class FileUserStore implements UserStore {
  /** Largest user file read, in bytes. */
  public static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

  /** Most claims per user. */
  public static final int MAX_CLAIMS_PER_USER = 512;

  private final Map<String, StoredUser> users;

  private FileUserStore(Map<String, StoredUser> users) {
    this.users = Map.copyOf(users);
  }

  public static FileUserStore load(Path file) throws IOException {
    if (Files.size(file) > MAX_FILE_BYTES) {
      throw new IOException(file + " is larger than MAX_FILE_BYTES (" + MAX_FILE_BYTES + ")");
    }
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /** Parses the file format from {@code text}; {@code source} names it in error messages. */
  public static FileUserStore parse(String text, String source) throws IOException {
    Map<String, StoredUser> users = new LinkedHashMap<>();
    String name = null;
    PasswordHash hash = null;
    List<Claim> claims = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int n = 0; n <= lines.length; n++) {
      String line = n < lines.length ? lines[n].strip() : "user";
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        if (line.equals("user") || line.startsWith("user ")) {
          if (name != null) {
            if (hash == null) {
              throw new IllegalArgumentException("user " + name + " has no password line");
            }
            if (users.putIfAbsent(name, StoredUser.of(name, hash, claims)) != null) {
              throw new IllegalArgumentException("user " + name + " defined twice");
            }
          }
          name = n < lines.length ? line.substring(5).strip() : null;
          if (name != null && name.isEmpty()) {
            throw new IllegalArgumentException("user without a name");
          }
          hash = null;
          claims = new ArrayList<>();
        } else if (name == null) {
          throw new IllegalArgumentException("a user line must come first");
        } else if (line.startsWith("password ")) {
          hash = PasswordHash.parse(line.substring(9).strip());
        } else if (line.startsWith("claim ")) {
          String rest = line.substring(6).strip();
          int sp = rest.indexOf(' ');
          if (sp <= 0) {
            throw new IllegalArgumentException("claim needs a type and a value");
          }
          if (claims.size() >= MAX_CLAIMS_PER_USER) {
            throw new IllegalArgumentException(
                "more than MAX_CLAIMS_PER_USER (" + MAX_CLAIMS_PER_USER + ")");
          }
          claims.add(Claim.of(rest.substring(0, sp), rest.substring(sp + 1)));
        } else {
          throw new IllegalArgumentException("unknown line");
        }
      } catch (IllegalArgumentException e) {
        throw new IOException(source + " line " + (n + 1) + ": " + e.getMessage(), e);
      }
    }
    return new FileUserStore(users);
  }

  @Override
  public Optional<StoredUser> find(String username) {
    return Optional.ofNullable(users.get(username));
  }

  public int size() {
    return users.size();
  }
}
