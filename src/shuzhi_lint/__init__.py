"""shuzhi-lint: a linter for Chinese duty reports (述职报告)."""

from shuzhi_lint.hookspecs import hookimpl

__all__ = ["hookimpl", "__version__"]

__version__ = "0.1.0"
