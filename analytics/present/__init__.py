"""Present: Plotly figures, number and date formatting, report templates."""
