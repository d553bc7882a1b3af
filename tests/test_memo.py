"""The per-message memo: answers are shared by the components of one message and never
carried to the next message (the benchmark repeats its corpus, so a memo across messages
would overstate what a real inbox gets)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from parsers.nlp.memo import PerMessage, current, one_message, per_message, per_message_list
from parsers.nlp.prose import name_spans, sentences
from parsers.nlp.roles import find_heads

LINE = "Kari Nordmann, rektor ved Berg skule"


def test_no_memo_outside_a_message() -> None:
    assert current() is None
    assert [h.head.head for h in find_heads(LINE)] == ["rektor"]
    assert current() is None


def test_one_message_shares_its_memo_and_the_next_starts_empty() -> None:
    nlp = spacy.blank("nb")
    first, second = nlp("første"), nlp("andre")
    seen: list[dict[object, object] | None] = []

    def component(doc: Doc) -> Doc:
        find_heads(LINE)
        seen.append(current())
        return doc

    run = PerMessage(component)
    run(first)
    run(first)
    run(second)
    assert seen[0] is not None and seen[0] is seen[1]
    assert seen[2] is not None and seen[2] is not seen[0]
    assert list(seen[2]) == [("find_heads", LINE)]
    assert current() is None


def test_a_memoised_answer_is_the_computed_one_and_a_fresh_list() -> None:
    doc = spacy.blank("nb")("x")
    computed = find_heads(LINE)
    with one_message(doc):
        once = find_heads(LINE)
        once.clear()
        again = find_heads(LINE)
    assert again == computed and again


def test_per_message_answers_once_per_message_and_computes_outside() -> None:
    """``per_message``: inside a message a repeated question is computed once (the answer
    shared), the next message computes again, and outside a component every call computes."""
    calls: list[str] = []

    @per_message
    def words(text: str, *, limit: int = 9) -> tuple[str, ...]:
        calls.append(text)
        return tuple(text.split()[:limit])

    nlp = spacy.blank("nn")
    first, second = nlp("første"), nlp("andre")
    assert words("Ola Dal, rektor") == words("Ola Dal, rektor") == ("Ola", "Dal,", "rektor")
    assert len(calls) == 2
    with one_message(first):
        assert words("Kari Li, lærar") == words("Kari Li, lærar") == ("Kari", "Li,", "lærar")
        assert words("Kari Li, lærar", limit=1) == ("Kari",)
    assert calls[2:] == ["Kari Li, lærar", "Kari Li, lærar"]
    with one_message(second):
        words("Kari Li, lærar")
    assert len(calls) == 5


def test_per_message_list_hands_each_caller_a_list_of_its_own() -> None:
    """``per_message_list``: computed once per message, the answer equal to the computed
    one, and a caller that empties its list leaves the next caller's whole (bokmål and
    nynorsk sentences; name runs with and without extra spans)."""
    calls: list[str] = []

    @per_message_list
    def pieces(text: str) -> list[tuple[int, str]]:
        calls.append(text)
        return [(i, word) for i, word in enumerate(text.split())]

    bokmal = "Vi melder på Ola Dal. Han er rektor."
    nynorsk = "Vi melder på Kari Li. Ho er lærar ved Haug skule."
    doc = spacy.blank("nb")("x")
    outside = [sentences(bokmal), sentences(nynorsk), name_spans(nynorsk)]
    with one_message(doc):
        first = pieces(bokmal)
        first.clear()
        assert [word for _, word in pieces(bokmal)][-3:] == ["Han", "er", "rektor."]
        assert pieces(nynorsk)[-1] == (10, "skule.")
        inside = [sentences(bokmal), sentences(nynorsk), name_spans(nynorsk)]
        inside[0].clear()
        assert sentences(bokmal) == outside[0] and len(outside[0]) == 2
        assert name_spans(nynorsk, [(0, 2)]) == _name_spans_with(nynorsk, [(0, 2)])
    assert inside[1:] == outside[1:]
    assert calls == [bokmal, nynorsk]


def _name_spans_with(text: str, extra: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return name_spans(text, extra)
