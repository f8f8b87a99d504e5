package org.parley.cli.farm;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a browser: signs in to the demo web app through the passive STS (WS-Federation:
 * app -> STS form -> token post-back -> session cookie) and visits pages on any node of the farm
 * with the cookies it holds. Cookies are kept by name only, so every node of the farm (all on
 * 127.0.0.1) sees the same ones, as behind one host name.
 */
public final class WebUser {
  private static final Pattern HIDDEN =
      Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final Map<String, String> cookies = new LinkedHashMap<>();

  /** The cookies held now (name to value). */
  public synchronized Map<String, String> cookies() {
    return new LinkedHashMap<>(cookies);
  }

  /** Replaces the cookies held (e.g. with a copy taken before a sign-out). */
  public synchronized void cookies(Map<String, String> copy) {
    cookies.clear();
    cookies.putAll(copy);
  }

  /** Signs in on {@code node} ({@code http://127.0.0.1:PORT}); returns the app page status. */
  public int signIn(URI node, String user, String password)
      throws IOException, InterruptedException {
    HttpResponse<String> challenge = get(node.resolve("/app/"));
    if (challenge.statusCode() != 302) {
      throw new IOException("expected a redirect to the STS, got " + challenge.statusCode());
    }
    URI sts = URI.create(challenge.headers().firstValue("Location").orElseThrow());
    HttpResponse<String> form = get(sts);
    Map<String, String> fields = hidden(form.body());
    fields.put("username", user);
    fields.put("password", password);
    URI stsPost = URI.create(sts.getScheme() + "://" + sts.getRawAuthority() + sts.getRawPath());
    HttpResponse<String> issued = post(stsPost, fields);
    if (issued.statusCode() != 200) {
      throw new IOException("the STS refused the sign-in: " + issued.statusCode());
    }
    Map<String, String> token = hidden(issued.body());
    HttpResponse<String> back = post(node.resolve("/app/"), token);
    if (back.statusCode() != 303 && back.statusCode() != 302) {
      throw new IOException("the app refused the token: " + back.statusCode());
    }
    return get(node.resolve("/app/")).statusCode();
  }

  /** GET with the cookies held; keeps what the response sets. */
  public HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri).GET());
  }

  public HttpResponse<String> post(URI uri, Map<String, String> form)
      throws IOException, InterruptedException {
    String body =
        form.entrySet().stream()
            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpResponse<String> send(HttpRequest.Builder b)
      throws IOException, InterruptedException {
    String header;
    synchronized (this) {
      header =
          cookies.entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining("; "));
    }
    if (!header.isEmpty()) {
      b.header("Cookie", header);
    }
    HttpResponse<String> r =
        http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    keep(r.headers().allValues("Set-Cookie"));
    return r;
  }

  private synchronized void keep(List<String> setCookies) {
    for (String sc : setCookies) {
      String pair = sc.split(";", 2)[0];
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String name = pair.substring(0, eq).strip();
      String value = pair.substring(eq + 1).strip();
      boolean deleted =
          value.isEmpty() || sc.toLowerCase(java.util.Locale.ROOT).contains("max-age=0");
      if (deleted) {
        cookies.remove(name);
      } else {
        cookies.put(name, value);
      }
    }
  }

  private static Map<String, String> hidden(String html) {
    Map<String, String> m = new LinkedHashMap<>();
    Matcher x = HIDDEN.matcher(html);
    while (x.find()) {
      m.put(
          x.group(1),
          x.group(2)
              .replace("&quot;", "\"")
              .replace("&#39;", "'")
              .replace("&lt;", "<")
              .replace("&gt;", ">")
              .replace("&amp;", "&"));
    }
    return m;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
