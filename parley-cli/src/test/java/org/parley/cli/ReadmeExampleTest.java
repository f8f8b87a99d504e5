package org.parley.cli;

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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java example is compiled against the test classpath and run. */
class ReadmeExampleTest {
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern CLASS_NAME = Pattern.compile("public class (\\w+)");

  @Test
  void readmeJavaExample_compilesAndPrintsFortyTwo(@TempDir Path tmp) throws Exception {
    String readme = Files.readString(readme(), StandardCharsets.UTF_8);
    Matcher block = JAVA_BLOCK.matcher(readme);
    assertThat(block.find()).as("README.md has a ```java block").isTrue();
    String source = block.group(1);
    Matcher name = CLASS_NAME.matcher(source);
    assertThat(name.find()).as("the example declares a public class").isTrue();
    String className = name.group(1);
    assertThat(source.lines().count()).as("the example stays short").isLessThanOrEqualTo(30);

    Path src = Files.writeString(tmp.resolve(className + ".java"), source);
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

    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      Method main = loader.loadClass(className).getMethod("main", String[].class);
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      main.invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(original);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8).strip()).isEqualTo("42");
  }

  /** Surefire's manifest-only jar hides the real classpath in java.class.path. */
  private static String classpath() {
    String cp = System.getProperty("surefire.test.class.path");
    if (cp == null || cp.isEmpty()) {
      cp = System.getProperty("java.class.path");
    }
    return cp.replace(File.pathSeparator + File.pathSeparator, File.pathSeparator);
  }

  @Test
  void readmeFarmConfiguration_isAValidServeConfiguration() throws Exception {
    String readme = Files.readString(readme(), StandardCharsets.UTF_8);
    Matcher block = Pattern.compile("```\\n(# node\\.conf.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(block.find()).as("README.md shows a node.conf").isTrue();
    org.parley.cli.node.NodeConfig config =
        org.parley.cli.node.NodeConfig.parse(block.group(1), "README node.conf", Path.of("/farm"));
    assertThat(config.redis()).contains(java.net.URI.create("redis://127.0.0.1:6379"));
    assertThat(config.keys()).isEqualTo(Path.of("/farm/keys"));
    assertThat(config.endpoints()).hasSize(org.parley.cli.node.NodeConfig.Endpoint.values().length);
  }

  private static Path readme() {
    String root = System.getProperty("parley.root");
    if (root != null && Files.isRegularFile(Path.of(root, "README.md"))) {
      return Path.of(root, "README.md");
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("README.md"))
          && Files.isDirectory(p.resolve("parley-cli"))) {
        return p.resolve("README.md");
      }
    }
    throw new AssertionError("README.md not found above " + Path.of("").toAbsolutePath());
  }
}
