"""Synthetic person registries with known truth, harder than FEBRL.

Names from the traditions our agencies serve (South Slavic with diacritics and Cyrillic,
Albanian, Turkish, Vietnamese, Arabic/Somali in Latin script, English and French Canadian),
drawn with Zipf-like frequencies so common names are really common. Duplicates carry the
errors frontline registration produces: dropped diacritics or Cyrillic spelling, nicknames,
typos, swapped given/family order, partial hyphenated surnames, married-name changes, street
names as aliases, missing or estimated birth dates, swapped day/month, one-digit date typos,
household moves (new address, postcode, phone) and phone numbers written differently.

    .venv/bin/python benchmarks/identity/synthetic.py --size 10000 --out /tmp/reg.csv

Every value is synthetic (Faker with a fixed seed plus the name pools below).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
from dataclasses import dataclass

import numpy as np
from faker import Faker

GENERATOR_VERSION = 1  # bump when the output changes, so cached registries are regenerated

SERBIAN_CYRILLIC = str.maketrans({
    "a": "а", "b": "б", "v": "в", "g": "г", "d": "д", "đ": "ђ", "e": "е", "ž": "ж", "z": "з",
    "i": "и", "j": "ј", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "r": "р",
    "s": "с", "t": "т", "ć": "ћ", "u": "у", "f": "ф", "h": "х", "c": "ц", "č": "ч", "š": "ш",
})  # fmt: skip

POOLS: dict[str, tuple[list[str], list[str], list[str]]] = {
    # tradition: (female given, male given, family)
    "south_slavic": (
        [
            "Ana",
            "Jelena",
            "Milica",
            "Marija",
            "Ivana",
            "Jovana",
            "Snežana",
            "Svetlana",
            "Ljubica",
            "Dragana",
            "Biljana",
            "Nataša",
            "Amra",
            "Emina",
            "Lejla",
            "Aida",
            "Katarina",
            "Aleksandra",
            "Tijana",
            "Đurđa",
            "Vesna",
            "Gordana",
            "Zorica",
            "Mirjana",
        ],
        [
            "Aleksandar",
            "Nikola",
            "Marko",
            "Stefan",
            "Đorđe",
            "Milan",
            "Dragan",
            "Zoran",
            "Goran",
            "Dejan",
            "Nebojša",
            "Predrag",
            "Slobodan",
            "Vladimir",
            "Dušan",
            "Bojan",
            "Miroslav",
            "Emir",
            "Haris",
            "Mirza",
            "Tomislav",
            "Josip",
            "Ivan",
            "Stjepan",
        ],
        [
            "Jovanović",
            "Petrović",
            "Nikolić",
            "Marković",
            "Đorđević",
            "Stojanović",
            "Ilić",
            "Stanković",
            "Pavlović",
            "Milošević",
            "Hodžić",
            "Hadžić",
            "Begić",
            "Kovačević",
            "Babić",
            "Horvat",
            "Knežević",
            "Šarić",
            "Vuković",
            "Čolić",
            "Živković",
            "Đurić",
            "Savić",
            "Popović",
            "Tomić",
            "Radić",
            "Lukić",
            "Mitrović",
            "Perić",
            "Jurić",
        ],
    ),
    "albanian": (
        ["Ermira", "Arta", "Drita", "Blerta", "Fatmira", "Mimoza", "Valbona", "Lindita"],
        ["Arben", "Besnik", "Dritan", "Gjergj", "Ilir", "Agron", "Fatmir", "Enver", "Artan"],
        [
            "Hoxha",
            "Krasniqi",
            "Gashi",
            "Berisha",
            "Shala",
            "Morina",
            "Kelmendi",
            "Dervishi",
            "Çela",
            "Leka",
            "Bytyçi",
            "Rexhepi",
        ],
    ),
    "turkish": (
        ["Ayşe", "Fatma", "Zeynep", "Elif", "Emine", "Hatice", "Özlem", "Gül"],
        ["Mehmet", "Mustafa", "Ahmet", "Hüseyin", "İbrahim", "Yusuf", "Ömer", "Murat"],
        ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın", "Arslan"],
    ),
    "vietnamese": (
        ["Thị Hương", "Thị Lan", "Ngọc Anh", "Thu Trang", "Thị Mai", "Minh Châu", "Hồng Nhung"],
        ["Văn Đức", "Văn Minh", "Quốc Huy", "Thanh Tùng", "Minh Tuấn", "Văn Hùng", "Đức Anh"],
        ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ"],
    ),
    "arabic_somali": (
        ["Fatima", "Aisha", "Maryam", "Khadija", "Amina", "Hodan", "Zainab", "Huda", "Sahra"],
        ["Mohamed", "Ahmed", "Abdullah", "Ibrahim", "Hassan", "Hussein", "Ali", "Omar", "Yusuf"],
        [
            "Abdi",
            "Hassan",
            "Ali",
            "Mohamud",
            "Warsame",
            "Farah",
            "Osman",
            "Al-Hassan",
            "Abdullahi",
            "Jama",
            "Ahmed",
            "Haji",
        ],
    ),
}
NICKNAMES = {
    "Aleksandar": ["Aco", "Saša", "Sasha", "Alex"], "Đorđe": ["Djole", "George"],
    "Nikola": ["Nidža"], "Slobodan": ["Boban", "Sloba"], "Zoran": ["Zoki"],
    "Vladimir": ["Vlada"], "Predrag": ["Peđa"], "Svetlana": ["Ceca"], "Nataša": ["Natasha"],
    "Mohamed": ["Mo", "Muhammad", "Mohammed"], "Ibrahim": ["Ibro"], "Yusuf": ["Youssef"],
    "William": ["Bill", "Will"], "Robert": ["Bob", "Rob"], "Elizabeth": ["Liz", "Beth"],
    "Katherine": ["Kate", "Katie"], "Michael": ["Mike"], "James": ["Jim", "Jimmy"],
    "Margaret": ["Maggie", "Peggy"], "Richard": ["Rick", "Dick"], "Joseph": ["Joe"],
    "Jennifer": ["Jen", "Jenny"], "Christopher": ["Chris"], "Daniel": ["Dan", "Danny"],
    "Mustafa": ["Mujo"], "Hüseyin": ["Hussein"], "Ahmet": ["Ahmed"], "Mehmet": ["Mehmed"],
}  # fmt: skip
STREET_NAMES = ["Sparky", "Red", "Tiny", "Doc", "Lucky", "Slim", "Shorty", "Smokey", "Ace",
                "Blue", "Moose", "Chico", "Dutch", "Kid", "Sunny", "Birdie"]  # fmt: skip
STREETS = ["Main St", "King St", "Queen St", "Rideau St", "Bank St", "Somerset St W",
           "Elgin St", "Bronson Ave", "Montreal Rd", "Carling Ave", "Preston St",
           "Rue Principale", "Boul. Saint-Joseph", "Gladstone Ave", "Albert St"]  # fmt: skip
CITIES = ["Ottawa", "Gatineau", "Kanata", "Orleans", "Nepean", "Vanier", "Barrhaven"]
TRADITION_WEIGHTS = {"english": 0.30, "french": 0.12, "south_slavic": 0.22, "albanian": 0.08,
                     "turkish": 0.07, "vietnamese": 0.09, "arabic_somali": 0.12}  # fmt: skip
COLUMNS = ["record_id", "given_names", "family_names", "other_names", "birth_date", "sex",
           "phone", "postcode", "address", "locality", "health_card"]  # fmt: skip


@dataclass
class Registry:
    rows: list[dict[str, str]]
    cluster: list[int]  # true person per row

    def true_pairs(self) -> set[tuple[str, str]]:
        by_person: dict[int, list[str]] = {}
        for row, person in zip(self.rows, self.cluster, strict=True):
            by_person.setdefault(person, []).append(row["record_id"])
        pairs: set[tuple[str, str]] = set()
        for ids in by_person.values():
            for i, a in enumerate(ids):
                for b in ids[i + 1 :]:
                    pairs.add((min(a, b), max(a, b)))
        return pairs


def _zipf_choice(rng: np.random.Generator, items: list[str], size: int) -> list[str]:
    weights = 1.0 / np.arange(1, len(items) + 1) ** 1.1
    picks = rng.choice(len(items), size=size, p=weights / weights.sum())
    return [items[i] for i in picks]


def _faker_pools(seed: int) -> dict[str, tuple[list[str], list[str], list[str]]]:
    pools = dict(POOLS)
    for tradition, locale in (("english", "en_CA"), ("french", "fr_CA")):
        fake = Faker(locale)
        fake.seed_instance(seed)
        female = sorted({fake.first_name_female() for _ in range(600)})
        male = sorted({fake.first_name_male() for _ in range(600)})
        family = sorted({fake.last_name() for _ in range(2500)})
        if tradition == "english":
            female += ["Elizabeth", "Katherine", "Margaret", "Jennifer"]
            male += ["William", "Robert", "Michael", "James", "Richard", "Joseph", "Daniel"]
        rng = np.random.default_rng(seed)
        pools[tradition] = (
            list(rng.permutation(female)), list(rng.permutation(male)),
            list(rng.permutation(family)),
        )  # fmt: skip
    return pools


def _typo(rng: np.random.Generator, text: str) -> str:
    if len(text) < 3:
        return text
    i = int(rng.integers(1, len(text) - 1))
    kind = rng.integers(0, 3)
    if kind == 0:
        return text[:i] + text[i + 1 :]
    if kind == 1:
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :] if i + 2 <= len(text) else text
    return text[:i] + "aeioun"[int(rng.integers(0, 6))] + text[i + 1 :]


def _strip_accents(text: str) -> str:
    from unidecode import unidecode

    return unidecode(text.replace("đ", "dj").replace("Đ", "Dj"))


def _phone_format(rng: np.random.Generator, digits: str) -> str:
    a, b, c = digits[:3], digits[3:6], digits[6:]
    return [f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}", f"+1 {a} {b} {c}", f"1{a}{b}{c}"][
        int(rng.integers(0, 5))
    ]


def generate(size: int, duplicate_rate: float = 0.1, seed: int = 4) -> Registry:
    """``size`` rows, about ``duplicate_rate`` of them extra records of an earlier person."""
    rng = np.random.default_rng(seed)
    pools = _faker_pools(seed)
    n_people = int(round(size / (1 + duplicate_rate)))
    traditions = list(TRADITION_WEIGHTS)
    tradition_of = rng.choice(
        len(traditions), n_people, p=np.array(list(TRADITION_WEIGHTS.values()))
    )
    sex = rng.integers(0, 2, n_people)
    people: list[dict[str, str]] = []
    births = dt.date(1940, 1, 1).toordinal() + rng.integers(0, 365 * 65, n_people)
    for t in range(len(traditions)):
        idx = np.flatnonzero(tradition_of == t)
        female, male, family = pools[traditions[t]]
        fnames = _zipf_choice(rng, female, len(idx))
        mnames = _zipf_choice(rng, male, len(idx))
        surnames = _zipf_choice(rng, family, len(idx))
        for k, person in enumerate(idx.tolist()):
            people.append({})
            people[-1]["_person"] = str(person)
            people[-1]["given_names"] = fnames[k] if sex[person] else mnames[k]
            people[-1]["family_names"] = surnames[k]
            people[-1]["_tradition"] = traditions[t]
    people.sort(key=lambda p: int(p["_person"]))
    streets = _zipf_choice(rng, STREETS, n_people)
    cities = _zipf_choice(rng, CITIES, n_people)
    for i, person in enumerate(people):
        born = dt.date.fromordinal(int(births[i]))
        person["birth_date"] = born.isoformat()
        person["sex"] = "F" if sex[i] else "M"
        person["phone"] = f"613{int(rng.integers(2000000, 9999999)):07d}"
        person["address"] = f"{int(rng.integers(1, 2000))} {streets[i]}"
        person["locality"] = cities[i]
        person["postcode"] = (
            f"K{int(rng.integers(0, 9))}{'ABCEGHJKLMNPRSTVXY'[int(rng.integers(0, 18))]} {int(rng.integers(0, 9))}{'ABCEGHJKLMNPRSTVWXYZ'[int(rng.integers(0, 20))]}{int(rng.integers(0, 9))}"  # noqa: E501
        )
        person["health_card"] = _luhn_number(rng, 10)
        person["other_names"] = ""
    rows: list[dict[str, str]] = []
    cluster: list[int] = []
    for i, person in enumerate(people):
        rows.append(_present(rng, person, first=True))
        cluster.append(i)
    n_dups = size - len(rows)
    for person_index in rng.integers(0, n_people, n_dups).tolist():
        rows.append(_corrupt(rng, people[person_index]))
        cluster.append(person_index)
    order = rng.permutation(len(rows))
    rows = [rows[i] for i in order]
    cluster = [cluster[i] for i in order]
    for k, row in enumerate(rows):
        row["record_id"] = f"r{k:07d}"
    return Registry(rows, cluster)


def _luhn_number(rng: np.random.Generator, length: int) -> str:
    body = [int(d) for d in rng.integers(0, 10, length - 1)]
    total = 0
    for i, d in enumerate(reversed(body)):
        total += (d * 2 - 9 if d * 2 > 9 else d * 2) if i % 2 == 0 else d
    return "".join(map(str, body)) + str((10 - total % 10) % 10)


def _present(rng: np.random.Generator, person: dict[str, str], *, first: bool) -> dict[str, str]:
    row = {k: v for k, v in person.items() if not k.startswith("_")}
    row["phone"] = _phone_format(rng, person["phone"])
    if rng.random() < 0.15:
        row["phone"] = ""
    if rng.random() < 0.5:
        row["health_card"] = ""
    if rng.random() < 0.05:
        row["birth_date"] = ""
    return row


def _corrupt(rng: np.random.Generator, person: dict[str, str]) -> dict[str, str]:
    row = _present(rng, person, first=False)
    given, family = row["given_names"], row["family_names"]
    r = rng.random
    if r() < 0.5:
        given, family = _strip_accents(given), _strip_accents(family)
    elif person["_tradition"] == "south_slavic" and r() < 0.3:
        given, family = (
            given.lower().translate(SERBIAN_CYRILLIC).title(),
            family.lower().translate(SERBIAN_CYRILLIC).title(),
        )
    first = given.split()[0]
    if first in NICKNAMES and r() < 0.5:
        nick = NICKNAMES[first]
        given = nick[int(rng.integers(0, len(nick)))]
    if r() < 0.25:
        given = _typo(rng, given)
    if r() < 0.25:
        family = _typo(rng, family)
    if r() < 0.08 and person["sex"] == "F":
        family = f"{family}-{person['family_names'] if r() < 0.5 else 'Kovač'}"
    if r() < 0.08:
        given, family = family, given
    if r() < 0.05:
        row["other_names"] = STREET_NAMES[int(rng.integers(0, len(STREET_NAMES)))]
        if r() < 0.5:
            given = ""
    row["given_names"], row["family_names"] = given, family
    if row["birth_date"]:
        born = dt.date.fromisoformat(row["birth_date"])
        roll = r()
        if roll < 0.06 and born.day <= 12:
            row["birth_date"] = f"{born.year:04d}-{born.day:02d}-{born.month:02d}"
        elif roll < 0.12:
            digits = list(born.strftime("%Y%m%d"))
            pos = int(rng.choice([3, 5, 7]))
            digits[pos] = str((int(digits[pos]) + 1) % 10)
            text = "".join(digits)
            try:
                row["birth_date"] = dt.date(
                    int(text[:4]), int(text[4:6]), int(text[6:])
                ).isoformat()
            except ValueError:
                pass
        elif roll < 0.17:
            row["birth_date"] = str(born.year)
        elif roll < 0.22:
            row["birth_date"] = f"about {2026 - born.year}"
    if r() < 0.2:  # household move
        row["address"] = (
            f"{int(rng.integers(1, 2000))} {STREETS[int(rng.integers(0, len(STREETS)))]}"
        )
        row["postcode"] = (
            f"K{int(rng.integers(0, 9))}A {int(rng.integers(0, 9))}B{int(rng.integers(0, 9))}"
        )
        row["phone"] = (
            "" if r() < 0.5 else _phone_format(rng, f"613{int(rng.integers(2000000, 9999999)):07d}")
        )
    return row


def write_csv(registry: Registry, path: str) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(registry.rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--duplicates", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    registry = generate(args.size, args.duplicates, args.seed)
    write_csv(registry, args.out)
    print(f"{len(registry.rows)} rows, {len(registry.true_pairs())} true pairs -> {args.out}")


if __name__ == "__main__":
    main()
