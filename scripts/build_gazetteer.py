"""Build ``src/khabar/data/gazetteer_ar.tsv.gz``: Arabic place names with coordinates, from GeoNames.

Inputs (read relative to the repository, never copied whole into it):

* ``../shared/data/geonames_ar/cities15000_arabic_names.tsv``: GeoNames cities15000 rows that have
  Arabic-script alternate names (GeoNames, geonames.org, CC BY 4.0);
* ``../shared/data/geonames_ar/countries_ar.tsv`` and ``countryInfo.tsv``: country names, ISO codes,
  GeoNames ids and populations (GeoNames-derived, CC BY 4.0); a country's coordinates are its capital's;
* ``src/khabar/data/nationalities_ar.tsv``: the common short Arabic country names (``kind=name``),
  written by the khabar developers.

Output columns (tab-separated, one row per normalised name and place)::

    key  geonameid  name_ar  name_en  country  lat  lon  fclass  fcode  population  admin1

``key`` is the name in khabar's normalised view (:func:`khabar.arabic.normalize.normalize`, plus the
Persian-letter folds ``ی``→``ي`` and ``ک``→``ك``), with runs of white space collapsed. ``admin1`` is
the GeoNames first-level division (``SY.10``, ``US.TX``; empty for countries): a town said to be "in
Idlib province" or "in Texas" is looked for there.

Usage: ``.venv/bin/python scripts/build_gazetteer.py [--out PATH]``
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import re
import sys
import zipfile
from pathlib import Path

from khabar.arabic.normalize import normalize

REPO = Path(__file__).resolve().parents[1]
GEONAMES = REPO.parent / "shared" / "data" / "geonames_ar"
DATA = REPO / "src" / "khabar" / "data"
OUT = DATA / "gazetteer_ar.tsv.gz"

#: Persian/Urdu letters that stand for the Arabic ones (GeoNames keeps some Saudi towns only so)
_EXTRA_FOLD = str.maketrans({"ی": "ي", "ک": "ك", "ى": "ي", "ٲ": "ا", "ٳ": "ا"})
#: a usable key: Arabic letters (after normalisation) and single spaces only
_KEY_RE = re.compile(r"^[\u0621-\u064a]+(?: [\u0621-\u064a]+)*$")
#: the shortest single-word key kept (two-letter keys are mostly noise)
MIN_KEY = 3


def make_key(name: str) -> str | None:
    key = " ".join(normalize(name.translate(_EXTRA_FOLD)).translate(_EXTRA_FOLD).split())
    if not _KEY_RE.match(key) or len(key.replace(" ", "")) < MIN_KEY:
        return None
    # a one-letter word inside a name is GeoNames noise ("د مشق")
    if any(len(w) < 2 for w in key.split(" ")):
        return None
    return key


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        lines = [ln for ln in f if not ln.startswith("#") or ln.startswith("#ISO")]
    lines[0] = lines[0].lstrip("#")
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


#: Arabic names, written by the khabar developers, of places whose GeoNames entry in cities15000 has
#: no Arabic-script name: Washington (so that واشنطن is not read as a small US town), and the Saudi
#: towns Saudi news names every day (عنيزة was read as a Qatari district, حفر الباطن not at all)
OWN_NAMES: dict[str, tuple[str, ...]] = {
    "4140963": ("واشنطن", "واشنطن العاصمة"),  # Washington, D.C.
    "101322": ("تربة",),  # Turabah
    "101732": ("عنيزة",),  # Unaizah
    "101760": ("السلطانة",),  # Sultanah
    "102451": ("صامطة",),  # Samtah
    "102985": ("رحيمة",),  # Rahimah
    "103035": ("رابغ",),  # Rabigh
    "103369": ("بيشة", "قلعة بيشة"),  # Qal'at Bishah
    "104578": ("مهد الذهب",),  # Mahd adh Dhahab
    "104716": ("ليلى",),  # Layla
    "104923": ("خليص",),  # Khulays
    "106102": ("حقل",),  # Haql
    "106297": ("حفر الباطن",),  # Hafar Al-Batin
    "107744": ("بدر", "بدر حنين"),  # Badr Hunayn
    "108048": ("السليل",),  # As Sulayyil
    "109059": ("المنيزلة",),  # Al Munayzilah
    "109253": ("الليث",),  # Al Lith
    "109380": ("الخفجي",),  # Al Khafji
    "109915": ("البطالية",),  # Al Battaliyah
    "110059": ("العقيق",),  # Al Aqiq
    "110250": ("عفيف",),  # Afif
    "110325": ("الدوادمي",),  # Ad Dawadimi
    "409682": ("ثول",),  # Thuwal
    "12495725": ("بارق",),  # Bariq
}


def read_own_named() -> list[list[str]]:
    """The cities15000 rows of the places in :data:`OWN_NAMES`."""
    with zipfile.ZipFile(GEONAMES / "cities15000.zip") as z, z.open("cities15000.txt") as f:
        return [
            col
            for line in io.TextIOWrapper(f, encoding="utf-8")
            if (col := line.rstrip("\n").split("\t"))[0] in OWN_NAMES
        ]


def read_capitals() -> dict[str, tuple[str, str]]:
    """Each country's capital (feature code PPLC) coordinates, from the full cities15000 dump; for a
    country without a PPLC there (Palestine), its most populous city's."""
    out: dict[str, tuple[str, str]] = {}
    biggest: dict[str, tuple[int, str, str]] = {}
    with zipfile.ZipFile(GEONAMES / "cities15000.zip") as z, z.open("cities15000.txt") as f:
        for line in io.TextIOWrapper(f, encoding="utf-8"):
            col = line.rstrip("\n").split("\t")
            if col[7] == "PPLC":
                out.setdefault(col[8], (col[4], col[5]))
            pop = int(col[14] or 0)
            if pop > biggest.get(col[8], (-1, "", ""))[0]:
                biggest[col[8]] = (pop, col[4], col[5])
    for cc, (_, lat, lon) in biggest.items():
        out.setdefault(cc, (lat, lon))
    return out


def build() -> list[tuple[str, ...]]:
    rows: dict[tuple[str, str], tuple[str, ...]] = {}
    cities = read_tsv(GEONAMES / "cities15000_arabic_names.tsv")
    capitals = read_capitals()
    for c in cities:
        names = [n for n in c["arabic_names"].split("|") if n]
        # other-script names count only when they fold to Arabic letters (طریف → طريف)
        names += [n for n in c["other_arabic_script_names"].split("|") if n]
        if c["arab_league_country"] == "1" and not c["arabic_names"]:
            # an Arab town whose only Arabic name carries its country after a comma ("الزنتان، لیبی")
            names += [n.split("،")[0] for n in names if "،" in n]
        for name in names:
            key = make_key(name)
            if key is None:
                continue
            rows[(key, c["geonameid"])] = (
                key,
                c["geonameid"],
                name.translate(_EXTRA_FOLD),
                c["name"],
                c["country_code"],
                c["latitude"],
                c["longitude"],
                "P",
                c["feature_code"],
                c["population"],
                f"{c['country_code']}.{c['admin1_code']}" if c["admin1_code"] else "",
            )

    for col in read_own_named():
        for name in OWN_NAMES[col[0]]:
            key = make_key(name)
            assert key is not None
            rows[(key, col[0])] = (
                key,
                col[0],
                name,
                col[1],
                col[8],
                col[4],
                col[5],
                "P",
                col[7],
                col[14],
                f"{col[8]}.{col[10]}",
            )

    info = {r["ISO"]: r for r in read_tsv(GEONAMES / "countryInfo.tsv")}
    countries = read_tsv(GEONAMES / "countries_ar.tsv")
    own_names: dict[str, list[str]] = {}
    for r in read_tsv(DATA / "nationalities_ar.tsv"):
        if r["kind"] == "name":
            own_names.setdefault(r["country"], []).append(r["form"])
    for c in countries:
        iso = c["iso2"]
        cap = capitals.get(iso)
        if cap is None:  # no capital in cities15000: no coordinates to give
            continue
        pop = info.get(iso, {}).get("Population", "0") or "0"
        for name in [c["name_ar"], *own_names.get(iso, [])]:
            key = make_key(name) if name else None
            if key is None:
                continue
            rows[(key, c["geonameid"])] = (
                key,
                c["geonameid"],
                normalize(name) if "\u064e" in name or "\u0652" in name else name,
                c["name_en"],
                iso,
                cap[0],
                cap[1],
                "A",
                "PCLI",
                pop,
                "",
            )
    return sorted(rows.values(), key=lambda r: (r[0], r[1]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    if not GEONAMES.exists():
        print(f"{GEONAMES} not found (../shared beside the repository)", file=sys.stderr)
        return 1
    rows = build()
    header = (
        "key",
        "geonameid",
        "name_ar",
        "name_en",
        "country",
        "lat",
        "lon",
        "fclass",
        "fcode",
        "population",
        "admin1",
    )
    body = "\n".join("\t".join(r) for r in [header, *rows]) + "\n"
    # mtime=0: the same inputs give the same bytes
    with open(args.out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as f:
        f.write(body.encode("utf-8"))
    print(f"{args.out}: {len(rows)} rows, {args.out.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
