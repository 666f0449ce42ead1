package io.statefun.runtime.module;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.flink.annotation.Internal;

/**
 * One module folder as the job was built with it: its name (the folder's), its path, and the
 * content digest of every file that makes it ({@code *.jar} and {@code module.yaml}). Every JVM
 * that loads the application compares the folder it sees against these digests, so a worker whose
 * modules differ from the master's fails with a message naming the module and file.
 *
 * @param name the folder's name
 * @param path the folder, the same on every machine (e.g. {@code /opt/statefun/modules/greeter})
 * @param files the folder's module files, sorted by name
 */
@Internal
public record ModuleDirectory(String name, String path, List<ModuleFile> files)
    implements Serializable {

  /** The file name of a module's YAML components. */
  public static final String MODULE_YAML = "module.yaml";

  public ModuleDirectory {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
    files = List.copyOf(files);
  }

  /** Reads the folder's module files now. */
  public static ModuleDirectory of(Path folder) {
    Path absolute = folder.toAbsolutePath().normalize();
    return new ModuleDirectory(
        absolute.getFileName().toString(), absolute.toString(), ModuleFile.listIn(absolute));
  }

  public List<ModuleFile> jars() {
    return files.stream().filter(ModuleFile::isJar).toList();
  }

  public boolean hasModuleYaml() {
    return files.stream().anyMatch(f -> f.name().equals(MODULE_YAML));
  }

  public Path folder() {
    return Path.of(path);
  }

  /** The JARs as URLs, for a class loader or Flink's {@code pipeline.classpaths}. */
  public List<URL> jarUrls() {
    List<URL> urls = new ArrayList<>();
    for (ModuleFile jar : jars()) {
      try {
        urls.add(folder().resolve(jar.name()).toUri().toURL());
      } catch (MalformedURLException e) {
        throw new IllegalStateException(e);
      }
    }
    return urls;
  }

  /**
   * Checks that the folder on this machine still holds exactly these files.
   *
   * @throws ModuleLoadingException naming the module and what differs
   */
  public void verifyUnchanged() {
    Path folder = folder();
    if (!Files.isDirectory(folder)) {
      throw new ModuleLoadingException(
          "Module '"
              + name
              + "' was built into the job from "
              + path
              + ", but that folder does"
              + " not exist here (host "
              + hostName()
              + "). Every worker needs the same modules"
              + " folder as the master.");
    }
    List<ModuleFile> here = ModuleFile.listIn(folder);
    if (!here.equals(files)) {
      throw new ModuleLoadingException(
          "Module '"
              + name
              + "' in "
              + path
              + " on host "
              + hostName()
              + " differs from the one"
              + " the job was built with (on the master): the job has "
              + files
              + ", this machine"
              + " has "
              + here
              + ". Every worker needs the same modules folder as the master.");
    }
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "?";
    }
  }

  /** One file of a module folder and the SHA-256 of its content. */
  public record ModuleFile(String name, long size, String sha256) implements Serializable {
    public ModuleFile {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(sha256, "sha256");
    }

    boolean isJar() {
      return name.endsWith(".jar");
    }

    static List<ModuleFile> listIn(Path folder) {
      try (Stream<Path> entries = Files.list(folder)) {
        return entries
            .filter(Files::isRegularFile)
            .filter(
                p ->
                    p.getFileName().toString().endsWith(".jar")
                        || p.getFileName().toString().equals(MODULE_YAML))
            .sorted()
            .map(ModuleFile::of)
            .toList();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list module folder " + folder, e);
      }
    }

    static ModuleFile of(Path file) {
      try (InputStream in =
          new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
        in.transferTo(OutputStreamSink.INSTANCE);
        String digest =
            HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        return new ModuleFile(file.getFileName().toString(), Files.size(file), digest);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read module file " + file, e);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public String toString() {
      return name + " (" + size + " bytes, sha256 " + sha256.substring(0, 12) + ")";
    }
  }

  /** Discards what a digest stream reads. */
  private static final class OutputStreamSink extends java.io.OutputStream {
    static final OutputStreamSink INSTANCE = new OutputStreamSink();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
