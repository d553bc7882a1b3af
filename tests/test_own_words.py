"""parsers.own_words.split: own words vs quoted replies, forwards and signatures."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from parsers.extraction import extract_parsed, load_pipeline
from parsers.mime import parse
from parsers.own_words import MARKERS, split
from tests.corpus import corpus_bytes as corpus
from tests.corpus import mail_fixture as fixture

REPO = Path(__file__).resolve().parents[1]


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


class TestClosingOnlyAtTheEnd:
    """Issue 13.3: thanks ends the own words only when a signature follows it."""

    def test_thanks_for_the_invitation_keeps_the_list(self) -> None:
        text = (
            "Hei!\n\nTusen takk for invitasjonen!\nVi kommer tre:\nKari Nordmann, rektor\n"
            "Ola Hansen, kulturskolelærer\nPer Ås, ordfører\n"
        )
        words = split(text)
        assert "Kari Nordmann, rektor" in words.own and "Per Ås, ordfører" in words.own
        assert words.signature == ""

    def test_thanks_for_the_invitation_then_the_participants_are_read(self) -> None:
        raw = (
            "From: Kari Nordmann <kari@nordby.kommune.no>\r\nTo: pamelding@example.no\r\n"
            "Subject: Re: Invitasjon\r\nDate: Mon, 4 May 2020 10:00:00 +0200\r\n"
            "Message-ID: <takk@example.no>\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n"
            "Hei!\n\nTusen takk for invitasjonen!\nVi kommer tre:\nKari Nordmann, rektor\n"
            "Ola Hansen, kulturskolelærar\nPer Ås, ordførar\n\nHelsing Kari\nNordby kommune\n"
        ).encode()
        extraction = extract_parsed(parse(raw), load_pipeline())
        assert extraction.kind == "registration"
        assert [p.name for p in extraction.participants] == [
            "Kari Nordmann",
            "Ola Hansen",
            "Per Ås",
        ]

    def test_bare_thanks_before_a_list_of_people_is_own_words(self) -> None:
        words = split("Hei!\n\nTusen takk!\nKari Nordmann, rektor\nOla Hansen, lærer\n")
        assert "Ola Hansen, lærer" in words.own and words.signature == ""

    def test_thanks_before_a_signature_still_starts_it(self) -> None:
        words = split("Vi kommer.\n\nTakk!\n\nKari Nordmann\nRektor\nNordby skole\nTlf 12345678")
        assert words.own == "Vi kommer." and words.signature.startswith("Takk!")

    def test_thanks_for_your_help_is_own_words(self) -> None:
        words = split("Thanks for your help!\n\nBest regards,\nJohn\n\n--\nJohn Doe\nDeveloper")
        assert words.own == "Thanks for your help!"
        assert words.signature.startswith("Best regards,")

    def test_lower_case_sign_off_names_stay_signature(self) -> None:
        assert split("Vi kommer to.\n\nmvh tone").signature == "mvh tone"

    def test_sent_from_in_a_sentence_is_own_words(self) -> None:
        text = "Here is another email\n\nSent from my desk, is much easier than my phone."
        assert split(text).own == text

    def test_device_line_with_device_word_is_signature(self) -> None:
        for line in (
            "Sendt frå iPaden min",
            "Sent from my iPhone",
            "Get Outlook for iOS<https://x>",
        ):
            words = split(f"Vi kommer.\n\n{line}")
            assert (words.own, words.signature) == ("Vi kommer.", line)

    def test_device_line_with_unquoted_history_below(self) -> None:
        words = split("Vi kommer.\n\nSent from my Wiko RIDGE 4G\n\nHei, her er invitasjonen.")
        assert words.own == "Vi kommer." and words.signature == "Sent from my Wiko RIDGE 4G"
        assert words.quoted == "Hei, her er invitasjonen."

    def test_sign_off_below_a_device_line_stays_signature(self) -> None:
        words = split("Vi kommer.\n\nSendt fra min iPhone\n\nMvh\nKari")
        assert words.own == "Vi kommer." and words.signature.endswith("Mvh\nKari")
        assert words.quoted == ""

    def test_device_line_before_a_forward_keeps_the_forward(self) -> None:
        text = (
            "Se under.\n\nSendt fra min iPhone\n\nFra: Kari <kari@x.no>\nSendt: 4. mai 2020\n"
            "Til: Ola\nEmne: Påmelding\n\nKari Nordmann, rektor\n"
        )
        words = split(text, subject="VS: Påmelding")
        assert words.own == "Se under." and words.forwarded == "Kari Nordmann, rektor"

    def test_name_sign_off_after_a_dash_or_slash(self) -> None:
        assert split("Oh thanks.\n\n-Abhishek Kona\n").own == "Oh thanks."
        assert split("Hello Anna,\n\nlets keep in touch\n\n/John").signature == "/John"

    def test_dash_names_in_a_list_stay_own_words(self) -> None:
        for text in ("Vi kommer:\n-Kari Nordmann", "Disse kommer\n-Kari Nordmann\n-Ola Hansen"):
            assert split(text).own == text

    def test_mailing_list_footer_is_signature(self) -> None:
        text = (
            "Hi folks\n\n__\nriak-users mailing list\nriak-users@lists.basho.com\n"
            "http://lists.basho.com/mailman/listinfo/riak-users_lists.basho.com\n"
        )
        assert split(text).own == "Hi folks"

    def test_underscore_rule_before_participants_is_not_a_footer(self) -> None:
        text = "Hei\n\n______\nKari Nordmann, rektor\nOla Hansen, lærer"
        assert split(text).own == text


class TestAttributionsAndSeparators:
    """Issue 13.6: wrapped attributions, other languages' separators and header blocks."""

    @pytest.mark.parametrize(
        "attribution",
        [
            "On Dec 16, 2011, at 12:47 PM, Corey Donohoe\n<reply@reply.github.com>\nwrote:",
            "On Wed, Dec 9, Mister Example\n<mrmister@example.com>\nwrote:",
            "On Mon, Jun 3, 2024 at 12:53 AM Cody Hart <cody@example.com> w=\nrote:",
            "tir. 18. apr. 2017 kl. 13:09 skrev Test user <test@example.com\n>:",
            "Le lun. 15 nov. 2021 à 19:42, John <john@acme.fr>\na écrit :",
            "Il giovedì 8 dicembre 2016, Company <questions@mycompany.com>\nha scritto:",
            "Op 12 december 2016 19:05 schreef Company <\nquestions@company.com>:",
            "W dniu 2017-01-09 11:59:39 użytkownik Ann <ann@company.com> napisał:",
            "pe 20. lokakuuta 2017 klo 17.50 John Coe\n<john@test.com> kirjoitti:",
            "Em 10 de julho de 2017 às 16:32:35, John Doe (\ncontact@stripe.com) escreveu:",
            '02.04.2012 14:20 пользователь "bob@x.org" <\nbob@x.org> написал:',
            '30.09.2017, 18.30, "John - Doe" <john@saas.com>:',
            "---- On Wed, 24 Feb 2021 14:02:50 +0530 john@gmail.com wrote ----",
            "Am 04.05.2020 um 14:03 schrieb Ola Nordmann <ola@x.no>:",
        ],
    )
    def test_attribution_ends_the_own_words(self, attribution: str) -> None:
        words = split(f"Kari Nordmann, rektor\n\n{attribution}\n\n> Invitasjon\n")
        assert words.own == "Kari Nordmann, rektor"
        assert words.quoted.startswith(attribution.split("\n")[0])

    def test_line_before_an_attribution_stays_own(self) -> None:
        words = split("Hello\n02.04.2012 14:20 Ann <\nann@x.org> kirjoitti:\n\n> Hi\n")
        assert words.own == "Hello"

    def test_a_sentence_starting_with_on_is_not_an_attribution(self) -> None:
        text = "On the one hand, we come.\nOn the other, we wrote:\n- Kari Nordmann"
        assert split(text).own == text

    def test_bounce_lines_are_not_attributions(self) -> None:
        text = (
            "Delivery failed\n\n<k@x.no>: host mx1.x.no said: 550 5.1.1 <k@x.no>:\n"
            "    host exch01.io.local [192.0.2.61]\n"
            "    SMTP error from remote mail server after RCPT TO:<k@x.no>:\n"
        )
        assert split(text).own == text.rstrip("\n")

    @pytest.mark.parametrize(
        "separator",
        [
            "-------- Oprindelig besked --------",
            "-----Ursprungligt meddelande-----",
            "-----Opprinnelig melding-----",
            "-------- Message d'origine --------",
        ],
    )
    def test_original_message_separators(self, separator: str) -> None:
        words = split(f"Vi kommer.\n\n{separator}\nFra: Kari\n\nInvitasjon")
        assert words.own == "Vi kommer." and words.quoted.startswith(separator)

    @pytest.mark.parametrize(
        "block",
        [
            "De : Company <questions@company.com>\nEnvoyé le : jeudi 15 décembre 2016 09:35\n"
            "À : ann@x.fr\nObjet : Invitation",
            "Od: Jan <jan@x.pl>\nWysłano: środa, 1 marca 2023 12:00\nDo: Anna\nTemat: Test",
            " ------------------------------\n\n*From:* Team [mailto:t@x.com]\n"
            "*Sent:* Thursday, February 09, 2012 1:36 PM\n*To:* jow@x.com\n*Subject:* Hi",
        ],
    )
    def test_header_blocks_in_other_languages(self, block: str) -> None:
        words = split(f"Vi kommer.\n\n{block}\n\nInvitasjon")
        assert words.own == "Vi kommer." and "Invitasjon" in words.quoted


def test_markers_are_data() -> None:
    """One home for quote, forward and sign-off markers: parsers/data/mail_markers.toml."""
    data = tomllib.loads((REPO / "parsers" / "data" / "mail_markers.toml").read_text("utf-8"))
    assert [marker.name for marker in MARKERS] == [entry["name"] for entry in data["marker"]]
    assert any("oprindelig" in entry["pattern"] for entry in data["marker"])
    assert any("napisał" in pattern for pattern in data["attribution"]["patterns"])


class TestSignatureRules:
    def test_a_rule_of_dashes_before_contact_details_opens_the_signature(self) -> None:
        text = "Vi kommer.\n\n--------\n\nKari Nordmann\nRektor, Nordby skule\nt. 555-931-0702\n"
        words = split(text)
        assert words.own == "Vi kommer." and words.signature.endswith("t. 555-931-0702")

    @pytest.mark.parametrize(
        "people",
        [
            "Kari Nordmann, rektor, kari@nordby.no",
            "Kari Nordmann\nOla Hansen\nPer Ås, per@nordby.no",
        ],
    )
    def test_a_rule_of_dashes_before_participants_stays_own(self, people: str) -> None:
        text = f"Påmelding\n----------\n{people}"
        assert split(text).own == text
