package io.statefun.sdk.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type that is public only so that the runtime can share it with the SDK: not part of the
 * function API, and it may change in any release. The SDK's counterpart of Flink's {@code
 * org.apache.flink.annotation.Internal}, which the SDK cannot use because it has no Flink.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD})
public @interface Internal {}
