"""Bytes to text: the encodings contact exports really come in.

UTF-8 (with or without the byte-order mark that Excel adds), UTF-16 (Outlook on
Windows, with or without a BOM) and Windows-1252 (older Outlook and Excel CSVs).
The standard library is enough: BOMs and the zero bytes of UTF-16 are unmistakable,
and strict UTF-8 almost never decodes text that was written in another encoding.
"""

import codecs
import re

from coffeechat.errors import Invalid

BOMS = [  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]

# Files people pick by mistake, recognised by their first bytes.
SIGNATURES = [
    (b"PK\x03\x04", "a ZIP archive or an Excel/Numbers workbook: export it as CSV first"),
    (b"\xd0\xcf\x11\xe0", "an old Excel or Outlook file (.xls/.msg): export it as CSV first"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"SQLite format 3\x00", "a coffeechat backup (SQLite): see docs/DATA.md to restore it"),
]

UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}"
    rb"|[\xf0-\xf4][\x80-\xbf]{3}"
)
CHARSET = re.compile(rb";CHARSET=\"?([A-Za-z0-9_.:-]{2,40})", re.IGNORECASE)
LEAD_BYTE = re.compile(rb"[\xc0-\xff]")
REPLACEMENT = "\ufffd"


def decode(data: bytes) -> tuple[str, str]:
    """The text of an uploaded file and the name of its encoding.

    UTF-8 with a few broken bytes decodes with U+FFFD in their place, so the rows
    that hold them can be reported one by one instead of refusing the whole file.
    """
    if not data.strip():
        raise Invalid("The file is empty.", field="file")
    for mark, encoding in BOMS:
        if data.startswith(mark):
            return _strict(data, encoding), encoding.removesuffix("-sig")
    for signature, what in SIGNATURES:
        if data.startswith(signature):
            raise Invalid(f"This is {what}, not a contacts file (CSV or vCard).", field="file")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict(data, utf16), utf16
    if b"\x00" in data:
        raise Invalid(
            "This is not a text file (it holds binary data): upload a CSV or a vCard (.vcf) file.",
            field="file",
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        if _mostly_utf8(data, error):
            return _by_line(data, "utf-8")
    return _by_line(data, "cp1252")


def _by_line(data: bytes, usual: str) -> tuple[str, str]:
    """A file that is not valid UTF-8 all through, decoded line by line.

    Real files mix: a UTF-8 address book with one card pasted from a Latin-1 one, a
    Windows-1252 CSV with a byte that code page leaves undefined (0x81, 0x8D, 0x8F,
    0x90, 0x9D). Each line is read as UTF-8 if it is valid UTF-8, else as Windows-1252;
    what neither can read becomes U+FFFD, so the row that holds it is flagged and the
    rest of the file imports. Linear in the size of the file.
    """
    lines, used = [], set()
    for line in data.splitlines(keepends=True):
        try:
            lines.append(line.decode("utf-8"))
            if usual == "utf-8" or not line.isascii():
                used.add("utf-8")
        except UnicodeDecodeError:
            if declared := _declared(line):  # a vCard line saying its CHARSET (EUC-KR…)
                lines.append(declared[0])
                used.add(declared[1])
            elif UTF8_SEQUENCE.search(line) or (usual == "utf-8" and not LEAD_BYTE.search(line)):
                # UTF-8 with a broken byte (a lost lead byte leaves continuation bytes only),
                # not another code page, whose letters (é, ü) are lead bytes in UTF-8
                lines.append(line.decode("utf-8", errors="replace"))
                used.add("utf-8")
            else:
                lines.append(line.decode("cp1252", errors="replace"))
                used.add("windows-1252")
    encoding = " and ".join(sorted(used, reverse=True)) or "utf-8"
    return "".join(lines), encoding


def _strict(data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        name = encoding.upper()
        raise Invalid(
            f"The file says it is {name} but is not valid {name}: it may be cut short or damaged.",
            field="file",
        ) from None
    if "\x00" in text:  # as for the zero bytes of an 8-bit file below
        raise Invalid(
            "This is not a text file (it holds binary data): upload a CSV or a vCard (.vcf) file.",
            field="file",
        )
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """Text in UTF-16 has a zero byte in every other position (for Latin scripts)."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > len(odd) * 0.3 and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.3 and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _declared(line: bytes) -> tuple[str, str] | None:
    """(text, charset) of a vCard 2.1 line in the CHARSET it names (`N;CHARSET=EUC-KR:…`),
    if that decodes it."""
    found = CHARSET.search(line)
    if not found:
        return None
    charset = found[1].decode("ascii").lower()
    try:
        return line.decode(charset), charset
    except (LookupError, UnicodeDecodeError):
        return None


def _mostly_utf8(data: bytes, error: UnicodeDecodeError) -> bool:
    """Broken UTF-8 rather than another encoding: valid multi-byte sequences outnumber
    the bytes that fail."""
    valid = len(UTF8_SEQUENCE.findall(data))
    broken = len(data.decode("utf-8", errors="replace").split(REPLACEMENT)) - 1
    return valid > 0 and valid >= broken
