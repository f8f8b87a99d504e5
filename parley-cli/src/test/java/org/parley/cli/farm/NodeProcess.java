package org.parley.cli.farm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One {@code java -jar parley.jar serve --config FILE} process: started with a configuration, ready
 * once it printed its ready line and answers HTTP, its output kept in a log file; stopped
 * gracefully or killed ({@code SIGKILL}, as a crashed node).
 */
public final class NodeProcess implements AutoCloseable {
  /** The line {@code parley serve} prints when it is up; the base URL follows. */
  public static final String READY = "parley serve: ready on ";

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

  private final String name;
  private final Path log;
  private final Process process;
  private final URI base;

  private NodeProcess(String name, Path log, Process process, URI base) {
    this.name = name;
    this.log = log;
    this.process = process;
    this.base = base;
  }

  /** The shaded jar: system property {@code parley.jar}, else {@code parley-cli/target}. */
  public static Path jar() {
    String p = System.getProperty("parley.jar");
    if (p != null) {
      return Path.of(p).toAbsolutePath();
    }
    Path here = Path.of("").toAbsolutePath();
    for (Path d = here; d != null; d = d.getParent()) {
      Path candidate = d.resolve("parley-cli/target/parley.jar");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return here.resolve("target/parley.jar");
  }

  /**
   * Writes {@code config} to {@code dir/NAME.conf} and starts a node with it; returns once the node
   * is ready.
   *
   * @param jvmOptions extra JVM options (heap size, system properties)
   */
  public static NodeProcess start(Path dir, String name, String config, String... jvmOptions)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path conf = dir.resolve(name + ".conf");
    Files.writeString(conf, config, StandardCharsets.UTF_8);
    Path log = dir.resolve(name + ".log");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    cmd.addAll(List.of(jvmOptions));
    cmd.add("-jar");
    cmd.add(jar().toString());
    cmd.add("serve");
    cmd.add("--config");
    cmd.add(conf.toString());
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    AtomicReference<URI> base = new AtomicReference<>();
    CountDownLatch ready = new CountDownLatch(1);
    Writer logWriter = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader r =
                      new BufferedReader(
                          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                  PrintWriter w = new PrintWriter(logWriter, true)) {
                String line;
                while ((line = r.readLine()) != null) {
                  w.println(line);
                  if (line.startsWith(READY)) {
                    base.set(URI.create(line.substring(READY.length()).strip()));
                    ready.countDown();
                  }
                }
              } catch (IOException ended) {
                // the process is gone
              } finally {
                ready.countDown();
              }
            },
            "node-log-" + name);
    pump.setDaemon(true);
    pump.start();
    if (!ready.await(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || base.get() == null) {
      p.destroyForcibly();
      throw new IOException(
          "node " + name + " did not become ready; its log:\n" + Files.readString(log));
    }
    NodeProcess node = new NodeProcess(name, log, p, base.get());
    node.awaitHttp();
    return node;
  }

  /** The ready line came after the server started; one answered request proves it serves. */
  private void awaitHttp() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    IOException last = null;
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(base.resolve("/")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() < 500) {
          return;
        }
      } catch (IOException e) {
        last = e;
      }
      Thread.sleep(100);
    }
    throw new IOException("node " + name + " does not answer HTTP at " + base, last);
  }

  public String name() {
    return name;
  }

  /** {@code http://127.0.0.1:PORT}. */
  public URI base() {
    return base;
  }

  public URI uri(String path) {
    return base.resolve(path);
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** The node's output so far. */
  public String log() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  /** Kills the JVM at once (SIGKILL): no shutdown hook runs, as when a machine dies. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Stops it as Ctrl-C would; returns the exit code. */
  public int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      stop();
    }
  }

  @Override
  public String toString() {
    return "node " + name + " " + base;
  }
}
