package org.latentwalk.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/**
 * The boundaries of the spark module (the cli module's ArchitectureTest cannot see its classes).
 */
@AnalyzeClasses(
    packages = "org.latentwalk.spark",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule onlySparkMainWritesToTheProcessStreams =
      noClasses()
          .that()
          .resideInAPackage("org.latentwalk.spark..")
          .and()
          .doNotHaveFullyQualifiedName("org.latentwalk.spark.cli.SparkMain")
          .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
          .because("jobs log with slf4j and return results; commands write to picocli's writers");

  @ArchTest
  static final ArchRule onlySparkMainExits =
      noClasses()
          .that()
          .resideInAPackage("org.latentwalk.spark..")
          .and()
          .doNotHaveFullyQualifiedName("org.latentwalk.spark.cli.SparkMain")
          .should()
          .callMethod(System.class, "exit", int.class)
          .orShould()
          .callMethod(Runtime.class, "exit", int.class)
          .because("commands return exit codes; only the entry point exits the JVM");

  @ArchTest
  static final ArchRule jobsReachModelsOnlyThroughTheSpi =
      noClasses()
          .that()
          .resideInAPackage("org.latentwalk.spark..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.latentwalk.models..", "org.nd4j..", "org.deeplearning4j..")
          .because("any plugin model must work: models are reached through the core SPI and store");

  @ArchTest
  static final ArchRule oneInjectorPerSparkJvm =
      noClasses()
          .that()
          .doNotHaveFullyQualifiedName(SparkServices.class.getName() + "$Holder")
          .should()
          .callMethodWhere(
              com.tngtech.archunit.base.DescribedPredicate.describe(
                  "Guice.createInjector",
                  call ->
                      call.getTarget().getOwner().isEquivalentTo(com.google.inject.Guice.class)))
          .because(
              "a Spark JVM (driver or executor) has one injector, built from SparkModule by"
                  + " SparkServices");
}
