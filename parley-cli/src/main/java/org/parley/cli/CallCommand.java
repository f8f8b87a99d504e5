package org.parley.cli;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.parley.cli.demo.ConversationDoubleIt;
import org.parley.cli.demo.DoubleIt;
import org.parley.cli.demo.X509DoubleIt;
import org.parley.cli.keys.DevKeys;
import org.parley.conversation.client.SecureConversationClient;
import org.parley.core.fault.ParleyFault;
import org.parley.endpoint.SoapFaultException;
import org.parley.endpoint.SoapHttpClient;
import org.parley.endpoint.SoapHttpResponse;
import org.parley.endpoint.WsdlProvider;
import org.parley.reliable.ReliableSource;
import org.parley.reliable.policy.ReliablePolicy;
import org.parley.wire.soap.SoapVersion;
import org.parley.wire.xml.HardenedXml;
import org.parley.wire.xml.XmlLimits;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code parley call (--url URL | --wsdl URL) [--keys DIR] --op DoubleIt --arg N [--count N]
 * [--cancel]}: unsecured, X.509 per message, or (by WSDL) inside a WS-SecureConversation context.
 */
@Command(
    name = "call",
    mixinStandardHelpOptions = true,
    description = {
      "Calls a DoubleIt service and prints each result. With --wsdl the WSDL's policy",
      "decides: unsecured, X.509 per message, or one WS-SecureConversation context,",
      "established with the --keys client certificate and used for every call.",
      "Exits with 1 (failed) or 2 (wrong command line) and one line on standard error."
    })
final class CallCommand implements Callable<Integer> {
  private static final int MAX_COUNT = 1_000_000;

  /** WS-SecurityPolicy 1.2 and 1.1. */
  private static final String[] SP_NAMESPACES = {
    "http://docs.oasis-open.org/ws-sx/ws-securitypolicy/200702",
    "http://schemas.xmlsoap.org/ws/2005/07/securitypolicy"
  };

  @Spec CommandSpec spec;

  @ArgGroup(multiplicity = "1")
  Target target;

  static final class Target {
    @Option(
        names = "--url",
        paramLabel = "URL",
        description = "The endpoint address, e.g. http://127.0.0.1:8080/services/DoubleItPlain.")
    String url;

    @Option(
        names = "--wsdl",
        paramLabel = "URL",
        description = "The service's WSDL; the endpoint address is read from it.")
    String wsdl;
  }

  @Option(
      names = "--op",
      required = true,
      paramLabel = "OPERATION",
      description = "The operation: DoubleIt.")
  String op;

  @Option(names = "--arg", required = true, paramLabel = "N", description = "The xsd:int to send.")
  int arg;

  @Option(
      names = "--count",
      paramLabel = "N",
      defaultValue = "1",
      description = "How many calls to make. Default: ${DEFAULT-VALUE}.")
  int count;

  @Option(
      names = "--keys",
      paramLabel = "DIR",
      description =
          "Development keys (see 'parley keys dev'): sign with client.p12, encrypt to the"
              + " certificate in service.p12, trust ca.pem. Protects the call with X.509, or"
              + " establishes the secure conversation.")
  Path keys;

  @Option(
      names = "--cancel",
      description =
          "Secure conversation only: cancel the context after the last call (refused when the"
              + " WSDL says MustNotSendCancel). Without it the context is left to expire.")
  boolean cancel;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description = "Connect and response timeout per call. Default: ${DEFAULT-VALUE}.")
  int timeoutSeconds;

  @Override
  public Integer call() {
    if (!DoubleIt.OPERATION.equals(op)) {
      throw CliFailure.usage("unknown operation '" + op + "'; known: " + DoubleIt.OPERATION);
    }
    if (count < 1 || count > MAX_COUNT) {
      throw CliFailure.usage("--count must be in 1.." + MAX_COUNT + ", was " + count);
    }
    if (timeoutSeconds < 1) {
      throw CliFailure.usage("--timeout must be at least 1 second, was " + timeoutSeconds);
    }
    if (keys != null && !Files.isDirectory(keys)) {
      throw CliFailure.usage("--keys " + keys + " is not a directory");
    }
    if (cancel && target.url != null) {
      throw CliFailure.usage("--cancel needs --wsdl of a secure conversation service");
    }
    Duration timeout = Duration.ofSeconds(timeoutSeconds);
    SoapHttpClient client =
        SoapHttpClient.newBuilder().connectTimeout(timeout).requestTimeout(timeout).build();
    URI address;
    if (target.url != null) {
      address = httpUri("--url", target.url);
    } else {
      URI wsdlUri = httpUri("--wsdl", target.wsdl);
      byte[] wsdlBytes = fetchWsdl(client, wsdlUri);
      Document wsdl = parseWsdl(wsdlUri, wsdlBytes);
      if (isConversation(wsdl)) {
        return converse(client, wsdlUri, wsdlBytes, timeout);
      }
      if (cancel) {
        throw CliFailure.usage(
            "--cancel applies to secure conversation services only; " + wsdlUri + " is not one");
      }
      address = addressFromWsdl(wsdlUri, wsdl);
    }
    // With keys the call is protected per message with X.509 (the demo's DoubleItX509 contract).
    X509DoubleIt secured =
        keys == null ? null : X509DoubleIt.with(loadKeys(keys), Clock.systemUTC());
    PrintWriter out = spec.commandLine().getOut();
    for (int i = 0; i < count; i++) {
      int result;
      try {
        if (secured != null) {
          result = secured.call(client, address, arg);
        } else {
          Element reply =
              client.call(address, SoapVersion.SOAP_12, DoubleIt.ACTION, DoubleIt.request(arg));
          result = DoubleIt.result(reply);
        }
      } catch (IOException e) {
        throw CliFailure.failed(transportFailure(address, e, timeout), e);
      } catch (SoapFaultException e) {
        throw CliFailure.failed(address + " answered " + e.getMessage(), e);
      } catch (ParleyFault e) {
        throw CliFailure.failed(address + ": " + e.getMessage(), e);
      }
      printResult(out, result);
    }
    return 0;
  }

  private void printResult(PrintWriter out, int result) {
    out.println(DoubleIt.OPERATION + "(" + arg + ") = " + result);
    out.flush();
  }

  /**
   * Establishes one security context as the WSDL's policy says, makes {@code --count} calls in it
   * and, with {@code --cancel}, cancels it; otherwise the context is left to expire on the service.
   */
  private int converse(SoapHttpClient http, URI wsdlUri, byte[] wsdl, Duration timeout) {
    if (keys == null) {
      throw CliFailure.usage(
          wsdlUri + " asks for a secure conversation: pass --keys DIR (see 'parley keys dev')");
    }
    DevKeys devKeys = loadKeys(keys);
    SecureConversationClient sc;
    try {
      sc = ConversationDoubleIt.client(wsdl, http, devKeys, Clock.systemUTC());
    } catch (IOException e) {
      throw CliFailure.failed(transportFailure(wsdlUri, e, timeout), e);
    } catch (ParleyFault e) {
      throw CliFailure.failed(wsdlUri + ": " + e.getMessage(), e);
    }
    if (cancel && !sc.policy().requireCancellation()) {
      // WS-SP 1.2 section 5.4.7: a client must not send Cancel to such an endpoint.
      throw CliFailure.usage(
          "--cancel refused: "
              + wsdlUri
              + " says sp:MustNotSendCancel (its contexts are not cancelled, they expire)");
    }
    URI address = httpUri("the WSDL's soap12:address", sc.address().toString());
    SecureConversationClient.Conversation conversation;
    try {
      conversation = sc.open();
    } catch (IOException e) {
      throw CliFailure.failed(transportFailure(address, e, timeout), e);
    } catch (SoapFaultException e) {
      throw CliFailure.failed(
          address + " refused the security context: answered " + e.getMessage(), e);
    } catch (ParleyFault e) {
      throw CliFailure.failed(address + ": establishing the context failed: " + e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    try {
      // WS-RM Policy 1.2: a peer publishing wsrmp:RMAssertion gets the calls in a reliable
      // session, created inside the context and bound to it (WS-RM 1.2 section 5.2.1).
      Optional<ReliablePolicy> reliable = ReliablePolicy.read(parseWsdl(wsdlUri, wsdl));
      ReliableSource.Session session = null;
      if (reliable.isPresent()) {
        session =
            ReliableSource.newBuilder()
                .transport(conversation::exchange)
                .to(address.toString())
                .policy(reliable.get())
                .boundToContext(conversation.identifier())
                .build()
                .open();
      }
      for (int i = 0; i < count; i++) {
        printResult(
            out,
            session == null
                ? ConversationDoubleIt.call(conversation, arg)
                : DoubleIt.result(session.call(DoubleIt.ACTION, DoubleIt.request(arg))));
      }
      if (session != null) {
        session.close(); // the sequence ends with the command, whatever happens to the context
      }
      if (cancel) {
        conversation.close();
      }
    } catch (IOException e) {
      throw CliFailure.failed(transportFailure(address, e, timeout), e);
    } catch (SoapFaultException e) {
      throw CliFailure.failed(address + " answered " + e.getMessage(), e);
    } catch (ParleyFault e) {
      throw CliFailure.failed(address + ": " + e.getMessage(), e);
    }
    return 0;
  }

  private static byte[] fetchWsdl(SoapHttpClient client, URI wsdlUri) {
    SoapHttpResponse response;
    try {
      response = client.get(wsdlUri);
    } catch (IOException e) {
      throw CliFailure.failed(transportFailure(wsdlUri, e, null), e);
    }
    if (response.status() != 200) {
      throw CliFailure.failed(wsdlUri + " answered HTTP " + response.status(), null);
    }
    return response.body();
  }

  private static Document parseWsdl(URI wsdlUri, byte[] body) {
    try {
      return HardenedXml.create(XmlLimits.DEFAULT).parse(body);
    } catch (ParleyFault e) {
      throw CliFailure.failed(wsdlUri + " is not acceptable XML: " + e.getMessage(), e);
    }
  }

  /**
   * Whether the WSDL's policy asks for a secure conversation: WS-SP 1.2 section 5.4.7 / WS-SP 1.1
   * section 5.3.7 {@code sp:SecureConversationToken}. The client reads the full policy itself.
   */
  private static boolean isConversation(Document wsdl) {
    for (String sp : SP_NAMESPACES) {
      if (wsdl.getElementsByTagNameNS(sp, "SecureConversationToken").getLength() > 0) {
        return true;
      }
    }
    return false;
  }

  /** Reads the SOAP address of a WSDL without secure conversation (unsecured or X.509). */
  private URI addressFromWsdl(URI wsdlUri, Document wsdl) {
    for (String sp : SP_NAMESPACES) {
      if (wsdl.getElementsByTagNameNS(sp, "*").getLength() > 0) {
        if (keys == null) {
          throw CliFailure.usage(
              wsdlUri + " asks for WS-Security: pass --keys DIR (see 'parley keys dev')");
        }
        if (wsdl.getElementsByTagNameNS(sp, "AsymmetricBinding").getLength() == 0) {
          throw CliFailure.failed(
              wsdlUri
                  + " asks for a binding other than X.509 per message or secure conversation;"
                  + " not supported",
              null);
        }
      }
    }
    var addresses = wsdl.getElementsByTagNameNS(WsdlProvider.WSDL_SOAP12, "address");
    if (addresses.getLength() == 0) {
      throw CliFailure.failed(wsdlUri + " has no SOAP 1.2 address (soap12:address)", null);
    }
    String location = ((Element) addresses.item(0)).getAttribute("location");
    return httpUri("the WSDL's soap12:address", location);
  }

  private static DevKeys loadKeys(Path dir) {
    try {
      return DevKeys.load(dir);
    } catch (NoSuchFileException e) {
      throw CliFailure.usage(
          e.getFile() + " is missing; create the keys with 'parley keys dev --out " + dir + "'");
    } catch (IOException | GeneralSecurityException e) {
      throw CliFailure.failed("cannot read the keys in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static URI httpUri(String what, String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw CliFailure.usage(what + " must be an http:// or https:// URL, was '" + text + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw CliFailure.usage(what + " is not a URL: '" + text + "'");
    }
  }

  private static String transportFailure(URI uri, IOException e, Duration timeout) {
    if (e instanceof ConnectException) {
      return "cannot connect to " + uri + " (connection refused or unreachable)";
    }
    if (e instanceof HttpTimeoutException) {
      return "no answer from "
          + uri
          + (timeout == null ? "" : " within " + timeout.toSeconds() + " s");
    }
    if (e instanceof InterruptedIOException) {
      return "interrupted while calling " + uri;
    }
    return "I/O error calling " + uri + ": " + Main.describe(e);
  }
}
