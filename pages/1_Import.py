"""Import: drop exports (or a zip), check the preview, import, read the report.

Thin page: the steps live in :mod:`dashboard.import_steps` (upload,
preview, import, report, past imports) and :mod:`dashboard.import_mapping`
(the column-mapping step for an unknown layout, saved profiles).
"""

from __future__ import annotations

import streamlit as st

from analytics.errors import AnalyticsError
from dashboard import archive_care, channel_admin_ui, common, import_mapping, import_steps
from dashboard.i18n_ui import tr
from dashboard.import_keys import REPORTS_KEY, SAVED_KEY

lang = common.page_setup()
st.title(tr("import.title"))
path = common.user_db_path()  # imports always go into the user's store, never the demo
if common.showing_demo():
    st.info(common.md_escape(tr("display.demo_import_note", path=path)))

try:
    import_steps.upload_section(path, lang)
    if st.session_state.get(REPORTS_KEY):
        import_steps.show_reports(st.session_state[REPORTS_KEY], lang)
        if st.session_state.get(SAVED_KEY):
            st.success(
                common.md_escape(tr("import.mapping.saved", name=st.session_state[SAVED_KEY]))
            )
    import_steps.past_imports(path, lang)
    channel_admin_ui.channels_section(path, lang)
    archive_care.archive_care(path, lang)
    if import_steps.list_profiles is not None:
        import_mapping.saved_profiles(import_steps.list_profiles(path), path, lang)
except AnalyticsError as exc:
    common.show_error(exc)
