"""What the import says, in the handbook's language: its messages are in the one
catalogue of every message (`mus_build.messages`), under codes that start with "import_".
The people who run an import work in HR: each message names what is wrong and what to
write instead, never a Python term."""

from __future__ import annotations

from mus_build.messages import say, speaking

PREFIX = "import_"


class Say:
    """The import's messages in one language, filled in."""

    def __init__(self, language: str) -> None:
        self._language = language

    def __call__(self, message: str, /, **values: object) -> str:
        with speaking(self._language):
            return str(say(PREFIX + message, **values))
