"""``record``: ``@dataclasses.dataclass`` for the package's own classes, with the generated methods'
code kept in the disk cache.

For every class it decorates, ``dataclasses`` writes the source of ``__init__``, ``__repr__`` and
``__eq__`` (with ``__hash__``, ``__setattr__`` and ``__delattr__`` when frozen) and compiles it with
``exec``: ~80 small functions for the package's classes, the largest single cost of importing it
(~8% of the instructions of linting one report: parsing and compiling source text). ``record``
lets ``dataclasses`` do everything else (fields, defaults, slots, ``fields()``/``replace()``,
``__match_args__``, frozen instances) and writes those methods itself, in the text ``dataclasses``
writes on Python 3.10–3.12, all of one class in one function whose compiled code is kept in a
table in the disk cache, keyed by that text and the exact Python build (one checksum over the
table, ``diskcache.load_checked``: the interpreter trusts code it is handed). A class the table
lacks is compiled once and the table saved. Nothing of ``dataclasses`` or any other module is
changed: other classes in the process are made by ``dataclasses`` as always.

Classes using what ``record`` does not write (keyword-only fields, ``InitVar``, ``field(init=False)``,
their own ``__init__``/``__repr__``/``__eq__``/``__hash__``, a dataclass base, frozen with slots, no
docstring) and other Python versions get plain ``dataclasses.dataclass``. ``tests/test_records.py`` checks every
decorated class against the class ``dataclasses`` makes from the same fields.
"""

from __future__ import annotations

import dataclasses
import reprlib
import sys
import threading

from shuzhi_lint import diskcache

#: the versions whose dataclasses write the methods as below (3.13 builds them otherwise)
SUPPORTED = (3, 10) <= sys.version_info[:2] <= (3, 12) and hasattr(dataclasses, "_HAS_DEFAULT_FACTORY")
_FORMAT = "records 1"
_OWN = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__")

MAX_ENTRIES = 400  # a class whose fields change leaves its old text behind; past this the table starts afresh

_lock = threading.Lock()
_code: dict | None = None  # source text -> code object, the disk cache's table (process-wide, keyed by its input)


def record(cls=None, /, *, frozen: bool = False, slots: bool = False):
    """``dataclasses.dataclass(cls, frozen=frozen, slots=slots)``, the generated methods' code from the cache."""

    def wrap(c):
        return _record(c, frozen, slots)

    return wrap if cls is None else wrap(cls)


def _record(cls, frozen: bool, slots: bool):
    if not SUPPORTED or not cls.__dict__.get("__doc__") or any(name in cls.__dict__ for name in _OWN):
        return dataclasses.dataclass(cls, frozen=frozen, slots=slots)
    annotations = cls.__dict__.get("__annotations__", {})
    if (
        "self" in annotations
        or any("InitVar" in str(t) or "KW_ONLY" in str(t) for t in annotations.values())
        or any(isinstance(v, dataclasses.Field) and (not v.init or getattr(v, "kw_only", None) is True) for v in cls.__dict__.values())
        or any(hasattr(base, "__dataclass_fields__") for base in cls.__mro__[1:])
    ):
        return dataclasses.dataclass(cls, frozen=frozen, slots=slots)
    if frozen and slots:  # dataclasses' __setattr__ names the class before slots replace it
        return dataclasses.dataclass(cls, frozen=frozen, slots=slots)
    made = dataclasses.dataclass(cls, init=False, repr=False, eq=False, slots=slots)
    fields = dataclasses.fields(made)
    text, local_vars = _source(made, fields, frozen)
    factory = {}
    exec(_compiled(text), sys.modules[made.__module__].__dict__ if made.__module__ in sys.modules else {}, factory)
    methods = factory["__create_fn__"](**local_vars)
    for fn in methods:  # as dataclasses names them
        fn.__qualname__ = f"{made.__qualname__}.{fn.__name__}"
    init, rep, eq = methods[:3]
    made.__init__ = init
    guarded = reprlib.recursive_repr("...")(rep)
    guarded.__qualname__ = rep.__qualname__
    made.__repr__ = guarded
    made.__eq__ = eq
    made.__hash__ = methods[3] if frozen else None
    if frozen:
        made.__setattr__, made.__delattr__ = methods[4:]
    params = made.__dataclass_params__
    params.init = params.repr = params.eq = True
    params.frozen = frozen
    return made


def _tuple(obj: str, fields) -> str:
    return f"({','.join(f'{obj}.{f.name}' for f in fields)},)" if fields else "()"


def _source(cls, fields, frozen: bool) -> tuple[str, dict]:
    """The methods' source (one function returning them) and the values it takes, as dataclasses writes them."""
    local_vars = {f"_type_{f.name}": f.type for f in fields}
    local_vars.update({"MISSING": dataclasses.MISSING, "_HAS_DEFAULT_FACTORY": dataclasses._HAS_DEFAULT_FACTORY,
                       "__dataclass_builtins_object__": object, "_return_type": None})
    if frozen:
        local_vars.update({"cls": cls, "FrozenInstanceError": dataclasses.FrozenInstanceError})
    params, body = [], []
    for f in fields:
        if f.default_factory is not dataclasses.MISSING:
            local_vars[f"_dflt_{f.name}"] = f.default_factory
            params.append(f"{f.name}:_type_{f.name}=_HAS_DEFAULT_FACTORY")
            value = f"_dflt_{f.name}() if {f.name} is _HAS_DEFAULT_FACTORY else {f.name}"
        else:
            if f.default is not dataclasses.MISSING:
                local_vars[f"_dflt_{f.name}"] = f.default
            params.append(f"{f.name}:_type_{f.name}" + ("" if f.default is dataclasses.MISSING else f"=_dflt_{f.name}"))
            value = f.name
        body.append(f"__dataclass_builtins_object__.__setattr__(self,{f.name!r},{value})" if frozen else f"self.{f.name}={value}")
    if hasattr(cls, "__post_init__"):
        body.append("self.__post_init__()")
    shown = ", ".join(f"{f.name}={{self.{f.name}!r}}" for f in fields if f.repr)
    compared = [f for f in fields if f.compare]
    hashed = [f for f in fields if (f.compare if f.hash is None else f.hash)]
    lines = [
        f"def __create_fn__({', '.join(local_vars)}):",
        f" def __init__({','.join(['self', *params])})->_return_type:",
        *(f"  {b}" for b in body or ["pass"]),
        " def __repr__(self):",
        f'  return self.__class__.__qualname__ + f"({shown})"',
        " def __eq__(self,other):",
        "  if other.__class__ is self.__class__:",
        f"   return {_tuple('self', compared)}=={_tuple('other', compared)}",
        "  return NotImplemented",
        " def __hash__(self):",
        f"  return hash({_tuple('self', hashed)})",
    ]
    if frozen:
        names = f"({','.join(repr(f.name) for f in fields)},)" if fields else "()"
        for verb, name, args, call in (("assign to", "__setattr__", "self,name,value", "name, value"), ("delete", "__delattr__", "self,name", "name")):
            lines += [
                f" def {name}({args}):",
                f"  if type(self) is cls or name in {names}:",
                f'   raise FrozenInstanceError(f"cannot {verb} field {{name!r}}")',
                f"  super(cls, self).{name}({call})",
            ]
    lines.append(" return __init__, __repr__, __eq__, __hash__" + (", __setattr__, __delattr__" if frozen else ""))
    return "\n".join(lines), local_vars


def _entry():
    return diskcache.entry("records", [], extra=f"{_FORMAT}\n{sys.version}\n{sys.hexversion}")


def _compiled(text: str):
    """The code of ``text``, from the table in the disk cache; compiled and saved when missing."""
    global _code
    with _lock:
        if _code is None:
            table = diskcache.load_checked(_entry())
            _code = table if isinstance(table, dict) else {}
        code = _code.get(text)
        if code is None or type(code) is not type(_compiled.__code__):
            if len(_code) >= MAX_ENTRIES:
                _code = {}
            code = _code[text] = compile(text, "<shuzhi-lint record>", "exec", dont_inherit=True)
            diskcache.save_checked(_entry(), _code)
        return code
