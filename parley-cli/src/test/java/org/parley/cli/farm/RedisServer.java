package org.parley.cli.farm;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code /usr/bin/redis-server} on a free loopback port, without persistence, for tests and
 * the farm bench; stoppable and restartable on the same port (a restart loses the data, as a Redis
 * restart without persistence does). Speaks just enough RESP to ping and read {@code INFO}.
 */
public final class RedisServer implements AutoCloseable {
  public static final Path BINARY = Path.of("/usr/bin/redis-server");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Path dir;
  private final int port;
  private Process process;

  private RedisServer(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** Whether redis-server is installed here. */
  public static boolean present() {
    return Files.isExecutable(BINARY);
  }

  /** Starts a server whose working directory (and log) is {@code dir}. */
  public static RedisServer start(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    RedisServer r = new RedisServer(dir, FarmPorts.free());
    r.startProcess();
    return r;
  }

  public int port() {
    return port;
  }

  /** {@code redis://127.0.0.1:PORT}. */
  public URI uri() {
    return URI.create("redis://127.0.0.1:" + port);
  }

  public boolean running() {
    return process != null && process.isAlive();
  }

  private void startProcess() throws IOException, InterruptedException {
    process =
        new ProcessBuilder(
                BINARY.toString(),
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
                "--logfile",
                dir.resolve("redis.log").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.out").toFile())
            .start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      try {
        if ("PONG".equals(command("PING"))) {
          return;
        }
      } catch (IOException notYet) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          process.destroyForcibly();
          throw new IOException(
              "redis-server did not answer on port "
                  + port
                  + " (see "
                  + dir.resolve("redis.log")
                  + ")",
              notYet);
        }
      }
      Thread.sleep(50);
    }
  }

  /** Stops the server (its data is lost). */
  public void stop() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
      }
    }
  }

  /** Starts it again on the same port, empty. */
  public void restart() throws IOException, InterruptedException {
    stop();
    startProcess();
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  /** Calls per command name from {@code INFO commandstats}. */
  public Map<String, Long> commandStats() throws IOException {
    Map<String, Long> calls = new LinkedHashMap<>();
    for (String line : command("INFO", "commandstats").split("\r\n")) {
      // cmdstat_get:calls=12,usec=34,...
      if (line.startsWith("cmdstat_")) {
        String name = line.substring("cmdstat_".length(), line.indexOf(':'));
        int c = line.indexOf("calls=") + "calls=".length();
        int end = line.indexOf(',', c);
        calls.put(name, Long.parseLong(line.substring(c, end)));
      }
    }
    return calls;
  }

  /** Total calls in {@code INFO commandstats}. */
  public long totalCommands() throws IOException {
    return commandStats().values().stream().mapToLong(Long::longValue).sum();
  }

  /** Sends one command and returns a simple or bulk string reply (integers as text). */
  public String command(String... args) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      StringBuilder b = new StringBuilder("*").append(args.length).append("\r\n");
      for (String a : args) {
        byte[] bytes = a.getBytes(StandardCharsets.UTF_8);
        b.append('$').append(bytes.length).append("\r\n").append(a).append("\r\n");
      }
      out.write(b.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = new BufferedInputStream(s.getInputStream());
      String head = line(in);
      switch (head.charAt(0)) {
        case '+', ':' -> {
          return head.substring(1);
        }
        case '-' -> throw new IOException("redis: " + head.substring(1));
        case '$' -> {
          int n = Integer.parseInt(head.substring(1));
          if (n < 0) {
            return null;
          }
          byte[] body = in.readNBytes(n + 2);
          return new String(body, 0, n, StandardCharsets.UTF_8);
        }
        default -> throw new IOException("unexpected redis reply " + head);
      }
    }
  }

  private static String line(InputStream in) throws IOException {
    List<Byte> bytes = new ArrayList<>();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\r') {
        in.read();
        break;
      }
      bytes.add((byte) c);
    }
    byte[] a = new byte[bytes.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = bytes.get(i);
    }
    return new String(a, StandardCharsets.UTF_8);
  }

  /** A free port now (closed again at once), on the loopback interface. */
  static final class FarmPorts {
    private FarmPorts() {}

    static int free() throws IOException {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        return s.getLocalPort();
      }
    }
  }
}
