package io.statefun.runtime.module;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

/**
 * The class loader of one module folder's JARs: a child of the runtime's (parent first), so the SDK
 * and the connectors are shared while two modules' own classes can't clash. One is created each
 * time an application is loaded (on the client and in every task that loads it); it lives as long
 * as the functions and routers it defined.
 */
final class ModuleClassLoader extends URLClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final String moduleName;

  ModuleClassLoader(String moduleName, List<URL> jars, ClassLoader parent) {
    super("module " + moduleName, jars.toArray(new URL[0]), parent);
    this.moduleName = moduleName;
  }

  @Override
  public String toString() {
    return "ModuleClassLoader[" + moduleName + "]";
  }
}
