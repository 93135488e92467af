"""A damaged compiled-pattern cache never reaches the regex C engine: the table is checksummed
and the cache is keyed on the extension's build; a damaged table is ignored and compiled afresh."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
import zlib

import pytest
from conftest import SEED_FILES


def _lint(cache, *args):
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    env.pop("SHUZHI_LINT_NO_CACHE", None)
    return subprocess.run([sys.executable, "-m", "shuzhi_lint", "--format", "concise", *map(str, args)],
                          capture_output=True, env=env, timeout=60)


def _damage(value, changed: list) -> object:
    """The same structure with three integers of its first opcode list changed."""
    if isinstance(value, list) and len(value) > 5 and all(isinstance(v, int) for v in value) and not changed:
        value = list(value)
        for k in (1, len(value) // 2, len(value) - 2):
            value[k] = value[k] + 7
        changed.append(True)
        return value
    if isinstance(value, (list, tuple)):
        out = [_damage(v, changed) for v in value]
        return tuple(out) if isinstance(value, tuple) else out
    return value


@pytest.mark.parametrize("how", ["opcodes", "truncated"])
def test_damaged_entries_are_compiled_afresh(tmp_path, how):
    cache = tmp_path / "cache"
    seeds = SEED_FILES[:4]
    clean = _lint(cache, *seeds)
    assert clean.returncode == 1
    files = list((cache / "shuzhi-lint").glob("regex-*.marshal"))
    assert len(files) == 1
    magic, (check, blob) = marshal.loads(files[0].read_bytes())
    table = marshal.loads(blob)
    if how == "opcodes":
        # opcodes changed in the file, its checksum left as it was (a flipped bit on disk)
        damaged = 0
        for key in table:
            changed: list = []
            table[key] = _damage(table[key], changed)
            damaged += bool(changed)
        assert damaged > 50
        files[0].write_bytes(marshal.dumps((magic, (check, marshal.dumps(table)))))
    else:
        files[0].write_bytes(files[0].read_bytes()[: len(blob) // 2])
    # a new interpreter (a crash is exit -11, a hang a timeout) loads the damaged file and lints
    # every seed, one after the other in that process: the table is refused whole, every pattern
    # is compiled afresh, and the output is that of the undamaged cache
    again = _lint(cache, "--jobs", "1", *seeds)
    assert again.returncode == clean.returncode == 1, again.stderr.decode()
    assert again.stdout == clean.stdout
    # and the rebuilt table is written back, checked again on the next run
    magic, (check, blob) = marshal.loads(files[0].read_bytes())
    assert zlib.crc32(blob) == check and len(marshal.loads(blob)) >= len(table)
