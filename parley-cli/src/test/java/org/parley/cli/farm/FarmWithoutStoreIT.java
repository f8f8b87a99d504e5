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
import org.parley.cli.node.ParleyNode;
import org.parley.conversation.client.SecureConversationClient;

/**
 * Three {@code parley serve} processes with the in-memory store and one shared keys directory (so
 * one secrets file and one cookie key), behind a round-robin balancer: cookie-mode web sessions and
 * cookie-mode security contexts (WS-SC 1.3 section 3, the state sealed in the SCT) need no shared
 * store, so what node 1 started continues on nodes 2 and 3, also after node 1 died.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FarmWithoutStoreIT {
  @TempDir static Path dir;
  static Farm farm;
  static FarmProxy proxy;
  static SecureConversationClient.Conversation conversation;
  static final WebUser ALICE = new WebUser();

  @BeforeAll
  static void start() throws Exception {
    farm =
        Farm.start(
            dir,
            3,
            i -> "port = 0\nkeys = keys\nendpoints = web, plain, sc13\ncontext.mode = cookie\n");
    proxy = FarmProxy.start(farm.nodes().stream().map(NodeProcess::base).toList());
  }

  @AfterAll
  static void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
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
  void cookieModeConversation_establishedOnNode1_continuesOnNodes2And3() throws Exception {
    SecureConversationClient client =
        FarmClients.sc13(node(0), proxy.uri(ParleyNode.SC13_PATH), dir.resolve("keys"));
    proxy.pin(0);
    conversation = client.open();
    assertThat(FarmClients.doubleIt(conversation, 1)).isEqualTo(2);
    long[] before = {proxy.served(0), proxy.served(1), proxy.served(2)};
    proxy.pin(1);
    assertThat(FarmClients.doubleIt(conversation, 2)).isEqualTo(4);
    proxy.pin(2);
    assertThat(FarmClients.doubleIt(conversation, 3)).isEqualTo(6);
    assertThat(proxy.served(1)).isEqualTo(before[1] + 1);
    assertThat(proxy.served(2)).isEqualTo(before[2] + 1);
    proxy.roundRobin();
    for (int i = 0; i < 6; i++) {
      assertThat(FarmClients.doubleIt(conversation, i)).isEqualTo(2 * i);
    }
  }

  @Test
  @Order(4)
  void anonymousVisitor_isSentToTheStsOnEveryNode() throws Exception {
    WebUser nobody = new WebUser();
    for (int i = 0; i < 3; i++) {
      assertThat(nobody.get(node(i).resolve("/app/")).statusCode()).isEqualTo(302);
    }
  }

  @Test
  @Order(5)
  void node1Killed_cookieSessionAndCookieContextLiveOnOnNodes2And3() throws Exception {
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
    proxy.roundRobin(1, 2);
    for (int i = 0; i < 4; i++) {
      assertThat(FarmClients.doubleIt(conversation, 10 + i)).isEqualTo(20 + 2 * i);
    }
  }
}
