"""Rebuild the web UI's shipped assets from their sources (a developer tool, never run at serve time).

* The Arabic web font: Noto Naskh Arabic (SIL OFL 1.1) as packaged by Debian's ``fonts-noto-core``,
  subset to Arabic, Latin and the punctuation a news page uses and converted to WOFF2 (fontTools
  with brotli), about a third of the TTF. ``static/fonts/OFL.txt`` carries the licence.
* The world outline: Natural Earth's 1:110m admin-0 countries (public domain) from the
  ``naturalearth_lowres`` shapefile that geopandas wheels before 1.0 ship, projected
  equirectangularly (``x = lon + 180``, ``y = 90 - lat``, the projection the places page uses for its
  markers) and rounded to 0.1° so the SVG stays small.

Usage::

    python -m khabar.web.build_assets --font-dir /usr/share/fonts/truetype/noto \\
        --shapefile PATH/naturalearth_lowres.shp
"""

from __future__ import annotations

import argparse
import struct
from pathlib import Path

STATIC = Path(__file__).resolve().parent / "static"

# Arabic (with supplement and the presentation forms that older pages still contain), Basic Latin,
# Latin-1 punctuation, general punctuation (bidi marks, dashes, quotes) and the arrows/ellipsis we use
FONT_UNICODES = (
    "U+0020-007E,U+00A0-00FF,U+0600-06FF,U+0750-077F,U+08A0-08FF,U+FB50-FDFF,U+FE70-FEFF,"
    "U+2000-206F,U+2190-2193,U+25B2-25BC"
)


def build_font(src: Path, out: Path) -> int:
    """Subset one TTF to :data:`FONT_UNICODES` as WOFF2; its size in bytes."""
    from fontTools import subset

    opts = subset.Options()
    opts.flavor = "woff2"
    opts.layout_features = ["*"]  # Arabic shaping needs init/medi/fina/rlig/liga/mark/mkmk
    opts.name_IDs = ["*"]
    opts.hinting = False
    opts.desubroutinize = True
    font = subset.load_font(str(src), opts)
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=subset.parse_unicodes(FONT_UNICODES))
    sub.subset(font)
    subset.save_font(font, str(out), opts)
    return out.stat().st_size


def _polygons(shp: Path) -> list[list[list[tuple[float, float]]]]:
    """The parts of every polygon record of an ESRI shapefile (type 5), as (lon, lat) rings."""
    data = shp.read_bytes()
    pos = 100  # the file header
    shapes = []
    while pos < len(data):
        _rec, length = struct.unpack(">ii", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + 2 * length]
        pos += 8 + 2 * length
        (stype,) = struct.unpack("<i", body[:4])
        if stype != 5:
            continue
        nparts, npoints = struct.unpack("<ii", body[36:44])
        parts = list(struct.unpack(f"<{nparts}i", body[44 : 44 + 4 * nparts]))
        pts_at = 44 + 4 * nparts
        pts = [struct.unpack("<dd", body[pts_at + 16 * i : pts_at + 16 * i + 16]) for i in range(npoints)]
        bounds = [*parts, npoints]
        shapes.append([pts[bounds[i] : bounds[i + 1]] for i in range(nparts)])
    return shapes


def build_world(shp: Path, out: Path) -> int:
    """Write the equirectangular world outline SVG; its size in bytes."""
    paths = []
    for parts in _polygons(shp):
        d = []
        for ring in parts:
            pts: list[tuple[float, float]] = []
            for lon, lat in ring:
                p = (round(lon + 180, 1), round(90 - lat, 1))
                if not pts or p != pts[-1]:
                    pts.append(p)
            if len(pts) < 4:
                continue
            d.append("M" + "L".join(f"{x:g} {y:g}" for x, y in pts) + "Z")
        if d:
            paths.append("".join(d))
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 180" '
        'fill="#d3dbe0" stroke="#ffffff" stroke-width="0.15" stroke-linejoin="round">\n'
        "<!-- Natural Earth 1:110m countries (public domain, naturalearthdata.com); "
        "equirectangular: x = lon + 180, y = 90 - lat -->\n"
        + "\n".join(f'<path d="{d}"/>' for d in paths)
        + "\n</svg>\n"
    )
    out.write_text(svg, encoding="utf-8")
    return out.stat().st_size


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--font-dir", type=Path, help="folder holding NotoNaskhArabic-{Regular,Bold}.ttf")
    ap.add_argument("--shapefile", type=Path, help="naturalearth_lowres.shp")
    args = ap.parse_args(argv)
    if args.font_dir:
        for weight in ("Regular", "Bold"):
            out = STATIC / "fonts" / f"NotoNaskhArabic-{weight}.woff2"
            size = build_font(args.font_dir / f"NotoNaskhArabic-{weight}.ttf", out)
            print(f"{out.name}: {size:,} bytes")
    if args.shapefile:
        out = STATIC / "world.svg"
        print(f"{out.name}: {build_world(args.shapefile, out):,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
