"""reportkit: council committee documents as reproducible Word and PDF builds."""

__version__ = "0.1.0"
