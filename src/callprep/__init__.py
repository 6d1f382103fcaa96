"""callprep: a call-prep coach for B2B sellers."""

__version__ = "0.1.0"
