"""`helpsite db`, `helpsite users` and `helpsite demo` through CliRunner, on both engines."""

from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from helpsite.cli import cli
from helpsite.registry.accounts import authenticate
from helpsite.registry.db import make_engine
from helpsite.registry.migrate import head_revision
from helpsite.registry.schema import accounts, placements, venues
from tests.registry.conftest import NOW, PASSWORD


@pytest.fixture
def run(database_url):
    """Invoke the CLI against this test's database; output checked for tracebacks always."""

    def invoke(*args, input=None):
        result = CliRunner().invoke(
            cli, list(args), input=input, env={"HELPSITE_DATABASE_URL": database_url}
        )
        assert "Traceback" not in result.output
        assert not isinstance(result.exception, Exception) or isinstance(
            result.exception, SystemExit
        ), result.exception
        return result

    return invoke


@pytest.fixture
def upgraded(run):
    result = run("db", "upgrade")
    assert result.exit_code == 0, result.output
    assert f"database at revision {head_revision()}" in result.output
    return run


def counts(database_url) -> dict[str, int]:
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            return {
                table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for table in (accounts, venues, placements)
            }
    finally:
        engine.dispose()


def sign_in(database_url, name, password):
    engine = make_engine(database_url)
    try:
        with engine.begin() as conn:
            return authenticate(conn, name, password, NOW)
    finally:
        engine.dispose()


def test_users_add_reads_the_password_from_stdin_and_disable_stops_sign_in(upgraded, database_url):
    result = upgraded(
        "users", "add", "Ana", "--role", "inspector", "--area", "gb,IE", input=PASSWORD + "\n"
    )
    assert result.exit_code == 0, result.output
    assert result.output == "added inspector ana (GB,IE)\n"
    assert sign_in(database_url, "ana", PASSWORD).ok
    result = upgraded("users", "disable", "ana")
    assert result.exit_code == 0 and "disabled ana" in result.output
    assert not sign_in(database_url, "ana", PASSWORD).ok


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["--role", "admin", "--area", "GB"], PASSWORD, "role: choose one of manager, inspector"),
        (["--role", "manager", "--area", "XX"], PASSWORD, "area: no help pages for XX"),
        (["--role", "manager", "--area", "GB,,gb"], PASSWORD, "area: GB is listed twice"),
        (["--role", "manager", "--area", "GB"], "short", "password: at least 12 characters"),
        (["--role", "manager", "--area", "GB"], "", "password: give exactly one line"),
        (["--role", "manager", "--area", "GB"], f"{PASSWORD}\nmore", "exactly one line"),
    ],
)
def test_users_add_refuses_bad_input_with_a_clear_message(
    upgraded, database_url, args, stdin, message
):
    result = upgraded("users", "add", "ana", *args, input=stdin)
    assert result.exit_code == 1
    assert message in result.output
    assert counts(database_url)["accounts"] == 0


def test_users_add_never_replaces_an_account(upgraded):
    assert upgraded("users", "add", "ana", "--role", "manager", "--area", "GB", input=PASSWORD)
    result = upgraded("users", "add", "ana", "--role", "manager", "--area", "GB", input=PASSWORD)
    assert result.exit_code == 1 and "name: an account named ana exists already" in result.output


def test_users_disable_of_an_unknown_name_is_a_clear_error(upgraded):
    result = upgraded("users", "disable", "ghost")
    assert result.exit_code == 1 and "name: no account named 'ghost'" in result.output


def test_commands_before_db_upgrade_say_to_run_it(run):
    result = run("users", "disable", "ana")
    assert result.exit_code == 1
    assert "run `helpsite db upgrade` first" in result.output


def test_demo_is_idempotent_and_its_accounts_sign_in(upgraded, database_url):
    first = upgraded("demo")
    assert first.exit_code == 0, first.output
    after_first = counts(database_url)
    assert after_first == {"accounts": 2, "venues": 3, "placements": 5}
    password = next(
        line.split("password: ")[1]
        for line in first.output.splitlines()
        if line.startswith("account demo-manager")
    )
    assert sign_in(database_url, "demo-manager", password).ok
    second = upgraded("demo")
    assert second.exit_code == 0
    assert second.output.strip() == "demo data: 0 added, 10 there already"
    assert counts(database_url) == after_first
    assert sign_in(database_url, "demo-manager", password).ok  # password unchanged


def test_db_backup_makes_a_file_that_opens_with_the_same_rows(upgraded, database_url, tmp_path):
    upgraded("demo")
    target = tmp_path / "copy.db"
    result = upgraded("db", "backup", str(target))
    if not database_url.startswith("sqlite"):
        assert result.exit_code == 1 and "use pg_dump" in result.output
        assert not target.exists()
        return
    assert result.exit_code == 0, result.output
    copy = sqlite3.connect(target)  # one self-contained file, not in WAL mode
    assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    copy.close()
    assert counts(f"sqlite:///{target}") == counts(database_url)
    again = upgraded("db", "backup", str(target))
    assert again.exit_code == 1 and "never overwrites" in again.output


def test_db_backup_refuses_the_database_itself_and_a_missing_folder(upgraded, database_url):
    if not database_url.startswith("sqlite"):  # nothing to refuse: pg_dump's job
        result = upgraded("db", "backup", "/nonexistent/folder/copy.db")
        assert result.exit_code == 1 and "use pg_dump" in result.output
        return
    itself = database_url.removeprefix("sqlite:///")
    result = upgraded("db", "backup", itself)
    assert result.exit_code == 1 and "is the database itself" in result.output
    result = upgraded("db", "backup", "/nonexistent/folder/copy.db")
    assert result.exit_code == 1 and "its folder does not exist" in result.output


def test_an_unreachable_database_is_one_line_without_its_password():
    url = "postgresql://staff:s3cret@127.0.0.1:9/registry"
    result = CliRunner().invoke(cli, ["db", "upgrade"], env={"HELPSITE_DATABASE_URL": url})
    assert result.exit_code == 1
    assert "cannot upgrade postgresql+psycopg://staff:***@127.0.0.1:9/registry" in result.output
    assert "s3cret" not in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("url", ["mysql://db/x", "sqlite://", "sqlite:///:memory:", "registry.db"])
def test_an_unusable_database_url_names_the_variable(url):
    result = CliRunner().invoke(cli, ["db", "upgrade"], env={"HELPSITE_DATABASE_URL": url})
    assert result.exit_code == 1
    assert "HELPSITE_DATABASE_URL: expected sqlite:///PATH" in result.output


def test_db_backup_while_another_process_writes_is_a_consistent_copy(tmp_path):
    """The site keeps writing during a backup: the copy is whole and passes its checks."""
    import subprocess
    import sys

    from helpsite.registry.migrate import upgrade
    from tests.conftest import ROOT
    from tests.registry.test_durability import CHILD

    url = f"sqlite:///{tmp_path / 'live.db'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    writer = subprocess.Popen(
        [sys.executable, "-c", CHILD, url], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    try:
        for _ in range(5):
            assert writer.stdout.readline().startswith("ok ")
        target = tmp_path / "copy.db"
        result = CliRunner().invoke(
            cli, ["db", "backup", str(target)], env={"HELPSITE_DATABASE_URL": url}
        )
        assert writer.poll() is None  # still writing when the backup finished
    finally:
        writer.kill()
        writer.wait(timeout=10)
        writer.stdout.close()
    assert result.exit_code == 0, result.output
    copy = sqlite3.connect(target)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        ids = [row[0] for row in copy.execute("SELECT id FROM venues ORDER BY id")]
    finally:
        copy.close()
    assert len(ids) >= 5 and ids == list(range(1, len(ids) + 1))
