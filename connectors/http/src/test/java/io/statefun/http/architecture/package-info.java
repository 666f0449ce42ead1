/** Tests of the HTTP connector's shape: the dependency rules its package docs state, checked. */
package io.statefun.http.architecture;
