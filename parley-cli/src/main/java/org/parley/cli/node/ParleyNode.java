package org.parley.cli.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.parley.cli.demo.ConversationDoubleIt;
import org.parley.cli.demo.DoubleIt;
import org.parley.cli.demo.X509DoubleIt;
import org.parley.cli.keys.DevKeys;
import org.parley.conversation.service.ContextMode;
import org.parley.conversation.service.SecureConversationService;
import org.parley.core.keys.KeyRing;
import org.parley.core.store.KeyRingRotator;
import org.parley.endpoint.SoapEndpoint;
import org.parley.http.ParleyServer;
import org.parley.sts.demo.DemoFederation;
import org.parley.sts.saml.SigningCredential;
import org.parley.web.ReferenceModePolicy;

/**
 * One Parley node: the endpoints a {@link NodeConfig} selects, on 127.0.0.1, wired to the node's
 * stores (in memory, or the farm's on Redis) and key ring. Several nodes given the same keys
 * directory, secrets file and Redis store form a farm: a conversation or web session started on one
 * continues on any other.
 */
public final class ParleyNode implements AutoCloseable {
  public static final String PLAIN_PATH = "/services/DoubleItPlain";
  public static final String X509_PATH = "/services/DoubleItX509";
  public static final String SC13_PATH = "/services/DoubleItSC13";
  public static final String SC200502_PATH = "/services/DoubleItSC200502";
  public static final String SC13_NO_CANCEL_PATH = "/services/DoubleItSC13NoCancel";
  public static final String SC13_COOKIE_PATH = "/services/DoubleItSC13Cookie";
  public static final String SC13_RELIABLE_PATH = "/services/DoubleItSC13Reliable";

  private final ParleyServer server;
  private final NodeStores stores;
  private final AutoCloseable keyRingRefresher;
  private final Map<NodeConfig.Endpoint, String> hosted;

  private ParleyNode(
      ParleyServer server,
      NodeStores stores,
      AutoCloseable keyRingRefresher,
      Map<NodeConfig.Endpoint, String> hosted) {
    this.server = server;
    this.stores = stores;
    this.keyRingRefresher = keyRingRefresher;
    this.hosted = hosted;
  }

  /**
   * Builds and starts the node.
   *
   * @param secretsFile the farm's shared secrets, created when missing
   * @throws NodeConfig.Invalid when the configuration cannot be served (named in the message)
   * @throws IOException when the port cannot be bound or a file cannot be read
   */
  public static ParleyNode start(NodeConfig config, DevKeys keys, Path secretsFile, Clock clock)
      throws NodeConfig.Invalid, IOException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(keys, "keys");
    FarmSecrets secrets = FarmSecrets.loadOrCreate(secretsFile);
    NodeStores stores;
    try {
      stores =
          config.redis().isPresent()
              ? NodeStores.redis(config.redis().get(), secrets, clock, config)
              : NodeStores.memory(clock);
    } catch (IllegalArgumentException e) {
      throw new NodeConfig.Invalid(e.getMessage());
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
    List<AutoCloseable> opened = new ArrayList<>();
    opened.add(stores);
    try {
      Supplier<KeyRing> ring;
      if (stores.farmRing().isPresent()) {
        ring = stores.farmRing().get();
      } else if (config.keyRing() == NodeConfig.KeyRingSource.STORE) {
        RotatingKeyRing rotating =
            RotatingKeyRing.start(
                stores.keyRing(),
                clock,
                config.keyRingRotation(),
                config.keyRingActivationLead(),
                KeyRingRotator.DEFAULT_RETENTION,
                config.keyRingRefresh());
        opened.add(rotating);
        ring = rotating;
      } else {
        KeyRing fixed = secrets.keyRing(clock);
        ring = () -> fixed;
      }
      int port = config.port() == 0 ? freeLoopbackPort() : config.port();
      URI base = URI.create("http://127.0.0.1:" + port);
      ContextMode mode =
          config.contextMode() == NodeConfig.ContextMode.COOKIE
              ? ContextMode.COOKIE
              : ContextMode.SESSION;
      UnaryOperator<SecureConversationService.Builder> farm =
          b ->
              b.store(stores.contexts())
                  .replayCache(stores.replay())
                  .revocationList(stores.revocations())
                  .keyRing(ring)
                  .contextMode(mode);
      Map<NodeConfig.Endpoint, String> hosted = new LinkedHashMap<>();
      ParleyServer.Builder sb =
          ParleyServer.newBuilder()
              .port(port)
              .requestHeaderBytes(DemoFederation.REQUEST_HEADER_BYTES);
      if (config.hosts(NodeConfig.Endpoint.WEB)) {
        DemoFederation federation =
            DemoFederation.builder(
                    base,
                    SigningCredential.of(
                        keys.service().getPrivateKey(),
                        (X509Certificate) keys.service().getCertificate()))
                .clock(clock)
                .keyRing(ring)
                .replayCache(stores.replay())
                .sessionOptions(
                    s ->
                        s.store(stores.sessions())
                            .userKeySecret(secrets.userKeySecret())
                            .revocationCheckInterval(config.revocationCheck())
                            .referenceMode(
                                config.webSessionMode() == NodeConfig.WebSessionMode.REFERENCE
                                    ? ReferenceModePolicy.ALWAYS
                                    : ReferenceModePolicy.WHEN_OVER_BUDGET))
                .build();
        sb.mount(federation::mount);
        hosted.put(NodeConfig.Endpoint.WEB, DemoFederation.APP_PATH);
      }
      if (config.hosts(NodeConfig.Endpoint.PLAIN)) {
        sb.endpoint(
            PLAIN_PATH,
            SoapEndpoint.newBuilder()
                .handler(DoubleIt.handler())
                .wsdl(DoubleIt.plainWsdl())
                .build());
        hosted.put(NodeConfig.Endpoint.PLAIN, PLAIN_PATH);
      }
      if (config.hosts(NodeConfig.Endpoint.X509)) {
        sb.endpoint(X509_PATH, X509DoubleIt.with(keys, clock).endpoint());
        hosted.put(NodeConfig.Endpoint.X509, X509_PATH);
      }
      if (config.hosts(NodeConfig.Endpoint.SC13)) {
        sb.endpoint(
            SC13_PATH,
            ConversationDoubleIt.endpoint(ConversationDoubleIt.sc13(true), keys, clock, farm));
        hosted.put(NodeConfig.Endpoint.SC13, SC13_PATH);
      }
      if (config.hosts(NodeConfig.Endpoint.SC200502)) {
        sb.endpoint(
            SC200502_PATH,
            ConversationDoubleIt.endpoint(ConversationDoubleIt.sc200502(), keys, clock, farm));
        hosted.put(NodeConfig.Endpoint.SC200502, SC200502_PATH);
      }
      if (config.hosts(NodeConfig.Endpoint.SC13_NO_CANCEL)) {
        sb.endpoint(
            SC13_NO_CANCEL_PATH,
            ConversationDoubleIt.endpoint(ConversationDoubleIt.sc13(false), keys, clock, farm));
        hosted.put(NodeConfig.Endpoint.SC13_NO_CANCEL, SC13_NO_CANCEL_PATH);
      }
      if (config.hosts(NodeConfig.Endpoint.SC13_COOKIE)) {
        sb.endpoint(
            SC13_COOKIE_PATH,
            ConversationDoubleIt.endpoint(
                ConversationDoubleIt.sc13(true),
                keys,
                clock,
                b -> farm.apply(b).contextMode(ContextMode.COOKIE)));
        hosted.put(NodeConfig.Endpoint.SC13_COOKIE, SC13_COOKIE_PATH);
      }
      if (config.hosts(NodeConfig.Endpoint.SC13_RELIABLE)) {
        sb.endpoint(SC13_RELIABLE_PATH, ConversationDoubleIt.reliableEndpoint(keys, clock, farm));
        hosted.put(NodeConfig.Endpoint.SC13_RELIABLE, SC13_RELIABLE_PATH);
      }
      ParleyServer server = sb.build();
      server.start();
      AutoCloseable refresher = opened.size() > 1 ? opened.get(1) : () -> {};
      return new ParleyNode(server, stores, refresher, Map.copyOf(hosted));
    } catch (IOException | RuntimeException e) {
      for (AutoCloseable c : opened) {
        closeQuietly(c);
      }
      throw e;
    }
  }

  public int port() {
    return server.port();
  }

  public URI uri(String path) {
    return server.uri(path);
  }

  /** The path of each hosted endpoint (the web app's for {@link NodeConfig.Endpoint#WEB}). */
  public Map<NodeConfig.Endpoint, String> hosted() {
    return hosted;
  }

  public NodeStores stores() {
    return stores;
  }

  @Override
  public void close() {
    server.close();
    closeQuietly(keyRingRefresher);
    stores.close();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // shutting down
    }
  }

  /** A port that was free on the loopback address a moment ago. */
  static int freeLoopbackPort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }
}
