"""Write the bad-input corpus: small files that each break one rule, with good records beside.

Run ``python tests/data/bad/make_bad.py`` to (re)write the files next to this script; the test
suite checks that the committed files are what this script writes. Every sentence here is
synthetic (no news text is copied). What each file must yield is in ``expected.tsv``. The
10 MB article and the cases that cannot live in git (a directory named like a file, a missing
path, an unreadable file) are made at test time in ``tests/test_sources.py``.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

BODY = "The council of a fictional republic met on Tuesday and agreed to resume talks next week."
BODY2 = "Officials of two invented provinces signed a water-sharing accord after months of delay."
BODY3 = "A spokesman for the imaginary ministry said the envoy would travel to the capital soon."


def line(**fields: object) -> str:
    """One JSON Lines record."""
    return json.dumps(fields, ensure_ascii=False) + "\n"


def good(n: int = 1) -> str:
    """n valid JSON Lines records with distinct content."""
    return "".join(line(published="2025-07-22", title=f"Good {i}", text=f"{BODY} Item {i}.") for i in range(n))


def gzip_bytes(data: bytes) -> bytes:
    """Deterministic gzip (fixed mtime, no file name)."""
    return gzip.compress(data, compresslevel=6, mtime=0)


def truncated(data: bytes, keep: float = 0.6) -> bytes:
    """The first ``keep`` share of a gzip stream of ``data``."""
    packed = gzip_bytes(data)
    return packed[: int(len(packed) * keep)]


def many_lines(n: int) -> str:
    """n valid records with varied text, so that gzip cannot squeeze them to nothing."""
    return "".join(
        line(id=f"t{i}", published="2025-07-22", text=f"{BODY} Number {i * 7919 % 1000003} of {n}.") for i in range(n)
    )


def sgml_story(newid: int, date: str, title: str, body: str | None) -> str:
    """A synthetic Reuters-21578-style story."""
    text = f"<TITLE>{title}</TITLE>\n"
    if body is not None:
        text += f"<BODY>{body}\n Reuter\n&#3;</BODY>"
    return (
        f'<REUTERS TOPICS="NO" NEWID="{newid}">\n<DATE>{date}</DATE>\n<TOPICS></TOPICS>\n'
        f"<TEXT>&#2;\n{text}</TEXT>\n</REUTERS>\n"
    )


def rss(items: str, doctype: str = "") -> str:
    """An RSS 2.0 document around the given items."""
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n{doctype}<rss version="2.0"><channel>'
        f"<title>Synthetic feed</title><link>https://example.org/</link>{items}</channel></rss>\n"
    )


def item(title: str, body: str | None, date: str | None, guid: str) -> str:
    """One RSS item."""
    parts = [f"<title>{title}</title>", f"<guid>{guid}</guid>"]
    if body is not None:
        parts.append(f"<description>&lt;p&gt;{body}&lt;/p&gt;</description>")
    if date is not None:
        parts.append(f"<pubDate>{date}</pubDate>")
    return "<item>" + "".join(parts) + "</item>"


HTML_GOOD = f"""<!DOCTYPE html><html><head><title>Accord signed</title>
<meta property="article:published_time" content="2025-07-20T09:30:00+02:00"></head>
<body><article><h1>Accord signed</h1><p>{BODY}</p><p>{BODY2}</p><p>{BODY3}</p></article></body></html>
"""
HTML_NO_DATE = f"""<!DOCTYPE html><html><head><title>Undated page</title></head>
<body><article><h1>Undated page</h1><p>{BODY}</p><p>{BODY2}</p><p>{BODY3}</p></article></body></html>
"""
HTML_NO_BODY = """<!DOCTYPE html><html><head><title>Empty page</title>
<meta property="article:published_time" content="2025-07-20"></head><body><nav></nav></body></html>
"""
BILLION_LAUGHS = (
    '<!DOCTYPE rss [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>\n'
)
EXTERNAL_ENTITY = '<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Synthetic atom</title><id>urn:x</id>
<entry><title>First</title><id>urn:x:1</id><updated>2025-07-21T08:00:00+03:00</updated>
<content type="html">&lt;p&gt;{BODY}&lt;/p&gt;</content></entry>
<entry><title>Second</title><id>urn:x:2</id><published>2025-07-22T10:15:00Z</published>
<summary>{BODY2}</summary></entry></feed>
"""


def cases() -> dict[str, bytes]:
    """File name -> content of every stored case."""
    utf8 = {
        "empty.jsonl": "",
        "whitespace_only.jsonl": "\n   \n\t\n",
        "utf8_bom.jsonl": "\ufeff" + good(2),
        "mixed_good.jsonl": good(3),
        "bad_json.jsonl": good(1) + '{"published": "2025-07-22", "text": "unfinished"\n' + "{'single': 'quotes'}\n" + good(2)[len(good(1)) :],
        "not_object.jsonl": '["2025-07-22", "a list"]\n"just a string"\n42\n' + good(1),
        "wrong_types.jsonl": line(published=20250722, text=BODY)
        + line(published="2025-07-22", text=[BODY])
        + line(published="2025-07-22", text=BODY2, title=7)
        + line(published="2025-07-22", text=BODY3, url=True)
        + line(id=17, published="2025-07-22", text=BODY),
        "missing_published.jsonl": line(title="No date", text=BODY) + line(published="2025-07-22", text=BODY2),
        "missing_text.jsonl": line(published="2025-07-22", title="No text") + line(published="2025-07-22", body=BODY)
        + line(published="2025-07-22", text=BODY2),
        "date_alias.jsonl": line(date="2025-07-21", text=BODY) + line(date="2025-07-21", published="", text=BODY2),
        "bad_dates.jsonl": line(published="2025-13-45", text=BODY)
        + line(published="July 22, 2025", text=BODY)
        + line(published="1850-01-01", text=BODY)
        + line(published="1920-01-01", text=BODY2)
        + line(published="2999-01-01", text=BODY)
        + line(published="2025-02-30", text=BODY)
        + line(published="22/07/2025", text=BODY)
        + line(published="2025-07-22T25:61:00", text=BODY)
        + line(published="2025-07-22T10:00:00+02:00", text=BODY3),
        "empty_text.jsonl": line(published="2025-07-22", text="   \n ") + line(published="2025-07-22", text="") + good(1),
        "duplicate_id.jsonl": line(id="a1", published="2025-07-22", text=BODY)
        + line(id="a1", published="2025-07-22", text=BODY2)
        + line(id="a1", published="2025-07-22", text=BODY)
        + line(id="b2", published="2025-07-22", text=BODY3),
        "lone_surrogate.jsonl": '{"published": "2025-07-22", "text": "broken \\ud800 pair"}\n' + good(1),
        "deep_nesting.jsonl": "[" * 100000 + "]" * 100000 + "\n" + good(1),
        "json_array.json": json.dumps([{"published": "2025-07-22", "text": BODY}, {"published": "2025-07-22"}]),
        "csv_no_text.csv": "id,published,body\n1,2025-07-22,some words\n",
        "csv_quoting.csv": f'published,title,text\n2025-07-22,One,"{BODY}"\n2025-07-22,"Two"x,"broken"\n2025-07-22,Three,{BODY2}\n',
        "csv_unterminated.csv": f'published,text\n2025-07-22,"{BODY}"\n2025-07-22,"never closed\n2025-07-22,{BODY2}\n',
        "csv_field_count.csv": f'published,title,text\n2025-07-22,One,"{BODY}"\n2025-07-22,Two,{BODY2},extra\n2025-07-22\n',
        "csv_bad_values.csv": "PUBLISHED,Title,Text,Source\n"
        + f"22/07/2025,One,{BODY},AFP\n,Two,{BODY2},AFP\n2025-07-22,Three,,AFP\n2025-07-22,Four,{BODY3},AFP\n",
        "csv_date_alias.csv": f'date,text\n2025-07-22,"{BODY}"\n',
        "csv_utf8_bom.csv": "\ufeffpublished,title,text\n" + f'2025-07-22,Café talks,"{BODY}"\n2025-07-21,Two,"{BODY2}"\n',
        "csv_multiline.csv": f'published,text\n2025-07-22,"{BODY}\n\n{BODY2}"\n',
        "csv_header_only.csv": "published,text\n",
        "html_good.html": HTML_GOOD,
        "html_no_date.html": HTML_NO_DATE,
        "html_no_body.html": HTML_NO_BODY,
        "rss_billion_laughs.xml": rss(item("Laugh &d;", "&d;", "Tue, 22 Jul 2025 10:00:00 +0200", "g1"), BILLION_LAUGHS),
        "rss_external_entity.rss": rss(item("Leak &secret;", "x", "Tue, 22 Jul 2025 10:00:00 +0200", "g1"), EXTERNAL_ENTITY),
        "rss_mixed.xml": rss(
            item("Good", BODY, "Tue, 22 Jul 2025 10:00:00 +0200", "g1")
            + item("Undated", BODY2, None, "g2")
            + item("Title only", None, "Tue, 22 Jul 2025 11:00:00 +0200", "g3")
            + item("Bad date", BODY3, "sometime last week", "g4")
            + item("Future", BODY3, "Tue, 22 Jul 2999 11:00:00 +0200", "g5")
        ),
        "rss_malformed.xml": '<?xml version="1.0"?><rss version="2.0"><channel><title>cut off',
        "atom_good.atom": ATOM,
        "seed_good_crlf.txt": f" date 2025-07-22 30\r\nTalks resume\r\n(AFP) {BODY}\r\n{BODY2}\r\n",
        "seed_no_header.txt": f"date: July 22\nTitle\n{BODY}\n",
        "seed_bad_date.txt": f" date 2025-02-30 12\nTitle\n{BODY}\n",
        "seed_future.txt": f" date 2999-01-01 12\nTitle\n{BODY}\n",
        "seed_no_body.txt": " date 2025-07-22 2\nOnly a title\n\n",
        "reuters_mixed.sgm": '<!DOCTYPE lewis SYSTEM "lewis.dtd">\n'
        + sgml_story(1, "26-FEB-1987 15:01:01.79", "GOOD STORY", f"{BODY}\n    {BODY2} &lt;AB&gt; &amp; co")
        + sgml_story(2, "26-FEB-1987 15:02:01.79", "TITLE ONLY", None)
        + sgml_story(3, "31-FOO-1987 10:00:00.00", "BAD MONTH", BODY)
        + sgml_story(4, "31-MAR-1987 605:12:19.12", "BAD HOUR", BODY3)
        + sgml_story(5, "  3-MAR-1987  09:15:05.40&#5;&#5;&#5;RM", "NOISY DATE", BODY2),
        "reuters_no_stories.sgm": '<!DOCTYPE lewis SYSTEM "lewis.dtd">\n<OTHER>nothing here</OTHER>\n',
        "unknown.dat": "just some words, not an article format\n",
    }
    raw = {name: text.encode("utf-8") for name, text in utf8.items()}
    raw.update(
        {
            "binary.jsonl": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
            "nul_bytes.csv": b"published,text\n2025-07-22,abc\x00\x00def\n",
            "binary_seed.txt": b" date 2025-07-22 3\nTitle\n\x00\x01\x02 body\n",
            "utf16_bom.csv": "published,text\n2025-07-22,Zürich talks resumed on Tuesday.\n".encode("utf-16"),
            "cp1252.csv": "published,text\n2025-07-22,Caf\u00e9 owners \u2013 all of them \u2013 protested.\n".encode("cp1252")
            + f"2025-07-22,{BODY}\n".encode(),
            "mixed_encoding.jsonl": good(1).encode() + line(published="2025-07-22", text="Gen\u00e8ve").encode("latin-1")
            + line(published="2025-07-22", text=BODY2).encode(),
            "seed_cp1252.txt": f" date 2025-07-22 5\nTitle\n\u201cQuoted\u201d {BODY}\n".encode("cp1252"),
            "nul_late.jsonl": line(published="2025-07-22", text=BODY + " pad" * 3000).encode()
            + b'{"published": "2025-07-22", "text": "has a \x00 byte"}\n'
            + good(1).encode(),
            "truncated.jsonl.gz": truncated(many_lines(400).encode()),
            "corrupt.jsonl.gz": b"\x1f\x8b\x08\x00" + b"this is not deflate data at all" * 4,
            "truncated.sgm.gz": truncated(
                "".join(sgml_story(i, "26-FEB-1987 15:01:01.79", f"S{i}", f"{BODY} {i * 7919}") for i in range(1, 200)).encode()
            ),
            "good.csv.gz": gzip_bytes(f"published,text\n2025-07-22,{BODY}\n".encode()),
            "truncated_seed.txt.gz": truncated(f" date 2025-07-22 40\nTitle\n{BODY * 30}\n".encode(), 0.5),
        }
    )
    return raw


def main(target: Path = HERE) -> None:
    """Write every case into ``target``."""
    for name, data in sorted(cases().items()):
        (target / name).write_bytes(data)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
