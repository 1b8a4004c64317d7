"""Readiness across an organisation's repositories: reports read as one portfolio, campaigns, many audits.

``loading`` finds and reads audit reports, ``rollups`` builds the ``PortfolioResult``
(``model``), ``campaigns`` judges campaign files on it, ``render`` writes it as HTML, JSON,
CSV or Markdown, ``runner`` audits many repositories in child processes or on Dask, and
``commands`` holds the two click commands.
"""
