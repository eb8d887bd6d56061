from hypothesis import given
from hypothesis import strategies as st

from caseweave.people.matching.normalise import fold, name_tokens, phonetic


def test_it_folds_south_slavic_letters():
    assert fold("Čačić Ćosić Đurđević Šarić Žižek") == "cacic cosic djurdjevic saric zizek"


def test_it_folds_albanian_turkish_french_and_german_letters():
    assert fold("Hoxhë Çelik Şahin Işık İlhan") == "hoxhe celik sahin isik ilhan"
    assert fold("François Hélène Straße Æsa") == "francois helene strasse aesa"


def test_it_transliterates_serbian_cyrillic_to_the_same_form_as_its_latin_spelling():
    assert fold("Ђорђе Јовановић") == fold("Đorđe Jovanović") == "djordje jovanovic"
    assert fold("Љубица Њежић Џавид Жељко Чолић") == "ljubica njezic dzavid zeljko colic"


def test_it_reads_vietnamese_d_as_d_but_serbian_d_as_dj():
    assert fold("Nguyễn Văn Đức") == "nguyen van duc"
    assert fold("Đức") == "duc"
    assert fold("Đuro") == "djuro"


def test_it_drops_punctuation_and_collapses_spaces():
    assert fold("  O'Brien-Smith,   Jr. ") == "obrien smith jr"
    assert fold("") == ""
    assert fold(None) == ""


@given(st.text())
def test_fold_is_idempotent(text):
    once = fold(text)
    assert fold(once) == once


@given(st.text())
def test_fold_gives_lowercase_ascii_words(text):
    folded = fold(text)
    assert folded == folded.strip()
    assert "  " not in folded
    assert all(ch.isascii() and (ch.isdigit() or ch.islower() or ch == " ") for ch in folded)


def test_it_splits_names_on_hyphens_and_spaces_and_sets_particles_apart():
    tokens = name_tokens("Ibrahim bin Abdullah")
    assert tokens.tokens == ("ibrahim", "abdullah")
    assert tokens.particles == frozenset({"bin"})
    assert name_tokens("de la Cruz-Ortiz").tokens == ("cruz", "ortiz")
    assert name_tokens("Van der Berg").joined == "berg"


def test_a_name_made_only_of_particles_is_kept():
    assert name_tokens("De").tokens == ("de",)


def test_phonetic_keys_agree_across_spellings():
    assert phonetic("Petrović") == phonetic("Petrovich") == phonetic("Petrowicz")
    assert phonetic("Mohammed") == phonetic("Muhamed") == phonetic("Mohamad")
    assert phonetic("Catherine") == phonetic("Katherine")
    assert phonetic("Smith") != phonetic("Jones")
    assert phonetic("") == ""
