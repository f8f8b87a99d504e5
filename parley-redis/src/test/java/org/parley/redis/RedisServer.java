package org.parley.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code /usr/bin/redis-server} on a free loopback port, for tests: started with no
 * persistence ({@code --save "" --appendonly no}), stopped with {@link #stop()}, restarted on the
 * same port with {@link #start()}. Missing redis-server skips the test, except with {@code CI=true}
 * where it fails.
 */
final class RedisServer implements AutoCloseable {
  static final Path REDIS_SERVER = Path.of("/usr/bin/redis-server");

  private final int port;
  private final Path dir;
  private final List<String> extraArgs;
  private Process process;

  private final Path configFile;

  private RedisServer(int port, Path dir, List<String> extraArgs) {
    this(port, dir, extraArgs, null);
  }

  private RedisServer(int port, Path dir, List<String> extraArgs, Path configFile) {
    this.port = port;
    this.dir = dir;
    this.extraArgs = extraArgs;
    this.configFile = configFile;
  }

  static void assumePresent() {
    boolean present = Files.isExecutable(REDIS_SERVER);
    String reason = REDIS_SERVER + " is not installed (apt-get install redis-server)";
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(reason + " (CI=true: Redis tests may not be skipped)");
    }
    Assumptions.assumeTrue(present, reason);
  }

  static RedisServer startNew(String... extraArgs) throws IOException {
    assumePresent();
    RedisServer s =
        new RedisServer(freePort(), Files.createTempDirectory("parley-redis-"), List.of(extraArgs));
    s.start();
    return s;
  }

  static int freePort() throws IOException {
    try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return ss.getLocalPort();
    }
  }

  int port() {
    return port;
  }

  Path dir() {
    return dir;
  }

  /** Starts a server from a config file written in its directory (e.g. a Sentinel). */
  static RedisServer startWithConfig(String config, String... extraArgs) throws IOException {
    assumePresent();
    int port = freePort();
    Path dir = Files.createTempDirectory("parley-redis-");
    Path conf = dir.resolve("redis.conf");
    Files.writeString(conf, "port " + port + "\nbind 127.0.0.1\n" + config);
    RedisServer s = new RedisServer(port, dir, List.of(extraArgs), conf);
    s.start();
    return s;
  }

  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  synchronized void start() throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(REDIS_SERVER.toString());
    if (configFile != null) {
      // A Sentinel rewrites its config file, so it is named first, as a file of its own.
      cmd.add(configFile.toString());
      cmd.addAll(extraArgs);
      startProcess(cmd);
      return;
    }
    cmd.addAll(
        List.of(
            "--port",
            Integer.toString(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            dir.toString(),
            "--protected-mode",
            "yes"));
    cmd.addAll(extraArgs);
    startProcess(cmd);
  }

  private void startProcess(List<String> cmd) throws IOException {
    process =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile())
            .start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        if (!process.isAlive()) {
          throw new IOException(
              "redis-server exited: " + Files.readString(dir.resolve("redis.log")));
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
      }
    }
    throw new IOException("redis-server did not listen on port " + port + " within 30 s");
  }

  /** Kills the server (no shutdown save: its data is lost, as in a crash). */
  synchronized void stop() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor();
      process = null;
    }
  }

  @Override
  public void close() throws Exception {
    stop();
  }
}
