/**
 * Test support shared by every module's {@code PackageDependencyRulesTest}: the package docs' "must
 * not depend on" sentences turned into ArchUnit rules. Used in test scope only.
 */
package io.statefun.architecture;
