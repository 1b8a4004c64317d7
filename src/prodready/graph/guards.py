"""Whether an import runs unconditionally at import time: the guard the AST scanner recorded.

The graph keeps it on each ``imports`` edge (``guard``): a ``TYPE_CHECKING``
import never runs (it cannot make a cycle), a ``try`` import is optional (its
package need not be declared), a conditional or lazy one runs only on some paths.
"""

from __future__ import annotations

from prodready.scanners.facts import ImportGuard as Guard

__all__ = ["Guard"]
