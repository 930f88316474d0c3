"""Drives a live app the way visitors do, for the tests and the benchmarks alike (it belongs to neither).

`harness.live` starts `streamlit run` on a free loopback port and stops its process group, opens websocket
sessions that rerun a page as a browser tab does (`Session`, `open_sessions`), and holds what the browser tests
need to know about a drawn page (Chromium's flags, the selectors of charts and maps, "has the canvas painted").
"""
