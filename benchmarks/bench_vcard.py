"""Read vCards with our parser and, when they are importable, with the other Python vCard
libraries (issue 27, docs/DECISIONS.md "Reading vCards"): cards each refuses over a
folder of .vcf files, what each keeps of values with unescaped commas, and the time to
read one card with a 4, 8, 16 and 50 MB folded photo.

    python benchmarks/bench_vcard.py [FOLDER ...]
    # the others, outside the project's environment:
    pip install --target /tmp/vlibs pythonvcard4==0.2.0 vcard==1.0.0
    PYTHONPATH=.:/tmp/vlibs python benchmarks/bench_vcard.py ~/real-vcards tests/transfer/files
"""

import base64
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coffeechat.transfer.importers import read  # noqa: E402
from coffeechat.transfer.importers.decoding import decode  # noqa: E402

SAMPLE = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Doe, Jane\r\nTITLE:A, B\r\nORG:Company, The\r\n"
    "NOTE:one, two\r\nEND:VCARD\r\n"
)


def readers() -> dict:
    found = {"ours": lambda card: _ours(card)}
    try:
        import vobject

        found["vobject"] = lambda card: vobject.readOne(card, allowQP=True)
    except ImportError:
        pass
    try:
        from pythonvCard4.vcard import Contact

        found["pythonvcard4"] = Contact.from_vcard
    except ImportError:
        pass
    try:
        from vcard import vcard_validator

        found["vcard"] = lambda card: vcard_validator.validate_vcard_text(card, "", 0, False)
    except ImportError:
        pass
    return found


def _ours(card: str):
    rows = read(card.encode()).rows  # a nested card is a second row
    if any(row.problem for row in rows):
        raise ValueError(rows[0].problem)
    return rows[0].contact


def refused(folders, found) -> None:
    cards, failures = 0, dict.fromkeys(found, 0)
    for folder in folders:
        for path in sorted(Path(folder).glob("*.vcf")):
            if path.is_symlink() or path.stat().st_size < 60:
                continue
            text, _ = decode(path.read_bytes())
            for block in re.findall(r"BEGIN:VCARD.*?END:VCARD", text, re.S | re.I):
                card = "\r\n".join(block.splitlines()) + "\r\n"
                cards += 1
                for name, reader in found.items():
                    try:
                        reader(card)
                    except BaseException:  # noqa: BLE001 - the validator raises SystemExit
                        failures[name] += 1
    print(f"{cards} cards; refused: " + ", ".join(f"{k} {v}" for k, v in failures.items()))


def photo_card(megabytes: int) -> str:
    line = base64.b64encode(os.urandom(54)).decode()
    lines = megabytes * 1024 * 1024 // 75
    photo = f"PHOTO;ENCODING=b;TYPE=JPEG:{line}\r\n" + f" {line}\r\n" * lines
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big Photo\r\n{photo}END:VCARD\r\n"


def main() -> int:
    found = readers()
    if sys.argv[1:]:
        refused(sys.argv[1:], found)
    contact = _ours(SAMPLE)
    print(
        f"ours keeps: {contact.name!r} {contact.title!r} {contact.organization!r} {contact.notes!r}"
    )
    for megabytes in (4, 8, 16, 50):
        card = photo_card(megabytes)
        started = time.perf_counter()
        read(card.encode())
        print(f"{megabytes} MB photo card: {time.perf_counter() - started:.2f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
