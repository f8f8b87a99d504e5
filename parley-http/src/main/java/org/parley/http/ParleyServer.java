package org.parley.http;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.parley.endpoint.SoapEndpoint;

/**
 * An embedded Jetty 12 host for {@link SoapEndpoint}s. Binds to the loopback address unless told
 * otherwise with {@link Builder#bindAddress}: exposing a service to the network is a decision,
 * never a default.
 *
 * <pre>{@code
 * try (ParleyServer server = ParleyServer.newBuilder()
 *     .port(0)
 *     .endpoint("/services/DoubleIt", SoapEndpoint.of(handler))
 *     .build()
 *     .start()) {
 *   URI address = server.uri("/services/DoubleIt");
 * }
 * }</pre>
 */
public final class ParleyServer implements AutoCloseable {
  private final InetAddress bindAddress;
  private final int requestedPort;
  private final Map<String, SoapEndpoint> endpoints;
  private final Duration idleTimeout;
  private final int maxThreads;
  private final int requestHeaderBytes;
  private final List<Consumer<ServletContextHandler>> mounts;
  private final Object lock = new Object();
  private Server jetty;
  private ServerConnector connector;

  private ParleyServer(Builder b) {
    this.bindAddress = b.bindAddress;
    this.requestedPort = b.port;
    this.endpoints = Map.copyOf(b.endpoints);
    this.idleTimeout = b.idleTimeout;
    this.maxThreads = b.maxThreads;
    this.requestHeaderBytes = b.requestHeaderBytes;
    this.mounts = List.copyOf(b.mounts);
  }

  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Starts listening. Returns this server for chaining.
   *
   * @throws BindException when the port is taken (the message names address and port)
   * @throws IOException when Jetty cannot start for another reason
   */
  public ParleyServer start() throws IOException {
    synchronized (lock) {
      if (jetty != null) {
        throw new IllegalStateException("already started");
      }
      QueuedThreadPool pool = new QueuedThreadPool(maxThreads, Math.min(8, maxThreads));
      pool.setName("parley-http");
      Server server = new Server(pool);
      HttpConfiguration http = new HttpConfiguration();
      http.setSendServerVersion(false);
      http.setSendXPoweredBy(false);
      http.setRequestHeaderSize(requestHeaderBytes);
      ServerConnector c = new ServerConnector(server, new HttpConnectionFactory(http));
      c.setHost(bindAddress.getHostAddress());
      c.setPort(requestedPort);
      c.setIdleTimeout(idleTimeout.toMillis());
      server.addConnector(c);

      ServletContextHandler context = new ServletContextHandler("/");
      for (Map.Entry<String, SoapEndpoint> e : endpoints.entrySet()) {
        context.addServlet(new ServletHolder(new SoapEndpointServlet(e.getValue())), e.getKey());
      }
      for (Consumer<ServletContextHandler> mount : mounts) {
        mount.accept(context);
      }
      // Anything else is a plain 404 that names nothing of the implementation.
      context.addServlet(new ServletHolder(new NotFoundServlet()), "/");
      // Jetty's own error pages (unknown path, bad HTTP) must not show stacks or messages.
      var contextErrors = new org.eclipse.jetty.ee10.servlet.ErrorHandler();
      contextErrors.setShowStacks(false);
      contextErrors.setShowMessageInTitle(false);
      context.setErrorHandler(contextErrors);
      var serverErrors = new org.eclipse.jetty.server.handler.ErrorHandler();
      serverErrors.setShowStacks(false);
      serverErrors.setShowMessageInTitle(false);
      server.setErrorHandler(serverErrors);
      server.setHandler(context);
      server.setStopTimeout(2000);
      try {
        server.start();
      } catch (Exception e) {
        stopQuietly(server);
        Throwable cause = e;
        while (cause != null && !(cause instanceof BindException)) {
          cause = cause.getCause();
        }
        if (cause != null) {
          BindException be =
              new BindException(
                  "port " + requestedPort + " on " + bindAddress.getHostAddress() + " is in use");
          be.initCause(e);
          throw be;
        }
        throw new IOException("the HTTP server did not start: " + e.getMessage(), e);
      }
      jetty = server;
      connector = c;
      return this;
    }
  }

  /** The port listened on (the chosen one when the builder asked for port 0). */
  public int port() {
    synchronized (lock) {
      if (connector == null) {
        throw new IllegalStateException("not started");
      }
      return connector.getLocalPort();
    }
  }

  /** {@code http://host:port} followed by {@code path}. */
  public URI uri(String path) {
    String host = bindAddress.getHostAddress();
    if (host.indexOf(':') >= 0) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + port() + path);
  }

  /** The paths endpoints are served at. */
  public java.util.Set<String> paths() {
    return endpoints.keySet();
  }

  /** Stops listening and waits briefly for requests in flight. Idempotent; same as close. */
  public void stop() {
    close();
  }

  /** Stops listening and waits briefly for requests in flight. Idempotent. */
  @Override
  public void close() {
    synchronized (lock) {
      if (jetty != null) {
        stopQuietly(jetty);
        jetty = null;
        connector = null;
      }
    }
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      org.slf4j.LoggerFactory.getLogger(ParleyServer.class).warn("stopping Jetty failed", e);
    }
  }

  /** Answers every path without an endpoint. */
  private static final class NotFoundServlet extends jakarta.servlet.http.HttpServlet {
    @Override
    protected void service(
        jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse resp)
        throws IOException {
      byte[] body = "no endpoint at this path\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      resp.setStatus(404);
      resp.setContentType("text/plain; charset=utf-8");
      resp.setContentLength(body.length);
      resp.getOutputStream().write(body);
    }
  }

  /** Builder; every setter checks its argument. */
  public static final class Builder {
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int port = 8080;
    private final Map<String, SoapEndpoint> endpoints = new LinkedHashMap<>();
    private Duration idleTimeout = Duration.ofSeconds(30);
    private int maxThreads = 200;
    private int requestHeaderBytes = 8 * 1024;
    private final List<Consumer<ServletContextHandler>> mounts = new ArrayList<>();

    private Builder() {}

    /** The TCP port, 0 for any free one. Default 8080. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be in 0..65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The address to listen on. Default: the loopback address (127.0.0.1), reachable from this
     * machine only.
     */
    public Builder bindAddress(InetAddress address) {
      this.bindAddress = Objects.requireNonNull(address, "address");
      return this;
    }

    /** Like {@link #bindAddress(InetAddress)} with a literal IP address (no name lookup). */
    public Builder bindAddress(String ipLiteral) {
      Objects.requireNonNull(ipLiteral, "ipLiteral");
      if (!ipLiteral.matches("[0-9a-fA-F:.]+")) {
        throw new IllegalArgumentException("bindAddress must be an IP literal, was " + ipLiteral);
      }
      try {
        return bindAddress(InetAddress.getByName(ipLiteral));
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("bindAddress is not an IP address: " + ipLiteral, e);
      }
    }

    /** Serves {@code endpoint} at exactly {@code path} (e.g. {@code /services/DoubleIt}). */
    public Builder endpoint(String path, SoapEndpoint endpoint) {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(endpoint, "endpoint");
      if (!path.matches("(/[A-Za-z0-9._~-]+)+")) {
        throw new IllegalArgumentException(
            "endpoint path must look like /a/b (letters, digits, . _ ~ -), was " + path);
      }
      if (endpoints.putIfAbsent(path, endpoint) != null) {
        throw new IllegalArgumentException("two endpoints at " + path);
      }
      return this;
    }

    /** How long an idle connection is kept open. Default 30 s. */
    public Builder idleTimeout(Duration idleTimeout) {
      Objects.requireNonNull(idleTimeout, "idleTimeout");
      if (idleTimeout.isNegative() || idleTimeout.isZero()) {
        throw new IllegalArgumentException("idleTimeout must be positive, was " + idleTimeout);
      }
      this.idleTimeout = idleTimeout;
      return this;
    }

    /** The most request threads. Default 200. */
    public Builder maxThreads(int maxThreads) {
      if (maxThreads < 8) {
        throw new IllegalArgumentException("maxThreads must be at least 8, was " + maxThreads);
      }
      this.maxThreads = maxThreads;
      return this;
    }

    /**
     * Setting {@code requestHeaderBytes}: the largest request header block accepted (Jetty answers
     * 431 beyond it). Default 8 KiB; web sessions whose cookies may use their whole 8 KiB budget
     * need more (32 KiB).
     */
    public Builder requestHeaderBytes(int requestHeaderBytes) {
      if (requestHeaderBytes < 1024 || requestHeaderBytes > 1024 * 1024) {
        throw new IllegalArgumentException(
            "requestHeaderBytes must be in 1 KiB..1 MiB, was " + requestHeaderBytes);
      }
      this.requestHeaderBytes = requestHeaderBytes;
      return this;
    }

    /**
     * Lets another component add its servlets and filters (a web app, an STS) to the server's one
     * context before it starts. Paths it takes win over the built-in 404 for unknown paths.
     */
    public Builder mount(Consumer<ServletContextHandler> mount) {
      mounts.add(Objects.requireNonNull(mount, "mount"));
      return this;
    }

    public ParleyServer build() {
      if (endpoints.isEmpty() && mounts.isEmpty()) {
        throw new IllegalStateException("nothing to serve: add an endpoint() or a mount()");
      }
      return new ParleyServer(this);
    }
  }
}
