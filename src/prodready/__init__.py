"""prodready: production-readiness audits for ML projects."""

__version__ = "0.1.0"
