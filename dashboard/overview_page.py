"""The Overview page script (the landing page; :mod:`dashboard.navigation` declares it).

A script like those in ``pages/``, kept out of that folder because it is the
default page: :func:`dashboard.overview.render` draws it.
"""

from dashboard.overview import render

render()
