"""--fix and -o on real file systems: symlinks, hard links, ownership, xattrs and ACLs, read-only
files and folders, a full disk, -o naming an input, the umask, and walks that must not leave the
folder they were given (symlinks out of it, FIFOs, devices).

Permission cases run as an unprivileged process even when the tests run as root (CI does):
``setpriv`` drops to ``nobody`` when that user can run this interpreter, otherwise it drops every
capability of root, which makes the kernel check file permissions as for any other user."""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import struct
import subprocess
import sys
import zipfile

import pytest

from conftest import main_cli
from test_loaders import make_docx

BAD = "驾驭全盘,促进发展。\n"  # PU001: a half-width comma between Chinese clauses, a safe fix
FIXED = "驾驭全盘，促进发展。\n"


def run(*args, cwd=None, prefix=(), env=None, umask=None, input=None, timeout=None):
    """shuzhi-lint: in this process (``conftest.main_cli``) unless the run needs a process of its
    own: another user (``prefix``), a umask, or a ``timeout`` because its failure is a hang."""
    if not prefix and umask is None and timeout is None:
        return main_cli(*args, cwd=cwd, env=env, input=input)
    full_env = dict(os.environ)
    full_env.pop("COLUMNS", None)
    full_env.update(env or {})
    proc = subprocess.run(
        [*prefix, sys.executable, "-m", "shuzhi_lint", *map(str, args)],
        capture_output=True,
        cwd=cwd,
        env=full_env,
        input=input,
        timeout=timeout or 120,
        preexec_fn=(lambda: os.umask(umask)) if umask is not None else None,
    )
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")


def docx_text(path) -> str:
    from lxml import etree

    xml = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return "\n".join("".join(t.text or "" for t in p.iter(w + "t")) for p in xml.iter(w + "p"))


@pytest.fixture(scope="module")
def unprivileged():
    """(command prefix, uid) of a process the kernel checks permissions for like any user's."""
    if os.geteuid() != 0:
        return (), os.geteuid()
    setpriv = shutil.which("setpriv")
    if setpriv:
        nobody = (setpriv, "--reuid=65534", "--regid=65534", "--clear-groups")
        probe = subprocess.run([*nobody, sys.executable, "-c", "import shuzhi_lint"], capture_output=True)
        if probe.returncode == 0:
            return nobody, 65534
        # the interpreter lives where nobody may not go (/root/...): root without capabilities
        return (setpriv, "--bounding-set=-all", "--inh-caps=-all"), 0
    runuser = shutil.which("runuser")
    if runuser:
        return (runuser, "-u", "nobody", "--"), 65534
    pytest.fail("running as root needs setpriv or runuser to test permissions")


@pytest.fixture
def work(tmp_path, unprivileged):
    """A folder the unprivileged process can use (pytest's own is private to root)."""
    _, uid = unprivileged
    if uid == os.geteuid():
        return tmp_path
    import tempfile

    folder = tempfile.mkdtemp(prefix="shuzhi-perm-")
    os.chmod(folder, 0o755)
    os.chown(folder, uid, uid)
    yield __import__("pathlib").Path(folder)
    for root, dirs, _ in os.walk(folder):
        for d in dirs:
            os.chmod(os.path.join(root, d), 0o755)
    shutil.rmtree(folder, ignore_errors=True)


def as_user(path, uid):
    if os.geteuid() == 0:
        os.chown(path, uid, uid)


def lint_as(unprivileged, work, *args):
    prefix, _ = unprivileged
    env = {"XDG_CACHE_HOME": str(work / ".cache"), "HOME": str(work)}
    return run(*args, cwd=work, prefix=prefix, env=env)


# -- --fix writes the file the user means, and keeps it that file -----------------------------


def test_fix_through_a_symlink_writes_its_target(tmp_path):
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "报告.txt"
    real.write_text(BAD, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    real_docx = tmp_path / "real" / "报告.docx"
    real_docx.write_bytes(make_docx([["驾驭全盘,促进发展。"]]))
    link_docx = tmp_path / "link.docx"
    link_docx.symlink_to(real_docx)
    code, out, err = run("--fix", "--select", "PU001", link, link_docx)
    assert code == 0, out + err
    assert link.is_symlink() and link_docx.is_symlink()
    assert real.read_text(encoding="utf-8") == FIXED
    assert docx_text(real_docx) == FIXED.strip()
    # the temporary file was made next to the target, and nothing is left of it
    assert sorted(os.listdir(tmp_path / "real")) == ["报告.docx", "报告.txt"]


def test_fix_keeps_hard_links(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(BAD, encoding="utf-8")
    os.link(a, b)
    ino = a.stat().st_ino
    d1, d2 = tmp_path / "a.docx", tmp_path / "b.docx"
    d1.write_bytes(make_docx([["驾驭全盘,促进发展。"]]))
    os.link(d1, d2)
    code, out, err = run("--fix", "--select", "PU001", a, d1)
    assert code == 0, out + err
    assert a.stat().st_ino == ino and a.stat().st_nlink == 2
    assert b.read_text(encoding="utf-8") == FIXED  # the other name sees the fix: one file
    assert docx_text(d2) == FIXED.strip()


def _acl(entries) -> bytes:
    """A POSIX ACL as the kernel stores it in ``system.posix_acl_access`` (version 2)."""
    return struct.pack("<I", 2) + b"".join(struct.pack("<HHI", tag, perm, uid) for tag, perm, uid in entries)


def test_fix_keeps_owner_mode_xattrs_and_acls(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text(BAD, encoding="utf-8")
    owner = 65534 if os.geteuid() == 0 else os.geteuid()
    if os.geteuid() == 0:
        os.chown(p, owner, owner)
    os.chmod(p, 0o640)
    try:
        os.setxattr(p, "user.reviewer", "组织部".encode("utf-8"))
    except OSError as e:
        if e.errno in (errno.ENOTSUP, errno.EPERM):
            pytest.skip(f"this file system does not keep user xattrs: {e.strerror}")
        raise
    # user::rw- user:65533:rw- group::r-- mask::rw- other::---
    acl = _acl([(0x01, 6, 0xFFFFFFFF), (0x02, 6, 65533), (0x04, 4, 0xFFFFFFFF), (0x10, 6, 0xFFFFFFFF), (0x20, 0, 0xFFFFFFFF)])
    try:
        os.setxattr(p, "system.posix_acl_access", acl)
        has_acl = True
    except OSError:
        has_acl = False  # the file system has no POSIX ACLs; xattrs are still checked
    before = p.stat()
    code, out, err = run("--fix", "--select", "PU001", p)
    assert code == 0, out + err
    assert p.read_text(encoding="utf-8") == FIXED
    after = p.stat()
    assert (after.st_uid, after.st_gid) == (owner, owner)
    assert stat.S_IMODE(after.st_mode) == stat.S_IMODE(before.st_mode)
    assert os.getxattr(p, "user.reviewer") == "组织部".encode("utf-8")
    if has_acl:
        assert os.getxattr(p, "system.posix_acl_access") == acl


def test_fix_keeps_the_owner_it_cannot_give_a_new_file(unprivileged, work):
    """A world-writable report of another user: the fix is written in place, the owner stays."""
    prefix, uid = unprivileged
    other = 0 if uid == 65534 else 65534
    p = work / "shared.txt"
    p.write_text(BAD, encoding="utf-8")
    if os.geteuid() == 0:
        os.chown(p, other, other)
    else:
        pytest.skip("needs a file of another user")
    os.chmod(p, 0o666)
    code, out, err = lint_as(unprivileged, work, "--fix", "--select", "PU001", p)
    assert code == 0, out + err
    assert p.read_text(encoding="utf-8") == FIXED
    assert p.stat().st_uid == other


def test_read_only_reports_are_refused_in_every_format(unprivileged, work):
    _, uid = unprivileged
    txt, docx = work / "ro.txt", work / "ro.docx"
    txt.write_text(BAD, encoding="utf-8")
    docx.write_bytes(make_docx([["驾驭全盘,促进发展。"]]))
    before = docx.read_bytes()
    for p in (txt, docx):
        as_user(p, uid)
        os.chmod(p, 0o444)
    code, out, err = lint_as(unprivileged, work, "--fix", "--select", "PU001", txt, docx)
    lines = err.splitlines()
    assert code == 2 and "Traceback" not in err, err
    assert len(lines) == 2 and all("只读" in line for line in lines), err
    assert "ro.txt" in lines[0] and "ro.docx" in lines[1]
    assert txt.read_text(encoding="utf-8") == BAD and docx.read_bytes() == before


def test_read_only_reports_are_refused_for_root_too(tmp_path):
    """No write permission bit at all is the author's intent, whoever runs the fix."""
    txt, docx = tmp_path / "ro.txt", tmp_path / "ro.docx"
    txt.write_text(BAD, encoding="utf-8")
    docx.write_bytes(make_docx([["驾驭全盘,促进发展。"]]))
    before = docx.read_bytes()
    txt.chmod(0o444)
    docx.chmod(0o444)
    code, _, err = run("--fix", "--select", "PU001", txt, docx)
    assert code == 2 and err.count("只读") == 2, err
    assert txt.read_text(encoding="utf-8") == BAD and docx.read_bytes() == before


def test_fix_in_a_read_only_folder_reports_each_file_and_goes_on(unprivileged, work):
    _, uid = unprivileged
    folder = work / "只读"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(BAD, encoding="utf-8")
        as_user(folder / name, uid)
    as_user(folder, uid)
    folder.chmod(0o555)
    try:
        code, out, err = lint_as(unprivileged, work, "--fix", "--format", "concise", "--select", "PU001", folder)
    finally:
        folder.chmod(0o755)
    lines = err.splitlines()
    assert code == 2 and "Traceback" not in err, err
    assert len(lines) == 2 and "a.txt" in lines[0] and "b.txt" in lines[1], err
    assert all("未写入修复" in line for line in lines)
    assert (folder / "a.txt").read_text(encoding="utf-8") == BAD and (folder / "b.txt").read_text(encoding="utf-8") == BAD
    # both were linted and reported; only the write failed
    assert "a.txt:1:5: PU001" in out and "b.txt:1:5: PU001" in out
    assert "共检查 2 个文件；" in out, out


def test_full_disk_while_writing_in_place_puts_the_original_back(tmp_path, monkeypatch):
    from shuzhi_lint import fsutil
    from shuzhi_lint.errors import InputError
    from shuzhi_lint.fixing.writer import write_text_file

    p = tmp_path / "a.txt"
    p.write_bytes(BAD.encode("utf-8"))
    os.link(p, tmp_path / "b.txt")  # several links: written in place
    real_pwrite = os.pwrite
    calls = []

    def pwrite(fd, data, offset):
        calls.append(1)
        if len(calls) == 1:
            real_pwrite(fd, bytes(data)[:5], offset)  # half a character, then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_pwrite(fd, data, offset)

    monkeypatch.setattr(fsutil.os, "pwrite", pwrite)
    with pytest.raises(InputError, match="a.txt.*磁盘空间不足"):
        write_text_file(str(p), BAD.encode("utf-8"), FIXED, "utf-8", False)
    assert p.read_text(encoding="utf-8") == BAD


# -- -o never names an input ----------------------------------------------------------------


def test_output_naming_an_input_is_refused(tmp_path):
    me = tmp_path / "self.txt"
    me.write_text("召开会议x次。\n", encoding="utf-8")
    code, out, err = run(me, "-o", me)
    assert code == 2 and len(err.splitlines()) == 1 and "self.txt" in err, err
    assert me.read_text(encoding="utf-8") == "召开会议x次。\n"

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text("召开会议x次。\n", encoding="utf-8")
    code, _, err = run("-o", inbox / "a.txt", inbox)
    assert code == 2 and "a.txt" in err
    assert (inbox / "a.txt").read_text(encoding="utf-8") == "召开会议x次。\n"

    report = tmp_path / "报告.docx"
    report.write_bytes(make_docx([["召开会议x次。"]]))
    original = report.read_bytes()
    code, _, err = run("--format", "docx", "-o", report, report)
    assert code == 2 and "报告.docx" in err
    assert report.read_bytes() == original

    link = tmp_path / "out.txt"
    link.symlink_to(me)  # the same file under another name
    code, _, err = run(me, "-o", link)
    assert code == 2 and me.read_text(encoding="utf-8") == "召开会议x次。\n"


def test_new_output_files_honour_the_umask(tmp_path):
    (tmp_path / "r.txt").write_text("召开会议x次。\n", encoding="utf-8")
    for fmt, name in (("html", "page.html"), ("json", "out.json"), ("docx", "out.docx")):
        code, _, err = run("--format", fmt, "-o", tmp_path / name, tmp_path / "r.txt", umask=0o077)
        assert code == 1, err
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600, fmt
    code, _, _ = run("--format", "json", "-o", tmp_path / "b.json", tmp_path / "r.txt", umask=0o002)
    assert stat.S_IMODE((tmp_path / "b.json").stat().st_mode) == 0o664
    # -o through a symlink writes its target and leaves the link a link
    (tmp_path / "link.json").symlink_to("target.json")
    code, _, _ = run("--format", "json", "-o", tmp_path / "link.json", tmp_path / "r.txt")
    assert (tmp_path / "link.json").is_symlink() and json.loads((tmp_path / "target.json").read_text(encoding="utf-8"))


# -- walks stay inside the folder and read only regular files --------------------------------


def test_walk_skips_symlinks_out_of_the_folder_and_into_dot_folders(tmp_path):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".git" / "config").write_text("[remote]\ntoken = 召开会议x次的秘密\n", encoding="utf-8")
    (tmp_path / "outside.txt").write_text("外部秘密，召开会议x次。\n", encoding="utf-8")
    reports = repo / "reports"
    reports.mkdir()
    (reports / "ok.txt").write_text("召开会议x次。\n", encoding="utf-8")
    (reports / "alias.txt").symlink_to("ok.txt")  # inside the folder: linted
    (reports / "notes.txt").symlink_to("../.git/config")
    (reports / "out.txt").symlink_to(tmp_path / "outside.txt")
    code, out, err = run("--format", "json", "--select", "PH", reports)
    assert code == 1, err
    paths = sorted(os.path.basename(f["path"]) for f in json.loads(out))
    assert paths == ["alias.txt", "ok.txt"]
    code, out, err = run("--format", "json", "--select", "PH", repo)
    assert sorted(os.path.basename(f["path"]) for f in json.loads(out)) == ["alias.txt", "ok.txt"]
    assert "秘密" not in out

    # the corpus indexer walks the same way
    code, out, err = run("--build-index", reports)
    assert code == 0, err
    import sqlite3

    db = sqlite3.connect(str(reports / ".shuzhi-index.sqlite"))
    assert sorted(p for (p,) in db.execute("SELECT path FROM docs")) == ["alias.txt", "ok.txt"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_fifo_is_skipped_in_walks_and_refused_when_named(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text("召开会议x次。\n", encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    code, out, err = run("--format", "json", "--select", "PH", folder, timeout=60)
    assert code == 1 and err == "", err
    assert [os.path.basename(f["path"]) for f in json.loads(out)] == ["ok.txt"]

    code, out, err = run("--format", "json", "--select", "PH", folder / "pipe.txt", folder / "ok.txt", timeout=60)
    assert code == 2 and "Traceback" not in err
    assert len(err.splitlines()) == 1 and "pipe.txt" in err and "不是普通文件" in err, err
    assert len(json.loads(out)) == 1

    code, _, err = run("--build-index", folder, timeout=60)
    assert code == 0, err


def test_stdin_obeys_max_file_size(tmp_path):
    (tmp_path / ".shuzhi-lint.yaml").write_text("max-file-size: 1000\n", encoding="utf-8")
    # a writer that sends more than the limit and never closes the pipe (like cat /dev/zero):
    # reading must stop at the limit instead of waiting for an end that never comes
    writer = subprocess.Popen(["sh", "-c", "head -c 5000 /dev/zero | tr '\\0' a; exec sleep 60"], stdout=subprocess.PIPE)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "shuzhi_lint", "--select", "PH", "-"],
            stdin=writer.stdout, capture_output=True, cwd=tmp_path, timeout=30,
        )
    finally:
        writer.kill()
        writer.wait()
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2 and "max-file-size" in err and len(err.splitlines()) == 1, err
    code, out, err = run("--select", "PH", "-", cwd=tmp_path, input="召开会议x次。\n".encode("utf-8"))
    assert code == 1, err
