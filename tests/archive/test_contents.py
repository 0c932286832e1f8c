"""khabar.archive.contents: two archives compare equal exactly when they hold the same rows."""

from __future__ import annotations

from pathlib import Path

from archive_support import make_doc

from khabar.archive import Archive
from khabar.archive.contents import contents


def test_same_documents_same_contents_whatever_the_transactions(tmp_path: Path) -> None:
    docs = [make_doc(f"عنوان {i}\nنص الخبر رقم {i} عن الرياض وجدة.", id=f"d{i}") for i in range(4)]
    with Archive(tmp_path / "a.db") as a:
        for d in docs:
            a.add(d)  # a transaction each: more index segments
    with Archive(tmp_path / "b.db") as b:
        b.add_many(docs)
    ca, cb = contents(tmp_path / "a.db"), contents(tmp_path / "b.db")
    assert ca == cb
    assert contents(tmp_path / "a.db", digest=True) == contents(tmp_path / "b.db", digest=True)
    assert len(ca["documents"]) == 4 and ca["fts terms"]
    # one changed value, one term, are told apart
    with Archive(tmp_path / "b.db") as b, b.conn:
        b.conn.execute("UPDATE blocks SET reason = 'x' WHERE rowid = 1")
    assert contents(tmp_path / "b.db") != ca
    with Archive(tmp_path / "c.db") as c:
        c.add_many([*docs[:3], make_doc("عنوان 3\nنص الخبر رقم 3 عن الرياض ومكة.", id="d3")])
    cc = contents(tmp_path / "c.db")
    assert cc["fts terms"] != ca["fts terms"]
