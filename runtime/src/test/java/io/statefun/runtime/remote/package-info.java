/**
 * Tests of remote functions: protocol logic without Flink, and integration tests on a shared
 * MiniCluster with endpoints on 127.0.0.1 (official StateFun SDK and ours).
 */
package io.statefun.runtime.remote;
