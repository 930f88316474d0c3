"""The floor: the least a Streamlit page can cost here, a title and one small chart (`make bench`, serving section).

Run with the project's .streamlit/config.toml, like app.py, so a rerun of the Overview is compared against
Streamlit's own cost per rerun on the same settings and machine, measured in the same run.
"""

import plotly.graph_objects as go
import streamlit as st

st.title("Floor")
st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[3, 1, 2])), key="floor_chart", config={"displayModeBar": False})
