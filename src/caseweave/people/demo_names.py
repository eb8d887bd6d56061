"""Small synthetic name lists for communities Faker has no locale for (or writes in a
script staff would not type). Invented combinations of common names; no real people."""

from __future__ import annotations

CHINESE_FAMILY = ["Wong", "Chan", "Li", "Zhang", "Liu", "Chen", "Lim", "Tan", "Ng", "Lau", "Ho",
                  "Cheung", "Huang", "Zhou", "Wu", "Xu", "Sun", "Ma", "Hu", "Guo"]  # fmt: skip
CHINESE_GIVEN = ["Mei Ling", "Wei", "Jian", "Xiu Ying", "Hui Min", "Jun", "Ming", "Li Na",
                 "Xiao Yan", "Jia Hao", "Yu", "Zhi Wei", "Ling", "Hao", "Fang", "Qing"]  # fmt: skip
MALAY_MALE = ["Ahmad", "Muhammad", "Imran", "Hafiz", "Azlan", "Faizal", "Razak", "Syafiq",
              "Hakim", "Amir", "Zulkifli", "Ismail"]  # fmt: skip
MALAY_FEMALE = ["Siti", "Nur Aisyah", "Farah", "Aminah", "Zainab", "Nurul", "Aisyah",
                "Hidayah", "Salmah", "Rohana"]  # fmt: skip
TAMIL_MALE = ["Arun", "Karthik", "Suresh", "Ravi", "Vignesh", "Senthil", "Murugan", "Bala",
              "Ganesh", "Kumar", "Prakash", "Rajan"]  # fmt: skip
TAMIL_FEMALE = ["Priya", "Lakshmi", "Meena", "Kavitha", "Deepa", "Anitha", "Selvi", "Revathi",
                "Malar", "Shanthi"]  # fmt: skip
BCS_MALE = ["Aleksandar", "Nikola", "Marko", "Stefan", "Dragan", "Milan", "Emir", "Adnan",
            "Jovan", "Đorđe", "Luka", "Ivan", "Haris", "Dušan", "Zoran"]  # fmt: skip
BCS_FEMALE = ["Jelena", "Milica", "Ana", "Teodora", "Ivana", "Amra", "Lejla", "Dragana",
              "Snežana", "Marija", "Vesna", "Aida"]  # fmt: skip
BCS_FAMILY = ["Petrović", "Jovanović", "Marković", "Nikolić", "Đorđević", "Stojanović",
              "Hodžić", "Begić", "Kovačević", "Horvat", "Babić", "Ilić", "Pavlović",
              "Mehmedović", "Šarić", "Popović"]  # fmt: skip
ALBANIAN_MALE = ["Arben", "Besnik", "Driton", "Fatmir", "Gëzim", "Ilir", "Luan", "Valon",
                 "Agron", "Blerim"]  # fmt: skip
ALBANIAN_FEMALE = ["Ardita", "Besa", "Drita", "Flutura", "Mimoza", "Teuta", "Valbona",
                   "Arta", "Jehona", "Vjosa"]  # fmt: skip
ALBANIAN_FAMILY = ["Krasniqi", "Hoxha", "Gashi", "Berisha", "Morina", "Shala", "Kelmendi",
                   "Bytyqi", "Rexhepi", "Çela"]  # fmt: skip
ROMA_MALE = ["Šaban", "Demir", "Bajram", "Ramadan", "Sead", "Dževad", "Muharem", "Elvis"]
ROMA_FEMALE = ["Šemsa", "Fatima", "Ljubica", "Senada", "Ramiza", "Dženana", "Esma", "Vesna"]
ROMA_FAMILY = ["Ramić", "Mujić", "Demirović", "Bajramović", "Ahmetović", "Osmani",
               "Berisha", "Sejdić", "Jašarević"]  # fmt: skip
STREET_NAMES = ["Tiny", "Red", "Doc", "Sparky", "Shorty", "Mouse", "Lucky", "Bear", "Smiley",
                "Professor", "Blue", "Ace"]  # fmt: skip
LANGUAGES = {
    "english": ["English"],
    "french": ["French", "English"],
    "chinese": ["Cantonese", "Mandarin"],
    "malay": ["Malay", "English"],
    "tamil": ["Tamil", "English"],
    "bcs": ["Serbian", "Bosnian", "Croatian"],
    "albanian": ["Albanian"],
    "roma": ["Romani", "Serbian"],
}
