"""Non-English pages are skipped with a specific InputError."""

from __future__ import annotations

import pytest

from claimcheck.document import Document, Metadata
from claimcheck.errors import InputError
from claimcheck.extract.language import SkippedInput, ensure_english, guess_language

ENGLISH = ("The study found that people who drank green tea every day had a lower risk of "
           "heart disease, but the authors said that it is not clear whether the tea was the "
           "cause or whether tea drinkers were healthier for other reasons. ") * 2
GERMAN = ("Die Studie hat gezeigt, dass Menschen, die jeden Tag grünen Tee tranken, ein "
          "geringeres Risiko für Herzkrankheiten hatten. Die Autoren sagen aber, dass nicht klar "
          "ist, ob der Tee die Ursache war oder ob die Teetrinker aus anderen Gründen gesünder "
          "waren, und dass mit weiteren Studien zu rechnen ist. ") * 2
FRENCH = ("Les chercheurs ont montré que les personnes qui boivent du thé vert tous les jours "
          "ont un risque plus faible de maladie cardiaque, mais les auteurs disent que le lien "
          "de cause à effet n'est pas établi et que la prudence est de mise pour le moment. ") * 2


def _doc(text: str, language: str | None = None) -> Document:
    return Document(origin="https://x.example/a", text=text, metadata=Metadata(language=language))


@pytest.mark.parametrize(("text", "lang"), [(ENGLISH, "en"), (GERMAN, "de"), (FRENCH, "fr"),
                                            ("Too short to tell.", None)])
def test_guess_language(text: str, lang: str | None) -> None:
    assert guess_language(text) == lang


def test_english_passes() -> None:
    ensure_english(_doc(ENGLISH, "en-US"))


def test_german_is_skipped_with_a_clear_reason() -> None:
    with pytest.raises(SkippedInput) as info:
        ensure_english(_doc(GERMAN, "de"))
    assert isinstance(info.value, InputError)
    assert info.value.code == "skipped-input"
    assert str(info.value) == ("https://x.example/a: skipped: page language is 'de', only "
                               "English is checked")


def test_declared_language_decides_short_texts() -> None:
    with pytest.raises(SkippedInput, match="'es'"):
        ensure_english(_doc("Hola.", "es-ES"))


def test_text_overrides_a_wrong_template_declaration() -> None:
    ensure_english(_doc(ENGLISH, "de"))


def test_undeclared_non_latin_text_is_skipped() -> None:
    russian = "Исследование показало, что люди, которые пьют зелёный чай каждый день. " * 5
    with pytest.raises(SkippedInput, match="'und'"):
        ensure_english(_doc(russian, None))
