"""mus: a company's MUS practice as a living internal handbook."""

__version__ = "0.1.0"
