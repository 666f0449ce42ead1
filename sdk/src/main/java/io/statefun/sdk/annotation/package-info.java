/**
 * Markers on SDK types: {@link io.statefun.sdk.annotation.Internal} tells types public for the
 * runtime's sake apart from the function API. Must not depend on any other SDK package.
 */
@NullMarked
package io.statefun.sdk.annotation;

import org.jspecify.annotations.NullMarked;
