"""Rules of the testing category: tests exist, CI is configured, CI runs them, enough of them.

Named so that no tool takes a rule for a test: the folder is not ``testing/`` (a test folder
to prodready's own ``is_test_path`` and to common conventions) and the modules are
``rule_test_NNN.py``, never ``test_*.py`` (pytest's and unittest's default patterns).
"""
