package org.parley.cli.farm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code parley serve} processes with the in-memory store and one shared keys directory (so
 * one secrets file and one cookie key): cookie-mode web sessions need no shared store, so a session
 * made on node 1 is valid on nodes 2 and 3, also after node 1 died.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FarmWithoutStoreIT {
  @TempDir static Path dir;
  static Farm farm;
  static final WebUser ALICE = new WebUser();

  @BeforeAll
  static void start() throws Exception {
    farm = Farm.start(dir, 3, i -> "port = 0\nkeys = keys\nendpoints = web, plain\n");
  }

  @AfterAll
  static void stop() throws Exception {
    if (farm != null) {
      farm.close();
    }
  }

  private static URI node(int i) {
    return farm.node(i).base();
  }

  @Test
  @Order(1)
  void nodesStartedTogether_shareOneSecretsFile() throws Exception {
    assertThat(Files.readString(dir.resolve("keys/farm.secrets")))
        .contains("user-key-secret = ")
        .contains("cookie-key = ");
    for (NodeProcess n : farm.nodes()) {
      assertThat(n.log()).contains("store memory, key ring file");
    }
  }

  @Test
  @Order(2)
  void cookieModeWebSession_madeOnNode1_isValidOnNodes2And3() throws Exception {
    assertThat(ALICE.signIn(node(0), "alice", "alice-password")).as(farm.logs()).isEqualTo(200);
    assertThat(ALICE.cookies()).containsKey("parley.s");
    for (int i = 1; i < 3; i++) {
      HttpResponse<String> page = ALICE.get(node(i).resolve("/app/"));
      assertThat(page.statusCode()).as("node " + (i + 1)).isEqualTo(200);
      assertThat(page.body()).contains("alice@example.org");
    }
  }

  @Test
  @Order(3)
  void anonymousVisitor_isSentToTheStsOnEveryNode() throws Exception {
    WebUser nobody = new WebUser();
    for (int i = 0; i < 3; i++) {
      assertThat(nobody.get(node(i).resolve("/app/")).statusCode()).isEqualTo(302);
    }
  }

  @Test
  @Order(4)
  void node1Killed_cookieSessionLivesOnOnNodes2And3() throws Exception {
    Map<String, String> before = ALICE.cookies();
    farm.node(0).kill();
    assertThat(farm.node(0).alive()).isFalse();
    for (int i = 1; i < 3; i++) {
      HttpResponse<String> page = ALICE.get(node(i).resolve("/app/"));
      assertThat(page.statusCode()).as("node " + (i + 1)).isEqualTo(200);
      assertThat(page.body()).contains("alice@example.org");
    }
    assertThat(ALICE.cookies().get("parley.s")).isNotNull();
    assertThat(before).containsKey("parley.s");
  }
}
