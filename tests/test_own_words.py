"""parsers.own_words.split: own words vs quoted replies, forwards and signatures."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest

from parsers.mime import parse
from parsers.own_words import MARKERS, split
from tests.corpus import corpus_bytes as corpus

REPO = Path(__file__).resolve().parents[1]


def fixture(name: str) -> bytes:
    return files("tests").joinpath("fixtures", "mail", name).read_bytes()


class TestGmailQuotes:
    def test_bokmal_gmail_attribution_and_quote(self) -> None:
        parsed = parse(fixture("gmail_reply_nb.eml"))
        assert (
            parsed.own_text
            == "Hei!\n\nDisse blir med:\n- Kari Nordmann, rektor\n- Per Hansen, ordfører"
        )
        assert parsed.quoted_text.startswith("man. 4. mai 2020 kl. 14:03 skrev Torkel Øien")
        assert "Gunhild Aarvik" in parsed.quoted_text
        assert parsed.signature == "Hilsen Ola"

    def test_english_on_wrote(self) -> None:
        words = split("Kari, rektor\n\nOn Mon, 4 May 2020 at 14:03, Ola <ola@x.no> wrote:\n> old\n")
        assert words.own == "Kari, rektor" and words.quoted.startswith("On Mon")

    def test_wrapped_on_wrote(self) -> None:
        text = (
            "Kari, rektor\n\nOn Mon, 4 May 2020 at 14:03, Ola Nordmann <ola@\nx.no> wrote:\n> a\n"
        )
        assert split(text).own == "Kari, rektor"

    def test_corpus_019_gmail_with_dash_dash_signature(self) -> None:
        parsed = parse(corpus("019"))
        assert "- Per Kristian Hjelle (H), kommunestyrerepresentant" in parsed.own_text
        assert parsed.signature.startswith("Helsing Sigrid")
        assert "Sigrid Loen\nRektor, Stryn kulturskule" in parsed.signature

    def test_corpus_035_gmail_android_nynorsk(self) -> None:
        parsed = parse(corpus("035"))
        assert "ESPEN BØRVE leiar i ungdomsrådet" in parsed.own_text
        assert parsed.quoted_text.startswith("fre. 24. apr. 2020, 13:17 skrev Torkel Øien")


class TestOutlookQuotes:
    def test_nynorsk_outlook_header_block_with_kopi(self) -> None:
        parsed = parse(fixture("outlook_reply_nn.eml"))
        assert "Ola Tistel, leiar i utval for oppvekst" in parsed.own_text
        assert parsed.quoted_text.startswith("Frå: Torkel Øien")
        assert "- Gunhild Aarvik" in parsed.quoted_text
        assert "Gunhild" not in parsed.own_text

    def test_english_original_message(self) -> None:
        parsed = parse(fixture("outlook_reply_en.eml"))
        assert parsed.own_text.endswith("- Nils Nilsen, mayor")
        assert parsed.quoted_text.startswith("-----Original Message-----")
        assert parsed.signature == "Best regards\nAnna Berg"

    def test_windows_1252_opprinnelig_melding(self) -> None:
        parsed = parse(fixture("windows1252_outlook_nb.eml"))
        assert parsed.quoted_text.startswith("-----Opprinnelig melding-----")
        assert "Torkel" not in parsed.own_text

    def test_owa_hr_and_divrplyfwdmsg_in_html_only_mail(self) -> None:
        parsed = parse(fixture("owa_hr_reply_nb.eml"))
        assert "Nils Bratberg, rektor" in parsed.own_text
        assert "Gunhild Aarvik" in parsed.quoted_text
        assert "Gunhild" not in parsed.own_text

    @pytest.mark.parametrize("number", ["003", "011", "014", "017", "027", "032", "037"])
    def test_corpus_owa_underscore_separator(self, number: str) -> None:
        parsed = parse(corpus(number))
        assert parsed.quoted_text.startswith("_" * 32)
        assert "Fra: Torkel Øien" not in parsed.own_text

    def test_header_block_needs_more_than_a_from_line(self) -> None:
        text = "Fra: oss kommer Kari Nordmann, rektor\nog Per Hansen, ordfører.\n"
        words = split(text)
        assert words.own == text.strip() and words.quoted == ""


class TestAppleQuotes:
    def test_nynorsk_apple_den_skrev(self) -> None:
        parsed = parse(fixture("apple_reply_nn.eml"))
        assert "- Nils Ryste, rektor ved Vikebygda skule" in parsed.own_text
        assert parsed.quoted_text.startswith("> Den 27. apr. 2020 kl. 10:12 skrev Torkel Øien")
        assert "Gunhild" not in parsed.own_text
        assert parsed.signature == "Helsing\nKari"

    def test_apple_without_den(self) -> None:
        words = split("Kari, rektor\n\n27. apr. 2020 kl. 10:12 skrev Ola <ola@x.no>:\n\nold\n")
        assert words.own == "Kari, rektor" and words.quoted.startswith("27. apr.")

    def test_thunderbird_den_skrev(self) -> None:
        words = split("Kari, rektor\n\nDen 24.04.2020 13:17, skrev Torkel Øien:\n> old\n")
        assert words.own == "Kari, rektor"

    def test_skrev_in_a_sentence_is_not_a_quote(self) -> None:
        text = "Som eg skrev i går: Kari Nordmann er med.\n"
        assert split(text).own == text.strip()

    def test_html_blockquote_without_any_text_marker(self) -> None:
        parsed = parse(fixture("html_only_blockquote.eml"))
        assert "Per Hansen (ordførar)" in parsed.own_text
        assert "Gunhild Aarvik" in parsed.quoted_text and "Gunhild" not in parsed.own_text

    def test_html_gmail_quote_used_when_text_has_no_marker(self) -> None:
        html = (
            '<div>Kari, rektor</div><div class="gmail_quote"><blockquote>'
            "Gunhild Aarvik</blockquote></div>"
        )
        words = split("Kari, rektor\nGunhild Aarvik\n", html)
        assert words.own == "Kari, rektor" and "Gunhild Aarvik" in words.quoted


class TestQuotePrefix:
    def test_bottom_posted_answer_is_own(self) -> None:
        text = "Den 24.04.2020 13:17, skrev Torkel:\n> Hvem kommer?\n\nKari Nordmann, rektor\n"
        words = split(text)
        assert words.own == "Kari Nordmann, rektor"
        assert "Hvem kommer?" in words.quoted

    def test_inline_answers_are_own_until_an_older_header_block(self) -> None:
        text = (
            "> Hvem kommer?\nKari Nordmann, rektor\n> Noe mer?\nNei\n\n"
            "Fra: X <x@y.no>\nSendt: i går\nTil: Y\nEmne: Z\n\n- Gammel Person\n"
        )
        words = split(text)
        assert words.own == "Kari Nordmann, rektor\n\nNei"
        assert "- Gammel Person" in words.quoted

    def test_wrapped_quoted_line_stays_quoted(self) -> None:
        words = split("Kari, rektor\n\n> en lang linje som\nble brutt av klienten\n")
        assert words.own == "Kari, rektor"


class TestForwards:
    def test_cover_note_only_forward(self) -> None:
        parsed = parse(fixture("forward_cover_note_nb.eml"))
        assert parsed.own_text == "Se under."
        assert parsed.signature == "Mvh\nCamilla"
        assert "- Henrik Sandvold, rektor ved Torstrand skole" in parsed.forwarded_text
        assert "- Rune Tveitan, leder av hovedutvalget" in parsed.forwarded_text

    def test_forwarded_headers_and_quoted_tail_are_not_forwarded_text(self) -> None:
        parsed = parse(fixture("forward_cover_note_nb.eml"))
        assert "Fra: Geir" not in parsed.forwarded_text
        assert "Gammel Person" not in parsed.forwarded_text
        assert "Gammel Person" in parsed.quoted_text

    def test_apple_nynorsk_start_pa_vidaresendt_melding(self) -> None:
        parsed = parse(fixture("forward_apple_nn.eml"))
        assert parsed.own_text == "Sjå lista under."
        assert parsed.forwarded_text == "- Liv Rykkje, kulturskulerektor\n- Per Lønne, kommunalsjef"

    @pytest.mark.parametrize(
        "marker",
        [
            "---------- Forwarded message ---------",
            "---------- Vidaresend melding ----------",
            "-------- Videresendt melding --------",
            "Begin forwarded message:",
            "Start på videresendt melding:",
        ],
    )
    def test_forward_markers(self, marker: str) -> None:
        text = f"Sjå under.\n\n{marker}\nFrom: A <a@b.no>\nSubject: X\n\n- Kari Nordmann, rektor\n"
        words = split(text)
        assert words.own == "Sjå under."
        assert words.forwarded == "- Kari Nordmann, rektor"

    def test_outlook_forward_told_by_subject(self) -> None:
        text = (
            "Se lista under.\n\nFra: Geir <g@larvik.kommune.no>\nSendt: 4. mai 2020\n"
            "Til: Camilla\nEmne: Deltakere\n\n- Kari Nordmann, rektor\n"
        )
        assert split(text, subject="VS: Deltakere").forwarded == "- Kari Nordmann, rektor"
        assert split(text, subject="SV: Deltakere").quoted.startswith("Fra: Geir")

    def test_corpus_022(self) -> None:
        parsed = parse(corpus("022"))
        assert "Camilla Brekke Solberg, rektor i kulturskolen" in parsed.forwarded_text
        assert "Geir Stenersen\nKommunalsjef oppvekst\nLarvik kommune" in parsed.forwarded_text
        assert parsed.quoted_text == ""


class TestSignatures:
    def test_dash_list_after_greeting_and_before_signature_is_kept(self) -> None:
        parsed = parse(fixture("dash_list_greeting_signature.eml"))
        assert parsed.own_text.splitlines() == [
            "Hei Torkel!",
            "- Kari Nordmann, rektor i kulturskolen",
            "- Per Hansen, ordfører",
            "- Lise Berg, styrer i Rønvik barnehage",
            "- Jon Dahl, leder i Bodø korps",
        ]
        assert parsed.signature.startswith("Mvh\nOla Nordmann")

    def test_list_after_a_closing_word_is_never_signature(self) -> None:
        words = split("Hei\n\nHilsen fra Bodø:\n- Kari Nordmann, rektor\n- Per Hansen, ordfører\n")
        assert "- Kari Nordmann, rektor" in words.own and words.signature == ""

    def test_closing_word_at_the_top_does_not_swallow_the_message(self) -> None:
        text = (
            "Hilsen fra Bodø!\nVi har snakket sammen og blir fem personer fra kommunen vår, "
            "alle fra ulike sektorer.\nKari Nordmann, rektor\n"
        )
        assert split(text).own == text.strip()

    @pytest.mark.parametrize(
        "closing",
        [
            "Mvh",
            "Med vennlig hilsen",
            "Med vennleg helsing",
            "Venleg helsing",
            "Beste helsing",
            "Vennlig hilsen",
            "Hilsen Kari",
            "Helsing Liv",
            "Best regards",
            "mvh.",
        ],
    )
    def test_closings(self, closing: str) -> None:
        words = split(f"Kari Nordmann, rektor\n\n{closing}\nKari Nordmann\nTlf. 12 34 56 78\n")
        assert words.own == "Kari Nordmann, rektor"
        assert words.signature.startswith(closing)

    def test_sent_from_iphone(self) -> None:
        words = split("Kari Nordmann, rektor\n\nSendt fra min iPhone\n")
        assert words.signature == "Sendt fra min iPhone"

    def test_disclaimer_without_closing(self) -> None:
        text = (
            "Kari Nordmann, rektor\n\nDenne e-posten kan inneholde informasjon som er "
            "taushetsbelagt. Dersom du har mottatt e-posten ved en feil, slett den.\n"
        )
        words = split(text)
        assert words.own == "Kari Nordmann, rektor" and "taushetsbelagt" in words.signature

    def test_taushetsplikt_in_prose_is_not_a_footer(self) -> None:
        text = (
            "Kari har taushetsplikt som helsesykepleier.\n- Kari Nordmann, helsesykepleier\n"
            "- Per Hansen, rektor\n- Ola Dahl, ordfører\n- Liv Berg, styrer\n- Jon Ås, lærer\n"
        )
        assert split(text).own == text.strip()

    def test_signature_found_by_sender_name_without_closing(self) -> None:
        parsed = parse(corpus("013"))
        assert parsed.signature.startswith("Inger Máret Gaup\nKulturskolerektor")
        assert "Inger Máret Gaup – kulturskolerektor" in parsed.own_text

    def test_nothing_is_lost(self) -> None:
        for number in ("007", "016", "022", "038", "039"):
            parsed = parse(corpus(number))
            pieces = (parsed.own_text, parsed.signature, parsed.quoted_text, parsed.forwarded_text)
            for line in parsed.text.splitlines():
                if line.strip() and not line.startswith(
                    ("Fra:", "Date:", "Subject:", "To:", "---")
                ):
                    assert any(line.strip() in piece for piece in pieces), (number, line)


def test_marker_table_is_data_with_unique_names() -> None:
    names = [marker.name for marker in MARKERS]
    assert len(names) == len(set(names))
    assert {marker.kind for marker in MARKERS} == {"reply", "forward"}


def test_crlf_and_nul_are_normalised() -> None:
    words = split("Kari, rektor\r\n\x00\r\nMvh\r\nOla\r\n")
    assert words.own == "Kari, rektor" and words.signature == "Mvh\nOla"
