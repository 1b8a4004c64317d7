"""Data contracts: read ODCS v3 and Data Contract Specification files, lint them, test samples.

A library below the scanners: it knows contract documents and imports only the model floor.
Discovery and reading run in the scanner pass (``prodready.scanners.contracts``), whose facts
(``prodready.models.contract_facts``) are what the DATA rules read. Heavy libraries (jsonschema, the ODCS model,
pandas, pyarrow) are imported inside the functions that need them, so an audit of a
repository without contracts never pays for them.
"""
