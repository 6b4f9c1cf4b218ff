package org.latentwalk.interpolation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.inject.Qualifier;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Qualifies the map of strategies that replace built-in ones of the same name. Strategies are
 * contributed to a plain MapBinder (a duplicate name fails at start-up); a user who means to
 * replace one binds it into the map qualified with this annotation instead.
 */
@Qualifier
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, METHOD})
public @interface StrategyOverride {}
