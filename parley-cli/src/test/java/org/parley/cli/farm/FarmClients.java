package org.parley.cli.farm;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.parley.cli.demo.ConversationDoubleIt;
import org.parley.cli.keys.DevKeys;
import org.parley.cli.node.ParleyNode;
import org.parley.conversation.client.SecureConversationClient;
import org.parley.endpoint.SoapHttpClient;

/** Secure conversation clients of the farm's DoubleItSC13, as the development client. */
public final class FarmClients {
  private FarmClients() {}

  /**
   * A client that reads the policy from {@code node}'s WSDL and sends every message to {@code
   * address} (the balancer's, so each message may reach another node).
   */
  public static SecureConversationClient sc13(URI node, URI address, Path keysDir)
      throws Exception {
    SoapHttpClient http =
        SoapHttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .requestTimeout(Duration.ofSeconds(60))
            .build();
    byte[] wsdl = http.get(node.resolve(ParleyNode.SC13_PATH + "?wsdl")).body();
    return ConversationDoubleIt.client(
        wsdl, address, http, DevKeys.load(keysDir), Clock.systemUTC());
  }

  /** {@code DoubleIt(n)} in {@code conversation}. */
  public static int doubleIt(SecureConversationClient.Conversation conversation, int n)
      throws Exception {
    return ConversationDoubleIt.call(conversation, n);
  }
}
