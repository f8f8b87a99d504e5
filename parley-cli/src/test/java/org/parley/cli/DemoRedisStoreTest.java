package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.cli.farm.RedisServer;

/**
 * {@code parley demo --store redis://HOST:PORT}: the demo's contexts, replay cache and key ring
 * live in that Redis (checked in Redis itself), and the secure conversation works as with memory.
 */
class DemoRedisStoreTest {
  private static final Pattern SC13_URL =
      Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/services/DoubleItSC13)\\s");

  @Test
  void demoWithRedisStore_keepsItsStateInRedis(@TempDir Path dir) throws Exception {
    boolean present = RedisServer.present();
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(RedisServer.BINARY + " is missing; CI=true requires it");
    }
    Assumptions.assumeTrue(present, RedisServer.BINARY + " is not installed");
    Path keys = dir.resolve("keys");
    assertThat(CliRun.run("keys", "dev", "--out", keys.toString()).exitCode()).isZero();
    try (RedisServer redis = RedisServer.start(dir.resolve("redis"))) {
      StringWriter out = new StringWriter();
      AtomicInteger exit = new AtomicInteger(-1);
      Thread demo =
          new Thread(
              () ->
                  exit.set(
                      Main.run(
                          new PrintWriter(out, true),
                          new PrintWriter(new StringWriter(), true),
                          "demo",
                          "--port",
                          "0",
                          "--keys",
                          keys.toString(),
                          "--store",
                          redis.uri().toString())),
              "demo-redis-under-test");
      demo.start();
      try {
        String url = null;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (url == null && System.nanoTime() < deadline && demo.isAlive()) {
          Matcher m = SC13_URL.matcher(out.toString());
          if (m.find()) {
            url = m.group(1);
          } else {
            Thread.sleep(50);
          }
        }
        assertThat(url).as("demo output: " + out).isNotNull();
        assertThat(out.toString()).contains("store: " + redis.uri().getHost());

        redis.command("CONFIG", "RESETSTAT");
        CliRun call =
            CliRun.run(
                "call",
                "--wsdl",
                url + "?wsdl",
                "--keys",
                keys.toString(),
                "--op",
                "DoubleIt",
                "--arg",
                "21",
                "--count",
                "3",
                "--cancel");
        assertThat(call.exitCode()).as(call.err()).isZero();
        assertThat(call.out().lines()).containsOnly("DoubleIt(21) = 42").hasSize(3);
        // issue, three calls and cancel went through the Redis stores
        assertThat(redis.totalCommands()).isGreaterThanOrEqualTo(4);
        assertThat(Long.parseLong(redis.command("DBSIZE"))).isPositive();
      } finally {
        demo.interrupt();
        demo.join(30_000);
      }
      assertThat(demo.isAlive()).isFalse();
      assertThat(exit.get()).isZero();
    }
  }
}
