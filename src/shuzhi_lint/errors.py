"""Errors that end in exit code 2 with a one-line message instead of a traceback."""


class LintError(Exception):
    """A user-facing error: bad input, bad rule, bad config. ``str(err)`` is the one line shown."""


class InputError(LintError):
    """A file that cannot be read as a report. The run goes on with the other files."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self):  # picklable across --jobs worker processes
        return (InputError, (self.path, self.reason))


class RuleError(LintError):
    """An invalid rule file or rule; names file, line and the rule code where known."""

    def __init__(self, source: str, line: int | None, reason: str, code: str | None = None):
        where = f"{source}:{line}" if line else source
        prefix = f"{code}: " if code else ""
        super().__init__(f"{where}: {prefix}{reason}")

    def __reduce__(self):
        return (LintError, (str(self),))


class ConfigError(LintError):
    pass
