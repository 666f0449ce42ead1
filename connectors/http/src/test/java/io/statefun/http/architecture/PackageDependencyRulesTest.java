package io.statefun.http.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every "must not depend on ..." sentence of a package-info in this module, checked against the
 * compiled classes. A sentence naming something this test cannot translate fails the test, so a
 * rule is never prose only.
 */
class PackageDependencyRulesTest {
  private static final String ROOT = "io.statefun.http";
  private static final Path SOURCES = Path.of("src/main/java");
  private static final String FLINK_ANNOTATIONS = "org.apache.flink.annotation..";

  /** What the package docs call what they forbid; "rest of ..." and "any other ..." mean ROOT. */
  private static final Map<String, String> VOCABULARY =
      Map.of(
          "dispatch",
          "io.statefun.runtime.dispatch..",
          "state",
          "io.statefun.runtime.state..",
          "feedback loop",
          "io.statefun.runtime.feedback..",
          "netty",
          "io.netty..",
          "server",
          "io.statefun.http.server..",
          "flink operators",
          "io.statefun.http.ingress..");

  private static final Pattern RULE =
      Pattern.compile(
          "must not (?:depend on|reach into) (.+?)(?:[.;:](?:\\s|$)|$)", Pattern.CASE_INSENSITIVE);

  @Test
  void everyPackageKeepsTheDependencyRulesItsDocStates() throws IOException {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
    List<String> checked = new ArrayList<>();
    for (Path packageInfo : packageInfos()) {
      String pkg = SOURCES.relativize(packageInfo.getParent()).toString().replace('/', '.');
      String doc = Files.readString(packageInfo).replaceAll("\\s*\\n\\s*\\*?\\s*", " ");
      Matcher sentence = RULE.matcher(doc);
      while (sentence.find()) {
        for (String term : terms(sentence.group(1))) {
          noClasses()
              .that()
              .resideInAPackage(pkg)
              .should()
              .dependOnClassesThat(forbidden(term, pkg, packageInfo))
              .because(packageInfo + " says: must not depend on " + sentence.group(1).trim())
              .check(classes);
          checked.add(pkg + " -/-> " + term);
        }
      }
    }
    assertThat(checked).as("rules found in the package docs").hasSizeGreaterThanOrEqualTo(7);
  }

  private static DescribedPredicate<JavaClass> forbidden(String term, String pkg, Path file) {
    if (term.startsWith("rest of ") || term.startsWith("any other ")) {
      return resideInAnyPackage(ROOT + "..")
          .and(resideOutsideOfPackage(pkg))
          .as("are in " + term + " (" + ROOT + " outside " + pkg + ")");
    }
    if (term.equals("flink")) {
      // Flink's stability markers (@Internal) are documentation, not a dependency on Flink
      return resideInAnyPackage("org.apache.flink..")
          .and(resideOutsideOfPackage(FLINK_ANNOTATIONS))
          .as("are in Flink (org.apache.flink.., its annotations aside)");
    }
    String packages = VOCABULARY.get(term);
    if (packages == null) {
      throw new AssertionError(
          file + " forbids '" + term + "', which this test cannot check; known: " + VOCABULARY);
    }
    return resideInAnyPackage(packages).as("are in " + term + " (" + packages + ")");
  }

  /** "dispatch, state or the feedback loop" → dispatch, state, feedback loop. */
  static List<String> terms(String forbidden) {
    String plain =
        forbidden
            .replaceAll("\\{@code ([^}]*)}", "$1")
            .replaceAll("\\([^)]*\\)", "")
            .toLowerCase(Locale.ROOT);
    List<String> terms = new ArrayList<>();
    for (String part : plain.split(",|\\bor\\b|\\band\\b")) {
      String term = part.trim().replaceFirst("^on ", "").replaceFirst("^the ", "").trim();
      if (!term.isEmpty()) {
        terms.add(term);
      }
    }
    return terms;
  }

  private static List<Path> packageInfos() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      return files.filter(f -> f.getFileName().toString().equals("package-info.java")).toList();
    }
  }
}
