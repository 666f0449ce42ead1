package io.statefun.launcher;

import org.apache.flink.runtime.util.EnvironmentInformation;
import picocli.CommandLine.IVersionProvider;

/** {@code statefun --version}: ours, Flink's and Java's. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String ours = Main.class.getPackage().getImplementationVersion();
    return new String[] {
      "statefun " + (ours == null ? "(development build)" : ours),
      "Apache Flink " + EnvironmentInformation.getVersion(),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
