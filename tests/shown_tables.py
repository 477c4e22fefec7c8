"""What a table on a page shows: the text a reader sees, and the values it sorts on."""

from __future__ import annotations

import pandas as pd
from streamlit import dataframe_util


def shown_text(element) -> pd.DataFrame:  # noqa: ANN001 - an AppTest Dataframe element
    """The cells as written on screen (a Styler's text where the page styled the table)."""
    styler = element.proto.arrow_data.styler
    if styler.display_values:
        return dataframe_util.convert_arrow_bytes_to_pandas_df(styler.display_values)
    return element.value
