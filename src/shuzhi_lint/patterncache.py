"""Compiled regular expressions kept across runs.

``regex`` parses and compiles a pattern in Python, ~0.45 ms each: ~25 ms for the built-in rules,
the largest single cost of linting one report. What it hands its C engine at the end is plain
data (an opcode list and group tables), so that is stored in the disk cache and handed straight
to the engine next time. The C engine trusts those opcodes (a changed integer can crash the
interpreter or loop forever), so nothing reaches it unchecked: the cache file is keyed by the
regex and Python versions and by the build of regex's C extension (its file's size and
modification time: a rebuilt or reinstalled extension gets a new cache), and the file carries a
checksum of its whole table (``diskcache.load_checked``), verified before any entry is used: a file
that does not match is ignored whole. A pattern only gets there after compiling successfully, so
invalid rule patterns still fail with regex's own message; a missing entry, or one the engine
refuses, is compiled afresh with ``regex.compile``.

The standard library's ``re`` does the same in Python (parse, then a code list for its C engine
``_sre``): the outline parser, the loaders and many checks compile a few hundred such patterns,
~20 ms a run. ``compile_std`` keeps their code lists the same way, in a second table keyed by the
exact Python build, and returns the very ``re.Pattern`` that ``re.compile`` would.
"""

from __future__ import annotations

import importlib
import marshal
import os
import re
import sys
import threading

import regex

from shuzhi_lint import diskcache


def _engine_caller():
    """regex's module that hands compiled patterns to the C engine (renamed in 2023)."""
    for name in ("regex._main", "regex.regex"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if hasattr(module, "_regex"):
            return module
    return None  # pragma: no cover - unknown internals: plain compiles, no cache


_regex_main = _engine_caller()

MAX_ENTRIES = 4000  # user rule sets come and go; past this the table starts afresh

_lock = threading.Lock()


def _std_compiler():
    """The standard library module that hands compiled ``re`` patterns to ``_sre``."""
    for name in ("re._compiler", "sre_compile"):  # renamed in Python 3.11
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if hasattr(module, "_sre") and hasattr(module, "compile"):
            return module
    return None  # pragma: no cover - unknown internals: plain compiles, no cache


_re_compiler = _std_compiler()


class _Recorder:
    """Stands in for the C module during one compile, to keep the arguments the compiler hands it."""

    def __init__(self, engine):
        self._engine = engine
        self.args: tuple | None = None

    def __getattr__(self, name):
        return getattr(self._engine, name)

    def compile(self, *args):
        self.args = args
        return self._engine.compile(*args)


def _extension_build() -> str:
    """The C extension the opcodes are for: its file, size and modification time."""
    engine = getattr(_regex_main, "_regex", None)
    path = getattr(engine, "__file__", None)
    try:
        st = os.stat(path) if path else None
    except OSError:
        st = None
    return f"{path}|{st.st_size}|{st.st_mtime_ns}" if st is not None else "unknown build"


# the layout of the tables on disk: a table of engine arguments under one checksum (load_checked)
_TABLE_FORMAT = "checked table 2"


def _entry():
    return diskcache.entry("regex", [], extra=f"{_TABLE_FORMAT}\nregex {regex.__version__}\n{_extension_build()}")


def _std_entry():
    engine = _re_compiler._sre
    try:
        st = os.stat(_re_compiler.__file__)
        source = f"{_re_compiler.__file__}|{st.st_size}|{st.st_mtime_ns}"
    except (OSError, TypeError):
        source = "unknown source"
    build = f"{_TABLE_FORMAT}\n{sys.version}\n{sys.hexversion}\n{engine.MAGIC}\n{engine.CODESIZE}\n{source}"
    return diskcache.entry("re", [], extra=build)


def _stored_args(stored):
    """The engine arguments of a table entry (a tuple), or None. The table as a whole was checked
    when it was read (``diskcache.load_checked``); the engine itself refuses arguments of another shape."""
    return stored if isinstance(stored, tuple) else None


class _Table:
    """Engine arguments of compiled patterns, kept on disk, for one regular-expression module:
    ``owner.<attr>`` is the C engine its compiler hands them to (regex's ``_regex``, re's ``_sre``).

    ``compile`` is one path for both modules: a verified entry goes straight to the engine; else
    the module compiles the pattern while a ``_Recorder`` stands in for the engine, and what it
    was handed is kept (``plain`` makes it marshal-able data, or says it cannot be kept)."""

    def __init__(self, entry, owner, attr: str, compile_fresh, plain):
        self._entry = entry  # () -> the disk cache file of the table
        self._owner = owner
        self._attr = attr
        self._compile_fresh = compile_fresh  # (pattern, flags) -> compiled, through owner.<attr>
        self._plain = plain  # (pattern, recorded engine arguments) -> storable arguments or None
        self.table: dict | None = None
        self.dirty = False

    def loaded(self) -> dict:
        if self.table is None:
            table = diskcache.load_checked(self._entry())
            self.table = table if isinstance(table, dict) else {}
        return self.table

    def compile(self, pattern: str, flags: int):
        key = f"{flags}:{pattern}"
        with _lock:
            engine = getattr(self._owner, self._attr)
            args = _stored_args(self.loaded().get(key))
            if args is not None:
                try:
                    return engine.compile(pattern, *args)
                except Exception:  # an entry from other engine internals: compile afresh
                    pass
            recorder = _Recorder(engine)
            setattr(self._owner, self._attr, recorder)
            try:
                compiled = self._compile_fresh(pattern, flags)
            finally:
                setattr(self._owner, self._attr, engine)
            stored = self._plain(pattern, recorder.args)
            if stored is not None:
                self.table[key] = stored
                self.dirty = True
            return compiled

    def save(self) -> None:
        """Write the table if patterns were added (the caller holds the lock)."""
        if self.dirty and self.table is not None:
            if len(self.table) > MAX_ENTRIES:
                self.table = {}
            diskcache.save_checked(self._entry(), self.table)
            self.dirty = False


def _regex_plain(pattern: str, args):
    return _storable(args)


def _std_plain(pattern: str, args):
    # only arguments for this very pattern (not a compile another thread ran meanwhile); the code
    # list holds named int constants (OPCODES): plain ints for marshal
    if args and args[0] is pattern and len(args) > 2 and isinstance(args[2], list):
        return _storable((*args[:2], [int(op) for op in args[2]], *args[3:]))
    return None


#: regex's table (``compile``) and the standard library's (``compile_std``); None without the
#: internals they need (plain compiles then)
_REGEX = _Table(_entry, _regex_main, "_regex", lambda p, f: regex.compile(p, f, cache_pattern=False), _regex_plain) if _regex_main else None
_STD = _Table(_std_entry, _re_compiler, "_sre", lambda p, f: _re_compiler.compile(p, f), _std_plain) if _re_compiler else None


def compile(pattern: str, flags: int = 0):
    """``regex.compile(pattern, flags)``, from the disk cache when this pattern was seen before."""
    if _REGEX is None:
        return regex.compile(pattern, flags)
    return _REGEX.compile(pattern, int(flags))


def compile_std(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)`` (the standard library's), from the disk cache when this
    pattern was seen before: the same ``re.Pattern``, without parsing and compiling in Python."""
    flags = int(flags)
    if _STD is None or not isinstance(pattern, str) or flags & re.DEBUG:
        return re.compile(pattern, flags)
    return _STD.compile(pattern, flags)


def _storable(args: tuple | None):
    """The engine arguments after the pattern, as marshal-able plain data (None if not)."""
    if not args or len(args) < 2:
        return None
    flags, *rest = args[1:]
    try:
        plain = (int(flags), *rest)
        marshal.dumps(plain)
    except (TypeError, ValueError):
        return None
    return plain


def save() -> None:
    """Write newly compiled patterns to the disk cache (once, after a rule set has loaded)."""
    with _lock:
        for table in (_REGEX, _STD):
            if table is not None:
                table.save()
