"""Renderers: the brief (and other views) in terminal, Markdown, HTML and PDF form."""
