"""Update registry: upload an export, read what is wrong with it and what it would change, then make it live.

It goes through the same path as `iapt build`: `analytics.build.stage` validates the export and writes the new
database beside the live one, with its change summary; nothing the app serves changes until the admin presses
"Replace the registry", which `commit`s it (the old file kept as a dated backup, the new one renamed over it in
one step). The page is registered only for a signed-in admin (app_support/admin_access.py) and checks again here,
so that even a page list that included it by mistake would show nothing to anyone else.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from pathlib import Path

import polars as pl
import streamlit as st

from analytics.build import STAGED_MAX_AGE_SECONDS, BuildResult, StaleBuild, commit, discard, stage
from analytics.db import database_path
from app_support import admin_access

MAX_UPLOAD_ENV = "IAPT_ADMIN_MAX_UPLOAD_MB"
DEFAULT_MAX_UPLOAD_MB = 100.0  # today's registry is about 4 MB of CSV; this leaves room for years of growth
UPLOAD_TYPES = ["csv", "tsv", "txt", "xlsx", "xlsm"]
STAGED_KEY = "admin_staged"
FOLDER_KEY = "admin_upload_folder"
UPLOAD_PREFIX = "iapt-upload-"
PROBLEMS_SHOWN = 1000


def max_upload_mb() -> float:
    try:
        limit = float(os.environ.get(MAX_UPLOAD_ENV, DEFAULT_MAX_UPLOAD_MB))
    except ValueError:
        return DEFAULT_MAX_UPLOAD_MB
    return limit if limit > 0 else DEFAULT_MAX_UPLOAD_MB


def _safe_name(name: str) -> str:
    """An uploaded file's own name, reduced to a plain file name: no folders, nothing hidden."""
    base = re.sub(r"[^\w.() -]+", "_", Path(name.replace("\\", "/")).name).strip(" .")
    return base or "upload"


def _forget() -> None:
    """Drops a staged database that was not committed, and the uploaded files."""
    staged: BuildResult | None = st.session_state.pop(STAGED_KEY, None)
    if staged is not None and not staged.committed:
        discard(staged)
    folder = st.session_state.pop(FOLDER_KEY, None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


def _remove_abandoned_uploads() -> None:
    """Uploads of sessions that ended without committing or discarding: a copy of a registry should not linger."""
    cutoff = time.time() - STAGED_MAX_AGE_SECONDS
    for folder in Path(tempfile.gettempdir()).glob(f"{UPLOAD_PREFIX}*"):
        if folder.is_dir() and folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)


def _check(files, skip_invalid: bool) -> None:
    _forget()
    _remove_abandoned_uploads()
    folder = Path(tempfile.mkdtemp(prefix=UPLOAD_PREFIX))
    st.session_state[FOLDER_KEY] = str(folder)
    export = folder / "export"
    export.mkdir()
    for upload in files:
        (export / _safe_name(upload.name)).write_bytes(upload.getvalue())
    with st.spinner("Checking the export..."):
        st.session_state[STAGED_KEY] = stage(export, database_path(), skip_invalid=skip_invalid,
                                             report_path=folder / "problems.csv", rejects_dir=folder / "rejects",
                                             changes_path=folder / "changes.csv")


def _show_counts(result: BuildResult) -> None:
    if not result.rows_read:
        return
    st.dataframe(pl.DataFrame({
        "table": list(result.rows_read),
        "rows read": list(result.rows_read.values()),
        "rows to load": [result.rows_loaded.get(name, 0) for name in result.rows_read],
        "rows rejected": [result.rows_rejected.get(name, 0) for name in result.rows_read],
    }), hide_index=True)


def _show_problems(result: BuildResult) -> None:
    problems = result.problem_table
    if problems.is_empty():
        st.success("No problems found.")
        return
    shown = f" (the first {PROBLEMS_SHOWN:,} below)" if problems.height > PROBLEMS_SHOWN else ""
    st.warning(f"{problems.height:,} problem(s){shown}. Rows count as a spreadsheet shows them; row 0 is the whole file.")
    st.dataframe(problems.head(PROBLEMS_SHOWN), hide_index=True)
    st.download_button("Download every problem (CSV)", result.report_path.read_bytes(), file_name="problems.csv",
                       mime="text/csv", key="admin_problems_download")
    for path in result.rejects_paths:
        st.download_button(f"Download the rejected {path.stem} with their reasons (CSV)", path.read_bytes(),
                           file_name=f"rejected-{path.name}", mime="text/csv", key=f"admin_rejects_{path.stem}")


def _show_changes(result: BuildResult) -> None:
    if result.changes is None:
        st.info(f"No change summary: {result.changes_error}")
        return
    st.subheader("What would change")
    st.text("\n".join(result.changes.lines()))
    if result.changes.initiatives.height or result.changes.memberships.height:
        st.dataframe(result.changes.frame(), hide_index=True)


def _commit() -> None:
    result: BuildResult = st.session_state[STAGED_KEY]
    try:
        commit(result)
    except StaleBuild as error:
        st.session_state["admin_commit_error"] = str(error)
        return
    except (OSError, ValueError) as error:
        st.session_state["admin_commit_error"] = f"The registry was not replaced: {error}"
        return
    folder = st.session_state.pop(FOLDER_KEY, None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)  # the upload is in the registry now


def render() -> None:
    if not admin_access.signed_in():
        st.error("This page is for registry admins. Sign in from the sidebar.")
        st.stop()
    db = database_path()
    st.title("Update registry")
    st.caption(f"The live registry is {db}. Nothing changes until you press \"Replace the registry\"; the current "
               "database is then kept as a dated backup.")
    limit = max_upload_mb()
    files = st.file_uploader(
        f"The export: CSV files (initiatives, firms, memberships, collaborations) or one workbook, {limit:g} MB at most",
        type=UPLOAD_TYPES, accept_multiple_files=True, max_upload_size=max(1, round(limit)), key="admin_upload")
    skip_invalid = st.checkbox("Load the valid rows and set the invalid ones aside", key="admin_skip_invalid",
                               help="Without this, any problem stops the update.")
    if st.button("Check the export", key="admin_check", type="primary", disabled=not files):
        size = sum(upload.size for upload in files)
        if size > limit * 1_000_000:
            _forget()
            st.error(f"The upload is {size / 1_000_000:.1f} MB; the limit is {limit:g} MB.")
        else:
            _check(files, skip_invalid)

    result: BuildResult | None = st.session_state.get(STAGED_KEY)
    if result is None:
        return
    if result.committed:
        backup = f" The previous one is kept as {result.backup_path.name}." if result.backup_path else ""
        st.success(f"The registry has been replaced.{backup} Every page now shows the new data.")
        return
    _show_counts(result)
    _show_problems(result)
    if result.refusal:
        st.error(result.refusal)
    if not result.ok:
        st.error("Nothing can be loaded from this export. Correct the problems and check it again.")
        return
    _show_changes(result)
    error = st.session_state.pop("admin_commit_error", None)
    if error:
        st.error(error)
    left, right = st.columns(2)
    left.button("Replace the registry", key="admin_commit", type="primary", on_click=_commit)
    right.button("Discard", key="admin_discard", on_click=_forget)


render()
