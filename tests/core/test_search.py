"""The search helpers every app uses: highlighted, escaped snippets."""

from core import search


def test_highlight_marks_every_match_and_escapes_the_rest():
    snippet = search.highlight("<b>Hué</b> & Hue, hué", "hue")
    assert snippet == "&lt;b&gt;<mark>Hué</mark>&lt;/b&gt; &amp; <mark>Hue</mark>, <mark>hué</mark>"


def test_highlight_cuts_a_long_text_around_the_first_match():
    text = "mot " * 200 + "citadelle " + "fin " * 200
    snippet = search.highlight(text, "citadelles")
    assert "<mark>citadelle</mark>" in snippet
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert len(snippet) < 300


def test_marked_only_turns_sentinels_into_marks():
    text = f"<i>{search.MARK_START}Hué{search.MARK_STOP}</i>"
    assert search.marked(text) == "&lt;i&gt;<mark>Hué</mark>&lt;/i&gt;"
