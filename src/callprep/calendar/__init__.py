"""Calendars: reading events in, meetings as plans, the import as a whole, and the invite that
goes out."""
