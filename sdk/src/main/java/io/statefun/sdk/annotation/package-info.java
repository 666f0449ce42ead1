/**
 * Markers on SDK types: {@link io.statefun.sdk.annotation.Internal} tells types public for the
 * runtime's sake apart from the function API. Depends on nothing but the JDK.
 */
package io.statefun.sdk.annotation;
