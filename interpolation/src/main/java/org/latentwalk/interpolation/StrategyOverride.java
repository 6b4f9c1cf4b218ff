package org.latentwalk.interpolation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.inject.Qualifier;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Qualifies the maps of strategies that replace built-in ones of the same name. Strategies are
 * contributed to a plain MapBinder (a duplicate name fails at start-up); a user who means to
 * replace one binds it into the map qualified with this annotation instead, and the engine prefers
 * it.
 *
 * <p>Why not {@code Modules.override}: in Guice 7 a MapBinder entry bound again in the overriding
 * module is not replaced but reported as a duplicate key ({@code Guice/DuplicateMapKey}), and
 * {@code permitDuplicates()} keeps an arbitrary one of the two. {@code StrategiesTest} pins that
 * behaviour, so an upgrade that changes it is noticed.
 */
@Qualifier
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, METHOD})
public @interface StrategyOverride {}
