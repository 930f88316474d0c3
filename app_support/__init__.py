"""The Streamlit side of the app: shared state and URL, the sidebar, cached queries, the page chrome.

Kept apart from `analytics` (which never imports Streamlit) and from `app_pages/` (which only arrange
what these modules and `viz` give them).
"""
