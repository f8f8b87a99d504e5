package org.parley.wire.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates {@code shared/} (peer captures and keys) beside the reactor root. */
public final class SharedFiles {
  private SharedFiles() {}

  public static Path root() {
    String prop = System.getProperty("parley.root");
    if (prop != null) {
      Path p = Path.of(prop).resolve("../shared").normalize();
      if (Files.isDirectory(p.resolve("peer-captures"))) {
        return p;
      }
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared");
      if (Files.isDirectory(candidate.resolve("peer-captures"))) {
        return candidate;
      }
      candidate = p.resolveSibling("shared");
      if (Files.isDirectory(candidate.resolve("peer-captures"))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "shared/peer-captures not found from " + Path.of("").toAbsolutePath());
  }

  public static Path peerCaptures() {
    return root().resolve("peer-captures");
  }
}
