"""The one exception for what the person running mus can fix: a folder that must not
be replaced, a file that already exists, a disk that is full. Its message says what
happened and what to do; the command line prints it as one line and exits 1.

Problems in the sources are not exceptions: they are values (`check.problems.Problem`),
collected from every file and reported together.
"""


class MusError(Exception):
    """Why a command could not do what was asked; the message is for the person who asked."""
