"""The Streamlit side of the app: shared state and URL, the sidebar, cached queries, the page chrome.

Kept apart from `analytics` (which never imports Streamlit) and from `app_pages/` (which only arrange
what these modules and `viz` give them).
"""

# pandas is imported here, when app.py first imports this package, and not in app.py itself. When several
# sessions start together on a fresh server, a lazy `import pandas` deep inside Streamlit, Plotly or Polars
# in one thread met another thread's half-finished import and failed with "partially initialized module
# 'pandas'" (seen in tests/e2e/test_live_update.py): importing it under this package's import lock makes the
# other sessions wait for a whole pandas. Not in app.py, which runs on every rerun: there the import
# statement took a module lock each time, 12% of the server's samples under 10 busy sessions (py-spy).
import pandas  # noqa: F401, E402
