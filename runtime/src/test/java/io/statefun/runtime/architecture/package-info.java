/** Tests of the runtime's shape: the dependency rules its package docs state, checked. */
package io.statefun.runtime.architecture;
