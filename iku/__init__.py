"""IKU portal domain: load → validate → compute → render, free of any site generator."""
