package org.parley.cli.node;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one Parley node hosts and where it keeps its state: the parsed form of a {@code parley serve
 * --config FILE} file, or of {@code parley demo}'s options. Immutable; the builder validates every
 * setter, and {@link #parse} reports the first bad line with the key it names.
 *
 * <h2>File format</h2>
 *
 * UTF-8 text, at most {@link #MAX_FILE_BYTES} bytes and {@link #MAX_LINE_CHARS} characters a line.
 * Each line is blank, a comment starting with {@code #}, or {@code key = value}; a key may appear
 * once, unknown keys are refused (a typo must not silently fall back to a default). Relative paths
 * are resolved against the directory of the file.
 *
 * <pre>
 * port = 8080                  # 0..65535 on 127.0.0.1; 0 picks a free port
 * keys = keys                  # directory written by 'parley keys dev'
 * endpoints = all              # or a comma list of plain, x509, sc13, sc200502, sc13-nocancel,
 *                              # sc13-cookie, sc13-reliable, web
 * store = memory               # or redis://HOST:PORT (sessions, contexts, replay, revocation, keys)
 * keyring = file               # file (in the secrets file) or store (rotated through the store);
 *                              # default: store with Redis, file with memory
 * secrets = farm.secrets       # shared farm secrets; created on first start (default: KEYS/farm.secrets)
 * context.mode = session       # session (contexts in the store) or cookie (sealed in the token)
 * web.session.mode = cookie    # cookie (the session in the cookie) or reference (in the store)
 * web.revocation.check = 30s   # how long a node trusts its cached sign-out marks, 0s..1h
 * keyring.rotation = 1d        # keyring=store: how long each key seals
 * keyring.activation-lead = 1h # keyring=store: a new key is published this long before it seals
 * keyring.refresh = 1m         # keyring=store: how often a node reloads the ring
 * redis.connect-timeout = 1s   # longest wait to open a Redis connection, 1ms..1m
 * redis.command-timeout = 500ms # longest wait for one Redis command, 1ms..1m
 * </pre>
 *
 * Durations are a whole number followed by {@code ms}, {@code s}, {@code m}, {@code h} or {@code
 * d}.
 */
public final class NodeConfig {
  /** Largest configuration file accepted. */
  public static final int MAX_FILE_BYTES = 64 * 1024;

  /** Longest line accepted. */
  public static final int MAX_LINE_CHARS = 1024;

  public static final int DEFAULT_PORT = 8080;
  public static final Duration DEFAULT_REVOCATION_CHECK = Duration.ofSeconds(30);
  public static final Duration MAX_REVOCATION_CHECK = Duration.ofHours(1);
  public static final Duration DEFAULT_KEYRING_REFRESH = Duration.ofMinutes(1);

  /** The configuration file's keys, in the order the documentation lists them. */
  public static final List<String> KEYS =
      List.of(
          "port",
          "keys",
          "endpoints",
          "store",
          "keyring",
          "secrets",
          "context.mode",
          "web.session.mode",
          "web.revocation.check",
          "keyring.rotation",
          "keyring.activation-lead",
          "keyring.refresh",
          "redis.connect-timeout",
          "redis.command-timeout");

  /** What a node may host. */
  public enum Endpoint {
    PLAIN("plain"),
    X509("x509"),
    SC13("sc13"),
    SC200502("sc200502"),
    SC13_NO_CANCEL("sc13-nocancel"),
    /** DoubleItSC13 in cookie mode whatever {@code context.mode} says. */
    SC13_COOKIE("sc13-cookie"),
    /** DoubleItSC13 with WS-ReliableMessaging 1.2 bound to the security context. */
    SC13_RELIABLE("sc13-reliable"),
    /** The STS (passive and WS-Trust) and the relying-party web app. */
    WEB("web");

    private final String configName;

    Endpoint(String configName) {
      this.configName = configName;
    }

    public String configName() {
      return configName;
    }
  }

  /** Where a secure conversation's state lives (WS-SC 1.3 section 3: the SCT may carry it). */
  public enum ContextMode {
    /** The service keeps each context in the store; the token names it. */
    SESSION,
    /** The secret travels sealed in the token itself; the service stores nothing per context. */
    COOKIE
  }

  /** Where a web session lives. */
  public enum WebSessionMode {
    /** The session token sealed in the cookie (reference mode only when it would not fit). */
    COOKIE,
    /** Every session in the store; the cookie holds a reference. */
    REFERENCE
  }

  /** Where the key ring that seals cookies comes from. */
  public enum KeyRingSource {
    /** One long-lived key kept in the secrets file, shared by every node that shares the file. */
    FILE,
    /** Keys created with a future activation and distributed through the store, rotated. */
    STORE
  }

  private final int port;
  private final Path keys;
  private final Set<Endpoint> endpoints;
  private final Optional<URI> redis;
  private final KeyRingSource keyRing;
  private final Optional<Path> secrets;
  private final ContextMode contextMode;
  private final WebSessionMode webSessionMode;
  private final Duration revocationCheck;
  private final Duration keyRingRotation;
  private final Duration keyRingActivationLead;
  private final Duration keyRingRefresh;
  private final Optional<Duration> redisConnectTimeout;
  private final Optional<Duration> redisCommandTimeout;

  private NodeConfig(Builder b) {
    this.redisConnectTimeout = Optional.ofNullable(b.redisConnectTimeout);
    this.redisCommandTimeout = Optional.ofNullable(b.redisCommandTimeout);
    this.port = b.port;
    this.keys = b.keys;
    this.endpoints = Collections.unmodifiableSet(EnumSet.copyOf(b.endpoints));
    this.redis = Optional.ofNullable(b.redis);
    this.keyRing = b.effectiveKeyRing();
    this.secrets = Optional.ofNullable(b.secrets);
    this.contextMode = b.contextMode;
    this.webSessionMode = b.webSessionMode;
    this.revocationCheck = b.revocationCheck;
    this.keyRingRotation = b.keyRingRotation;
    this.keyRingActivationLead = b.keyRingActivationLead;
    this.keyRingRefresh = b.keyRingRefresh;
  }

  public static Builder builder() {
    return new Builder();
  }

  public int port() {
    return port;
  }

  /** The keys directory, or null for the demo's default (generated on first use). */
  public Path keys() {
    return keys;
  }

  public Set<Endpoint> endpoints() {
    return endpoints;
  }

  public boolean hosts(Endpoint e) {
    return endpoints.contains(e);
  }

  /** The Redis URI when the store is Redis; empty for the in-memory store. */
  public Optional<URI> redis() {
    return redis;
  }

  public KeyRingSource keyRing() {
    return keyRing;
  }

  /** The secrets file; empty means {@code farm.secrets} in the keys directory. */
  public Optional<Path> secrets() {
    return secrets;
  }

  public ContextMode contextMode() {
    return contextMode;
  }

  public WebSessionMode webSessionMode() {
    return webSessionMode;
  }

  public Duration revocationCheck() {
    return revocationCheck;
  }

  public Duration keyRingRotation() {
    return keyRingRotation;
  }

  public Duration keyRingActivationLead() {
    return keyRingActivationLead;
  }

  public Duration keyRingRefresh() {
    return keyRingRefresh;
  }

  /** {@code redis.connect-timeout}; empty keeps parley-redis's default. */
  public Optional<Duration> redisConnectTimeout() {
    return redisConnectTimeout;
  }

  /** {@code redis.command-timeout}; empty keeps parley-redis's default. */
  public Optional<Duration> redisCommandTimeout() {
    return redisCommandTimeout;
  }

  /** A bad configuration: the message names the file, line and key, and what is accepted. */
  public static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    public Invalid(String message) {
      super(message);
    }
  }

  private static final Pattern LINE = Pattern.compile("([A-Za-z0-9.-]+)\\s*=\\s*(.*)");
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

  /** Reads and validates {@code file}. */
  public static NodeConfig parse(Path file) throws Invalid {
    Objects.requireNonNull(file, "file");
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_FILE_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw new Invalid("config file " + file + " does not exist");
    } catch (IOException e) {
      throw new Invalid("cannot read config file " + file + ": " + e.getMessage());
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw new Invalid(
          "config file "
              + file
              + " exceeds NodeConfig.MAX_FILE_BYTES ("
              + MAX_FILE_BYTES
              + " bytes)");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new Invalid("config file " + file + " is not UTF-8 text");
    }
    Path dir = file.toAbsolutePath().getParent();
    return parse(text, file.toString(), dir);
  }

  /** Parses {@code text}; {@code source} names it in errors, {@code dir} resolves paths. */
  public static NodeConfig parse(String text, String source, Path dir) throws Invalid {
    Map<String, Integer> seen = new LinkedHashMap<>();
    Builder b = builder();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      String where = source + " line " + lineNo;
      String line = lines[i];
      if (line.length() > MAX_LINE_CHARS) {
        throw new Invalid(
            where + ": longer than NodeConfig.MAX_LINE_CHARS (" + MAX_LINE_CHARS + ")");
      }
      String content = stripComment(line).strip();
      if (content.isEmpty()) {
        continue;
      }
      Matcher m = LINE.matcher(content);
      if (!m.matches()) {
        throw new Invalid(where + ": expected 'key = value', got '" + printable(content) + "'");
      }
      String key = m.group(1);
      String value = m.group(2).strip();
      if (!KEYS.contains(key)) {
        throw new Invalid(
            where + ": unknown key '" + key + "' (known: " + String.join(", ", KEYS) + ")");
      }
      Integer earlier = seen.putIfAbsent(key, lineNo);
      if (earlier != null) {
        throw new Invalid(where + ": key '" + key + "' repeats line " + earlier);
      }
      if (value.isEmpty()) {
        throw new Invalid(where + ": key '" + key + "' has no value");
      }
      try {
        apply(b, key, value, dir);
      } catch (IllegalArgumentException e) {
        throw new Invalid(where + ": " + e.getMessage());
      }
    }
    try {
      return b.build();
    } catch (IllegalStateException e) {
      throw new Invalid(source + ": " + e.getMessage());
    }
  }

  /** A {@code #} starts a comment; values never contain one (no key accepts it). */
  private static String stripComment(String line) {
    int hash = line.indexOf('#');
    return hash < 0 ? line : line.substring(0, hash);
  }

  private static void apply(Builder b, String key, String value, Path dir) {
    switch (key) {
      case "port" -> b.port(integer(key, value));
      case "keys" -> b.keys(path(dir, key, value));
      case "endpoints" -> b.endpoints(endpoints(value));
      case "store" -> b.store(value);
      case "keyring" -> b.keyRing(choice(KeyRingSource.class, key, value));
      case "secrets" -> b.secrets(path(dir, key, value));
      case "context.mode" -> b.contextMode(choice(ContextMode.class, key, value));
      case "web.session.mode" -> b.webSessionMode(choice(WebSessionMode.class, key, value));
      case "web.revocation.check" -> b.revocationCheck(duration(key, value));
      case "keyring.rotation" -> b.keyRingRotation(duration(key, value));
      case "keyring.activation-lead" -> b.keyRingActivationLead(duration(key, value));
      case "keyring.refresh" -> b.keyRingRefresh(duration(key, value));
      case "redis.connect-timeout" -> b.redisConnectTimeout(duration(key, value));
      case "redis.command-timeout" -> b.redisCommandTimeout(duration(key, value));
      default -> throw new IllegalStateException("key " + key + " listed but not handled");
    }
  }

  private static int integer(String key, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          key + " must be a whole number, was '" + printable(value) + "'");
    }
  }

  private static Path path(Path dir, String key, String value) {
    try {
      Path p = Path.of(value);
      return dir == null ? p : dir.resolve(p).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      throw new IllegalArgumentException(key + " is not a path: '" + printable(value) + "'");
    }
  }

  /** Parses {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}, {@code 1d}. */
  public static Duration duration(String key, String value) {
    Matcher m = DURATION.matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          key
              + " must be a whole number and a unit (ms, s, m, h, d), e.g. 30s; was '"
              + printable(value)
              + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  private static <E extends Enum<E>> E choice(Class<E> type, String key, String value) {
    for (E e : type.getEnumConstants()) {
      if (e.name().toLowerCase(Locale.ROOT).equals(value)) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        key
            + " must be one of "
            + String.join(
                ", ",
                EnumSet.allOf(type).stream().map(e -> e.name().toLowerCase(Locale.ROOT)).toList())
            + "; was '"
            + printable(value)
            + "'");
  }

  private static Set<Endpoint> endpoints(String value) {
    if (value.equals("all")) {
      return EnumSet.allOf(Endpoint.class);
    }
    Set<Endpoint> set = EnumSet.noneOf(Endpoint.class);
    for (String part : value.split(",", -1)) {
      String name = part.strip();
      Endpoint found = null;
      for (Endpoint e : Endpoint.values()) {
        if (e.configName.equals(name)) {
          found = e;
        }
      }
      if (found == null) {
        throw new IllegalArgumentException(
            "endpoints: unknown endpoint '"
                + printable(name)
                + "' (known: all, "
                + String.join(
                    ", ", EnumSet.allOf(Endpoint.class).stream().map(e -> e.configName).toList())
                + ")");
      }
      if (!set.add(found)) {
        throw new IllegalArgumentException("endpoints: '" + name + "' is listed twice");
      }
    }
    return set;
  }

  /** At most 64 characters of {@code s}, control characters replaced: safe to echo. */
  static String printable(String s) {
    String cut = s.length() > 64 ? s.substring(0, 64) + "..." : s;
    StringBuilder b = new StringBuilder(cut.length());
    cut.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return b.toString();
  }

  /** Parses a store setting: {@code memory} or {@code redis://HOST:PORT}. Empty means memory. */
  public static Optional<URI> store(String value) {
    Objects.requireNonNull(value, "store");
    if (value.equals("memory")) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "store must be memory or redis://HOST:PORT, was '" + printable(value) + "'");
    }
    if (!"redis".equals(uri.getScheme())
        || uri.getHost() == null
        || uri.getPort() < 1
        || (uri.getRawPath() != null
            && !uri.getRawPath().isEmpty()
            && !uri.getRawPath().equals("/"))
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "store must be memory or redis://HOST:PORT, was '" + printable(value) + "'");
    }
    return Optional.of(uri);
  }

  /** Validates each setter; {@link #build} checks the combination. */
  public static final class Builder {
    private int port = DEFAULT_PORT;
    private Path keys;
    private Set<Endpoint> endpoints = EnumSet.allOf(Endpoint.class);
    private URI redis;
    private KeyRingSource keyRing;
    private Path secrets;
    private ContextMode contextMode = ContextMode.SESSION;
    private WebSessionMode webSessionMode = WebSessionMode.COOKIE;
    private Duration revocationCheck = DEFAULT_REVOCATION_CHECK;
    private Duration keyRingRotation =
        org.parley.core.store.KeyRingRotator.DEFAULT_ROTATION_INTERVAL;
    private Duration keyRingActivationLead =
        org.parley.core.store.KeyRingRotator.DEFAULT_ACTIVATION_LEAD;
    private Duration keyRingRefresh = DEFAULT_KEYRING_REFRESH;
    private Duration redisConnectTimeout;
    private Duration redisCommandTimeout;

    private Builder() {}

    public Builder redisConnectTimeout(Duration d) {
      this.redisConnectTimeout = timeout(d, "redis.connect-timeout");
      return this;
    }

    public Builder redisCommandTimeout(Duration d) {
      this.redisCommandTimeout = timeout(d, "redis.command-timeout");
      return this;
    }

    private static Duration timeout(Duration d, String key) {
      Objects.requireNonNull(d, key);
      if (d.isZero() || d.isNegative() || d.compareTo(Duration.ofMinutes(1)) > 0) {
        throw new IllegalArgumentException(key + " must be 1ms..1m, was " + d);
      }
      return d;
    }

    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be in 0..65535, was " + port);
      }
      this.port = port;
      return this;
    }

    public Builder keys(Path keys) {
      this.keys = Objects.requireNonNull(keys, "keys");
      return this;
    }

    public Builder endpoints(Set<Endpoint> endpoints) {
      Objects.requireNonNull(endpoints, "endpoints");
      if (endpoints.isEmpty()) {
        throw new IllegalArgumentException("endpoints must name at least one endpoint");
      }
      this.endpoints = EnumSet.copyOf(endpoints);
      return this;
    }

    /** {@code memory} or {@code redis://HOST:PORT}. */
    public Builder store(String store) {
      this.redis = NodeConfig.store(store).orElse(null);
      return this;
    }

    public Builder keyRing(KeyRingSource source) {
      this.keyRing = Objects.requireNonNull(source, "keyRing");
      return this;
    }

    public Builder secrets(Path secrets) {
      this.secrets = Objects.requireNonNull(secrets, "secrets");
      return this;
    }

    public Builder contextMode(ContextMode mode) {
      this.contextMode = Objects.requireNonNull(mode, "context.mode");
      return this;
    }

    public Builder webSessionMode(WebSessionMode mode) {
      this.webSessionMode = Objects.requireNonNull(mode, "web.session.mode");
      return this;
    }

    public Builder revocationCheck(Duration d) {
      Objects.requireNonNull(d, "web.revocation.check");
      if (d.isNegative() || d.compareTo(MAX_REVOCATION_CHECK) > 0) {
        throw new IllegalArgumentException("web.revocation.check must be 0s..1h, was " + d);
      }
      this.revocationCheck = d;
      return this;
    }

    public Builder keyRingRotation(Duration d) {
      this.keyRingRotation = atLeastOneSecond(d, "keyring.rotation");
      return this;
    }

    public Builder keyRingActivationLead(Duration d) {
      this.keyRingActivationLead = atLeastOneSecond(d, "keyring.activation-lead");
      return this;
    }

    public Builder keyRingRefresh(Duration d) {
      this.keyRingRefresh = atLeastOneSecond(d, "keyring.refresh");
      return this;
    }

    private static Duration atLeastOneSecond(Duration d, String key) {
      Objects.requireNonNull(d, key);
      if (d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(Duration.ofDays(366)) > 0) {
        throw new IllegalArgumentException(key + " must be 1s..366d, was " + d);
      }
      return d;
    }

    /** The farm's ring lives in a shared store; a memory store is this node's alone. */
    private KeyRingSource effectiveKeyRing() {
      return keyRing != null ? keyRing : redis != null ? KeyRingSource.STORE : KeyRingSource.FILE;
    }

    public NodeConfig build() {
      if (effectiveKeyRing() == KeyRingSource.STORE) {
        if (keyRingActivationLead.compareTo(keyRingRotation) >= 0) {
          throw new IllegalStateException(
              "keyring.activation-lead "
                  + keyRingActivationLead
                  + " must be shorter than keyring.rotation "
                  + keyRingRotation);
        }
        if (keyRingRefresh.compareTo(keyRingActivationLead) >= 0) {
          // A node must load a published key before it starts sealing, or another node that
          // already switched would seal cookies this node cannot open yet.
          throw new IllegalStateException(
              "keyring.refresh "
                  + keyRingRefresh
                  + " must be shorter than keyring.activation-lead "
                  + keyRingActivationLead);
        }
      }
      return new NodeConfig(this);
    }
  }
}
