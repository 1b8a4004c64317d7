"""Errors that stop an invocation: the CLI prints them as one line and exits 2."""


class ProdreadyError(Exception):
    """An invocation or input problem, stated in one line that names the file or flag."""


class ConfigError(ProdreadyError):
    """A bad setting in pyproject.toml, prodready.yaml or on the command line."""


class RuleOptionsError(ProdreadyError):
    """Unknown or invalid options given for a rule."""
