/** Tests of the launcher's shape: the dependency rules its package docs state, checked. */
package io.statefun.launcher.architecture;
