/** Tests of the endpoint kinds of {@code module.yaml}: field names, defaults and errors. */
package io.statefun.runtime.remote.yaml;
