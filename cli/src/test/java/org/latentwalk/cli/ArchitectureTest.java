package org.latentwalk.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.latentwalk.core.model.ModelProvider;

/**
 * The module boundaries of DEVELOPERS.md and CONVENTIONS.md, checked on the compiled classes of
 * every module (the CLI's test class path holds them all). Each rule says why it exists.
 */
@AnalyzeClasses(
    packages = "org.latentwalk",
    importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestJars.class})
class ArchitectureTest {
  /** Leaves out test jars (e.g. core's test helpers) that the class path also holds. */
  static final class NoTestJars implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("-tests.jar") && !location.contains("/test-classes/");
    }
  }

  private static final String[] LIBRARIES = {
    "org.latentwalk.core..",
    "org.latentwalk.datasets..",
    "org.latentwalk.models..",
    "org.latentwalk.interpolation..",
    "org.latentwalk.library..",
    "org.latentwalk.spark.."
  };

  @ArchTest
  static final ArchRule coreDependsOnNoOtherModule =
      noClasses()
          .that()
          .resideInAPackage("org.latentwalk.core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.latentwalk.datasets..",
              "org.latentwalk.models..",
              "org.latentwalk.interpolation..",
              "org.latentwalk.cli..",
              "org.latentwalk.spark..")
          .because(
              "core is the SPI a plugin compiles against alone; modules depend on it, not the reverse");

  @ArchTest
  static final ArchRule coreUsesNoNativeOrDiLibraries =
      noClasses()
          .that()
          .resideInAPackage("org.latentwalk.core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.nd4j..",
              "org.deeplearning4j..",
              "org.bytedeco..",
              "com.google.inject..",
              "picocli..")
          .because(
              "core depends on the JDK, Jackson and slf4j-api only (no DL4J/ND4J, Guice or picocli)");

  @ArchTest
  static final ArchRule interpolationReachesModelsOnlyThroughTheSpi =
      noClasses()
          .that()
          .resideInAnyPackage("org.latentwalk.interpolation..", "org.latentwalk.library..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.latentwalk.models..",
              "org.latentwalk.datasets..",
              "org.latentwalk.cli..",
              "org.nd4j..",
              "org.deeplearning4j..")
          .because(
              "the interpolation engine and the library facade must work on any discovered model"
                  + " through the core SPI")
          .allowEmptyShould(true);

  @ArchTest
  static final ArchRule onlyTheModelModulesUseDl4j =
      noClasses()
          .that()
          .resideOutsideOfPackages("org.latentwalk.models..", "org.latentwalk.spark..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.nd4j..", "org.deeplearning4j..")
          .because("DL4J/ND4J live only in the modules that need them");

  @ArchTest
  static final ArchRule noModelModuleDependsOnAnother =
      slices()
          .matching("org.latentwalk.models.(*)..")
          .should()
          .notDependOnEachOther()
          .ignoreDependency(
              JavaClass.Predicates.resideInAPackage("org.latentwalk.models.."),
              JavaClass.Predicates.resideInAPackage("org.latentwalk.models.nn.."))
          .because(
              "model modules share code through the models-nn kit, never through each other: a"
                  + " model's jar must register that model alone");

  @ArchTest
  static final ArchRule theKitRegistersNoModel =
      noClasses()
          .that()
          .resideInAPackage("org.latentwalk.models.nn..")
          .should()
          .implement(ModelProvider.class)
          .orShould()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.latentwalk.datasets..",
              "org.latentwalk.interpolation..",
              "org.latentwalk.cli..",
              "org.latentwalk.spark..")
          .because(
              "models-nn is a library for model modules and plugins: core and ND4J only, no model");

  @ArchTest
  static final ArchRule librariesDoNotPrint =
      noClasses()
          .that()
          .resideInAnyPackage(LIBRARIES)
          .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
          .because(
              "libraries log with slf4j and return results; only the CLI writes to stdout/stderr");

  @ArchTest
  static final ArchRule librariesDoNotExit =
      noClasses()
          .that()
          .resideInAnyPackage(LIBRARIES)
          .should()
          .callMethod(System.class, "exit", int.class)
          .orShould()
          .callMethod(Runtime.class, "exit", int.class)
          .because("a library must not end its caller's JVM; failures are exceptions");

  @ArchTest
  static final ArchRule commandsDoNotExit =
      noClasses()
          .that()
          .resideInAPackage("org.latentwalk.cli..")
          .and()
          .doNotHaveSimpleName("Main")
          .should()
          .callMethod(System.class, "exit", int.class)
          .because("commands return exit codes; only Main exits the JVM");

  @ArchTest
  static final ArchRule commandsNeverCallTheInjector =
      noClasses()
          .that()
          .areAnnotatedWith(picocli.CommandLine.Command.class)
          .or()
          .haveSimpleNameEndingWith("Args")
          .or()
          .haveSimpleName("ModelContext")
          .and()
          .doNotHaveFullyQualifiedName(LatentwalkCli.class.getName())
          .should()
          .dependOnClassesThat()
          .areAssignableTo(com.google.inject.Injector.class)
          .because(
              "commands get their services through @Inject constructors (Guice is not a service"
                  + " locator); only the edge that creates the injector (the root command's static"
                  + " run) holds it");

  @ArchTest
  static final ArchRule oneInjectorPerProcess =
      noClasses()
          .that()
          .doNotHaveFullyQualifiedName(LatentwalkCli.class.getName())
          .and()
          .doNotHaveFullyQualifiedName("org.latentwalk.spark.SparkServices$Holder")
          .and()
          .doNotHaveFullyQualifiedName("org.latentwalk.library.LatentwalkLibrary")
          .should()
          .callMethodWhere(
              com.tngtech.archunit.base.DescribedPredicate.describe(
                  "Guice.createInjector",
                  call ->
                      call.getTarget().getOwner().isEquivalentTo(com.google.inject.Guice.class)))
          .because(
              "one injector per process, created at the edge: the CLI's run, a Spark JVM's"
                  + " SparkServices, or an application's LatentwalkLibrary.open");

  @ArchTest
  static final ArchRule noPackageCycles =
      slices()
          .matching("org.latentwalk.(**)")
          .should()
          .beFreeOfCycles()
          .because("package cycles make modules impossible to split or test alone");
}
