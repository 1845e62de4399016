"""Input readers: the seed format, JSON Lines, CSV, HTML, RSS, Reuters-21578, walks, and the
bad-input corpus of tests/data/bad (each case yields its named reasons; good records beside
them are still read)."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import sys
from collections import Counter
from pathlib import Path

import pytest

from newsevents.records import Article, Reject
from newsevents.sources import (
    REASONS,
    content_id,
    detect_format,
    normalize_date,
    opening,
    read_csv,
    read_html,
    read_jsonl,
    read_paths,
    read_reuters,
    read_rss,
    read_seed,
)
from newsevents.sources.reuters import clean_body, parse_date
from newsevents.sources.seed import split_marker

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
SHARED = Path(__file__).resolve().parents[3] / "shared"
REUTERS = SHARED / "data" / "reuters-21578"
SEED = SHARED / "seed" / "000_d06ffc9ac9d1c36e.txt"
READERS = [read_seed, read_jsonl, read_csv, read_html, read_rss, read_reuters]
TODAY = dt.date(2025, 7, 22)
BODY = "The council of a fictional republic met on Tuesday and agreed to resume talks next week."


def expected_rows() -> list[tuple[str, list[str], int]]:
    rows = []
    for line in (BAD / "expected.tsv").read_text().splitlines():
        if line and not line.startswith("#"):
            name, reasons, articles, _note = line.split("\t")
            rows.append((name, [] if reasons == "-" else reasons.split(","), int(articles)))
    return rows


def split(items) -> tuple[list[Article], list[Reject]]:
    items = list(items)
    assert all(isinstance(x, (Article, Reject)) for x in items)
    return [x for x in items if isinstance(x, Article)], [x for x in items if isinstance(x, Reject)]


def write(path: Path, data: str | bytes) -> Path:
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


# --- the bad-input corpus -------------------------------------------------------------------


@pytest.mark.parametrize(("name", "reasons", "articles"), expected_rows(), ids=[r[0] for r in expected_rows()])
def test_sources_bad_corpus_case(name, reasons, articles):
    path = BAD / name
    good, bad = split(read_paths([path]))
    assert sorted(r.reason for r in bad) == reasons
    assert len(good) == articles
    for r in bad:
        assert r.path == str(path) and r.reason in REASONS
        assert len(r.detail) > 30 and ";" in r.detail, r.detail  # the problem; the fix


def test_sources_bad_corpus_is_large_and_listed():
    stored = {p.name for p in BAD.iterdir() if p.suffix not in (".py", ".tsv") and p.name != "__pycache__"}
    listed = {row[0] for row in expected_rows()}
    assert stored == listed
    assert len(listed) >= 40
    assert len({r for row in expected_rows() for r in row[1]}) >= 18  # many distinct reasons


def test_sources_bad_corpus_matches_its_generator(tmp_path):
    sys.path.insert(0, str(BAD))
    try:
        import make_bad
    finally:
        sys.path.remove(str(BAD))
    make_bad.main(tmp_path)
    for made in tmp_path.iterdir():
        assert made.read_bytes() == (BAD / made.name).read_bytes(), f"rerun make_bad.py: {made.name} differs"


def test_sources_bad_corpus_directory_walk():
    """A walk reads every file as if it had been named; the corpus' own script, table and
    Python cache are accounted for as rejects too (nothing met is left out)."""
    good, bad = split(read_paths([BAD]))
    assert len(good) == sum(row[2] for row in expected_rows())
    by_file: dict[str, list[str]] = {}
    for r in bad:
        by_file.setdefault(Path(r.path).relative_to(BAD).parts[0], []).append(r.reason)
    cache = by_file.pop("__pycache__", [])  # present once make_bad.py has been imported
    assert set(cache) <= {"not_an_article"}
    expected = {name: reasons for name, reasons, _ in expected_rows() if reasons}
    expected |= {"make_bad.py": ["not_an_article"], "expected.tsv": ["unknown_format"]}
    assert {name: sorted(reasons) for name, reasons in by_file.items()} == expected


# --- made at test time: huge, missing, directory, unreadable, special -------------------------


def test_sources_ten_megabyte_article_is_rejected_and_neighbours_kept(tmp_path):
    huge = "word " * (10 * 1024 * 1024 // 5)
    lines = [{"published": "2025-07-22", "text": BODY}, {"published": "2025-07-22", "text": huge},
             {"published": "2025-07-21", "text": BODY}]
    jsonl = write(tmp_path / "huge.jsonl", "".join(json.dumps(x) + "\n" for x in lines))
    good, bad = split(read_jsonl(jsonl))
    assert len(good) == 2 and [(r.location, r.reason) for r in bad] == [("line 2", "too_large")]
    csv_file = write(tmp_path / "huge.csv", f"published,text\n2025-07-22,{huge}\n2025-07-22,{BODY}\n")
    good, bad = split(read_csv(csv_file))
    assert len(good) == 1 and [r.reason for r in bad] == ["too_large"]
    seed = write(tmp_path / "huge.txt", f" date 2025-07-22 1\nTitle\n{huge}")
    assert [r.reason for r in split(read_seed(seed))[1]] == ["too_large"]


def test_sources_line_over_the_line_limit_is_skipped_without_loading(tmp_path, monkeypatch):
    monkeypatch.setattr(opening, "MAX_LINE_BYTES", 1000)
    path = write(tmp_path / "long.jsonl", json.dumps({"published": "2025-07-22", "text": "x" * 5000}) + "\n"
                 + json.dumps({"published": "2025-07-22", "text": BODY}) + "\n")
    good, bad = split(read_jsonl(path))
    assert len(good) == 1 and [(r.location, r.reason) for r in bad] == [("line 1", "too_large")]


@pytest.mark.parametrize("reader", READERS, ids=lambda r: r.__name__)
def test_sources_reader_on_missing_path_and_directory(reader, tmp_path):
    (tmp_path / "dir.jsonl").mkdir()
    assert [r.reason for r in reader(tmp_path / "missing.txt")] == ["not_found"]
    assert [r.reason for r in reader(tmp_path / "dir.jsonl")] == ["not_a_file"]


@pytest.mark.parametrize("reader", READERS, ids=lambda r: r.__name__)
def test_sources_reader_on_unreadable_file(reader, tmp_path, monkeypatch):
    path = write(tmp_path / "locked", BODY)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(opening, "open", refuse, raising=False)  # root can read any mode bits
    items = list(reader(path))
    assert [r.reason for r in items] == ["unreadable"] and "permission" in items[0].detail


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a POSIX pipe")
def test_sources_pipe_is_not_a_file(tmp_path):
    os.mkfifo(tmp_path / "pipe.jsonl")
    assert [r.reason for r in read_paths([tmp_path / "pipe.jsonl"])] == ["not_a_file"]


# --- seed format ------------------------------------------------------------------------------


def test_sources_seed_example_article():
    (article,) = read_seed(SEED)
    assert (article.published, article.source) == ("2025-07-22", "MENAFN")
    assert article.title == "Kiev states NATO discussions becoming toxic"
    assert article.text.startswith("Negotiations between Ukraine")
    assert article.id == content_id(article.published, article.title, article.text)


@pytest.mark.parametrize(
    ("body", "source", "rest"),
    [
        ("(MENAFN) Talks stalled.", "MENAFN", "Talks stalled."),
        ("(AFP) Talks stalled.", "AFP", "Talks stalled."),
        ("(AP)Talks stalled.", "AP", "Talks stalled."),
        ("(DPA-AFX) Talks stalled.", "DPA-AFX", "Talks stalled."),
        ("(Reuters) Talks stalled.", None, "(Reuters) Talks stalled."),
        ("Kiev (AP) - Talks stalled.", None, "Kiev (AP) - Talks stalled."),
        ("(2) Talks stalled.", None, "(2) Talks stalled."),
        ("Talks stalled (AFP).", None, "Talks stalled (AFP)."),
    ],
)
def test_sources_seed_marker(body, source, rest):
    assert split_marker(body) == (source, rest)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (" date 2025-07-22 12\nTitle\nBody text.\n", ("2025-07-22", "Title", "Body text.")),
        ("date 2025-07-22\nTitle\nBody text.", ("2025-07-22", "Title", "Body text.")),
        (" date 2025-07-22 3\n\nBody with no title.\n", ("2025-07-22", "", "Body with no title.")),
        ("\ufeff date 2025-07-22 3\nT\nBOM first.\n", ("2025-07-22", "T", "BOM first.")),
    ],
)
def test_sources_seed_variants(tmp_path, content, expected):
    (article,) = read_seed(write(tmp_path / "a.txt", content))
    assert (article.published, article.title, article.text) == expected


# --- ids and dates ----------------------------------------------------------------------------


def test_sources_content_id_is_sha256_of_the_canonical_fields():
    expected = hashlib.sha256("2025-07-22\nT\nBody".encode()).hexdigest()[:16]
    assert content_id("2025-07-22", "T", "Body") == expected
    variants = {content_id("2025-07-22", "T", "Body"), content_id("2025-07-23", "T", "Body"),
                content_id("2025-07-22", "U", "Body"), content_id("2025-07-22", "T", "Body.")}
    assert len(variants) == 4


@pytest.mark.parametrize(
    ("value", "iso", "reason"),
    [
        ("2025-07-22", "2025-07-22", ""),
        (" 2025-07-22 ", "2025-07-22", ""),
        ("2025-07-22T14:30", "2025-07-22T14:30:00", ""),
        ("2025-07-22 14:30:05.123", "2025-07-22T14:30:05", ""),
        ("2025-07-22T23:30:00-05:00", "2025-07-22T23:30:00", ""),  # local wall time kept
        ("2025-07-22T10:00:00Z", "2025-07-22T10:00:00", ""),
        ("2025-07-24", "2025-07-24", ""),  # two days ahead: time zones, embargoes
        ("2025-07-25", None, "future_date"),
        ("1900-01-01", "1900-01-01", ""),
        ("1899-12-31", None, "bad_date"),
        ("0001-01-01", None, "bad_date"),
        ("2025-02-29", None, "bad_date"),
        ("2024-02-29", "2024-02-29", ""),
        ("2025-7-22", None, "bad_date"),
        ("22.07.2025", None, "bad_date"),
        ("20250722", None, "bad_date"),
        ("", None, "bad_date"),
        ("yesterday", None, "bad_date"),
    ],
)
def test_sources_normalize_date(value, iso, reason):
    got, why, detail = normalize_date(value, today=TODAY)
    assert (got, why) == (iso, reason)
    assert (detail == "") == (reason == "")


# --- JSON Lines and CSV -----------------------------------------------------------------------


def test_sources_jsonl_fields_and_given_id(tmp_path):
    record = {"id": "x1", "published": "2025-07-22", "title": " T ", "text": BODY, "url": "https://e.org/a",
              "source": "AFP", "language": "fr", "extra": [1, 2]}
    (article,) = read_jsonl(write(tmp_path / "a.jsonl", json.dumps(record)))
    assert article == Article("x1", "2025-07-22", "T", BODY, "AFP", "https://e.org/a", "fr")


def test_sources_jsonl_gzipped_equals_plain(tmp_path):
    text = "".join(json.dumps({"published": "2025-07-22", "text": f"{BODY} {i}"}) + "\n" for i in range(5))
    plain = list(read_jsonl(write(tmp_path / "a.jsonl", text)))
    packed = list(read_jsonl(write(tmp_path / "a.jsonl.gz", gzip.compress(text.encode()))))
    assert plain == [Article(a.id, a.published, a.title, a.text) for a in packed] and len(plain) == 5


def test_sources_csv_columns_any_order_and_case(tmp_path):
    path = write(tmp_path / "a.csv", f'Text,URL,Published\n"{BODY}",https://e.org/1,2025-07-22T08:00:00\n')
    (article,) = read_csv(path)
    assert (article.published, article.url, article.text) == ("2025-07-22T08:00:00", "https://e.org/1", BODY)


def test_sources_csv_missing_text_column_names_found_and_required(tmp_path):
    (r,) = read_csv(write(tmp_path / "a.csv", "published,body\n2025-07-22,words\n"))
    assert r.reason == "missing_field" and "published, body" in r.detail and "text" in r.detail


# --- HTML, RSS --------------------------------------------------------------------------------


def test_sources_html_title_not_repeated_in_text():
    (article,) = read_html(BAD / "html_good.html")
    assert article.title == "Accord signed" and article.published == "2025-07-20"
    assert article.text.startswith("The council") and article.text.count("\n") == 2


def test_sources_rss_keeps_local_time_and_strips_html():
    good, _ = split(read_rss(BAD / "rss_mixed.xml"))
    assert [(a.id, a.published, a.text) for a in good] == [("g1", "2025-07-22T10:00:00", BODY)]


# --- Reuters-21578 ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01"),
        ("  3-MAR-1987 00:43:42.82", "1987-03-03T00:43:42"),
        ("3-MAR-1987  09:15:05.40", "1987-03-03T09:15:05"),
        ("27-MAR-1987 00:02:59.13&#5;&#5;&#5;RM", "1987-03-27T00:02:59"),
        ("9-APR-1987 00:00:00.00    # date added by S Finch as guesswork ", "1987-04-09T00:00:00"),
        (" 7-APR-1987 16:22:00.0", "1987-04-07T16:22:00"),
        ("31-MAR-1987 605:12:19.12", "1987-03-31"),  # impossible hour: the day is kept
        ("31-FEB-1987 10:00:00.00", None),
        ("31-FOO-1987 10:00:00.00", None),
        ("", None),
    ],
)
def test_sources_reuters_dates(value, iso):
    assert parse_date(value)[0] == iso


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("Line one\ncontinues here.\n    Second para.\n Reuter\n&#3;", "Line one continues here.\nSecond para."),
        ("Profits &lt;up&gt; &amp; more.\n REUTER\n&#3;", "Profits <up> & more."),
        ("Ends without sign-off.&#3;", "Ends without sign-off."),
        ("Reuters said the Reuter unit grew.\n Reuter", "Reuters said the Reuter unit grew."),
        ("Noranda said. Reuter\n Reuter\n&#3;", "Noranda said."),
        ("Text&#127; with DEL\n", "Text with DEL"),
    ],
)
def test_sources_reuters_clean_body(raw, text):
    assert clean_body(raw) == text


@pytest.mark.skipif(not REUTERS.is_dir(), reason="needs ../shared/data/reuters-21578")
def test_sources_reuters_whole_corpus_counts():
    good, bad = split(read_paths([REUTERS]))
    stories = [r for r in bad if r.path.endswith(".sgm")]
    assert len(good) == 19_043 and len(stories) == 21_578 - 19_043
    assert Counter(r.reason for r in stories) == {"no_body": 2_535}
    others = {(Path(r.path).name, r.reason) for r in bad if not r.path.endswith(".sgm")}
    assert {name for name, reason in others if reason == "not_an_article"} == {  # not read, but named
        "README.txt", "PROVENANCE.md", "RESERVED.md", "lewis.dtd"}
    assert {reason for _, reason in others} == {"not_an_article", "bad_header"}  # category lists
    assert len({a.id for a in good}) == 19_043
    assert all(a.published.startswith("1987-") and a.source == "Reuters" and a.text for a in good)
    assert not any(a.text.rstrip().lower().endswith("reuter") or "&#" in a.text for a in good)
    assert [a.published for a in good if len(a.published) == 10] == ["1987-03-31"]  # the repaired hour
    first = next(a for a in good if a.id == "reuters-1")
    assert (first.published, first.title) == ("1987-02-26T15:01:01", "BAHIA COCOA REVIEW")


# --- walking and format detection -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.jsonl", "{}", "jsonl"),
        ("a.JSON", "{}", "jsonl"),
        ("a.csv.gz", "", "csv"),
        ("a.htm", "", "html"),
        ("a.sgm", "", "reuters"),
        ("a.atom", "", "rss"),
        ("a.txt", " date 2025-07-22 5\nT\nB", "seed"),
        ("a.txt", "a list of words", None),
        ("a.xml", '<?xml version="1.0"?>\n<rss version="2.0">', "rss"),
        ("a.xml", '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">', "rss"),
        ("a.xml", '<!DOCTYPE lewis SYSTEM "lewis.dtd">\n<REUTERS NEWID="1">', "reuters"),
        ("a.dat", "<!DOCTYPE html><html>", "html"),
        ("a.dat", '{"published": "2025-07-22"}', "jsonl"),
        ("a.dat", "plain words", None),
    ],
)
def test_sources_detect_format(tmp_path, name, content, expected):
    path = tmp_path / name
    write(path, gzip.compress(content.encode()) if name.endswith(".gz") else content)
    assert detect_format(path) == expected


def test_sources_walk_is_sorted_and_accounts_for_every_file(tmp_path):
    for name in ("b.jsonl", "a/c.jsonl", "README.txt", ".hidden.jsonl", ".git/x.jsonl", "lewis.dtd", "notes.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        content = json.dumps({"published": "2025-07-22", "text": f"{BODY} {name}"})
        write(tmp_path / name, "a list of words" if name.endswith(".txt") else content)
    good, bad = split(read_paths([tmp_path]))
    assert [a.text.split()[-1] for a in good] == ["a/c.jsonl", "b.jsonl"]
    assert [(Path(r.path).name, r.reason) for r in bad] == [
        (".git", "hidden"), (".hidden.jsonl", "hidden"), ("README.txt", "not_an_article"),
        ("lewis.dtd", "not_an_article"), ("notes.txt", "bad_header")]
    assert all(len(r.detail) > 30 and ";" in r.detail for r in bad)  # the problem; the fix
    _, bad = split(read_paths([tmp_path / "README.txt"]))  # named explicitly: read, and rejected
    assert [r.reason for r in bad] == ["bad_header"]


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("story.txt", b" date 2025-07-22 5\nT\n\x00\x01\x02 binary", "binary_file"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "binary_file"),
    ("photo.dat", b"\x89PNG\r\n\x1a\n\x00\x00", "binary_file"),
    ("story.dat", "café au lait, écrit en Latin-1".encode("latin-1"), "bad_encoding"),
    ("notes.dat", b"plain words of no known format", "unknown_format"),
    ("notes.dat", "déjà vu: UTF-8 words cut at the 4096th byte ".encode() * 100, "unknown_format"),
])
def test_sources_walk_rejects_what_it_cannot_read_as_when_named(tmp_path, name, content, reason):
    """A folder with a good file and a bad one: the good one read, the bad one one reject with
    its reason, the same reject as when the file is named alone."""
    write(tmp_path / "good.jsonl", json.dumps({"published": "2025-07-22", "text": BODY}))
    write(tmp_path / name, content)
    good, bad = split(read_paths([tmp_path]))
    assert len(good) == 1 and [(Path(r.path).name, r.reason) for r in bad] == [(name, reason)]
    assert split(read_paths([tmp_path / name]))[1] == bad


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_sources_walk_names_a_linked_folder_it_does_not_follow(tmp_path):
    (tmp_path / "real").mkdir()
    write(tmp_path / "real" / "a.jsonl", json.dumps({"published": "2025-07-22", "text": BODY}))
    os.symlink(tmp_path / "real", tmp_path / "loop")
    good, bad = split(read_paths([tmp_path]))
    assert len(good) == 1 and [(Path(r.path).name, r.reason) for r in bad] == [("loop", "not_a_file")]


def test_sources_forced_format_and_unknown_format_name(tmp_path):
    path = write(tmp_path / "feed.dat", json.dumps({"published": "2025-07-22", "text": BODY}))
    assert len(split(read_paths([path], format="json"))[0]) == 1
    from newsevents.errors import ConfigError

    with pytest.raises(ConfigError, match="unknown input format 'docx'"):
        list(read_paths([path], format="docx"))


def test_sources_bundled_demo_corpus_is_credited_and_reads_whole():
    from newsevents.pipeline import demo_corpus

    good, bad = split(read_paths([demo_corpus()]))
    assert len(good) == 500 and bad == []
    assert all(a.source == "Wikinews" and a.url.startswith("https://en.wikinews.org/wiki?curid=") for a in good)
    notice = (demo_corpus().parent / "NOTICE.md").read_text(encoding="utf-8")
    assert "Wikinews contributors" in notice and all(a.url in notice for a in good)  # CC BY 2.5: credit and URL
