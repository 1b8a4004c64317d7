"""Data contracts: read ODCS v3 and Data Contract Specification files, lint them, test samples.

Everything that reads a file runs in the scanner pass (``prodready.scanners.contracts``);
rules only look at the facts built here. Heavy libraries (jsonschema, the ODCS model,
pandas, pyarrow) are imported inside the functions that need them, so an audit of a
repository without contracts never pays for them.
"""
