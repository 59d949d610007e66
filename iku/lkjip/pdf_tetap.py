"""Object numbers of a LibreOffice PDF in a fixed order.

LibreOffice numbers some objects (the embedded fonts) in an order that varies from run to run
(about one conversion in sixteen here), though their content and the pages naming them do not.
`canonical` renumbers every object in the order it is first reached from the trailer (/Root, then
/Info), following references in the order they are written, and rewrites the cross-reference
table; the same document then gives the same bytes. Streams are copied untouched (a reference is
only ever in an object's dictionary part). Anything unexpected: the PDF is returned unchanged.
"""

from __future__ import annotations

import re

_REF = re.compile(rb"(\d+) 0 R\b")
_OBJ = re.compile(rb"(\d+) 0 obj\s")
_STREAM = re.compile(rb"stream\r?\n")


def _objects(pdf: bytes) -> tuple[bytes, dict[int, bytes], bytes] | None:
    """(bytes before the first object, object number -> body after 'N 0 obj', trailer dictionary)."""
    start = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", pdf)
    if not start:
        return None
    xref_at = int(start.group(1))
    table = re.match(rb"xref\s+0 (\d+)\s+", pdf[xref_at:])
    trailer = re.search(rb"trailer\s*(<<.*>>)\s*startxref", pdf[xref_at:], re.S)
    if not table or not trailer:
        return None
    count = int(table.group(1))
    entries = pdf[xref_at + table.end(): xref_at + table.end() + 20 * count]
    offsets = {}
    for number in range(count):
        entry = entries[20 * number: 20 * number + 20]
        if entry[17:18] == b"n":
            offsets[number] = int(entry[:10])
    ordered = sorted(offsets.items(), key=lambda item: item[1])
    bodies = {}
    for (number, offset), following in zip(ordered, [o for _, o in ordered[1:]] + [xref_at]):
        chunk = pdf[offset:following]
        head = _OBJ.match(chunk)
        if not head or int(head.group(1)) != number:
            return None
        bodies[number] = chunk[head.end():]
    return pdf[: ordered[0][1]] if ordered else pdf, bodies, trailer.group(1)


def _dictionary_part(body: bytes) -> tuple[bytes, bytes]:
    found = _STREAM.search(body)
    return (body[: found.start()], body[found.start():]) if found else (body, b"")


def canonical(pdf: bytes) -> bytes:
    parsed = _objects(pdf)
    if parsed is None:
        return pdf
    prefix, bodies, trailer = parsed
    order: list[int] = []
    seen: set[int] = set()
    pending = [int(m.group(1)) for m in _REF.finditer(trailer)][::-1]
    while pending:  # depth first, references in written order
        number = pending.pop()
        if number in seen or number not in bodies:
            continue
        seen.add(number)
        order.append(number)
        refs = [int(m.group(1)) for m in _REF.finditer(_dictionary_part(bodies[number])[0])]
        pending.extend(reversed(refs))
    order += [n for n in sorted(bodies) if n not in seen]
    new = {old: index for index, old in enumerate(order, 1)}

    def renumber(part: bytes) -> bytes:
        return _REF.sub(lambda m: b"%d 0 R" % new.get(int(m.group(1)), int(m.group(1))), part)

    out = bytearray(prefix)
    offsets = []
    for old in order:
        offsets.append(len(out))
        head, stream = _dictionary_part(bodies[old])
        out += b"%d 0 obj\n" % new[old] + renumber(head) + stream
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(order) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = re.sub(rb"/Size \d+", b"/Size %d" % (len(order) + 1), renumber(trailer))
    out += b"trailer\n" + trailer + b"\nstartxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)
