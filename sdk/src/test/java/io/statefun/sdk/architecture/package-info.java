/** Tests of the SDK's shape: the dependency rules its package docs state, checked. */
package io.statefun.sdk.architecture;
