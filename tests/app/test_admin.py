"""The registry admin instance (`admin_app.py`, `make admin`): sign-in first, then the same safe path as `iapt build`.

The public app (`app.py`) has no admin page at all: it is checked here too. The admin app runs over a copy of the
fixture registry in a temporary folder, so that committing an upload really replaces a file (and leaves a backup
beside it).
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
from tests.fixture_registry import export_without
from tests.unit.test_build import digest

PASSWORD = "correct horse battery staple"
ADMIN_APP = APP.parent / "admin_app.py"
ADMIN_SCRIPT = APP.parent / admin_access.PAGE_PATH


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


@pytest.fixture(autouse=True)
def fresh_throttle(monkeypatch):
    """Failed sign-ins are counted per process: each test starts with none."""
    monkeypatch.setattr(admin_access, "THROTTLE", admin_access.SignInThrottle())


def run_app(lang: str | None = None) -> AppTest:
    app = AppTest.from_file(str(ADMIN_APP), default_timeout=30)
    if lang:
        app.query_params["lang"] = lang
    app.run()
    assert not app.exception, [error.value for error in app.exception]
    return app


def sign_in(app: AppTest, password: str, lang: str = "en") -> AppTest:
    app.text_input(key=admin_access.PASSWORD_KEY).input(password)
    app.button(key=f"FormSubmitter:admin_sign_in-{i18n.t('Sign in', lang)}").click().run()
    assert not app.exception, [error.value for error in app.exception]
    return app


def assert_no_admin_page(app: AppTest) -> None:
    assert not app.get("file_uploader")
    assert "Update registry" not in [title.value for title in app.title]


def upload(app: AppTest, files: list[tuple[str, bytes, str]]) -> None:
    """Files dropped on the uploader: the page reruns, and only then is the check button enabled."""
    app.get("file_uploader")[0].set_value(files)
    app.run()


def table_with(app: AppTest, column: str):
    """The first table on the page that has this column (AppTest gives it as a pandas frame)."""
    return next(frame.value for frame in app.dataframe if column in frame.value.columns)


def export_files(folder: Path) -> list[tuple[str, bytes, str]]:
    return [(path.name, path.read_bytes(), "text/csv") for path in sorted(folder.glob("*.csv"))]


def without_cl04(fixture_export: Path, folder: Path) -> Path:
    """The fixture export with CL-04 (and its one membership) removed: 11 initiatives instead of 12."""
    return export_without(fixture_export, folder, "CL-04")


class TestThePublicAppHasNoAdmin:
    def test_no_sign_in_and_no_page_even_with_a_password(self, live_db, password):
        app = AppTest.from_file(str(APP), default_timeout=30)
        app.run()
        assert not app.exception
        assert not app.text_input and not app.get("file_uploader")
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            app.switch_page(admin_access.PAGE_PATH)

    def test_the_public_server_accepts_no_upload(self):
        import tomllib

        config = tomllib.loads((APP.parent / ".streamlit" / "config.toml").read_text())
        assert config["server"]["maxUploadSize"] == 0
        assert config["client"]["showErrorDetails"] == "none"


class TestUnreachableWithoutThePassword:
    def test_no_password_configured_means_the_instance_refuses_to_run(self, live_db):
        app = run_app()
        assert app.error[0].value.startswith("No admin password is set")
        assert_no_admin_page(app)
        assert not app.text_input

    @pytest.mark.parametrize("weak", [" ", "password", "            ", "aaaaaaaaaaaaaaaa", "admin123"])
    def test_a_weak_password_means_the_instance_refuses_to_run(self, live_db, monkeypatch, weak):
        monkeypatch.setenv(admin_access.PASSWORD_ENV, weak)
        app = run_app()
        assert app.error[0].value.startswith("The admin password is too weak: use at least 12 characters")
        assert_no_admin_page(app)
        assert not app.text_input  # not even a sign-in box to guess at

    def test_make_admin_refuses_to_start_with_a_weak_password(self, monkeypatch, capsys):
        monkeypatch.setenv(admin_access.PASSWORD_ENV, "short")
        assert admin_access.main() == 1
        assert "too weak" in capsys.readouterr().err
        monkeypatch.setenv(admin_access.PASSWORD_ENV, PASSWORD)
        assert admin_access.main() == 0

    def test_configured_but_not_entered(self, live_db, password):
        app = run_app()
        assert app.text_input(key=admin_access.PASSWORD_KEY)
        assert_no_admin_page(app)

    def test_a_wrong_password_is_refused_and_logged_without_it(self, live_db, password, caplog):
        app = sign_in(run_app(), "a wrong guess of a password")
        assert app.error[0].value == "That is not the admin password."
        assert_no_admin_page(app)
        logged = "\n".join(record.getMessage() for record in caplog.records if record.name == "iapt.admin")
        assert "admin sign-in failed from" in logged and "wrong guess" not in logged

    def test_guessing_is_slowed(self, live_db, password):
        app = sign_in(run_app(), "a wrong guess of a password")
        sign_in(app, PASSWORD)  # at once after a failure: refused without even being compared
        assert app.error[0].value.startswith("Too many failed attempts: try again in")
        assert_no_admin_page(app)

    def test_the_page_script_itself_refuses_a_session_that_has_not_signed_in(self, live_db, password):
        app = AppTest.from_file(str(ADMIN_SCRIPT), default_timeout=30).run()
        assert app.error[0].value.startswith("This page is for registry admins")
        assert not app.get("file_uploader") and not app.button

    def test_changing_the_password_signs_the_session_out(self, live_db, password, monkeypatch):
        app = sign_in(run_app(), password)
        assert app.get("file_uploader")
        monkeypatch.setenv(admin_access.PASSWORD_ENV, "a new password, long enough")
        app.run()
        assert not app.get("file_uploader")


class TestSignedIn:
    def test_the_right_password_opens_the_page(self, live_db, password):
        app = sign_in(run_app(), password)
        assert [title.value for title in app.title] == ["Update registry"]
        assert app.get("file_uploader")[0].proto.multiple_files

    def test_the_page_in_spanish(self, live_db, password):
        app = sign_in(run_app("es"), password, "es")
        assert [title.value for title in app.title] == ["Actualizar el registro"]
        assert app.get("file_uploader")

    def test_the_password_may_come_from_the_secrets_file(self, live_db):
        app = AppTest.from_file(str(ADMIN_APP), default_timeout=30)
        app.secrets[admin_access.PASSWORD_SECRET] = PASSWORD
        app.run()
        sign_in(app, PASSWORD)
        assert app.get("file_uploader")

    def test_signing_out_closes_the_page(self, live_db, password):
        app = sign_in(run_app(), password)
        app.button(key="admin_sign_out").click().run()
        assert_no_admin_page(app)
        assert app.text_input(key=admin_access.PASSWORD_KEY)

    def test_upload_check_and_replace(self, live_db, password, fixture_export, tmp_path):
        before = digest(live_db)
        app = sign_in(run_app(), password)
        upload(app, export_files(without_cl04(fixture_export, tmp_path / "export")))
        app.button(key="admin_check").click().run()
        summary = "\n".join(text.value for text in app.text)
        assert "initiatives: 0 added, 1 removed, 0 changed" in summary and "removed: CL-04" in summary
        assert digest(live_db) == before  # checked, not yet live
        app.button(key="admin_commit").click().run()
        assert app.success[-1].value.startswith("The registry has been replaced.")
        assert digest(live_db) != before
        assert [digest(p) for p in (live_db.parent / "backups").iterdir()] == [before]
        public = AppTest.from_file(str(APP), default_timeout=30).run()
        assert metrics(public)["Initiatives"] == "11"  # the public app's next page shows the new registry

    def test_an_invalid_upload_lists_its_problems_and_cannot_be_committed(self, live_db, password, fixture_export,
                                                                           tmp_path):
        before = digest(live_db)
        export = tmp_path / "export"
        shutil.copytree(fixture_export, export)
        text = (export / "initiatives.csv").read_text(encoding="utf-8")
        (export / "initiatives.csv").write_text(text.replace(",validated,", ",validatd,", 1), encoding="utf-8")
        app = sign_in(run_app(), password)
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
        app = sign_in(run_app(), password)
        upload(app, export_files(export))
        app.checkbox(key="admin_skip_invalid").check()
        app.button(key="admin_check").click().run()
        assert tuple(table_with(app, "rows read").iloc[0]) == ("initiatives", 12, 11, 1)
        assert app.get("download_button")  # the problems, and the rejected rows of each table
        app.button(key="admin_commit").click().run()
        assert app.success[-1].value.startswith("The registry has been replaced.")

    def test_an_upload_over_the_size_limit_is_refused(self, live_db, password, fixture_export, monkeypatch):
        monkeypatch.setenv("IAPT_ADMIN_MAX_UPLOAD_MB", "0.001")
        app = sign_in(run_app(), password)
        upload(app, export_files(fixture_export))
        app.button(key="admin_check").click().run()
        assert app.error[0].value.startswith("The upload is")
        assert not [p for p in live_db.parent.iterdir() if p.name.endswith(".building")]

    def test_a_file_name_cannot_reach_outside_the_upload_folder(self, live_db, password, fixture_export, tmp_path):
        files = export_files(fixture_export)
        files[0] = ("../../" + files[0][0], files[0][1], files[0][2])
        app = sign_in(run_app(), password)
        upload(app, files)
        app.button(key="admin_check").click().run()
        assert table_with(app, "rows read")["table"].to_list() == [
            "initiatives", "firms", "memberships", "collaborations", "milestones"]
        # "../../collaborations.csv" was saved as collaborations.csv in the upload's own folder, and nowhere else
        assert [p.parent.name for p in tmp_path.rglob("collaborations.csv")] == ["export"]


class TestSignInThrottle:
    """The throttle alone, on a clock the test moves: the waits double, then close, and the window reopens them."""

    def make(self, **settings):
        now = [1000.0]
        throttle = admin_access.SignInThrottle(clock=lambda: now[0], **settings)
        return throttle, now

    def test_each_failure_doubles_the_wait(self):
        throttle, now = self.make(max_delay=60)
        assert throttle.wait("a") == 0
        waits = []
        for _ in range(8):
            throttle.failed("a")
            waits.append(throttle.wait("a"))
            now[0] += waits[-1]  # the guesser waits exactly as long as told
        assert waits == [1, 2, 4, 8, 16, 32, 60, 60]
        assert throttle.wait("b") == 0  # another client is not slowed by a's failures

    def test_a_client_is_shut_out_after_its_cap_until_the_window_passes(self):
        throttle, now = self.make(per_client=3, window=600, max_delay=1)
        for _ in range(3):
            throttle.failed("a")
            now[0] += 1
        assert throttle.wait("a") == pytest.approx(600 - 3)
        now[0] += 600
        assert throttle.wait("a") == 0

    def test_failures_from_everyone_close_sign_in_for_all(self):
        throttle, now = self.make(per_client=100, in_all=5, window=600)
        for client in "abcde":  # five addresses, one guess each: what a spread-out guesser does
            throttle.failed(client)
        assert throttle.wait("f") == pytest.approx(600)

    def test_success_clears_the_client(self):
        throttle, now = self.make()
        throttle.failed("a")
        throttle.succeeded("a")
        assert throttle.wait("a") == 0


def test_an_abandoned_check_leaves_nothing_when_its_session_ends(live_db, password, fixture_export, tmp_path):
    """The upload folder and the staged database are the session's resources: released with it, not a day later."""
    import streamlit as st

    app = sign_in(run_app(), password)
    upload(app, export_files(without_cl04(fixture_export, tmp_path / "export")))
    app.button(key="admin_check").click().run()
    staged = [p for p in live_db.parent.iterdir() if p.name.endswith(".building")]
    uploads = list(tmp_path.glob("iapt-upload-*"))
    assert staged and uploads
    assert all(oct(p.stat().st_mode & 0o777) == "0o700" for p in staged + uploads)
    st.cache_resource.clear()  # what Streamlit does with a session's resources when the session ends
    assert not [p for p in live_db.parent.iterdir() if p.name.endswith(".building")]
    assert not list(tmp_path.glob("iapt-upload-*"))
