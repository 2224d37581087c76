"""The paragraph machinery without a database: splitting, anchor matching, diffs."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from datacon.policy.paragraphs import (
    DiffSide,
    ParagraphError,
    PreviousParagraph,
    html_to_text,
    match_blocks,
    parse_blocks,
    version_diff,
    word_diff_html,
)


def _previous(blocks, start_id=1):  # type: ignore[no-untyped-def]
    """PreviousParagraph rows for blocks as if they had been published with anchors p-1, p-2..."""
    return [
        PreviousParagraph(
            identity_id=start_id + index,
            anchor=f"p-{start_id + index}",
            kind=block.kind,
            plain_text=block.plain_text,
            position=index + 1,
        )
        for index, block in enumerate(blocks)
    ]


def test_parse_blocks_splits_headings_paragraphs_lists_and_fences():
    blocks = parse_blocks(
        "# Título\n\nUn párrafo\nen dos líneas.\n\n- uno\n- dos\n\n```\ncódigo\n\nsigue\n```\n"
    )
    assert [(b.kind, b.level) for b in blocks] == [
        ("heading", 1),
        ("text", 0),
        ("text", 0),
        ("text", 0),
    ]
    assert blocks[1].source == "Un párrafo\nen dos líneas."
    assert blocks[3].source == "```\ncódigo\n\nsigue\n```"


def test_parse_blocks_reads_explicit_anchors_and_removes_them_from_the_text():
    blocks = parse_blocks("## Alcance {#s-3}\n\nTexto del párrafo. {#p-3-2}\n")
    assert [(b.anchor, b.source) for b in blocks] == [
        ("s-3", "Alcance"),
        ("p-3-2", "Texto del párrafo."),
    ]


def test_parse_blocks_invalid_anchor_says_the_line():
    with pytest.raises(ParagraphError) as error:
        parse_blocks("Primero.\n\nSegundo {#Mal_Ancla}\n")
    assert error.value.messages == [
        "Línea 3: el identificador «Mal_Ancla» solo admite minúsculas, números y guiones "
        "(ejemplo: {#p-3-2})."
    ]


def test_parse_blocks_duplicate_anchor_is_refused_with_both_lines():
    with pytest.raises(ParagraphError) as error:
        parse_blocks("Uno {#p-1}\n\nDos {#p-1}\n")
    assert error.value.messages == ["Línea 3: el identificador «p-1» ya se usó en la línea 1."]


def test_heading_with_number_stays_a_heading_not_a_list():
    blocks = parse_blocks("# 1. Objetivo **general**\n")
    assert blocks[0].html == "<h3>1. Objetivo <strong>general</strong></h3>"


def test_text_is_sanitised():
    blocks = parse_blocks('Hola <script>alert("x")</script> **mundo**\n')
    assert "<script>" not in blocks[0].html
    assert blocks[0].plain_text.startswith("Hola")


def test_match_keeps_identity_for_explicit_anchor_even_when_text_changes_completely():
    old = parse_blocks("Texto original del párrafo.\n")
    new = parse_blocks("Una redacción totalmente distinta. {#p-1}\n")
    result = match_blocks(blocks=new, previous=_previous(old), known_anchors={"p-1": 1})
    assert [(m.identity_id, m.anchor, m.how) for m in result.matches] == [(1, "p-1", "anchor")]
    assert result.removed == []


def test_match_identical_text_moved_keeps_identity():
    old = parse_blocks("Alfa uno dos tres.\n\nBeta cuatro cinco seis.\n")
    new = parse_blocks("Beta cuatro cinco seis.\n\nAlfa uno dos tres.\n")
    result = match_blocks(blocks=new, previous=_previous(old), known_anchors={"p-1": 1, "p-2": 2})
    assert [(m.anchor, m.how) for m in result.matches] == [("p-2", "same"), ("p-1", "same")]


def test_match_similar_text_keeps_identity_and_new_paragraph_gets_fresh_anchor():
    old = parse_blocks(
        "Las instituciones publican sus datos de manera proactiva, completa y oportuna.\n\n"
        "Cada año se define una agenda de datos abiertos.\n"
    )
    new = parse_blocks(
        "Un párrafo nuevo que no existía antes en ninguna forma.\n\n"
        "Las instituciones publican sus datos de manera proactiva, completa, oportuna y documentada.\n\n"
        "Cada año se define una agenda de datos abiertos con metas.\n"
    )
    result = match_blocks(blocks=new, previous=_previous(old), known_anchors={"p-1": 1, "p-2": 2})
    assert [(m.anchor, m.how) for m in result.matches] == [
        ("p-3", "new"),
        ("p-1", "similar"),
        ("p-2", "similar"),
    ]


def test_new_anchor_never_reuses_an_anchor_the_document_used_before():
    old = parse_blocks("Único párrafo vigente.\n")
    new = parse_blocks("Único párrafo vigente.\n\nOtro párrafo completamente nuevo aquí.\n")
    # p-7 belonged to a paragraph removed in an earlier version.
    known = {"p-1": 1, "p-7": 7}
    result = match_blocks(blocks=new, previous=_previous(old), known_anchors=known)
    assert [m.anchor for m in result.matches] == ["p-1", "p-8"]


def test_removed_paragraphs_are_reported():
    old = parse_blocks("Se queda este párrafo.\n\nEste se va del documento para siempre.\n")
    new = parse_blocks("Se queda este párrafo.\n")
    result = match_blocks(blocks=new, previous=_previous(old), known_anchors={"p-1": 1, "p-2": 2})
    assert [p.anchor for p in result.removed] == ["p-2"]


WORDS = st.sampled_from(
    [
        "datos",
        "abiertos",
        "política",
        "transparencia",
        "participación",
        "colaboración",
        "gobierno",
        "estado",
        "instituciones",
        "ciudadanía",
        "calidad",
        "formato",
        "publicación",
        "metas",
        "agenda",
    ]
)
PARAGRAPH = st.lists(WORDS, min_size=6, max_size=14).map(lambda words: " ".join(words) + ".")


@settings(max_examples=40, deadline=None)
@given(
    paragraphs=st.lists(PARAGRAPH, min_size=2, max_size=8, unique=True),
    inserted=PARAGRAPH,
    position=st.integers(min_value=0, max_value=8),
)
def test_inserting_a_paragraph_never_moves_anchors_of_untouched_paragraphs(
    paragraphs, inserted, position
):
    if inserted in paragraphs:
        return
    old = parse_blocks("\n\n".join(paragraphs))
    previous = _previous(old)
    changed = list(paragraphs)
    changed.insert(min(position, len(changed)), inserted)
    result = match_blocks(
        blocks=parse_blocks("\n\n".join(changed)),
        previous=previous,
        known_anchors={p.anchor: p.identity_id for p in previous},
    )
    kept = {m.block.plain_text: m.anchor for m in result.matches if m.how == "same"}
    assert kept == {p.plain_text: p.anchor for p in previous}
    assert result.removed == []


def test_word_diff_marks_changes_and_escapes():
    html = word_diff_html("datos <b>abiertos</b> hoy", "datos <b>cerrados</b> hoy")
    assert str(html) == ("datos &lt;b&gt;<del>abiertos</del><ins>cerrados</ins>&lt;/b&gt; hoy")


def _side(identity_id, text, number=None):  # type: ignore[no-untyped-def]
    return DiffSide(identity_id, f"p-{identity_id}", "text", number, text, f"<p>{text}</p>")


def test_version_diff_orders_rows_and_places_removed_after_their_predecessor():
    old = [_side(1, "uno"), _side(2, "dos"), _side(3, "tres")]
    new = [_side(1, "uno"), _side(4, "cuatro"), _side(3, "tres cambiado")]
    rows = version_diff(old, new)
    assert [(row.status, row.anchor) for row in rows] == [
        ("unchanged", "p-1"),
        ("removed", "p-2"),
        ("added", "p-4"),
        ("changed", "p-3"),
    ]
    assert str(rows[3].words_html) == "tres<ins> cambiado</ins>"


def test_html_to_text_matches_what_a_reader_selects():
    assert html_to_text("<p>Hola <strong>mundo</strong></p>") == "Hola mundo"
