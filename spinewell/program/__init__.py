"""The program: fitted to a person, laid out as dated weeks, and exported."""
