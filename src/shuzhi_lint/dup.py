"""Copy detection across documents: clause fingerprints, passage matching, a persistent corpus index.

A text is cut into clauses at punctuation; each clause is normalised (digits become 0, spaces and
Latin case dropped) and hashed with CRC32, so a changed figure or a changed mark inside a clause
still matches. A copied *passage* is a run of matching clauses in the same order in both texts,
allowing one unmatched clause in between (a changed place name). The corpus index is an SQLite
file next to the corpus (stdlib, bounded memory, updated incrementally when files change).
"""

from __future__ import annotations

import os
import stat
import sys
import zlib
from contextlib import contextmanager
from pathlib import Path

from shuzhi_lint.diskcache import cache_dir
from shuzhi_lint.errors import LintError
from shuzhi_lint.fsutil import safe_entry, walk
from shuzhi_lint.patterncache import compile_std
from shuzhi_lint.records import record

INDEX_NAME = ".shuzhi-index.sqlite"
INDEX_VERSION = 2
MIN_CLAUSE = 5  # normalised characters; shorter clauses (一是, 同时) neither match nor break a run
_CLAUSE = compile_std(r"[^，。；：、！？,.;:!?\n“”‘’（）()《》【】\"]+")
_DROP = compile_std(r"[\s\u3000]+")


@record
class Clause:
    """A clause of a text: its fingerprint, where it is and its normalised length."""

    fp: int
    start: int  # offsets in the source text
    end: int
    size: int  # normalised length
    para: int = 0  # paragraph (line) number: a copied passage never spans paragraphs


_NUMBER = compile_std(r"[0-9０-９]+(?:\.[0-9]+)?")
_SPACE_OR_DIGIT = compile_std(r"[\s\u3000０-９0-9]")


def normalise(text: str) -> str:
    if _SPACE_OR_DIGIT.search(text) is None:  # most clauses: one scan instead of two
        return text.lower()
    return _NUMBER.sub("0", _DROP.sub("", text).lower())


def clauses(text: str) -> list[Clause]:
    out = []
    para, last = 1, 0
    for m in _CLAUSE.finditer(text):
        para += text.count("\n", last, m.start())
        last = m.start()
        fp, size = _fingerprint(m.group(0))
        if fp is not None:
            out.append(Clause(fp, m.start(), m.end(), size, para))
    return out


def _fingerprint(clause: str) -> tuple[int | None, int]:
    """CRC32 of the normalised clause and its normalised length; None for a clause too short to count."""
    norm = normalise(clause)
    if len(norm) < MIN_CLAUSE:
        return None, len(norm)
    return zlib.crc32(norm.encode("utf-8")), len(norm)


def fingerprints(text: str) -> set[int]:
    """The distinct fingerprints of ``clauses(text)``, without their positions.

    ``_fingerprint`` inlined: this runs for every clause of every report of a batch (DP004)."""
    out = set()
    add, crc, digit_or_space = out.add, zlib.crc32, _SPACE_OR_DIGIT.search
    for clause in _CLAUSE.findall(text):
        norm = clause.lower() if digit_or_space(clause) is None else _NUMBER.sub("0", _DROP.sub("", clause).lower())
        if len(norm) >= MIN_CLAUSE:
            add(crc(norm.encode("utf-8")))
    return out


@record
class Passage:
    """A run of a text found in another document (the corpus or last year's report)."""

    start: int  # offsets in the checked text
    end: int
    size: int  # normalised characters matched
    source: str
    source_line: int


def match_passages(report: list[Clause], occurrences: dict[int, list[tuple[int, int, int]]], min_size: int, gap: int = 1) -> list[Passage]:
    """Runs of report clauses found in order in one source.

    ``occurrences`` maps a fingerprint to (source id, clause index, line) tuples; returns passages
    with source id in ``source`` (as str) for the caller to name."""
    per_source: dict[int, list[tuple[int, int, int]]] = {}
    for i, c in enumerate(report):
        for src, j, line in occurrences.get(c.fp, ()):
            per_source.setdefault(src, []).append((i, j, line))
    passages: list[Passage] = []
    for src, pairs in per_source.items():
        pairs.sort()
        run: list[tuple[int, int, int]] = []

        def flush():
            if run:
                size = sum(report[i].size for i, _, _ in run)
                if size >= min_size:
                    passages.append(Passage(report[run[0][0]].start, report[run[-1][0]].end, size, str(src), run[0][2]))

        for i, j, line in pairs:
            if run and (i == run[-1][0]):
                continue
            same_para = run and report[i].para == report[run[-1][0]].para
            if run and same_para and 0 < i - run[-1][0] <= gap + 1 and 0 < j - run[-1][1] <= gap + 1:
                run.append((i, j, line))
            else:
                flush()
                run = [(i, j, line)]
        flush()
    # keep the longest passage where several sources cover the same text
    passages.sort(key=lambda p: (-p.size, p.start))
    kept: list[Passage] = []
    for p in passages:
        if not any(p.start < k.end and k.start < p.end for k in kept):
            kept.append(p)
    return sorted(kept, key=lambda p: p.start)


_SAID: set[str] = set()


def _say_once(note: str) -> None:
    if note not in _SAID:
        _SAID.add(note)
        print(f"shuzhi-lint: 提示：{note}", file=sys.stderr)


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


class CorpusIndex:
    """The fingerprint index of a folder of reports, kept in ``DIR/.shuzhi-index.sqlite``.

    The index is a cache of the folder and behaves like one: an update holds a lock file for its
    whole length (two builds at once wait for each other), files that vanish while it runs are
    skipped, an index that is damaged, foreign or of another version is rebuilt (saying so once),
    and when the folder is not writable the index lives in the user cache folder instead. Any
    failure that remains is one ``LintError`` line."""

    def __init__(self, folder: Path, loader):
        self.folder = Path(folder)
        self.path = self.folder / INDEX_NAME
        self.loader = loader  # callable(path) -> text, raising for unreadable files
        self.db = None  # sqlite3.Connection once opened
        self.max_df = 0
        self.notes: list[str] = []
        self.last_update = (0, 0)  # (added, removed) by open(update=True)

    def files(self) -> list[Path]:
        out = []
        top = os.path.realpath(self.folder)
        for root, dirs, names in walk(self.folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for n in sorted(names):
                if n.lower().endswith((".txt", ".md", ".docx")) and not n.startswith((".", "~$")):
                    if safe_entry(top, os.path.join(root, n)):
                        out.append(Path(root) / n)
        return out

    def open(self, update: bool = True) -> "CorpusIndex":
        import sqlite3  # only when a corpus is used

        self.path = self._location()
        try:
            with self._lock():
                try:
                    self._connect(update)
                except sqlite3.DatabaseError as e:  # truncated, foreign, read-only or locked for too long
                    self._rebuild(f"索引 {self.path} 无法使用（{e}），已删除并重建")
                    self._connect(update)
        except sqlite3.Error as e:
            raise LintError(f"{self.folder}: 参考语料索引 {self.path} 无法建立：{e}") from None
        except OSError as e:
            raise LintError(f"{self.folder}: 参考语料索引 {self.path} 无法建立：{e.strerror or e}") from None
        for note in self.notes:
            _say_once(note)
        return self

    def _location(self) -> Path:
        """The index next to the corpus, or in the user cache folder when the corpus folder is read-only."""
        if os.access(self.folder, os.W_OK) and (not self.path.exists() or os.access(self.path, os.W_OK)):
            return self.folder / INDEX_NAME

        base = cache_dir() or Path(os.path.join(os.path.expanduser("~"), ".cache", "shuzhi-lint"))
        key = zlib.crc32(os.path.realpath(self.folder).encode("utf-8", "surrogateescape"))
        folder = base / "corpus-index"
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"{self.folder.name or 'corpus'}-{key:08x}.sqlite"

    def _lock(self):
        """An exclusive lock on ``<index>.lock`` for a whole update (open, schema check, new files)."""
        @contextmanager
        def held():
            lock_path = self.path.with_name(self.path.name + ".lock")
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                try:
                    import fcntl  # POSIX only, and only when a corpus index is locked

                    fcntl.flock(fd, fcntl.LOCK_EX)
                except ImportError:  # pragma: no cover - not POSIX: sqlite's own locking only
                    pass
                yield
            finally:
                os.close(fd)  # closing releases the lock

        return held()

    def _rebuild(self, why: str) -> None:
        if self.db is not None:
            try:
                self.db.close()
            except Exception:  # noqa: BLE001 - a broken connection may fail to close
                pass
            self.db = None
        for suffix in ("", "-journal", "-wal", "-shm"):
            try:
                os.unlink(str(self.path) + suffix)
            except FileNotFoundError:
                pass
        self.notes.append(why)

    def _connect(self, update: bool) -> None:
        import sqlite3  # only when a corpus is used

        self.db = sqlite3.connect(str(self.path), timeout=60)
        self.db.executescript(
            "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);"
            "CREATE TABLE IF NOT EXISTS docs(id INTEGER PRIMARY KEY, path TEXT UNIQUE, size INT, mtime INT);"
            "CREATE TABLE IF NOT EXISTS clauses(fp INT, doc INT, idx INT, line INT);"
            "CREATE INDEX IF NOT EXISTS clauses_fp ON clauses(fp);"
            # how many documents hold each fingerprint: boilerplate is skipped before its rows are read
            "CREATE TABLE IF NOT EXISTS df(fp INTEGER PRIMARY KEY, n INT);"
        )
        row = self.db.execute("SELECT value FROM meta WHERE key='version'").fetchone()
        if row is None or str(row[0]) != str(INDEX_VERSION):
            if row is not None:
                self._rebuild(f"索引 {self.path} 的版本（{row[0]}）与本程序（{INDEX_VERSION}）不同，已重建")
                return self._connect(update)
            with self.db:
                self.db.executescript("DELETE FROM docs; DELETE FROM clauses; DELETE FROM df;")
                self.db.execute("INSERT OR REPLACE INTO meta VALUES('version', ?)", (str(INDEX_VERSION),))
        if update:
            self.last_update = self.update()
        n_docs = self.db.execute("SELECT COUNT(*) FROM docs").fetchone()[0]
        self.max_df = max(20, n_docs // 20)  # boilerplate clauses in 5%+ of the corpus don't count

    def update(self) -> tuple[int, int]:
        """Add new and changed files, drop removed ones; returns (added, removed)."""
        assert self.db is not None
        known = {p: (i, s, m) for i, p, s, m in self.db.execute("SELECT id, path, size, mtime FROM docs")}
        seen = set()
        added = removed = 0
        with self.db:
            for f in self.files():
                rel = str(f.relative_to(self.folder))
                try:
                    st = f.stat()
                except OSError:  # deleted (or made unreadable) while the folder is indexed
                    continue
                if not stat.S_ISREG(st.st_mode):
                    continue
                seen.add(rel)
                old = known.get(rel)
                if old and old[1] == st.st_size and old[2] == st.st_mtime_ns:
                    continue
                if old:
                    self._remove(old[0])
                try:
                    text = self.loader(str(f))
                except Exception:
                    continue  # unreadable or vanished corpus files are skipped, not fatal
                cur = self.db.execute("INSERT INTO docs(path, size, mtime) VALUES(?,?,?)", (rel, st.st_size, st.st_mtime_ns))
                doc_id = cur.lastrowid
                cs = clauses(text)
                self.db.executemany(
                    "INSERT INTO clauses VALUES(?,?,?,?)",
                    ((c.fp, doc_id, k, line_of(text, c.start)) for k, c in enumerate(cs)),
                )
                self.db.executemany(
                    "INSERT INTO df VALUES(?, 1) ON CONFLICT(fp) DO UPDATE SET n = n + 1", ((fp,) for fp in {c.fp for c in cs})
                )
                added += 1
            for rel, (doc_id, _s, _m) in known.items():
                if rel not in seen:
                    self._remove(doc_id)
                    removed += 1
        return added, removed

    def _remove(self, doc_id: int) -> None:
        assert self.db is not None
        fps = [row[0] for row in self.db.execute("SELECT DISTINCT fp FROM clauses WHERE doc=?", (doc_id,))]
        self.db.executemany("UPDATE df SET n = n - 1 WHERE fp=?", ((fp,) for fp in fps))
        self.db.execute("DELETE FROM clauses WHERE doc=?", (doc_id,))
        self.db.execute("DELETE FROM docs WHERE id=?", (doc_id,))

    def lookup(self, fps: list[int], exclude: str | None = None) -> tuple[dict[int, list[tuple[int, int, int]]], dict[int, str]]:
        assert self.db is not None
        occ: dict[int, list[tuple[int, int, int]]] = {}
        wanted = sorted(set(fps))
        unique = []
        for k in range(0, len(wanted), 900):
            chunk = wanted[k:k + 900]
            rows = self.db.execute(f"SELECT fp, n FROM df WHERE fp IN ({','.join('?' * len(chunk))})", chunk)
            unique += [fp for fp, n in rows if 0 < n <= self.max_df]
        for k in range(0, len(unique), 900):
            chunk = unique[k:k + 900]
            rows = self.db.execute(
                f"SELECT fp, doc, idx, line FROM clauses WHERE fp IN ({','.join('?' * len(chunk))})", chunk
            ).fetchall()
            for fp, doc, idx, line in rows:
                occ.setdefault(fp, []).append((doc, idx, line))
        docs = {}
        ids = sorted({d for v in occ.values() for d, _, _ in v})
        for k in range(0, len(ids), 900):
            chunk = ids[k:k + 900]
            for i, p in self.db.execute(f"SELECT id, path FROM docs WHERE id IN ({','.join('?' * len(chunk))})", chunk):
                docs[i] = str(self.folder / p)
        if exclude:
            bad = {i for i, p in docs.items() if os.path.realpath(p) == os.path.realpath(exclude)}
            for fp in list(occ):
                occ[fp] = [o for o in occ[fp] if o[0] not in bad]
        return occ, docs

    def stats(self) -> tuple[int, int]:
        assert self.db is not None
        return (
            self.db.execute("SELECT COUNT(*) FROM docs").fetchone()[0],
            self.db.execute("SELECT COUNT(*) FROM clauses").fetchone()[0],
        )
