"""Streamlit helpers shared by the dashboard pages (the only UI package)."""
