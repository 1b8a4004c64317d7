"""Card-transaction fraud scoring model."""

__version__ = "1.4.0"
