"""HTML mail bodies rendered to plain text that keeps the layout the extraction layer reads.

Participants are very often sent as an HTML table or a bulleted list, so the rendering must
keep one table row per line (cells separated by a tab, like the plain part Outlook writes)
and one list item per line with a ``- `` bullet (the same bullet people type in plain text).
inscriptis does the rendering; lxml (its own dependency) prepares the tree. Both are
imported when the first HTML body is read, not when this module is: start-up does not need
them.
"""

from __future__ import annotations

import re
from functools import cache
from html import unescape
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from inscriptis.model.config import ParserConfig  # type: ignore[import-untyped]
    from inscriptis.model.html_document_state import (  # type: ignore[import-untyped]
        HtmlDocumentState,
    )
    from lxml import etree  # type: ignore[import-untyped]

CELL_SEPARATOR: Final = "\t"
BULLET: Final = "- "
RULE_LINE: Final = "_" * 32
XML_DECLARATION: Final = re.compile(r"^\ufeff?\s*<\?xml\b[^>]*\?>", re.IGNORECASE)
TAG: Final = re.compile(r"<[^>]*>")
COMMENT: Final = re.compile(r"<!--.*?-->", re.DOTALL)
#: A line no human writes; it marks where the first quoted block began in rendered HTML.
QUOTE_SENTINEL: Final = "\u2063MAILBOT-QUOTE-START\u2063"

#: Elements that start a quoted earlier message in HTML mail, by client:
#: Apple Mail / Thunderbird (blockquote type=cite), Gmail (gmail_quote), Outlook on the web
#: (divRplyFwdMsg, preceded by <hr>), Outlook desktop (a div with a top border holding the
#: Fra:/Sendt: block), Yahoo (yahoo_quoted).
QUOTE_XPATHS: Final[tuple[str, ...]] = (
    "//blockquote[@type='cite']",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' gmail_quote ')]",
    "//*[@id='divRplyFwdMsg']",
    "//hr",
    "//div[contains(translate(@style, ' ', ''), 'border-top:solid')]",
    "//*[contains(@class, 'yahoo_quoted')]",
)


def _ul_start(state: HtmlDocumentState, _: dict[str, str]) -> None:
    """Every unordered list level uses the dash bullet people type themselves."""
    state.li_counter.append(BULLET)


def _ul_end(state: HtmlDocumentState) -> None:
    state.li_counter.pop()


@cache
def _config() -> ParserConfig:
    """Strict CSS profile, lists flush left (no indentation), tab between table cells."""
    from inscriptis.css_profiles import CSS_PROFILES  # type: ignore[import-untyped]
    from inscriptis.html_properties import Display  # type: ignore[import-untyped]
    from inscriptis.model.config import ParserConfig
    from inscriptis.model.html_element import HtmlElement  # type: ignore[import-untyped]
    from inscriptis.model.tag import CustomHtmlTagHandlerMapping  # type: ignore[import-untyped]

    css = CSS_PROFILES["strict"].copy()
    for tag in ("ul", "ol"):
        css[tag] = HtmlElement(
            display=Display.block, margin_before=0, margin_after=0, padding_inline=0
        )
    return ParserConfig(
        css=css,
        table_cell_separator=CELL_SEPARATOR,
        custom_html_tag_handler_mapping=CustomHtmlTagHandlerMapping(
            start_tag_mapping={"ul": _ul_start}, end_tag_mapping={"ul": _ul_end}
        ),
    )


class UnreadableHtml(ValueError):
    """HTML that lxml cannot build a tree from (the message says why)."""


def parse_tree(html: str) -> etree._Element | None:
    """Parse HTML leniently; None when there is nothing to parse.

    An XML declaration (Hotmail writes ``<?xml version="1.0" encoding="UTF-8"?>`` before its
    HTML) is dropped first: lxml refuses a ``str`` that declares an encoding. Raises
    ``UnreadableHtml`` when lxml still cannot read it.
    """
    from lxml import etree
    from lxml import html as lxml_html

    cleaned = XML_DECLARATION.sub("", html.replace("\x00", ""), count=1)
    if not cleaned.strip():
        return None
    try:
        return lxml_html.document_fromstring(cleaned)
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableHtml(f"{type(exc).__name__}: {exc}") from exc


def read(html: str) -> tuple[str, str | None]:
    """HTML as text, and a defect when it could not be parsed: then its tags are dropped and
    its entities decoded, so that what a person would read is never lost."""
    try:
        return to_text(html), None
    except UnreadableHtml as exc:
        text = unescape(TAG.sub(" ", COMMENT.sub(" ", html)))
        lines = (" ".join(line.split()) for line in text.splitlines())
        return tidy("\n".join(lines)), f"unreadable HTML read without its tags ({exc})"


def mark_rules(tree: etree._Element) -> None:
    """Turn <hr> into a visible underscore line, the separator Outlook writes in plain text."""
    from lxml import etree

    for rule in tree.iter("hr"):
        paragraph = etree.Element("p")
        paragraph.text = RULE_LINE
        rule.addprevious(paragraph)


def flatten_cells(tree: etree._Element) -> None:
    """Paragraphs inside a table cell as plain blocks: Outlook writes every cell as a
    ``<p class=MsoNormal>``, whose margins would put a blank line between the rows of a
    table, so that its rows no longer stood under its header (a row's "Nei" in an
    attendance column unread). A blank line inside a cell is no blank line of the text."""
    for paragraph in tree.xpath("//td//p | //th//p"):
        paragraph.tag = "div"


def mark_first_quote(tree: etree._Element) -> bool:
    """Insert QUOTE_SENTINEL before the first quote element in document order.

    Returns whether a quote element was found.
    """
    from lxml import etree

    found: list[etree._Element] = []
    for xpath in QUOTE_XPATHS:
        found.extend(tree.xpath(xpath))
    if not found:
        return False
    order = {element: index for index, element in enumerate(tree.iter())}
    first = min(found, key=lambda element: order.get(element, len(order)))
    marker = etree.Element("p")
    marker.text = QUOTE_SENTINEL
    first.addprevious(marker)
    return True


def render_tree(tree: etree._Element) -> str:
    """Render a prepared tree with inscriptis and tidy the result."""
    from inscriptis import Inscriptis  # type: ignore[import-untyped]

    return tidy(Inscriptis(tree, _config()).get_text())


def tidy(text: str) -> str:
    """Drop cell padding before separators, trailing blanks and runs of empty lines."""
    text = text.replace("\xa0", " ")
    text = re.sub(r"[ ]+\t", "\t", text)
    text = "\n".join(line.rstrip() for line in text.splitlines())
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + ("\n" if text.strip() else "")


def to_text(html: str) -> str:
    """Render an HTML body to text: tables as tab-separated rows, lists as '- ' lines.

    Raises ``UnreadableHtml`` (see ``read`` for the lenient reading)."""
    tree = parse_tree(html)
    if tree is None:
        return ""
    mark_rules(tree)
    flatten_cells(tree)
    return render_tree(tree)


def split_at_quote(html: str) -> tuple[str, str] | None:
    """Render HTML and split it where the first quoted message starts.

    Returns (text before the quote, text from the quote on), or None when the HTML has no
    quote element. Used when the plain text carries no textual reply marker.
    """
    try:
        tree = parse_tree(html)
    except UnreadableHtml:
        return None
    if tree is None or not mark_first_quote(tree):
        return None
    mark_rules(tree)
    flatten_cells(tree)
    rendered = render_tree(tree)
    before, _, after = rendered.partition(QUOTE_SENTINEL)
    return before.strip("\n"), after.strip("\n")
