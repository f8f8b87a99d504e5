package org.parley.reliable.testing;

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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback HTTP proxy that loses, duplicates, reorders and delays SOAP requests and responses,
 * for testing WS-RM over a bad link. Listens on 127.0.0.1 and forwards only to a loopback target.
 *
 * <p>Reproducible: what happens to a request is drawn from a generator seeded with the proxy's seed
 * and the request's identity (its {@code wsrm:MessageNumber}, else its action with a per-action
 * count) and the attempt number of that identity, never from arrival order, so thread scheduling
 * does not change the pattern of faults for a given seed.
 */
public final class FaultInjectingProxy implements AutoCloseable {
  /** Requests larger than this are refused (a test tool, but never unbounded). */
  static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

  private static final Pattern NUMBER = Pattern.compile("MessageNumber>\\s*(\\d{1,19})\\s*<");
  private static final Pattern ACTION = Pattern.compile("Action[^>]*>\\s*([^<\\s]{1,512})\\s*<");

  /**
   * Probabilities of each fault per request; delays are uniform in 0..maxDelay.
   *
   * @param dropRequest the request never reaches the service (connection closed)
   * @param dropResponse the service answers but the answer is lost (connection closed)
   * @param duplicate the service receives the request twice
   * @param delayRequest the request is held back, so later ones overtake it
   * @param delayResponse the response is held back
   * @param onlyReliable faults hit only WS-RM traffic (a message that mentions a WS-RM namespace);
   *     anything else, a secure conversation's bootstrap for one, passes untouched
   */
  public record Faults(
      double dropRequest,
      double dropResponse,
      double duplicate,
      double delayRequest,
      double delayResponse,
      Duration maxDelay,
      boolean onlyReliable) {
    public static final Faults NONE = new Faults(0, 0, 0, 0, 0, Duration.ofMillis(1), false);

    /** The same faults for WS-RM traffic only. */
    public Faults reliableTrafficOnly() {
      return new Faults(
          dropRequest, dropResponse, duplicate, delayRequest, delayResponse, maxDelay, true);
    }
  }

  private final URI target;
  private final long seed;
  private final Faults faults;
  private final HttpServer server;
  private final ExecutorService executor;
  private final HttpClient http;
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> actionCounts = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong droppedRequests = new AtomicLong();
  private final AtomicLong droppedResponses = new AtomicLong();
  private final AtomicLong duplicated = new AtomicLong();
  private final AtomicLong delayed = new AtomicLong();

  private FaultInjectingProxy(URI target, long seed, Faults faults) throws IOException {
    this.target = target;
    this.seed = seed;
    this.faults = faults;
    InetAddress host = InetAddress.getByName(target.getHost());
    if (!host.isLoopbackAddress()) {
      throw new IllegalArgumentException("only loopback targets: " + target);
    }
    this.executor = Executors.newFixedThreadPool(64);
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** Starts a proxy in front of {@code target} (scheme, host and port; paths are kept). */
  public static FaultInjectingProxy start(URI target, long seed, Faults faults) throws IOException {
    return new FaultInjectingProxy(
        Objects.requireNonNull(target, "target"), seed, Objects.requireNonNull(faults, "faults"));
  }

  /** The proxy's address for {@code path}. */
  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  public long requests() {
    return requests.get();
  }

  public long droppedRequests() {
    return droppedRequests.get();
  }

  public long droppedResponses() {
    return droppedResponses.get();
  }

  public long duplicated() {
    return duplicated.get();
  }

  public long delayed() {
    return delayed.get();
  }

  @Override
  public String toString() {
    return "proxy[seed="
        + seed
        + ", requests="
        + requests
        + ", droppedRequests="
        + droppedRequests
        + ", droppedResponses="
        + droppedResponses
        + ", duplicated="
        + duplicated
        + ", delayed="
        + delayed
        + "]";
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      requests.incrementAndGet();
      byte[] body = readBounded(ex.getRequestBody());
      String text = new String(body, StandardCharsets.UTF_8);
      boolean reliable = text.contains("ws-rx/wsrm") || text.contains("ws/2005/02/rm");
      if ("GET".equals(ex.getRequestMethod()) || (faults.onlyReliable() && !reliable)) {
        pass(ex, forward(ex, body));
        return;
      }
      SplittableRandom r = randomFor(text);
      boolean dropRequest = r.nextDouble() < faults.dropRequest();
      boolean dropResponse = r.nextDouble() < faults.dropResponse();
      boolean duplicate = r.nextDouble() < faults.duplicate();
      long requestDelay =
          r.nextDouble() < faults.delayRequest() ? r.nextLong(faults.maxDelay().toMillis() + 1) : 0;
      long responseDelay =
          r.nextDouble() < faults.delayResponse()
              ? r.nextLong(faults.maxDelay().toMillis() + 1)
              : 0;
      if (dropRequest) {
        droppedRequests.incrementAndGet();
        return; // closed without an answer
      }
      if (requestDelay > 0) {
        delayed.incrementAndGet();
        Thread.sleep(requestDelay);
      }
      HttpRequest forward = forward(ex, body);
      HttpResponse<byte[]> response;
      try {
        response = http.send(forward, HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        return; // the service is unreachable: so is the answer
      }
      if (duplicate) {
        // The copy arrives after the original was answered (a copy overtaking the original is a
        // delayed original); its answer goes nowhere.
        duplicated.incrementAndGet();
        http.sendAsync(forward, HttpResponse.BodyHandlers.discarding());
      }
      if (dropResponse) {
        droppedResponses.incrementAndGet();
        return;
      }
      if (responseDelay > 0) {
        delayed.incrementAndGet();
        Thread.sleep(responseDelay);
      }
      answer(ex, response);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void pass(HttpExchange ex, HttpRequest forward) throws IOException {
    try {
      answer(ex, http.send(forward, HttpResponse.BodyHandlers.ofByteArray()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void answer(HttpExchange ex, HttpResponse<byte[]> response) throws IOException {
    response
        .headers()
        .firstValue("Content-Type")
        .ifPresent(v -> ex.getResponseHeaders().add("Content-Type", v));
    byte[] out = response.body();
    ex.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
    if (out.length > 0) {
      try (OutputStream os = ex.getResponseBody()) {
        os.write(out);
      }
    }
  }

  /** The fate generator of a request: seed x identity x attempt. */
  private SplittableRandom randomFor(String text) {
    Matcher n = NUMBER.matcher(text);
    String identity;
    if (n.find()) {
      identity = "n:" + n.group(1);
    } else {
      Matcher a = ACTION.matcher(text);
      String action = a.find() ? a.group(1) : "?";
      identity =
          action + "#" + actionCounts.computeIfAbsent(action, k -> new AtomicInteger()).get();
    }
    int attempt = attempts.computeIfAbsent(identity, k -> new AtomicInteger()).getAndIncrement();
    long h = seed;
    for (int i = 0; i < identity.length(); i++) {
      h = h * 1_000_003L + identity.charAt(i);
    }
    return new SplittableRandom(h * 31 + attempt);
  }

  private HttpRequest forward(HttpExchange ex, byte[] body) {
    URI to =
        URI.create(
            target.getScheme()
                + "://"
                + target.getHost()
                + ":"
                + target.getPort()
                + ex.getRequestURI().toString());
    HttpRequest.Builder b = HttpRequest.newBuilder(to).timeout(Duration.ofSeconds(30));
    if ("GET".equals(ex.getRequestMethod())) {
      b.GET();
    } else {
      b.POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }
    String ct = ex.getRequestHeaders().getFirst("Content-Type");
    if (ct != null) {
      b.header("Content-Type", ct);
    }
    String sa = ex.getRequestHeaders().getFirst("SOAPAction");
    if (sa != null) {
      b.header("SOAPAction", sa);
    }
    return b.build();
  }

  private static byte[] readBounded(InputStream in) throws IOException {
    byte[] b = in.readNBytes(MAX_MESSAGE_BYTES + 1);
    if (b.length > MAX_MESSAGE_BYTES) {
      throw new IOException("request larger than " + MAX_MESSAGE_BYTES);
    }
    return b;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
