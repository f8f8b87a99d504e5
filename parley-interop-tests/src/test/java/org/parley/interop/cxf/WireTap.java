package org.parley.interop.cxf;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback HTTP proxy that records the exact bytes of every SOAP request and response passing
 * between a client and a service, with the HTTP content type and status. Point a client at {@link
 * #address()} instead of the service; requests are forwarded to the same path on {@code target}.
 *
 * <p>Only loopback: the tap listens on 127.0.0.1 and refuses targets elsewhere.
 */
public final class WireTap implements AutoCloseable {
  /** Requests larger than this are refused (a test tool, but never unbounded). */
  public static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

  private static final Pattern ACTION = Pattern.compile("action=\"([^\"]*)\"");

  /** One request/response pair as it crossed the wire. */
  public record Exchange(
      String requestContentType,
      byte[] request,
      int status,
      String responseContentType,
      byte[] response) {
    /** The SOAP 1.2 {@code action} parameter of the request's content type, or "". */
    public String action() {
      Matcher m = ACTION.matcher(requestContentType == null ? "" : requestContentType);
      return m.find() ? m.group(1) : "";
    }

    /** The kind of message, in the peer-captures naming: {@code rst-sct}, {@code app}, ... */
    public String kind() {
      String a = action();
      if (a.endsWith("/RST/SCT")) {
        return "rst-sct";
      } else if (a.endsWith("/RST/SCT/Cancel")) {
        return "rst-cancel";
      } else if (a.endsWith("/RST/SCT/Renew")) {
        return "rst-renew";
      }
      return "app";
    }

    /** e.g. {@code 01-rst-sct-request.xml}; {@code index} counts exchanges from 0. */
    public String requestName(int index) {
      return String.format(Locale.ROOT, "%02d-%s-request.xml", 2 * index + 1, kind());
    }

    /** e.g. {@code 02-rstr-sct-response.xml}, or {@code NN-soap-fault.xml} for a non-200. */
    public String responseName(int index) {
      String k = kind();
      String name =
          status != 200
              ? "soap-fault"
              : (k.startsWith("rst-") ? "rstr-" + k.substring(4) : k) + "-response";
      return String.format(Locale.ROOT, "%02d-%s.xml", 2 * index + 2, name);
    }
  }

  private final URI target;
  private final HttpServer server;
  private final ExecutorService executor;
  private final HttpClient http;
  private final List<Exchange> exchanges = new ArrayList<>();

  private WireTap(URI target) throws IOException {
    this.target = target;
    this.executor = Executors.newFixedThreadPool(4);
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::forward);
    server.start();
  }

  /** Starts a tap in front of {@code target} (scheme, loopback host and port; path ignored). */
  public static WireTap start(URI target) throws IOException {
    Objects.requireNonNull(target, "target");
    InetAddress host = InetAddress.getByName(target.getHost());
    if (!host.isLoopbackAddress()) {
      throw new IllegalArgumentException("tests only target loopback, not " + target);
    }
    return new WireTap(target);
  }

  /** The tap's address for {@code path} (e.g. {@code /DoubleItSC13}). */
  public URI address(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** A copy of what was recorded so far, in order. */
  public synchronized List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  /** Forgets everything recorded so far. */
  public synchronized void clear() {
    exchanges.clear();
  }

  /** Writes the recordings in the peer-captures layout: {@code NN-*.xml} plus {@code index.txt}. */
  public static void write(List<Exchange> recorded, Path dir) throws IOException {
    Files.createDirectories(dir);
    StringBuilder index = new StringBuilder();
    for (int i = 0; i < recorded.size(); i++) {
      Exchange e = recorded.get(i);
      Files.write(dir.resolve(e.requestName(i)), e.request());
      Files.write(dir.resolve(e.responseName(i)), e.response());
      index
          .append(e.requestName(i))
          .append("\tclient->service\tbytes=")
          .append(e.request().length)
          .append("\tcontent-type=")
          .append(e.requestContentType())
          .append('\n')
          .append(e.responseName(i))
          .append("\tservice->client\tbytes=")
          .append(e.response().length)
          .append("\tcontent-type=")
          .append(e.responseContentType())
          .append("\thttp-status=")
          .append(e.status())
          .append('\n');
    }
    Files.writeString(dir.resolve("index.txt"), index.toString(), StandardCharsets.UTF_8);
  }

  private void forward(HttpExchange in) throws IOException {
    try (in) {
      byte[] request;
      try (InputStream body = in.getRequestBody()) {
        request = body.readNBytes(MAX_MESSAGE_BYTES + 1);
      }
      if (request.length > MAX_MESSAGE_BYTES) {
        in.sendResponseHeaders(413, -1);
        return;
      }
      String contentType = in.getRequestHeaders().getFirst("Content-Type");
      HttpRequest.Builder out =
          HttpRequest.newBuilder(target.resolve(in.getRequestURI().getRawPath()))
              .timeout(Duration.ofSeconds(60))
              .method(in.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(request));
      if (contentType != null) {
        out.header("Content-Type", contentType);
      }
      String soapAction = in.getRequestHeaders().getFirst("SOAPAction");
      if (soapAction != null) {
        out.header("SOAPAction", soapAction);
      }
      HttpResponse<byte[]> answer;
      try {
        answer = http.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        in.sendResponseHeaders(502, -1);
        return;
      }
      String responseType = answer.headers().firstValue("Content-Type").orElse(null);
      synchronized (this) {
        exchanges.add(
            new Exchange(contentType, request, answer.statusCode(), responseType, answer.body()));
      }
      if (responseType != null) {
        in.getResponseHeaders().set("Content-Type", responseType);
      }
      byte[] body = answer.body();
      in.sendResponseHeaders(answer.statusCode(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream os = in.getResponseBody()) {
          os.write(body);
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
