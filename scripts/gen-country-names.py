#!/usr/bin/env python3
"""Generate src-tauri/core/data/country-names.json: the UN short names of every country and
territory Plenary knows, in the six UN languages (ar, en, es, fr, ru, zh).

Where the data comes from
-------------------------
hdx-python-country 4.2.5 (PyPI, https://github.com/OCHA-DAP/hdx-python-country, MIT licence)
ships OCHA's "Countries & Territories Taxonomy" as
``hdx/location/Countries & Territories Taxonomy MVP - C&T Taxonomy.csv``. That version of the
file has plain column names and no HXL tag row; the columns used here are:

* ``ISO 3166-1 Alpha 2-Codes`` - the code;
* ``Appears in UNTERM list`` - ``Y`` for the 193 Member States and the two observer States;
* ``English Short`` ... ``Arabic Short`` - the UNTERM short names (UN Terminology Database,
  https://unterm.un.org), as UN documents write them in running lists;
* ``M49 English`` ... ``M49 Arabic`` - the names of the UN Statistics Division's M49 standard
  (https://unstats.un.org/unsd/methodology/m49/), used for the territories that are not States
  and therefore have no UNTERM short name (their ``... Short`` columns are empty in five
  languages).

The list of codes is the one the `celes` crate knows (src-tauri/core uses it to validate codes):
the script reads it from celes' source in the local cargo registry, so that every code the core
accepts has six names.

How to rerun
------------
    python3 -m venv /tmp/hdx && /tmp/hdx/bin/pip install 'hdx-python-country==4.2.5'
    /tmp/hdx/bin/python scripts/gen-country-names.py

(with `cargo fetch` done, so that celes' source is in ~/.cargo/registry). Options:
``--csv PATH`` to read another copy of the taxonomy, ``--celes PATH`` for celes' ``lib.rs``.
The output is deterministic; commit it with this script. Then run
``cargo test -p plenary-core --lib -- --ignored regenerate_ui_tables`` so that the UI's copy
(ui/src/lib/generated/country-names.json) follows.

Cleaning rules (each one below is applied in `clean` or in the tables `FIXES`/`MANUAL`)
--------------------------------------------------------------------------------------
1. Whitespace: trimmed at both ends, any run of spaces (including no-break spaces) becomes one
   space.
2. Apostrophes: UNTERM writes the straight apostrophe in every language ("Côte d'Ivoire",
   "Democratic People's Republic of Korea", "Кот-д'Ивуар"); the Spanish and Russian columns and
   some M49 names carry the typographic one (U+2019), which is made straight.
3. Articles: UNTERM's short names keep the article in a trailing parenthesis ("Bahamas (the)",
   « Afghanistan (l') », "Gambia (the)") where a list would not show it. Such a trailing
   "(the)", "(le)", "(la)", "(les)", "(l')", "(el)", "(los)", "(las)" is dropped, and so is a
   leading "the " in English. The qualified names keep theirs: "Netherlands (Kingdom of the)",
   "Iran (Islamic Republic of)", « Pays-Bas (Royaume des) ».
4. Arabic inverted names: the Arabic column writes qualified names as UNTERM's index form,
   "NAME (A - B)" or "NAME (A _)", where the dash or underscore stands for NAME. They are
   written out as UN Arabic documents do: "بوليفيا (دولة - المتعددة القوميات)" becomes
   "دولة بوليفيا المتعددة القوميات", "هولندا (مملكة _)" becomes "مملكة هولندا".
5. Territories that are not States (source ``m49`` in the output): all six names come from M49,
   English included, so that the six agree with each other ("Falkland Islands (Malvinas)",
   "China, Hong Kong Special Administrative Region"), and the M49 flaws listed in `FIXES` are
   corrected (Russian genitives such as "Аландских островов", broken Arabic word order, etc.).
6. Known errors of the source in `FIXES`: Nauru appears as "Naoero" (its name in Nauruan) in
   four languages; UNTERM says Nauru / Науру / ناورو.
7. Codes that have no row, or a row with no name at all (source ``manual``): Kosovo (XK, a
   user-assigned code; UN documents write "Kosovo" with a reference to Security Council
   resolution 1244 (1999)) and Taiwan (TW; UN usage "Taiwan Province of China", in the form of
   hdx's preferred term). See `MANUAL`.
"""

from __future__ import annotations

import argparse
import csv
import glob
import json
import os
import re
import sys

LANGS = ["ar", "en", "es", "fr", "ru", "zh"]
SHORT = {
    "ar": "Arabic Short",
    "en": "English Short",
    "es": "Spanish Short",
    "fr": "French Short",
    "ru": "Russian Short",
    "zh": "Chinese Short",
}
M49 = {lang: "M49 " + col.split()[0] for lang, col in SHORT.items()}

# Rule 7: codes without usable names in the source.
MANUAL = {
    "XK": {
        "ar": "كوسوفو",
        "en": "Kosovo",
        "es": "Kosovo",
        "fr": "Kosovo",
        "ru": "Косово",
        "zh": "科索沃",
    },
    "TW": {
        "ar": "مقاطعة تايوان الصينية",
        "en": "Taiwan (Province of China)",
        "es": "Taiwán (Provincia de China)",
        "fr": "Taïwan (Province de Chine)",
        "ru": "Тайвань (провинция Китая)",
        "zh": "中国台湾省",
    },
}

# Rules 5 and 6: single names the source gets wrong, by (code, language): the corrected name.
FIXES = {
    # Rule 6: "Naoero" is Nauru's name in Nauruan, not UNTERM's short name.
    ("NR", "en"): "Nauru",
    ("NR", "fr"): "Nauru",
    ("NR", "es"): "Nauru",
    ("NR", "ru"): "Науру",
    ("NR", "ar"): "ناورو",
    # Rule 4 leaves "تيمور- ليشتي" with a space on one side only; UN Arabic spaces both sides,
    # as in "غينيا - بيساو".
    ("TL", "ar"): "تيمور - ليشتي",
    # Rule 5, M49 Russian: genitive or misordered forms copied from running text.
    ("AQ", "ru"): "Антарктида",
    ("AX", "ru"): "Аландские острова",
    ("CC", "ru"): "Кокосовые (Килинг) острова",
    ("KY", "ru"): "Каймановы острова",
    ("CX", "ru"): "Остров Рождества",
    # Rule 5, M49 English: capital P in "Part" unlike "(Dutch part)".
    ("MF", "en"): "Saint Martin (French part)",
    # Rule 5, M49 Spanish.
    ("SX", "es"): "San Martín (parte neerlandesa)",
    ("BL", "es"): "San Bartolomé",
    # Rule 5, M49 Arabic: words out of order, truncated or doubled.
    ("IO", "ar"): "إقليم المحيط الهندي البريطاني",
    ("UM", "ar"): "جزر الولايات المتحدة النائية الصغيرة",
    ("TF", "ar"): "الأراضي الفرنسية الجنوبية",
    ("SJ", "ar"): "جزيرتا سفالبارد وجان ماين",
}

ARTICLE = re.compile(r"\s*\((?:the|le|la|les|l'|el|los|las)\)$", re.IGNORECASE)
ARABIC_INVERTED = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<before>[^()]*?)\s*[-_–]\s*(?P<after>[^()]*)\)$")


def clean(text: str, lang: str) -> str:
    """Rules 1 to 4."""
    text = re.sub(r"\s+", " ", text).strip()  # rule 1
    text = text.replace("\u2019", "'")  # rule 2
    text = ARTICLE.sub("", text)  # rule 3
    if lang == "en" and text.lower().startswith("the "):
        text = text[4:]
    if lang == "ar":  # rule 4
        m = ARABIC_INVERTED.match(text)
        if m:
            parts = [m["before"].strip(), m["name"].strip(), m["after"].strip()]
            text = " ".join(p for p in parts if p)
    return text


def celes_codes(path: str) -> list[str]:
    src = open(path, encoding="utf-8").read()
    codes = re.findall(r'country!\(\s*\w+,\s*"\d+",\s*\d+,\s*"([A-Z]{2})"', src)
    if len(codes) < 249:
        sys.exit(f"found only {len(codes)} codes in {path}")
    return sorted(set(codes))


def default_csv() -> str:
    try:
        import hdx.location as loc  # type: ignore
    except ImportError:
        sys.exit("install hdx-python-country (see the top of this script) or pass --csv")
    found = glob.glob(os.path.join(os.path.dirname(loc.__file__), "*Taxonomy*.csv"))
    if len(found) != 1:
        sys.exit(f"expected one taxonomy CSV in hdx.location, found {found}")
    return found[0]


def default_celes() -> str:
    home = os.path.expanduser("~/.cargo/registry/src")
    found = sorted(glob.glob(os.path.join(home, "*", "celes-*", "src", "lib.rs")))
    if not found:
        sys.exit("celes' source not found: run `cargo fetch` or pass --celes")
    return found[-1]


def main() -> None:
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--csv", help="the taxonomy CSV (default: hdx-python-country's)")
    parser.add_argument("--celes", help="celes' src/lib.rs (default: cargo registry)")
    parser.add_argument(
        "--out", default=os.path.join(root, "src-tauri", "core", "data", "country-names.json")
    )
    args = parser.parse_args()

    rows = {}
    with open(args.csv or default_csv(), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            code = row["ISO 3166-1 Alpha 2-Codes"].strip()
            if code:
                rows[code] = row

    out = []
    for code in celes_codes(args.celes or default_celes()):
        row = rows.get(code)
        if code in MANUAL:
            names, source = dict(MANUAL[code]), "manual"
        elif row is None:
            sys.exit(f"{code}: no row in the taxonomy and no manual names")
        elif row["Appears in UNTERM list"].strip() == "Y":
            names, source = {lang: row[SHORT[lang]] for lang in LANGS}, "unterm"
        else:
            names, source = {lang: row[M49[lang]] for lang in LANGS}, "m49"
        for lang in LANGS:
            names[lang] = FIXES.get((code, lang), clean(names[lang], lang))
            if not names[lang]:
                sys.exit(f"{code}: no {lang} name")
        out.append({"code": code, **{lang: names[lang] for lang in LANGS}, "source": source})

    unused = [k for k in FIXES if k[0] not in {r["code"] for r in out}]
    if unused:
        sys.exit(f"fixes for unknown codes: {unused}")

    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("[\n")
        f.write(",\n".join("  " + json.dumps(r, ensure_ascii=False) for r in out))
        f.write("\n]\n")
    print(f"wrote {len(out)} countries to {os.path.relpath(args.out, root)}")


if __name__ == "__main__":
    main()
