package dev.gust.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries the layout promises, checked on the sources: a service never imports
 * another service; only a module's wire files ({@code *Api}, {@code *Model}, {@code *Service})
 * import the wire layer; every module is one flat package.
 */
class BoundariesTest {

  private static final Path ROOT = findRoot();

  /**
   * Modules that are the wire layer, compose nodes, support tests or measure the wire: they may use
   * it.
   */
  private static final Set<String> WIRE_MODULES =
      Set.of(
          "platform/wire",
          "platform/http",
          "node/server",
          "node/cli",
          "tests/testkit",
          "tests/benchmarks");

  private static final Pattern IMPORT = Pattern.compile("^import (static )?dev\\.gust\\.(\\w+)\\.");

  @Test
  void servicesNeverImportOneAnother() {
    List<String> services = modulesUnder("services").stream().map(this::packageOf).toList();
    List<String> violations = new ArrayList<>();
    for (Path module : modulesUnder("services")) {
      String own = packageOf(module);
      for (Path file : mainSources(module)) {
        for (String imported : importedPackages(file)) {
          if (!imported.equals(own) && services.contains(imported)) {
            violations.add(ROOT.relativize(file) + " imports dev.gust." + imported);
          }
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void onlyWireFilesImportTheWireLayer() {
    List<String> violations = new ArrayList<>();
    for (Path module : allModules()) {
      if (WIRE_MODULES.contains(ROOT.relativize(module).toString())) {
        continue;
      }
      for (Path file : mainSources(module)) {
        String name = file.getFileName().toString().replace(".java", "");
        boolean wireFile =
            name.endsWith("Api") || name.endsWith("Model") || name.endsWith("Service");
        if (!wireFile && importedPackages(file).contains("wire")) {
          violations.add(ROOT.relativize(file).toString());
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void everyModuleIsOneFlatPackage() {
    List<String> violations = new ArrayList<>();
    for (Path module : allModules()) {
      for (String tree : List.of("src/main/java", "src/test/java")) {
        Path sources = module.resolve(tree);
        if (!Files.isDirectory(sources)) {
          continue;
        }
        List<Path> packages = packageDirectories(sources);
        if (packages.size() > 1) {
          violations.add(ROOT.relativize(module) + "/" + tree + " holds " + packages);
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  private List<Path> allModules() {
    List<Path> modules = new ArrayList<>();
    for (String group : List.of("platform", "execution", "lambda", "services", "node", "tests")) {
      modules.addAll(modulesUnder(group));
    }
    assertThat(modules).hasSizeGreaterThan(15);
    return modules;
  }

  private List<Path> modulesUnder(String group) {
    try (Stream<Path> children = Files.list(ROOT.resolve(group))) {
      return children.filter(dir -> Files.exists(dir.resolve("pom.xml"))).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The package of a module, such as {@code sqs} for {@code dev.gust.sqs}. */
  private String packageOf(Path module) {
    List<Path> packages = packageDirectories(module.resolve("src/main/java"));
    assertThat(packages).as("packages of " + module).hasSize(1);
    return packages.getFirst().getFileName().toString();
  }

  /** The directories that hold Java files. */
  private static List<Path> packageDirectories(Path sources) {
    try (Stream<Path> files = Files.walk(sources)) {
      return files
          .filter(file -> file.toString().endsWith(".java"))
          .map(Path::getParent)
          .distinct()
          .map(sources::relativize)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> mainSources(Path module) {
    Path sources = module.resolve("src/main/java");
    if (!Files.isDirectory(sources)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(sources)) {
      return files.filter(file -> file.toString().endsWith(".java")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> importedPackages(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines
          .map(IMPORT::matcher)
          .filter(Matcher::find)
          .map(matcher -> matcher.group(2))
          .distinct()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path findRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("platform"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("cannot find the repository root");
    }
    return dir;
  }
}
