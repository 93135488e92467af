"""``records.record``: the package's classes behave as ``dataclasses.dataclass`` makes them, and the
compiled methods come from the disk cache (or are compiled when it is off, unwritable or damaged)."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pickle
import pkgutil
import subprocess
import sys
import textwrap

import pytest

import shuzhi_lint
from shuzhi_lint import records

pytestmark = pytest.mark.skipif(not records.SUPPORTED, reason="plain dataclasses on this Python")

_MADE_BY_DATACLASSES = ("__dict__", "__weakref__", "__dataclass_fields__", "__dataclass_params__", "__match_args__", "__slots__", *records._OWN)


def _record_classes():
    for info in pkgutil.walk_packages(shuzhi_lint.__path__, "shuzhi_lint."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for obj in vars(module).values():
            if isinstance(obj, type) and obj.__module__ == module.__name__ and dataclasses.is_dataclass(obj):
                yield obj


def _twin(cls):
    """The class ``dataclasses.dataclass`` makes from ``cls``'s fields, options and other attributes."""
    params = cls.__dataclass_params__
    spec = []
    for f in dataclasses.fields(cls):
        kw = {"repr": f.repr, "compare": f.compare, "hash": f.hash, "init": f.init, "metadata": f.metadata}
        if f.default is not dataclasses.MISSING:
            kw["default"] = f.default
        if f.default_factory is not dataclasses.MISSING:
            kw["default_factory"] = f.default_factory
        spec.append((f.name, f.type, dataclasses.field(**kw)))
    names = {f.name for f in dataclasses.fields(cls)}
    namespace = {k: v for k, v in vars(cls).items() if k not in _MADE_BY_DATACLASSES and k not in names}
    namespace["__module__"] = cls.__module__
    return dataclasses.make_dataclass(cls.__name__, spec, namespace=namespace, frozen=params.frozen, slots="__slots__" in vars(cls))


def _sample(cls, tag: str):
    return {f.name: f"{tag}{i}" for i, f in enumerate(dataclasses.fields(cls)) if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}


def _outcome(call):
    try:
        return ("value", call())
    except Exception as e:  # noqa: BLE001 - the same exception type is what is compared
        return ("raises", type(e).__name__)


def test_the_package_uses_record():
    """Every dataclass of the package is declared with ``records.record`` in a form it writes
    (a docstring, no keyword-only fields...): none costs an ``exec`` per method at import."""
    classes = list(_record_classes())
    assert len(classes) >= 20
    plain = [c.__qualname__ for c in classes if c.__init__.__code__.co_filename != "<shuzhi-lint record>"]
    assert plain == [], "declare the package's dataclasses with shuzhi_lint.records.record, with a docstring"


@pytest.mark.parametrize("cls", list(_record_classes()), ids=lambda c: f"{c.__module__}.{c.__qualname__}")
def test_record_class_behaves_as_dataclass(cls):
    twin = _twin(cls)
    assert inspect.signature(cls) == inspect.signature(twin)
    assert cls.__init__.__annotations__ == twin.__init__.__annotations__
    assert cls.__init__.__qualname__ == f"{cls.__qualname__}.__init__"
    assert cls.__repr__.__qualname__ == f"{cls.__qualname__}.__repr__"
    assert getattr(cls, "__match_args__", None) == getattr(twin, "__match_args__", None)
    for attr in ("init", "repr", "eq", "order", "unsafe_hash", "frozen"):
        assert getattr(cls.__dataclass_params__, attr) == getattr(twin.__dataclass_params__, attr)
    assert (cls.__hash__ is None) == (twin.__hash__ is None)
    a, b = cls(**_sample(cls, "a")), twin(**_sample(cls, "a"))
    assert repr(a) == repr(b)
    assert _outcome(lambda: hash(a)) == _outcome(lambda: hash(b))
    same, other = cls(**_sample(cls, "a")), cls(**_sample(cls, "b"))
    assert (a == same, a != same) == (b == twin(**_sample(cls, "a")), b != twin(**_sample(cls, "a")))
    if _sample(cls, "a"):
        assert (a == other) is (b == twin(**_sample(cls, "b"))) is False
    assert (a == b) is False and a.__eq__(b) is NotImplemented
    for f in dataclasses.fields(cls):
        assert getattr(a, f.name) == getattr(b, f.name)
        if f.default_factory is not dataclasses.MISSING:
            assert getattr(a, f.name) is not getattr(same, f.name)  # a fresh value per instance
        assert _outcome(lambda f=f: setattr(a, f.name, "x")) == _outcome(lambda f=f: setattr(b, f.name, "x"))
    assert _outcome(lambda: dataclasses.replace(a))[0] == _outcome(lambda: dataclasses.replace(b))[0]
    assert pickle.loads(pickle.dumps(a)) == a  # as a batch's workers send them


def test_recursive_repr_is_guarded():
    from shuzhi_lint.outline_model import Section

    s = Section("problems", None, 0, 1, 2)
    s.items = [s]
    assert "items=[...]" in repr(s)


def _run(code: str, env: dict) -> str:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env, capture_output=True, text=True, check=True).stdout


PROBE = """
    import shuzhi_lint.finding as f, shuzhi_lint.records as r
    print(len(r._code or {}), repr(f.Finding('p', 1, 2, 1, 3, 'X001', 'n', 'c', 'error', 'm', 'x')))
"""


def test_methods_come_from_the_cache_and_work_without_it(tmp_path):
    import os

    env = {k: v for k, v in os.environ.items() if k != "SHUZHI_LINT_NO_CACHE"}
    env["XDG_CACHE_HOME"] = str(tmp_path)
    first = _run(PROBE, env)
    table = list((tmp_path / "shuzhi-lint").glob("records-*.marshal"))
    assert len(table) == 1 and first.split()[0] != "0"
    assert _run(PROBE, env) == first  # from the table: same classes, same output
    # a damaged table is ignored whole (one checksum) and written again
    table[0].write_bytes(table[0].read_bytes()[:-40] + b"\0" * 40)
    assert _run(PROBE, env) == first
    assert _run(PROBE, env) == first
    # no cache, or a cache that cannot be written: compiled in the process, same classes
    assert _run(PROBE, {**env, "SHUZHI_LINT_NO_CACHE": "1"}) == first
    blocked = tmp_path / "a-file"  # the cache folder cannot be made (also when running as root)
    blocked.write_text("")
    assert _run(PROBE, {**env, "XDG_CACHE_HOME": str(blocked)}) == first


def test_unsupported_forms_fall_back_to_dataclasses():
    @records.record
    class NoDoc:
        x: int = 1

    @records.record(frozen=True)
    class Frozen:
        """doc"""

        x: int
        y: list = dataclasses.field(default_factory=list, compare=False)

    assert NoDoc.__init__.__code__.co_filename != "<shuzhi-lint record>"
    assert Frozen.__init__.__code__.co_filename == "<shuzhi-lint record>"
    assert hash(Frozen(1)) == hash(Frozen(1, [2]))
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'x'"):
        Frozen(1).x = 2
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot delete field 'y'"):
        del Frozen(1).y
    assert Frozen.__setattr__.__code__.co_filename == "<shuzhi-lint record>"
    assert Frozen.__dataclass_params__.frozen


def test_code_is_shared_by_shape_values_stay_per_class():
    """The cached code is keyed by the methods' text (field names and options): two classes of the
    same shape share it and keep their own defaults; another shape gets its own code."""

    @records.record
    class A:
        """a"""

        x: int = 1
        y: list = dataclasses.field(default_factory=list)

    @records.record
    class B:
        """b"""

        x: int = 2
        y: list = dataclasses.field(default_factory=lambda: [3])

    @records.record
    class C:
        """c"""

        x: int = 1
        z: list = dataclasses.field(default_factory=list)

    assert A.__init__.__code__ is B.__init__.__code__
    assert C.__init__.__code__ is not A.__init__.__code__
    assert [repr(c()).rsplit(".", 1)[-1] for c in (A, B, C)] == ["A(x=1, y=[])", "B(x=2, y=[3])", "C(x=1, z=[])"]


def test_table_starts_afresh_past_its_limit(monkeypatch):
    monkeypatch.setattr(records, "_code", {f"text {i}": None for i in range(records.MAX_ENTRIES)})

    @records.record
    class D:
        """d"""

        x: int = 1

    assert len(records._code) == 1 and D().x == 1  # only the new class's code


def test_cache_folder_is_private(tmp_path, monkeypatch):
    """The cache holds compiled code (this table, the regex opcodes): its folder is the user's alone."""
    from shuzhi_lint import diskcache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("SHUZHI_LINT_NO_CACHE", raising=False)
    path = diskcache.entry("privacy-probe", [], extra="1")
    diskcache.save(path, {"a": 1})
    assert path is not None and path.is_file()
    assert path.parent.stat().st_mode & 0o077 == 0
