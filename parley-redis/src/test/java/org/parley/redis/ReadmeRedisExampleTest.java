package org.parley.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.core.SecretBytes;

/** The README's Redis example is compiled against the test classpath and run on a real Redis. */
class ReadmeRedisExampleTest {
  private static final Pattern BLOCK =
      Pattern.compile("```java\\n([^`]*public class FarmQuickStart.*?)```", Pattern.DOTALL);

  @Test
  void readmeRedisExample_compilesAndPrintsFirstSeenThenReplay(@TempDir Path tmp) throws Exception {
    String readme = Files.readString(readme(), StandardCharsets.UTF_8);
    Matcher block = BLOCK.matcher(readme);
    assertThat(block.find()).as("README.md has the FarmQuickStart block").isTrue();
    Path src = Files.writeString(tmp.resolve("FarmQuickStart.java"), block.group(1));
    Path classes = Files.createDirectories(tmp.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    boolean ok =
        javac
            .getTask(
                diagnostics,
                null,
                null,
                List.of("-classpath", classpath(), "-d", classes.toString(), "--release", "17"),
                null,
                javac
                    .getStandardFileManager(null, null, StandardCharsets.UTF_8)
                    .getJavaFileObjects(src.toFile()))
            .call();
    assertThat(ok).as("javac: " + diagnostics).isTrue();

    try (RedisServer server = RedisServer.startNew()) {
      String key = Base64.getEncoder().encodeToString(SecretBytes.random(32).toByteArray());
      PrintStream original = System.out;
      ByteArrayOutputStream captured = new ByteArrayOutputStream();
      try (URLClassLoader loader =
          new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
        Method main = loader.loadClass("FarmQuickStart").getMethod("main", String[].class);
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        main.invoke(null, (Object) new String[] {server.uri(), key});
      } finally {
        System.setOut(original);
      }
      assertThat(captured.toString(StandardCharsets.UTF_8).strip()).isEqualTo("FIRST_SEEN REPLAY");
    }
  }

  /** Surefire's manifest-only jar hides the real classpath in java.class.path. */
  private static String classpath() {
    String cp = System.getProperty("surefire.test.class.path");
    if (cp == null || cp.isEmpty()) {
      cp = System.getProperty("java.class.path");
    }
    return cp.replace(File.pathSeparator + File.pathSeparator, File.pathSeparator);
  }

  private static Path readme() {
    String root = System.getProperty("parley.root");
    if (root != null && Files.isRegularFile(Path.of(root, "README.md"))) {
      return Path.of(root, "README.md");
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("README.md"))
          && Files.isDirectory(p.resolve("parley-redis"))) {
        return p.resolve("README.md");
      }
    }
    throw new AssertionError("README.md not found above " + Path.of("").toAbsolutePath());
  }
}
