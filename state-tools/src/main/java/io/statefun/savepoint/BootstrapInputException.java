package io.statefun.savepoint;

import java.util.List;

/** Bootstrap input with problems; each names its file and line. Nothing was written. */
public final class BootstrapInputException extends Exception {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  BootstrapInputException(List<String> problems) {
    super(
        problems.size()
            + (problems.size() == 1 ? " problem" : " problems")
            + " in the bootstrap input, nothing written:\n  "
            + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
