/** The HTTP ingress in running jobs on a shared MiniCluster, driven by a plain JDK HTTP client. */
package io.statefun.http.it;
