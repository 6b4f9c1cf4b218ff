package org.latentwalk.report;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The report reaches models only through core's SPI and stays free of native code and wiring. */
class ReportArchitectureTest {
  private static final JavaClasses REPORT =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.latentwalk.report");

  @Test
  void dependsOnNoModelModuleNd4jGuiceOrCli() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.latentwalk.models..",
            "org.latentwalk.cli..",
            "org.nd4j..",
            "org.deeplearning4j..",
            "org.bytedeco..",
            "com.google.inject..",
            "picocli..")
        .because(
            "the report works with any model through core's SPI, loads no native library, and"
                + " is wired by the CLI's injector (only jakarta.inject annotations here)")
        .check(REPORT);
  }
}
