"""Untrusted article text: markup-lookalikes, ANSI/OSC escapes, BEL, CJK, ZWJ emoji, RTL,
CRLF and a 3,000-character line render as literal text and spans keep exact offsets."""

from __future__ import annotations

from tests.app.conftest import annotate, keys, saved, search

HOSTILE = (
    "Officials said [bold]nothing[/bold] and [@click=app.quit]click me[/] today.\r\n"
    "Escapes: \x1b[31mred\x1b[0m, a title \x1b]0;pwned\x07 and a bell \x07 here.\r\n"
    "東京の当局者は12人と述べた。 Family 👩‍👩‍👧 arrived; e\u0301t\u00e9.\r\n"
    "Hebrew: \u05e9\u05dc\u05d5\u05dd and override \u202eevil\u202c done.\r\n"
    + "long" * 750 + " end.\r\n"
)


def _all_rendered_text(view) -> str:
    out = []
    for y in range(view.scrollable_content_region.height):
        out.append("".join(seg.text for seg in view.render_line(y)))
    return "\n".join(out)


async def test_hostile_article_renders_literally_and_keeps_offsets(corpus_dir):
    (corpus_dir / "seeds" / "hostile.txt").write_bytes(HOSTILE.encode("utf-8"))
    async with annotate(corpus_dir, doc="hostile", size=(100, 30)) as (app, pilot, scr):
        shown = _all_rendered_text(scr.view)
        assert "[bold]nothing[/bold]" in shown and "[@click=app.quit]click me[/]" in shown
        for bad in ("\x1b", "\x07", "\u202e", "\r"):
            assert bad not in shown
        assert "␛[31mred" in shown and "␇" in shown  # visible placeholders
        assert "東京の当局者" in shown
        await pilot.click("#article", offset=(30, 0))  # on the fake [@click] link
        assert app.is_running
        await search(pilot, "[@click=app.quit]click me[/]")
        await keys(pilot, "c")
        text = scr.session.doc.text
        for quote in ("東京の当局者は12人と述べた", "👩‍👩‍👧", "\u05e9\u05dc\u05d5\u05dd"):
            scr.select(text.index(quote), text.index(quote) + len(quote))  # (pilot cannot type CJK)
            await keys(pilot, "a")
        await search(pilot, "longlonglong")
        await keys(pilot, "L", "f", "ctrl+s")  # grow to the whole 3,000-character token
        assert app.is_running
    data = saved(corpus_dir, doc="hostile")
    text = (corpus_dir / "seeds" / "hostile.txt").read_bytes().decode("utf-8")
    got = {s["text"]: (s["start"], s["end"]) for s in data["spans"]}
    assert set(got) == {"[@click=app.quit]click me[/]", "東京の当局者は12人と述べた", "👩‍👩‍👧",
                        "\u05e9\u05dc\u05d5\u05dd", "long" * 750}
    for quote, (start, end) in got.items():
        assert text[start:end] == quote


async def test_crlf_file_is_not_rewritten(corpus_dir):
    (corpus_dir / "seeds" / "hostile.txt").write_bytes(HOSTILE.encode("utf-8"))
    async with annotate(corpus_dir, doc="hostile", size=(80, 24)) as (app, pilot, scr):
        await keys(pilot, "G", "ctrl+s")
    assert (corpus_dir / "seeds" / "hostile.txt").read_bytes() == HOSTILE.encode("utf-8")
