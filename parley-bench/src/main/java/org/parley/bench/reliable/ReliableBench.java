package org.parley.bench.reliable;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.xml.namespace.QName;
import org.parley.conversation.client.SecureConversationClient;
import org.parley.conversation.policy.BootstrapPolicy;
import org.parley.conversation.policy.ConversationPolicy;
import org.parley.conversation.service.SecureConversationService;
import org.parley.conversation.trust.EntropyMode;
import org.parley.conversation.trust.TrustVersion;
import org.parley.core.fault.ParleyFault;
import org.parley.endpoint.Payloads;
import org.parley.endpoint.SoapHttpClient;
import org.parley.http.ParleyServer;
import org.parley.reliable.ReliableDestination;
import org.parley.reliable.ReliableSource;
import org.parley.security.AlgorithmSuite;
import org.parley.security.SecurityPolicy;
import org.parley.security.TestKeys;
import org.parley.wire.Ns;
import org.w3c.dom.Element;

/**
 * Loopback calls per second of DoubleIt in a WS-SC 1.3 secure conversation alone and with a WS-RM
 * 1.2 reliable session bound to it (exactly once, in order, acknowledgements on every reply), on
 * one embedded Jetty, same keys and policy (Basic256, derived keys, encrypted signature; the RM
 * variant also signs the WS-RM headers).
 *
 * <pre>
 * java -jar parley-bench/target/parley-bench.jar reliable [seconds per round] [threads]
 * </pre>
 *
 * Both variants are warmed up, then measured in alternating rounds so that machine load hits both
 * alike; the table shows the mean of the rounds.
 */
public final class ReliableBench {
  static final String NS = "http://example.org/wssc-peer/doubleit";
  static final String ACTION = NS + "/DoubleIt";

  /** One variant's result. */
  public record Row(String variant, double callsPerSecond, long calls) {}

  private ReliableBench() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    System.out.print(table(run(Duration.ofSeconds(seconds), threads, 3), threads));
  }

  /** A markdown table of {@code rows}. */
  public static String table(List<Row> rows, int threads) {
    StringBuilder sb =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%nLoopback DoubleIt, %d client threads, one context (and one sequence):%n",
                threads));
    sb.append("| variant | calls/s | calls |\n| --- | ---: | ---: |\n");
    for (Row r : rows) {
      sb.append(
          String.format(
              Locale.ROOT, "| %s | %,.0f | %,d |%n", r.variant(), r.callsPerSecond(), r.calls()));
    }
    if (rows.size() == 2 && rows.get(0).callsPerSecond() > 0) {
      sb.append(
          String.format(
              Locale.ROOT,
              "WS-RM inside the conversation runs at %.0f%% of the conversation alone.%n",
              100 * rows.get(1).callsPerSecond() / rows.get(0).callsPerSecond()));
    }
    return sb.toString();
  }

  /** Measures both variants: {@code rounds} alternating rounds of {@code round} each. */
  public static List<Row> run(Duration round, int threads, int rounds) throws Exception {
    SecureConversationService plain = service(false);
    SecureConversationService reliable = service(true);
    try (ParleyServer server =
        ParleyServer.newBuilder()
            .bindAddress("127.0.0.1")
            .port(0)
            .endpoint("/sc", plain.endpoint())
            .endpoint("/scrm", reliable.endpoint())
            .build()
            .start()) {
      SecureConversationClient.Conversation sc = client(plain, server.uri("/sc")).open();
      SecureConversationClient.Conversation scForRm = client(reliable, server.uri("/scrm")).open();
      ReliableSource.Session session =
          ReliableSource.newBuilder()
              .transport(scForRm::exchange)
              .to(server.uri("/scrm").toString())
              .boundToContext(scForRm.identifier())
              .maxInFlight(threads)
              .build()
              .open();
      Call alone = n -> sc.call(ACTION, request(n));
      Call withRm = n -> session.call(ACTION, request(n));
      // warm-up: one round each
      measure(alone, threads, round);
      measure(withRm, threads, round);
      long aloneCalls = 0;
      long rmCalls = 0;
      double aloneSeconds = 0;
      double rmSeconds = 0;
      for (int i = 0; i < rounds; i++) {
        aloneCalls += measure(alone, threads, round);
        aloneSeconds += round.toNanos() / 1e9;
        rmCalls += measure(withRm, threads, round);
        rmSeconds += round.toNanos() / 1e9;
      }
      session.close();
      sc.close();
      scForRm.close();
      return List.of(
          new Row("secure conversation (WS-SC 1.3)", aloneCalls / aloneSeconds, aloneCalls),
          new Row("secure conversation + WS-RM 1.2", rmCalls / rmSeconds, rmCalls));
    }
  }

  @FunctionalInterface
  interface Call {
    Element call(int n) throws Exception;
  }

  /** Calls from {@code threads} threads for {@code round}; returns the calls completed. */
  static long measure(Call call, int threads, Duration round) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong done = new AtomicLong();
    List<Throwable> failures = new ArrayList<>();
    CountDownLatch finished = new CountDownLatch(threads);
    for (int t = 0; t < threads; t++) {
      Thread th =
          new Thread(
              () -> {
                try {
                  int n = 0;
                  while (!stop.get()) {
                    Element r = call.call(++n % 1000);
                    if (r == null) {
                      throw new IllegalStateException("no answer");
                    }
                    done.incrementAndGet();
                  }
                } catch (Exception e) {
                  synchronized (failures) {
                    failures.add(e);
                  }
                } finally {
                  finished.countDown();
                }
              },
              "reliable-bench-" + t);
      th.start();
    }
    Thread.sleep(round.toMillis());
    stop.set(true);
    finished.await();
    if (!failures.isEmpty()) {
      throw new IllegalStateException("a bench call failed", failures.get(0));
    }
    return done.get();
  }

  static Element request(int n) {
    return Payloads.element(NS, "DoubleIt", Payloads.element(NS, "numberToDouble", n));
  }

  static SecureConversationClient client(SecureConversationService s, URI address)
      throws Exception {
    return SecureConversationClient.newBuilder()
        .wsdl(s.wsdl().orElseThrow())
        .address(address)
        .clientKey(TestKeys.CLIENT.key(), TestKeys.CLIENT.cert())
        .serviceCertificate(TestKeys.SERVICE.cert())
        .httpClient(SoapHttpClient.newBuilder().build())
        .build();
  }

  static SecureConversationService service(boolean reliable) throws Exception {
    SecureConversationService.Builder b =
        SecureConversationService.newBuilder()
            .policy(policy(reliable))
            .serviceKey(TestKeys.SERVICE.key(), TestKeys.SERVICE.cert())
            .clientTrust(TestKeys.trust(Clock.systemUTC()))
            .wsdlTemplate(WSDL.getBytes(StandardCharsets.UTF_8))
            .operation(
                ACTION,
                NS + "/DoubleItResponse",
                (payload, caller) -> {
                  long n;
                  try {
                    n = Long.parseLong(Payloads.requireChildText(payload, NS, "numberToDouble"));
                  } catch (NumberFormatException e) {
                    throw new ParleyFault(
                        org.parley.core.fault.FaultCode.SOAP_SENDER, "not a number");
                  }
                  return Payloads.element(
                      NS, "DoubleItResponse", Payloads.element(NS, "doubledNumber", 2 * n));
                });
    if (reliable) {
      b.wrapMessages(
          operations -> ReliableDestination.newBuilder().handler(operations).build(),
          ReliableDestination.understoodHeaders());
    }
    return b.build();
  }

  static ConversationPolicy policy(boolean reliable) {
    SecurityPolicy.Builder message = parts(SecurityPolicy.Binding.SYMMETRIC, true);
    if (reliable) {
      message.signHeader(new QName(Ns.WSRM12, ""));
    }
    return ConversationPolicy.newBuilder(
            message.build(),
            BootstrapPolicy.asymmetricX509(parts(SecurityPolicy.Binding.ASYMMETRIC, false).build()))
        .version(TrustVersion.WS_TRUST_13)
        .entropyMode(EntropyMode.COMBINED)
        .build();
  }

  static SecurityPolicy.Builder parts(SecurityPolicy.Binding binding, boolean derivedKeys) {
    return SecurityPolicy.newBuilder()
        .binding(binding)
        .algorithmSuite(AlgorithmSuite.BASIC256)
        .signHeader(new QName(Ns.WSA10, ""))
        .encryptSignature(true)
        .derivedKeys(derivedKeys);
  }

  /** A minimal WSDL 1.1 for DoubleIt over SOAP 1.2; the service attaches its policy. */
  static final String WSDL =
      "<wsdl:definitions xmlns:wsdl='http://schemas.xmlsoap.org/wsdl/'"
          + " xmlns:soap12='http://schemas.xmlsoap.org/wsdl/soap12/'"
          + " xmlns:tns='"
          + NS
          + "' targetNamespace='"
          + NS
          + "'>"
          + "<wsdl:portType name='DoubleItPortType'><wsdl:operation name='DoubleIt'>"
          + "<wsdl:input message='tns:DoubleItRequest'/><wsdl:output message='tns:DoubleItResponse'/>"
          + "</wsdl:operation></wsdl:portType>"
          + "<wsdl:binding name='DoubleItBinding' type='tns:DoubleItPortType'>"
          + "<soap12:binding transport='http://schemas.xmlsoap.org/soap/http'/>"
          + "<wsdl:operation name='DoubleIt'><soap12:operation soapAction='"
          + ACTION
          + "'/><wsdl:input><soap12:body use='literal'/></wsdl:input>"
          + "<wsdl:output><soap12:body use='literal'/></wsdl:output></wsdl:operation>"
          + "</wsdl:binding><wsdl:service name='DoubleItService'>"
          + "<wsdl:port name='DoubleItPort' binding='tns:DoubleItBinding'>"
          + "<soap12:address location='http://127.0.0.1/'/></wsdl:port></wsdl:service>"
          + "</wsdl:definitions>";
}
