"""The package's import graph, read statically from the source, has no cycle.

Every import counts, also those inside functions (they run too, only later); only imports under
``if TYPE_CHECKING:`` (annotations, never executed) are left out. A package's ``__init__`` is a
module like any other: importing ``a.b`` is an edge to ``a.b``, not to ``a``.
"""

from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def modules() -> dict[str, Path]:
    out = {}
    for path in (SRC / "shuzhi_lint").rglob("*.py"):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _runtime_nodes(tree: ast.AST):
    """All nodes except the bodies of ``if TYPE_CHECKING:``."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            stack.extend(node.orelse)
            continue
        yield node
        stack.extend(ast.iter_child_nodes(node))


def imports_of(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in known)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - (node.level - 1)]
                base = ".".join(parts + ([base] if base else []))
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                if sub in known:
                    found.add(sub)
                elif base in known:
                    found.add(base)
    found.discard(name)
    return found


@lru_cache(maxsize=1)
def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports_of(name, path, known) for name, path in known.items()}


def find_cycle(g: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a path ``[a, b, ..., a]``, or None."""
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    stack: list[str] = []

    def visit(v: str) -> list[str] | None:
        state[v] = 1
        stack.append(v)
        for w in sorted(g[v]):
            if state.get(w) == 1:
                return stack[stack.index(w):] + [w]
            if w not in state and (cycle := visit(w)):
                return cycle
        stack.pop()
        state[v] = 2
        return None

    for v in sorted(g):
        if v not in state and (cycle := visit(v)):
            return cycle
    return None


def test_the_graph_is_read():
    g = graph()
    assert "shuzhi_lint.engine" in g and "shuzhi_lint.checks.base" in g["shuzhi_lint.engine"]
    # imports inside functions count: the runner starts the process pool only for a batch
    assert "shuzhi_lint.parallel" in g["shuzhi_lint.runner"]


def test_find_cycle_finds_one():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle():
    cycle = find_cycle(graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_checks_import_no_formatter_and_the_engine_no_runner():
    g = graph()
    for name, deps in g.items():
        if name.startswith("shuzhi_lint.checks"):
            assert not any(d.startswith("shuzhi_lint.formatters") for d in deps), name
    assert not any(d in ("shuzhi_lint.runner", "shuzhi_lint.cli") for d in g["shuzhi_lint.engine"])
    assert "shuzhi_lint.cli" not in g["shuzhi_lint.parallel"]


def test_the_cli_is_imported_by_nothing_in_the_core():
    """The command line only parses arguments and writes output: no module but the entry point
    (``startup``) imports it, and the run pipeline (session, runner, parallel, fixing, engine) never does."""
    g = graph()
    importers = sorted(name for name, deps in g.items() if "shuzhi_lint.cli" in deps)
    assert importers == ["shuzhi_lint.startup"], importers
    for name in ("shuzhi_lint.session", "shuzhi_lint.runner", "shuzhi_lint.parallel", "shuzhi_lint.api"):
        assert not any(d == "shuzhi_lint.cli" for d in g[name]), name
    # the pool is given the session and the per-path function: it knows neither
    assert not {"shuzhi_lint.runner", "shuzhi_lint.session"} & g["shuzhi_lint.parallel"]


def test_the_engine_knows_no_specific_kind():
    """Kinds reach the engine through ``CheckKind``'s hooks, never by name: the engine imports
    only the kinds' base."""
    g = graph()
    kinds = {d for d in g["shuzhi_lint.engine"] if d.startswith("shuzhi_lint.checks")}
    assert kinds == {"shuzhi_lint.checks.base"}, kinds


def test_the_api_and_the_cli_share_one_pipeline():
    g = graph()
    assert "shuzhi_lint.session" in g["shuzhi_lint.api"] and "shuzhi_lint.session" in g["shuzhi_lint.cli"]
    assert "shuzhi_lint.runner" not in g["shuzhi_lint.cli"]  # the CLI reaches linting only through the session
