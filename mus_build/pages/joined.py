"""A generated file kept as the parts it is made of, joined only where its bytes are read.

The agreements of everyone are joined from each person's rows: 157 MB at 10,000 people.
`mus build` joins them to compare them with the staged file; the preview writes them part
by part after the round (publish/preview_staging.py), so that a save that changes an
agreement neither joins nor copies them before the page is served.
"""

from __future__ import annotations

from typing import BinaryIO


class Joined:
    """Equal to itself alone: the exports make a new one only when someone's rows changed,
    so the preview takes a new one for a changed file without comparing 157 MB."""

    __slots__ = ("parts",)

    def __init__(self, parts: list[bytes]) -> None:
        self.parts = parts

    def __bytes__(self) -> bytes:
        return b"".join(self.parts)


# A file mus makes for the site: its bytes, or the parts they are joined from.
FileData = bytes | bytearray | Joined


def whole(data: FileData) -> bytes | bytearray:
    """The file's bytes, joined if they are parts."""
    return bytes(data) if isinstance(data, Joined) else data


def write(data: FileData, file: BinaryIO) -> None:
    """Write the file's bytes, part by part if they are parts."""
    if isinstance(data, Joined):
        file.writelines(data.parts)
    else:
        file.write(data)
