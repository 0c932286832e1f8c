"""Fill the GeoNames id, the seat's coordinates and the seat's population of the first-level divisions
in ``src/khabar/data/admin1_ar.tsv`` that have none yet, so that they are places of their own (kind
``region``) and not only qualifiers of a town (باريس بولاية تكساس).

A row is filled from GeoNames (CC BY 4.0, in ``../shared/data/geonames_ar``): its id from
``regionInfo.tsv`` by the division's code, its seat from ``cities15000`` — the division's ``PPLA``,
else its ``PPLC``, else its largest town — as the rows written earlier were. Rows already filled are
left as they are (some seats were chosen by hand: Sayyan for Sanaa governorate). A division whose code
GeoNames does not list, or with no town in cities15000, stays a qualifier and is reported.

    python scripts/build_admin1_seats.py            # rewrite admin1_ar.tsv in place
    python scripts/build_admin1_seats.py --check    # exit 1 if a row could be filled
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ADMIN1 = REPO / "src" / "khabar" / "data" / "admin1_ar.tsv"
GEONAMES = REPO.parent / "shared" / "data" / "geonames_ar"

#: seat preference: a division's administrative seat, else the country's capital, else any town
_RANK = {"PPLA": 2, "PPLC": 1}


def read_regions(folder: Path) -> dict[str, tuple[str, str]]:
    """Division code (``US.CA``) → (GeoNames id, English name) from ``regionInfo.tsv``."""
    out: dict[str, tuple[str, str]] = {}
    for line in (folder / "regionInfo.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        code, name, _ascii, gid = line.split("\t")[:4]
        out[code] = (gid, name)
    return out


def read_seats(folder: Path) -> dict[str, tuple[str, str, str]]:
    """Division code → (lat, lon, population) of its seat in cities15000."""
    best: dict[str, tuple[tuple[int, int], tuple[str, str, str]]] = {}
    with zipfile.ZipFile(folder / "cities15000.zip") as z, z.open("cities15000.txt") as raw:
        for row in csv.reader(
            io.TextIOWrapper(raw, encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE
        ):
            cc, a1, fcode, pop = row[8], row[10], row[7], int(row[14] or 0)
            if not a1:
                continue
            code = f"{cc}.{a1}"
            rank = (_RANK.get(fcode, 0), pop)
            if code not in best or rank > best[code][0]:
                best[code] = (rank, (row[4], row[5], str(pop)))
    return {code: seat for code, (_rank, seat) in best.items()}


def fill(
    lines: list[str], regions: dict[str, tuple[str, str]], seats: dict[str, tuple[str, str, str]]
) -> tuple[list[str], list[str], list[str]]:
    """The file's lines with the empty rows filled; the codes filled; the codes left empty."""
    out: list[str] = []
    filled: list[str] = []
    left: list[str] = []
    header_seen = False
    for line in lines:
        if line.startswith("#") or not line.strip():
            out.append(line)
            continue
        if not header_seen:
            header_seen = True
            out.append(line)
            continue
        col = line.split("\t")
        code, names, name_en, gid = col[0], col[1], col[2], col[3]
        if gid:
            out.append(line)
            continue
        if code not in regions or code not in seats:
            left.append(code)
            out.append(line)
            continue
        gid, en = regions[code]
        lat, lon, pop = seats[code]
        out.append("\t".join([code, names, name_en or en, gid, lat, lon, pop]))
        filled.append(code)
    return out, filled, left


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--geonames", type=Path, default=GEONAMES, help="the geonames_ar folder")
    ap.add_argument("--check", action="store_true", help="only report; exit 1 if a row could be filled")
    args = ap.parse_args(argv)
    lines = ADMIN1.read_text(encoding="utf-8").splitlines()
    out, filled, left = fill(lines, read_regions(args.geonames), read_seats(args.geonames))
    if left:
        print(f"left as qualifiers (no GeoNames division or seat): {' '.join(left)}")
    if args.check:
        print(f"{len(filled)} rows could be filled")
        return 1 if filled else 0
    ADMIN1.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"filled {len(filled)} rows of {ADMIN1.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
