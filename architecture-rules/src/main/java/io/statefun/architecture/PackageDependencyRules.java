package io.statefun.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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

/**
 * Every "must not depend on ..." (or "must not reach into ...") sentence of the package-info files
 * of one module, checked against its compiled classes. A sentence naming something the vocabulary
 * cannot translate fails the check, so a rule is never prose only.
 *
 * <p>Terms: "rest of ..." and "any other ..." mean the module's root package outside the package;
 * "flink" means {@code org.apache.flink..} except its stability annotations ({@code @Internal} is
 * documentation, not a dependency); every other term comes from the module's vocabulary.
 */
public final class PackageDependencyRules {
  private static final String FLINK_ANNOTATIONS = "org.apache.flink.annotation..";
  private static final Pattern RULE =
      Pattern.compile(
          "must not (?:depend on|reach into) (.+?)(?:[.;:](?:\\s|$)|$)", Pattern.CASE_INSENSITIVE);

  private final String root;
  private final Path sources;
  private final Map<String, String> vocabulary;

  /**
   * @param root the module's root package, e.g. {@code io.statefun.sdk}
   * @param sources the module's main sources, holding the package-info files
   * @param vocabulary what the docs call what they forbid, to ArchUnit package patterns
   */
  public PackageDependencyRules(String root, Path sources, Map<String, String> vocabulary) {
    this.root = root;
    this.sources = sources;
    this.vocabulary = Map.copyOf(vocabulary);
  }

  /**
   * Checks every rule; throws {@link AssertionError} naming the rule and the offending classes.
   * Returns the rules checked, as {@code package -/-> term}.
   */
  public List<String> check() throws IOException {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(root);
    List<String> checked = new ArrayList<>();
    for (Path packageInfo : packageInfos()) {
      String pkg = sources.relativize(packageInfo.getParent()).toString().replace('/', '.');
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
    return checked;
  }

  private DescribedPredicate<JavaClass> forbidden(String term, String pkg, Path file) {
    if (term.startsWith("rest of ") || term.startsWith("any other ")) {
      return resideInAnyPackage(root + "..")
          .and(resideOutsideOfPackage(pkg))
          .as("are in " + term + " (" + root + " outside " + pkg + ")");
    }
    if (term.equals("flink")) {
      return resideInAnyPackage("org.apache.flink..")
          .and(resideOutsideOfPackage(FLINK_ANNOTATIONS))
          .as("are in Flink (org.apache.flink.., its annotations aside)");
    }
    String packages = vocabulary.get(term);
    if (packages == null) {
      throw new AssertionError(
          file
              + " forbids '"
              + term
              + "', which this check cannot translate; known: "
              + vocabulary);
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

  private List<Path> packageInfos() throws IOException {
    try (Stream<Path> files = Files.walk(sources)) {
      return files.filter(f -> f.getFileName().toString().equals("package-info.java")).toList();
    }
  }
}
