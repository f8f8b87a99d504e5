package org.parley.cli.farm;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.parley.cli.Main;

/**
 * Several {@link NodeProcess nodes} sharing one keys directory (and so one secrets file), started
 * together as a farm is, and stopped together.
 */
public final class Farm implements AutoCloseable {
  private final Path dir;
  private final List<NodeProcess> nodes;

  private Farm(Path dir, List<NodeProcess> nodes) {
    this.dir = dir;
    this.nodes = nodes;
  }

  /** Writes development keys into {@code dir/keys} (in this JVM) unless they are there. */
  public static Path keys(Path dir) throws IOException {
    Path keys = dir.resolve("keys");
    if (!Files.isRegularFile(keys.resolve("service.p12"))) {
      StringWriter err = new StringWriter();
      int code =
          Main.run(
              new PrintWriter(new StringWriter(), true),
              new PrintWriter(err, true),
              "keys",
              "dev",
              "--out",
              keys.toString());
      if (code != 0) {
        throw new IOException("parley keys dev failed: " + err);
      }
    }
    return keys;
  }

  /**
   * Starts {@code count} nodes at once, node {@code i} with {@code config.apply(i)} (paths in it
   * are relative to {@code dir}, so {@code keys = keys} names the shared keys directory).
   */
  public static Farm start(Path dir, int count, IntFunction<String> config, String... jvmOptions)
      throws Exception {
    keys(dir);
    ExecutorService pool = Executors.newFixedThreadPool(count);
    List<Future<NodeProcess>> starting = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        int n = i;
        starting.add(
            pool.submit(
                () -> NodeProcess.start(dir, "node" + (n + 1), config.apply(n), jvmOptions)));
      }
      List<NodeProcess> nodes = new ArrayList<>();
      Exception failed = null;
      for (Future<NodeProcess> f : starting) {
        try {
          nodes.add(f.get());
        } catch (java.util.concurrent.ExecutionException e) {
          failed = e.getCause() instanceof Exception c ? c : e;
        }
      }
      if (failed != null) {
        for (NodeProcess n : nodes) {
          n.kill();
        }
        throw failed;
      }
      return new Farm(dir, nodes);
    } finally {
      pool.shutdown();
    }
  }

  public NodeProcess node(int index) {
    return nodes.get(index);
  }

  public List<NodeProcess> nodes() {
    return nodes;
  }

  public Path dir() {
    return dir;
  }

  /** Every node's log, for a failure message. */
  public String logs() {
    StringBuilder b = new StringBuilder();
    for (NodeProcess n : nodes) {
      try {
        b.append("--- ").append(n).append('\n').append(n.log());
      } catch (IOException e) {
        b.append("--- ").append(n).append(": ").append(e).append('\n');
      }
    }
    return b.toString();
  }

  @Override
  public void close() throws InterruptedException {
    for (NodeProcess n : nodes) {
      n.close();
    }
  }
}
