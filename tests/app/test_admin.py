"""The "Update registry" page: there for a signed-in admin only, and then the same safe path as `iapt build`.

The app runs over a copy of the fixture registry in a temporary folder, so that committing an upload really
replaces a file (and leaves a backup beside it). Requesting the page before the first run asks for it by the
name in its URL (`/admin`), as a browser that was given the link would.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics import i18n
from app_support import admin_access, data
from tests.app.conftest import APP, metrics
from tests.unit.test_build import digest

PASSWORD = "correct horse battery staple"
ADMIN_PAGE = admin_access.PAGE_PATH
ADMIN_SCRIPT = APP.parent / ADMIN_PAGE


@pytest.fixture
def live_db(fixture_db, tmp_path, monkeypatch) -> Path:
    """A copy of the fixture registry that the app serves and the admin page may replace."""
    live = tmp_path / "data" / "iapt.duckdb"
    live.parent.mkdir()
    shutil.copy(fixture_db, live)
    monkeypatch.setenv("IAPT_DB", str(live))
    monkeypatch.delenv(admin_access.PASSWORD_ENV, raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the page's upload folders go where pytest cleans up
    data.clear()
    return live


@pytest.fixture
def password(monkeypatch) -> str:
    monkeypatch.setenv(admin_access.PASSWORD_ENV, PASSWORD)
    return PASSWORD


def run_app(by_url: bool = False) -> AppTest:
    app = AppTest.from_file(str(APP), default_timeout=30)
    if by_url:
        app.switch_page(ADMIN_PAGE)  # before the first run: the page is asked for by its file name, as /admin does
    app.run()
    assert not app.exception, [error.value for error in app.exception]
    return app


def sign_in(app: AppTest, password: str) -> AppTest:
    app.text_input(key=admin_access.PASSWORD_KEY).input(password)
    app.button(key="FormSubmitter:admin_sign_in-Sign in").click().run()
    return app


def open_admin_page(app: AppTest) -> AppTest:
    app.switch_page(ADMIN_PAGE).run()
    assert not app.exception, [error.value for error in app.exception]
    return app


def assert_no_admin_page(app: AppTest) -> None:
    assert not app.get("file_uploader")
    assert "Update registry" not in [title.value for title in app.title]
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page(ADMIN_PAGE)


def upload(app: AppTest, files: list[tuple[str, bytes, str]]) -> None:
    """Files dropped on the uploader: the page reruns, and only then is the check button enabled."""
    app.get("file_uploader")[0].set_value(files)
    app.run()


def table_with(app: AppTest, column: str):
    """The first table on the page that has this column (AppTest gives it as a pandas frame)."""
    return next(frame.value for frame in app.dataframe if column in frame.value.columns)


def expanders(app: AppTest) -> list[str]:
    return [expander.label for expander in app.sidebar.expander]


def export_files(folder: Path) -> list[tuple[str, bytes, str]]:
    return [(path.name, path.read_bytes(), "text/csv") for path in sorted(folder.glob("*.csv"))]


def without_cl04(fixture_export: Path, folder: Path) -> Path:
    """The fixture export with CL-04 (and its one membership) removed: 11 initiatives instead of 12."""
    shutil.copytree(fixture_export, folder)
    for name, column in (("initiatives.csv", 0), ("memberships.csv", 1)):
        lines = (folder / name).read_text(encoding="utf-8").splitlines(keepends=True)
        (folder / name).write_text("".join(line for line in lines if line.split(",")[column] != "CL-04"), encoding="utf-8")
    return folder


class TestUnreachableWithoutThePassword:
    def test_no_password_configured_means_no_sign_in_and_no_page(self, live_db):
        app = run_app()
        assert "Registry admin" not in expanders(app)
        assert_no_admin_page(app)

    def test_no_password_configured_and_the_page_asked_for_by_url(self, live_db):
        app = run_app(by_url=True)
        assert metrics(app)["Initiatives"] == "12"  # the overview, the default page, instead
        assert_no_admin_page(app)

    def test_configured_but_not_entered(self, live_db, password):
        app = run_app(by_url=True)
        assert "Registry admin" in expanders(app)
        assert_no_admin_page(app)

    def test_a_wrong_password_is_refused(self, live_db, password):
        app = sign_in(run_app(), "guess")
        assert app.sidebar.error[0].value == "That is not the admin password."
        assert_no_admin_page(app)

    def test_the_page_script_itself_refuses_a_session_that_has_not_signed_in(self, live_db, password):
        app = AppTest.from_file(str(ADMIN_SCRIPT), default_timeout=30).run()
        assert app.error[0].value.startswith("This page is for registry admins")
        assert not app.get("file_uploader") and not app.button

    def test_changing_the_password_signs_the_session_out(self, live_db, password, monkeypatch):
        app = open_admin_page(sign_in(run_app(), password))
        monkeypatch.setenv(admin_access.PASSWORD_ENV, "a new password")
        app.run()
        assert not app.get("file_uploader")


class TestSignedIn:
    def test_the_right_password_adds_the_page(self, live_db, password):
        app = open_admin_page(sign_in(run_app(), password))
        assert [title.value for title in app.title] == ["Update registry"]
        assert app.get("file_uploader")[0].proto.multiple_files

    def test_the_page_in_spanish(self, live_db, password):
        app = AppTest.from_file(str(APP), default_timeout=30)
        app.query_params["lang"] = "es"
        app.run()
        assert i18n.t("admin.sidebar", "es") in expanders(app)
        app.text_input(key=admin_access.PASSWORD_KEY).input(password)
        app.button(key=f"FormSubmitter:admin_sign_in-{i18n.t('admin.sign_in', 'es')}").click().run()
        open_admin_page(app)
        assert [title.value for title in app.title] == ["Actualizar el registro"]
        assert app.get("file_uploader")

    def test_the_password_may_come_from_the_secrets_file(self, live_db):
        app = AppTest.from_file(str(APP), default_timeout=30)
        app.secrets[admin_access.PASSWORD_SECRET] = PASSWORD
        app.run()
        open_admin_page(sign_in(app, PASSWORD))
        assert app.get("file_uploader")

    def test_signing_out_removes_the_page(self, live_db, password):
        app = open_admin_page(sign_in(run_app(), password))
        app.button(key="admin_sign_out").click().run()
        assert_no_admin_page(app)

    def test_upload_check_and_replace(self, live_db, password, fixture_export, tmp_path):
        before = digest(live_db)
        app = open_admin_page(sign_in(run_app(), password))
        upload(app, export_files(without_cl04(fixture_export, tmp_path / "export")))
        app.button(key="admin_check").click().run()
        summary = "\n".join(text.value for text in app.text)
        assert "initiatives: 0 added, 1 removed, 0 changed" in summary and "removed: CL-04" in summary
        assert digest(live_db) == before  # checked, not yet live
        app.button(key="admin_commit").click().run()
        assert app.success[-1].value.startswith("The registry has been replaced.")
        assert digest(live_db) != before
        assert [digest(p) for p in (live_db.parent / "backups").iterdir()] == [before]
        app.switch_page("app_pages/overview.py").run()
        assert metrics(app)["Initiatives"] == "11"  # the next page shows the new registry

    def test_an_invalid_upload_lists_its_problems_and_cannot_be_committed(self, live_db, password, fixture_export,
                                                                           tmp_path):
        before = digest(live_db)
        export = tmp_path / "export"
        shutil.copytree(fixture_export, export)
        text = (export / "initiatives.csv").read_text(encoding="utf-8")
        (export / "initiatives.csv").write_text(text.replace(",validated,", ",validatd,", 1), encoding="utf-8")
        app = open_admin_page(sign_in(run_app(), password))
        upload(app, export_files(export))
        app.button(key="admin_check").click().run()
        problems = table_with(app, "reason")
        assert tuple(problems.iloc[0][["file", "row", "column", "value"]]) == ("initiatives.csv", 2, "status", "validatd")
        assert not [button for button in app.button if button.key == "admin_commit"]
        assert digest(live_db) == before

    def test_skipping_invalid_rows_offers_them_for_download(self, live_db, password, fixture_export, tmp_path):
        export = tmp_path / "export"
        shutil.copytree(fixture_export, export)
        text = (export / "initiatives.csv").read_text(encoding="utf-8")
        (export / "initiatives.csv").write_text(text.replace(",validated,", ",validatd,", 1), encoding="utf-8")
        app = open_admin_page(sign_in(run_app(), password))
        upload(app, export_files(export))
        app.checkbox(key="admin_skip_invalid").check()
        app.button(key="admin_check").click().run()
        assert tuple(table_with(app, "rows read").iloc[0]) == ("initiatives", 12, 11, 1)
        assert app.get("download_button")  # the problems, and the rejected rows of each table
        app.button(key="admin_commit").click().run()
        assert app.success[-1].value.startswith("The registry has been replaced.")

    def test_an_upload_over_the_size_limit_is_refused(self, live_db, password, fixture_export, monkeypatch):
        monkeypatch.setenv("IAPT_ADMIN_MAX_UPLOAD_MB", "0.001")
        app = open_admin_page(sign_in(run_app(), password))
        upload(app, export_files(fixture_export))
        app.button(key="admin_check").click().run()
        assert app.error[0].value.startswith("The upload is")
        assert not [p for p in live_db.parent.iterdir() if p.name.endswith(".building")]

    def test_a_file_name_cannot_reach_outside_the_upload_folder(self, live_db, password, fixture_export, tmp_path):
        files = export_files(fixture_export)
        files[0] = ("../../" + files[0][0], files[0][1], files[0][2])
        app = open_admin_page(sign_in(run_app(), password))
        upload(app, files)
        app.button(key="admin_check").click().run()
        assert table_with(app, "rows read")["table"].to_list() == [
            "initiatives", "firms", "memberships", "collaborations", "milestones"]
        # "../../collaborations.csv" was saved as collaborations.csv in the upload's own folder, and nowhere else
        assert [p.parent.name for p in tmp_path.rglob("collaborations.csv")] == ["export"]
