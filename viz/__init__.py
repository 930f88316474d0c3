"""Figure builders: a Polars frame and a language in, a Plotly figure or a pydeck deck out.

Nothing here imports Streamlit, so every figure can be built and inspected in a plain test.
Plotly figures use `graph_objects` (about 1 ms to build, against 36 ms for Plotly Express).
Text that comes from the registry goes through `style.escape` first, because Plotly renders
some HTML tags in labels and hover text.
"""
