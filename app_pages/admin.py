"""Update registry: upload an export, read what is wrong with it and what it would change, then make it live.

It goes through the same path as `iapt build`: `analytics.ingest.build.stage` validates the export and writes the new
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

from analytics import i18n
from analytics.ingest.build import STAGED_MAX_AGE_SECONDS, BuildFailed, BuildResult, StaleBuild, commit, discard, stage
from analytics.serving.db import database_path
from app_support import admin_access, state

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


def _megabytes(value: float, lang: str) -> str:
    """A size as `:g` writes it (100, 0.001), with the language's decimal mark."""
    return f"{value:g}".replace(".", i18n.SEPARATORS[i18n.language(lang)][0])


def _safe_name(name: str) -> str:
    """An uploaded file's own name, reduced to a plain file name: no folders, nothing hidden."""
    base = re.sub(r"[^\w.() -]+", "_", Path(name.replace("\\", "/")).name).strip(" .")
    return base or "upload"


class _Workspace:
    """What this session wrote to disk: its upload folders and staged databases, removed when the session ends."""

    def __init__(self) -> None:
        self.paths: set[Path] = set()

    def track(self, path: Path) -> None:
        self.paths.add(path)

    def remove(self) -> None:
        for path in list(self.paths):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        self.paths.clear()


def _remove_workspace(workspace: _Workspace) -> None:
    workspace.remove()


# Streamlit releases a session's resources when the session ends (its tab closed, or gone longer than
# server.disconnectedSessionTTL): an abandoned upload and its staged database go with it, not a day later.
@st.cache_resource(scope="session", on_release=_remove_workspace, show_spinner=False)
def _workspace() -> _Workspace:
    return _Workspace()


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


def _check(files, skip_invalid: bool, lang: str) -> None:
    _forget()
    _remove_abandoned_uploads()
    folder = Path(tempfile.mkdtemp(prefix=UPLOAD_PREFIX))  # 0700: readable by the server's user only
    _workspace().track(folder)
    st.session_state[FOLDER_KEY] = str(folder)
    export = folder / "export"
    export.mkdir()
    for upload in files:
        (export / _safe_name(upload.name)).write_bytes(upload.getvalue())
    with st.spinner(i18n.t("Checking the export...", lang)):
        try:
            result = stage(export, database_path(), skip_invalid=skip_invalid, report_path=folder / "problems.csv",
                           rejects_dir=folder / "rejects", changes_path=folder / "changes.csv")
        except (BuildFailed, OSError) as error:
            st.session_state["admin_check_error"] = i18n.t("The export was not checked: {error}", lang, error=error)
            return
    if result.staged_path is not None:
        _workspace().track(result.staged_path.parent)
    st.session_state[STAGED_KEY] = result


def _show_counts(result: BuildResult, lang: str) -> None:
    if not result.rows_read:
        return
    t = i18n.t
    st.dataframe(pl.DataFrame({
        t("table", lang): list(result.rows_read),
        t("rows read", lang): list(result.rows_read.values()),
        t("rows to load", lang): [result.rows_loaded.get(name, 0) for name in result.rows_read],
        t("rows rejected", lang): [result.rows_rejected.get(name, 0) for name in result.rows_read],
    }), hide_index=True)


def _show_problems(result: BuildResult, lang: str) -> None:
    t = i18n.t
    problems = result.problem_table
    if problems.is_empty():
        st.success(t("No problems found.", lang))
        return
    shown = (t(" (the first {count} below)", lang, count=i18n.number(PROBLEMS_SHOWN, lang))
             if problems.height > PROBLEMS_SHOWN else "")
    st.warning(i18n.tn("{count} problem{shown}. Rows count as a spreadsheet shows them; row 0 is the whole file.",
                       "{count} problems{shown}. Rows count as a spreadsheet shows them; row 0 is the whole file.",
                       problems.height, lang, count=i18n.number(problems.height, lang), shown=shown))
    st.dataframe(problems.head(PROBLEMS_SHOWN), hide_index=True)
    st.download_button(t("Download every problem (CSV)", lang), result.report_path.read_bytes(), file_name="problems.csv",
                       mime="text/csv", key="admin_problems_download")
    for path in result.rejects_paths:
        st.download_button(t("Download the rejected {table} with their reasons (CSV)", lang, table=path.stem), path.read_bytes(),
                           file_name=f"rejected-{path.name}", mime="text/csv", key=f"admin_rejects_{path.stem}")


def _show_changes(result: BuildResult, lang: str) -> None:
    if result.changes is None:
        st.info(i18n.t("No change summary: {error}", lang, error=result.changes_error))
        return
    st.subheader(i18n.t("What would change", lang))
    st.text("\n".join(result.changes.lines()))
    if result.changes.initiatives.height or result.changes.memberships.height:
        st.dataframe(result.changes.frame(), hide_index=True)


def _commit(lang: str) -> None:
    result: BuildResult = st.session_state[STAGED_KEY]
    try:
        st.session_state[STAGED_KEY] = commit(result)
    except StaleBuild as error:
        st.session_state["admin_commit_error"] = str(error)
        return
    except (OSError, ValueError) as error:
        st.session_state["admin_commit_error"] = i18n.t("The registry was not replaced: {error}", lang, error=error)
        return
    folder = st.session_state.pop(FOLDER_KEY, None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)  # the upload is in the registry now


def render() -> None:
    lang = state.context().lang
    t = i18n.t
    if not admin_access.signed_in():
        st.error(t("This page is for registry admins. Sign in first.", lang))
        st.stop()
    db = database_path()
    st.title(t("Update registry", lang))
    st.caption(t("The live registry is {path}. Nothing changes until you press \"{button}\"; the current database is then kept as a dated "
                 "backup.", lang, path=db, button=t("Replace the registry", lang)))
    limit = max_upload_mb()
    files = st.file_uploader(
        t("The export: CSV files (initiatives, firms, memberships, collaborations) or one "
          "workbook, {limit} MB at most", lang, limit=_megabytes(limit, lang)),
        type=UPLOAD_TYPES, accept_multiple_files=True, max_upload_size=max(1, round(limit)), key="admin_upload")
    skip_invalid = st.checkbox(t("Load the valid rows and set the invalid ones aside", lang), key="admin_skip_invalid",
                               help=t("Without this, any problem stops the update.", lang))
    checked = st.button(t("Check the export", lang), key="admin_check", type="primary", disabled=not files)
    if checked:
        size = sum(upload.size for upload in files)
        if size > limit * 1_000_000:
            _forget()
            st.error(t("The upload is {size} MB; the limit is {limit} MB.", lang, size=i18n.number(size / 1_000_000, lang, 1),
                       limit=_megabytes(limit, lang)))
        else:
            _check(files, skip_invalid, lang)
    check_error = st.session_state.pop("admin_check_error", None)
    if check_error:
        st.error(check_error)

    result: BuildResult | None = st.session_state.get(STAGED_KEY)
    if result is None:
        return
    if result.committed:
        backup = t(" The previous one is kept as {name}.", lang, name=result.backup_path.name) if result.backup_path else ""
        st.success(t("The registry has been replaced.{backup} Every page now shows the new data.", lang, backup=backup))
        return
    _show_counts(result, lang)
    _show_problems(result, lang)
    if result.refusal:
        st.error(result.refusal)
    if not result.ok:
        st.error(t("Nothing can be loaded from this export. Correct the problems and check it again.", lang))
        return
    _show_changes(result, lang)
    error = st.session_state.pop("admin_commit_error", None)
    if error:
        st.error(error)
    left, right = st.columns(2)
    left.button(t("Replace the registry", lang), key="admin_commit", type="primary", on_click=_commit, args=(lang,))
    right.button(t("Discard", lang), key="admin_discard", on_click=_forget)


render()
