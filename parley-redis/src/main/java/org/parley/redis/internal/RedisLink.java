package org.parley.redis.internal;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.parley.core.store.StoreUnavailableException;
import org.parley.redis.RedisSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Lettuce client per {@code RedisStores}: a command connection (standalone, Sentinel or
 * Cluster), a pub/sub connection for near-cache invalidations, Lua scripts run by digest with a
 * fallback to the source after Redis lost its script cache (restart), and the mapping of every
 * Lettuce failure to {@link StoreUnavailableException}.
 *
 * <p>Connections are opened lazily and re-opened after a failure, so a node that starts while Redis
 * is down works as soon as Redis is up. Once open, Lettuce reconnects by itself; while disconnected
 * commands are rejected at once ({@code DisconnectedBehavior.REJECT_COMMANDS}) rather than queued,
 * so an outage costs a caller microseconds, not a timeout (standalone and Sentinel; in a cluster a
 * command waits for its node's connection, at most {@code commandTimeout}).
 */
public final class RedisLink implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);
  private static final long PUBSUB_RETRY_NANOS = 1_000_000_000L;
  private static final RedisCodec<String, byte[]> CODEC =
      RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

  private final AbstractRedisClient client;
  private final ClientResources resources;
  private final boolean cluster;
  private final String display;
  private final String channel;
  private final Map<Character, Consumer<String>> invalidationHandlers = new ConcurrentHashMap<>();
  private final List<Runnable> resetHandlers = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final AtomicLong commandsSent = new AtomicLong();
  private final Object connectLock = new Object();
  private volatile StatefulConnection<String, byte[]> connection;
  private volatile RedisClusterCommands<String, byte[]> commands;
  private volatile StatefulRedisPubSubConnection<String, byte[]> pubSub;
  private volatile boolean pubSubLive;
  private volatile boolean lostConnection;
  // Guarded by connectLock: while Redis is down, a subscription is attempted at most once a second.
  private long lastPubSubAttempt = System.nanoTime() - PUBSUB_RETRY_NANOS;

  public RedisLink(String uri, RedisSettings settings) {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(settings, "settings");
    ParsedUri parsed = ParsedUri.parse(uri, settings);
    this.cluster = parsed.cluster();
    this.display = parsed.display();
    this.channel = settings.keyPrefix() + ":invalidate";
    SocketOptions socket =
        SocketOptions.builder().connectTimeout(settings.connectTimeout()).build();
    TimeoutOptions timeouts = TimeoutOptions.enabled(settings.commandTimeout());
    // Reconnect quickly after an outage, backing off to at most maxReconnectDelay: this bounds
    // how long after Redis returns the node is still failing.
    this.resources =
        DefaultClientResources.builder()
            .reconnectDelay(
                Delay.exponential(
                    Duration.ofMillis(20), settings.maxReconnectDelay(), 2, TimeUnit.MILLISECONDS))
            .build();
    if (cluster) {
      RedisClusterClient c = RedisClusterClient.create(resources, parsed.uris());
      c.setOptions(
          ClusterClientOptions.builder()
              .socketOptions(socket)
              .timeoutOptions(timeouts)
              // Not REJECT_COMMANDS: Lettuce opens the connection to a slot's node on first use,
              // and a command must wait for it; commandTimeout still bounds every wait.
              .build());
      this.client = c;
    } else {
      RedisClient c = RedisClient.create(resources, parsed.uris().get(0));
      c.setOptions(
          ClientOptions.builder()
              .socketOptions(socket)
              .timeoutOptions(timeouts)
              .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
              .build());
      this.client = c;
    }
    client.addListener(
        new CommandListener() {
          @Override
          public void commandStarted(CommandStartedEvent event) {
            commandsSent.incrementAndGet();
          }
        });
    client.addListener(
        new RedisConnectionStateListener() {
          // Any connection of this client (the subscription, the commands, a cluster node's) going
          // down or coming back means invalidation messages may have been lost: forget the near
          // caches. Only an open subscription lets them serve again.
          @Override
          public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
            if (lostConnection) {
              // A reconnection (first connections need no reset: nothing was cached yet).
              lostConnection = false;
              resetHandlers.forEach(Runnable::run);
            }
            StatefulRedisPubSubConnection<String, byte[]> ps = pubSub;
            pubSubLive = ps != null && ps.isOpen();
          }

          @Override
          public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
            lostConnection = true;
            pubSubLive = false;
            resetHandlers.forEach(Runnable::run);
          }
        });
  }

  /** Where this link points, without credentials (for messages). */
  public String display() {
    return display;
  }

  /** Commands sent to Redis by this link since it was created (every store, every kind). */
  public long commandsSent() {
    return commandsSent.get();
  }

  /**
   * True while invalidation messages are being received: a near cache may serve entries only then.
   */
  public boolean invalidationsLive() {
    if (pubSub == null) {
      ensurePubSub();
    }
    return pubSubLive;
  }

  /**
   * Registers the handler of invalidation messages for {@code kind}, and what to do when messages
   * may have been lost (drop the whole near cache).
   */
  public void onInvalidation(char kind, Consumer<String> handler, Runnable reset) {
    invalidationHandlers.put(kind, handler);
    resetHandlers.add(reset);
  }

  /** The channel invalidations are published on (scripts publish to it). */
  public String channel() {
    return channel;
  }

  /** Runs {@code script}; every failure to reach Redis becomes StoreUnavailableException. */
  public <T> T eval(
      LuaScript script, ScriptOutputType type, String what, String[] keys, byte[]... args) {
    return call(
        what,
        c -> {
          try {
            return c.evalsha(script.sha1(), type, keys, args);
          } catch (RedisNoScriptException e) {
            // Redis restarted or was flushed of scripts: send the source, which caches it again.
            return c.eval(script.source(), type, keys, args);
          }
        });
  }

  /** Runs one command; every failure to reach Redis becomes StoreUnavailableException. */
  public <T> T call(String what, Function<RedisClusterCommands<String, byte[]>, T> command) {
    RedisClusterCommands<String, byte[]> c = commands();
    try {
      return command.apply(c);
    } catch (RedisCommandExecutionException e) {
      String m = e.getMessage() == null ? "" : e.getMessage();
      if (m.startsWith("ERR") || m.startsWith("WRONGTYPE")) {
        // Not an outage: a bug in a script or a key used by something else under our prefix.
        throw new IllegalStateException(what + " on Redis " + display + " was refused: " + m, e);
      }
      throw unavailable(what, e);
    } catch (RedisException e) {
      throw unavailable(what, e);
    }
  }

  private StoreUnavailableException unavailable(String what, RuntimeException e) {
    return new StoreUnavailableException(
        what
            + " failed: Redis "
            + display
            + " unavailable ("
            + e.getClass().getSimpleName()
            + "; settings commandTimeout, connectTimeout)",
        e);
  }

  private RedisClusterCommands<String, byte[]> commands() {
    RedisClusterCommands<String, byte[]> c = commands;
    if (c != null) {
      ensurePubSub();
      return c;
    }
    synchronized (connectLock) {
      if (commands == null) {
        try {
          if (cluster) {
            StatefulRedisClusterConnection<String, byte[]> conn =
                ((RedisClusterClient) client).connect(CODEC);
            connection = conn;
            commands = conn.sync();
          } else {
            StatefulRedisConnection<String, byte[]> conn = ((RedisClient) client).connect(CODEC);
            connection = conn;
            commands = conn.sync();
          }
        } catch (RedisException e) {
          throw unavailable("connecting", e);
        }
      }
      ensurePubSub();
      return commands;
    }
  }

  private void ensurePubSub() {
    if (pubSub != null) {
      return;
    }
    synchronized (connectLock) {
      long now = System.nanoTime();
      if (pubSub != null || now - lastPubSubAttempt < PUBSUB_RETRY_NANOS) {
        return;
      }
      lastPubSubAttempt = now;
      try {
        StatefulRedisPubSubConnection<String, byte[]> ps =
            cluster
                ? ((RedisClusterClient) client).connectPubSub(CODEC)
                : ((RedisClient) client).connectPubSub(CODEC);
        ps.addListener(
            new RedisPubSubAdapter<>() {
              @Override
              public void message(String ch, byte[] message) {
                dispatch(message);
              }
            });
        ps.sync().subscribe(channel);
        pubSub = ps;
        resetHandlers.forEach(Runnable::run);
        pubSubLive = true;
      } catch (RedisException e) {
        // The near cache stays off until the subscription works; commands go straight to Redis.
        LOG.debug("invalidation channel not subscribed yet: {}", e.getClass().getSimpleName());
      }
    }
  }

  private void dispatch(byte[] message) {
    String m = new String(message, StandardCharsets.UTF_8);
    if (m.length() < 2 || m.charAt(1) != ':') {
      return;
    }
    Consumer<String> h = invalidationHandlers.get(m.charAt(0));
    if (h != null) {
      h.accept(m.substring(2));
    }
  }

  /**
   * Publishes an invalidation of {@code kind}:{@code member} (for writes made without a script).
   */
  public void publish(char kind, String member) {
    call(
        "publishing an invalidation",
        c -> c.publish(channel, (kind + ":" + member).getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public void close() {
    try {
      if (pubSub != null) {
        pubSub.close();
      }
      if (connection != null) {
        connection.close();
      }
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
  }

  /** A URI split into Lettuce URIs, and whether it names a cluster. */
  record ParsedUri(List<RedisURI> uris, boolean cluster, String display) {
    static ParsedUri parse(String uri, RedisSettings settings) {
      String u = uri.trim();
      String lower = u.toLowerCase(Locale.ROOT);
      List<RedisURI> uris = new ArrayList<>();
      boolean cluster;
      try {
        if (lower.startsWith("redis-cluster://")) {
          cluster = true;
          for (String part : u.substring("redis-cluster://".length()).split(",", -1)) {
            uris.add(RedisURI.create("redis://" + part.trim()));
          }
        } else if (lower.startsWith("redis-sentinel://")) {
          cluster = false;
          uris.add(RedisURI.create(u));
        } else if (u.contains(",")) {
          // A comma list of nodes: the seed nodes of a cluster.
          cluster = true;
          for (String part : u.split(",", -1)) {
            String p = part.trim();
            uris.add(RedisURI.create(p.contains("://") ? p : "redis://" + p));
          }
        } else if (lower.startsWith("redis://") || lower.startsWith("rediss://")) {
          cluster = false;
          uris.add(RedisURI.create(u));
        } else {
          throw new IllegalArgumentException("unsupported scheme");
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Redis URI must be redis://HOST:PORT, rediss://, redis-sentinel://HOST:PORT#MASTER,"
                + " redis-cluster://HOST:PORT,HOST:PORT or a comma list of redis:// nodes",
            e);
      }
      StringBuilder display = new StringBuilder();
      for (RedisURI r : uris) {
        // Lettuce bounds the connection handshake by the URI timeout.
        r.setTimeout(settings.connectTimeout());
        if (display.length() > 0) {
          display.append(',');
        }
        // Host and port only: a URI may carry a password.
        if (r.getSentinels().isEmpty()) {
          display.append(r.getHost()).append(':').append(r.getPort());
        } else {
          display.append("sentinel ").append(r.getSentinelMasterId());
        }
      }
      return new ParsedUri(List.copyOf(uris), cluster, display.toString());
    }
  }
}
