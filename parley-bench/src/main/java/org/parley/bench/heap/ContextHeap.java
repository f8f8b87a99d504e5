package org.parley.bench.heap;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.parley.bench.Table;
import org.parley.conversation.service.SecureConversationService;
import org.parley.core.SecretBytes;
import org.parley.core.claims.ClaimTypes;
import org.parley.core.claims.ClaimsIdentity;
import org.parley.core.claims.ClaimsPrincipal;
import org.parley.core.store.CreateOutcome;
import org.parley.core.store.StoredSecurityContext;
import org.parley.core.store.memory.InMemorySecurityContextStore;

/**
 * Issue 3's heap figure: the retained heap of 100,000 live session-mode security contexts in the
 * in-memory {@code SecurityContextStore}, each shaped as {@link SecureConversationService} stores
 * an issued context (urn:uuid identifier, 32-byte Basic256 secret, owner key from the client
 * certificate's SHA-256, lifetimes, and the caller's claims principal: an X509 identity with its
 * subject name and owner key claims), from 1,000 client identities. Measured as the heap in use
 * after full collections before and after filling the store, in a fresh JVM with the serial
 * collector so that nothing else lives in the heap and "used after GC" is exact.
 */
public final class ContextHeap {
  public static final int CONTEXTS = 100_000;

  /** Distinct client certificates the contexts belong to (100 each, under the 128 limit). */
  public static final int OWNERS = 1_000;

  /** Target of issue 3. */
  public static final long TARGET_BYTES = 256L * 1024 * 1024;

  private static final String RESULT_PREFIX = "context-heap-result ";

  /** Retained heap of a store holding {@code contexts}. */
  public record Result(int contexts, long retainedBytes, boolean forked) {
    public double bytesPerContext() {
      return (double) retainedBytes / contexts;
    }

    public double mebibytes() {
      return retainedBytes / (1024.0 * 1024.0);
    }
  }

  private ContextHeap() {}

  /** Fills a new store with {@code contexts} service-shaped contexts; returns the retained heap. */
  public static Result measure(int contexts) {
    Clock clock = Clock.systemUTC();
    long before = usedAfterGc();
    InMemorySecurityContextStore store =
        InMemorySecurityContextStore.builder().clock(clock).maxContexts(contexts).build();
    SecureRandom random = new SecureRandom();
    Instant now = clock.instant();
    for (int i = 0; i < contexts; i++) {
      CreateOutcome o =
          store.create(
              serviceShaped(i % OWNERS, now, random),
              SecureConversationService.DEFAULT_MAX_CONTEXTS_PER_CLIENT);
      if (!o.created()) {
        throw new IllegalStateException("context " + i + " not stored: " + o);
      }
    }
    long after = usedAfterGc();
    Reference.reachabilityFence(store);
    return new Result(contexts, after - before, false);
  }

  /**
   * One context as {@code SecureConversationService.issue} builds it for the client with number
   * {@code owner}: every string is built afresh, as each issue does.
   */
  public static StoredSecurityContext serviceShaped(int owner, Instant now, SecureRandom random) {
    String subject = "CN=client-" + owner + ",OU=Parley Bench,O=Example Corp,C=GB";
    Duration lifetime = SecureConversationService.DEFAULT_CONTEXT_LIFETIME;
    Instant keyExpiry = now.plus(lifetime);
    ClaimsIdentity id =
        ClaimsIdentity.builder()
            .authenticationType("X509")
            .addClaim(ClaimTypes.NAME, subject)
            .addClaim(ClaimTypes.NAME_IDENTIFIER, ownerKey(subject))
            .build();
    return StoredSecurityContext.builder()
        .contextId("urn:uuid:" + UUID.randomUUID())
        .secret(SecretBytes.random(32, random))
        .ownerKey(ownerKey(subject))
        .lifetime(now, keyExpiry.plus(SecureConversationService.DEFAULT_RENEWAL_WINDOW))
        .keyLifetime(now, keyExpiry)
        .principal(ClaimsPrincipal.of(id))
        .build();
  }

  /** The service's owner key form: "x509-sha256:" and 64 hex digits (here of the subject). */
  static String ownerKey(String subject) {
    try {
      return "x509-sha256:"
          + HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256")
                      .digest(subject.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long usedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    // Repeat until a collection frees nothing more (finalization and reference processing).
    for (int i = 0; i < 10; i++) {
      System.gc();
      long now = memory.getHeapMemoryUsage().getUsed();
      if (now >= used) {
        return now;
      }
      used = now;
    }
    return used;
  }

  /** Forked JVM entry: measures and prints one result line. */
  public static void main(String[] args) {
    int contexts = args.length > 0 ? Integer.parseInt(args[0]) : CONTEXTS;
    Result r = measure(contexts);
    System.out.println(RESULT_PREFIX + r.contexts() + " " + r.retainedBytes());
  }

  /**
   * Measures in a fresh JVM (serial collector, 1 GiB heap) with this JVM's class path; if the fork
   * fails, measures here and says so.
   */
  public static Result measureForked(int contexts) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-Xms1g",
                    "-Xmx1g",
                    "-XX:+UseSerialGC",
                    "-cp",
                    System.getProperty("java.class.path"),
                    ContextHeap.class.getName(),
                    String.valueOf(contexts)))
            .redirectErrorStream(true);
    try {
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0) {
        for (String line : out.split("\n")) {
          if (line.startsWith(RESULT_PREFIX)) {
            String[] f = line.substring(RESULT_PREFIX.length()).trim().split(" ");
            return new Result(Integer.parseInt(f[0]), Long.parseLong(f[1]), true);
          }
        }
      }
      System.err.println("context heap fork failed, measuring in this JVM: " + out);
    } catch (IOException e) {
      System.err.println("context heap fork failed, measuring in this JVM: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return measure(contexts);
  }

  /** Measures {@link #CONTEXTS} in a fork and renders the table. */
  public static String runForked() {
    return render(measureForked(CONTEXTS));
  }

  public static String render(Result r) {
    boolean met = r.retainedBytes() <= TARGET_BYTES;
    return String.format(
            Locale.ROOT,
            "%nHeap of live session-mode security contexts in the in-memory SecurityContextStore"
                + " (as SecureConversationService stores issued contexts; %s)%n%n",
            r.forked()
                ? "fresh JVM, serial GC, heap used after full GC before/after"
                : "measured in the benchmark JVM, heap used after full GC before/after")
        + new Table("contexts", "retained heap MiB", "bytes/context", "target", "met")
            .row(
                Table.num(r.contexts(), 0),
                Table.num(r.mebibytes(), 1),
                Table.num(r.bytesPerContext(), 0),
                "<= 256 MiB",
                met ? "yes" : "NO")
            .render();
  }
}
