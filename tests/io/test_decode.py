"""decode_bytes: which encoding wins, and the errors for inputs that are not text."""

from __future__ import annotations

import codecs
import gzip

import pytest

from khabar.errors import BinaryInputError, DecodingError, EmptyInputError
from khabar.io import decode_bytes
from khabar.io.decode import arabic_share, scrub_surrogates

ARABIC = "أوضح الناطق الإعلامي بشرطة منطقة مكة المكرمة أن الجهات الأمنية رصدت مقطع فيديو، وتم تشكيل فريق عمل."


def test_strict_utf8_has_no_warnings() -> None:
    dec = decode_bytes(ARABIC.encode("utf-8"))
    assert (dec.text, dec.encoding, dec.warnings) == (ARABIC, "utf-8", [])


@pytest.mark.parametrize("data", [b"", b"  \n\t \r\n"])
def test_empty_and_whitespace_only(data: bytes) -> None:
    with pytest.raises(EmptyInputError) as exc:
        decode_bytes(data, name="x.txt")
    assert exc.value.reason == "empty"
    assert "x.txt" in exc.value.message


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "PNG image"),
        (b"\xff\xd8\xff\xe0" + b"JFIF", "JPEG image"),
        (b"%PDF-1.7\n", "PDF document"),
        (b"\x7fELF\x02\x01", "ELF executable"),
        (gzip.compress(ARABIC.encode()), "gzip-compressed"),
        (b"PK\x03\x04" + b"\x14" * 30, "ZIP archive"),
        ("نص".encode() + b"\x00\x00abc", "NUL bytes"),
    ],
)
def test_binary_inputs_say_what_they_look_like(data: bytes, what: str) -> None:
    with pytest.raises(BinaryInputError) as exc:
        decode_bytes(data, name="file.bin")
    assert exc.value.code == "K102"
    assert what in exc.value.message
    assert exc.value.message.startswith("file.bin ")


def test_a_few_bad_bytes_in_utf8_arabic_are_replaced_and_reported() -> None:
    data = ARABIC.encode() + b" \xff\xfe " + ARABIC.encode() + b"\xd8"  # two stray bytes and a cut letter
    dec = decode_bytes(data, name="x.txt")
    assert dec.encoding == "utf-8"
    assert dec.text.count("\ufffd") == 3
    assert dec.text.replace("\ufffd", "").replace("  ", " ").strip() == f"{ARABIC} {ARABIC}"
    assert dec.warnings == ["x.txt: 3 invalid UTF-8 bytes replaced with U+FFFD"]


@pytest.mark.parametrize("text", [ARABIC, "قال الوزير", "خبر"])
def test_windows_1256_arabic(text: str) -> None:
    # the short ones are the cases charset-normalizer misreads as cp1006 / cp874 on its own
    dec = decode_bytes(text.encode("cp1256"), name="old.txt")
    assert dec.text == text
    assert dec.encoding == "cp1256"
    assert any("cp1256" in w for w in dec.warnings)


def test_iso_8859_6_arabic() -> None:
    text = "قال الوزير إن الاجتماع ناقش خطة العمل للعام المقبل"
    dec = decode_bytes(text.encode("iso8859_6"))
    assert dec.text == text


def test_byte_order_marks() -> None:
    for enc, bom in (("utf-16-le", codecs.BOM_UTF16_LE), ("utf-32-be", codecs.BOM_UTF32_BE)):
        dec = decode_bytes(bom + ARABIC.encode(enc))
        assert dec.text == ARABIC
    assert decode_bytes(codecs.BOM_UTF8 + ARABIC.encode()).text == ARABIC


def test_declared_charset_is_used_when_utf8_fails() -> None:
    data = "Café crème".encode("latin-1")
    dec = decode_bytes(data, declared="latin-1")
    assert (dec.text, dec.encoding, dec.warnings) == ("Café crème", "iso8859-1", [])


def test_unknown_declared_charset_falls_back_with_a_warning() -> None:
    dec = decode_bytes(ARABIC.encode("cp1256"), declared="no-such-charset")
    assert dec.text == ARABIC
    assert "unknown" in dec.warnings[0]


def test_decoding_error_when_nothing_fits(monkeypatch: pytest.MonkeyPatch) -> None:
    import charset_normalizer

    class NoMatch:
        def best(self) -> None:
            return None

    monkeypatch.setattr(charset_normalizer, "from_bytes", lambda data: NoMatch())
    with pytest.raises(DecodingError) as exc:
        decode_bytes(b"\xa2\xa3\xa5\xa6" * 3, name="odd.txt")  # not Arabic in any Arabic codepage
    assert exc.value.reason == "undecodable"


def test_helpers() -> None:
    assert scrub_surrogates("a\udcffb") == ("a\ufffdb", 1)
    assert arabic_share(ARABIC) == 1.0
    assert arabic_share("hello") == 0.0
