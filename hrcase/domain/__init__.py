"""Domain model: tables, vocabularies, partial dates and validation. No Qt, no files."""
