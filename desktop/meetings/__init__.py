"""Meeting records: the daily meeting and 三会一课, Qt-free.

Everything public is re-exported here and from .service, so either
`from desktop.meetings import add_note` or `from desktop.meetings import service` works.
"""
from .service import *  # noqa: F403 - the package is the meeting API, listed in service.__all__
from .service import __all__  # noqa: F401 - so `import *` from the package gives the same names
