package org.parley.cli.farm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntSupplier;

/**
 * A load balancer in front of a farm, for tests and the farm bench: a loopback HTTP server that
 * forwards each request to a node chosen per request (round robin, or a node the test pins), so a
 * client built for one address talks to every node. It forwards method, path, body and the headers
 * SOAP needs; a node that cannot be reached gives 502, as a real balancer would.
 */
public final class FarmProxy implements AutoCloseable {
  private static final Set<String> FORWARDED =
      Set.of("content-type", "soapaction", "cookie", "accept");

  private final HttpServer server;
  private final ExecutorService executor;
  private final HttpClient http;
  private final List<URI> nodes;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicLongArray served;
  private volatile IntSupplier chooser;
  private volatile Forwarded last;

  /** A request as forwarded: where to, and its body and SOAP headers, to replay it elsewhere. */
  public record Forwarded(int node, String pathAndQuery, String contentType, byte[] body) {}

  private FarmProxy(List<URI> nodes, int threads) throws IOException {
    this.nodes = List.copyOf(nodes);
    this.served = new AtomicLongArray(nodes.size());
    this.chooser = () -> Math.floorMod(next.getAndIncrement(), this.nodes.size());
    this.executor = Executors.newFixedThreadPool(threads);
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            // its own executor: handler threads block in send(), and the client must not need them
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    server.createContext("/", this::forward);
    server.setExecutor(executor);
    server.start();
  }

  /** Starts a round-robin balancer over the nodes' base URIs. */
  public static FarmProxy start(List<URI> nodes) throws IOException {
    return start(nodes, 16);
  }

  public static FarmProxy start(List<URI> nodes, int threads) throws IOException {
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("no nodes");
    }
    return new FarmProxy(nodes, threads);
  }

  /** Every request to node {@code index} from now on. */
  public void pin(int index) {
    Objects.checkIndex(index, nodes.size());
    chooser = () -> index;
  }

  /** Round robin over the nodes from now on. */
  public void roundRobin() {
    chooser = () -> Math.floorMod(next.getAndIncrement(), nodes.size());
  }

  /** Round robin over {@code indexes} only (e.g. leaving out a killed node). */
  public void roundRobin(int... indexes) {
    int[] copy = indexes.clone();
    chooser = () -> copy[Math.floorMod(next.getAndIncrement(), copy.length)];
  }

  /** The balancer's address for {@code path}, e.g. a service's. */
  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** The last POST forwarded (or being forwarded). */
  public Forwarded last() {
    return last;
  }

  /** Requests forwarded to node {@code index} so far. */
  public long served(int index) {
    return served.get(index);
  }

  private void forward(HttpExchange ex) throws IOException {
    try (ex) {
      int index = chooser.getAsInt();
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      URI target = nodes.get(index).resolve(ex.getRequestURI().toString());
      if ("POST".equals(ex.getRequestMethod())) {
        last =
            new Forwarded(
                index,
                ex.getRequestURI().toString(),
                ex.getRequestHeaders().getFirst("Content-Type"),
                body);
      }
      HttpRequest.Builder rb =
          HttpRequest.newBuilder(target)
              .timeout(Duration.ofSeconds(60))
              .method(
                  ex.getRequestMethod(),
                  body.length == 0 && "GET".equals(ex.getRequestMethod())
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      ex.getRequestHeaders()
          .forEach(
              (name, values) -> {
                if (FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                  values.forEach(v -> rb.header(name, v));
                }
              });
      HttpResponse<byte[]> r;
      try {
        r = http.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        ex.sendResponseHeaders(502, -1);
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        ex.sendResponseHeaders(503, -1);
        return;
      }
      served.incrementAndGet(index);
      r.headers()
          .map()
          .forEach(
              (name, values) -> {
                String lower = name.toLowerCase(java.util.Locale.ROOT);
                if (!lower.equals("content-length")
                    && !lower.equals("transfer-encoding")
                    && !lower.equals("connection")
                    && !lower.startsWith(":")) {
                  ex.getResponseHeaders().put(name, values);
                }
              });
      byte[] out = r.body();
      ex.sendResponseHeaders(r.statusCode(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream os = ex.getResponseBody()) {
          os.write(out);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
