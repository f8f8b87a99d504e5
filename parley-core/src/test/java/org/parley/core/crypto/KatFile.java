package org.parley.core.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the known-answer files under {@code src/test/resources/kat} (format in README.md). */
final class KatFile {
  private KatFile() {}

  /** One block of a KAT file: its keys in file order. */
  record Case(String source, Map<String, String> fields) {
    String text(String key) {
      String v = fields.get(key);
      if (v == null) {
        throw new IllegalStateException(source + ": case " + fields + " lacks " + key);
      }
      return v;
    }

    int integer(String key) {
      return Integer.parseInt(text(key));
    }

    byte[] bytes(String key) {
      return decode(text(key));
    }

    @Override
    public String toString() {
      return source + ": " + fields.getOrDefault("name", "?");
    }
  }

  static List<Case> load(String resource) {
    String text;
    try (InputStream in = KatFile.class.getResourceAsStream("/kat/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource kat/" + resource);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Case> cases = new ArrayList<>();
    Map<String, String> current = new LinkedHashMap<>();
    for (String line : text.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#")) {
        continue;
      }
      if (trimmed.isEmpty()) {
        if (!current.isEmpty()) {
          cases.add(new Case(resource, current));
          current = new LinkedHashMap<>();
        }
        continue;
      }
      int eq = trimmed.indexOf('=');
      current.put(trimmed.substring(0, eq).strip(), trimmed.substring(eq + 1).strip());
    }
    if (!current.isEmpty()) {
      cases.add(new Case(resource, current));
    }
    if (cases.isEmpty()) {
      throw new IllegalStateException("no cases in kat/" + resource);
    }
    return cases;
  }

  static byte[] decode(String value) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (String part : value.split(" \\|\\| ")) {
      byte[] b;
      if (part.startsWith("hex:")) {
        b = HexFormat.of().parseHex(part.substring(4));
      } else if (part.startsWith("base64:")) {
        b = Base64.getDecoder().decode(part.substring(7));
      } else if (part.startsWith("utf8:")) {
        b = part.substring(5).getBytes(StandardCharsets.UTF_8);
      } else {
        throw new IllegalArgumentException("unknown encoding in " + part);
      }
      out.writeBytes(b);
    }
    return out.toByteArray();
  }
}
