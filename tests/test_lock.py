"""The lock agrees with pyproject.toml, pins every file by hash, and is what is installed."""

from __future__ import annotations

import tomllib
from importlib import metadata

import pytest
from packaging.requirements import Requirement

from tools.lock import ROOT as LOCK_ROOT
from tools.lock import RUN_LOCK, TEST_LOCK, canonical, changes, pins

PYPROJECT = tomllib.loads((LOCK_ROOT / "pyproject.toml").read_text("utf-8"))
RUN_REQUIREMENTS = [Requirement(r) for r in PYPROJECT["project"]["dependencies"]]
TEST_REQUIREMENTS = [Requirement(r) for r in PYPROJECT["project"]["optional-dependencies"]["test"]]
RUN_PINS = pins(RUN_LOCK.read_text("utf-8"))
TEST_PINS = pins(TEST_LOCK.read_text("utf-8"))


def unlocked(requirements: list[Requirement], locked: dict[str, str]) -> list[str]:
    """Requirements the lock lacks or pins outside the range pyproject.toml asks for."""
    out = []
    for requirement in requirements:
        version = locked.get(canonical(requirement.name))
        if version is None:
            out.append(f"{requirement.name}: not in the lock")
        elif not requirement.specifier.contains(version, prereleases=True):
            wanted = requirement.specifier
            out.append(f"{requirement.name}: locked {version}, pyproject asks {wanted}")
    return out


def test_every_run_dependency_is_locked_in_range():
    assert unlocked(RUN_REQUIREMENTS, RUN_PINS) == [], "run `make upgrade`"


def test_every_test_dependency_is_locked_in_range():
    assert unlocked(RUN_REQUIREMENTS + TEST_REQUIREMENTS, TEST_PINS) == [], "run `make upgrade`"


def test_a_range_the_lock_does_not_meet_is_found():
    assert unlocked([Requirement("babel>=99")], RUN_PINS) == [
        f"babel: locked {RUN_PINS['babel']}, pyproject asks >=99"
    ]
    assert unlocked([Requirement("newthing>=1")], RUN_PINS) == ["newthing: not in the lock"]


def test_run_and_test_locks_agree():
    assert {n: v for n, v in TEST_PINS.items() if n in RUN_PINS} == RUN_PINS


@pytest.mark.parametrize("lock", [RUN_LOCK, TEST_LOCK], ids=lambda p: p.name)
def test_every_pin_has_a_hash(lock):
    blocks = lock.read_text("utf-8").split("\n")
    pinned = [i for i, line in enumerate(blocks) if "==" in line and not line.startswith(" ")]
    assert pinned
    assert all("--hash=sha256:" in blocks[i + 1] for i in pinned)


def test_the_installed_packages_are_the_locked_ones():
    """What runs the tests is what the lock says (make installs only from it)."""
    installed = {canonical(d.metadata["Name"]): d.version for d in metadata.distributions()}
    wrong = {
        name: (version, installed[name])
        for name, version in TEST_PINS.items()
        if name in installed and installed[name] != version
    }
    assert wrong == {}
    needed = {canonical(r.name) for r in RUN_REQUIREMENTS + TEST_REQUIREMENTS}
    assert needed <= installed.keys()


def test_upgrade_reports_each_change():
    assert changes({"babel": "2.18.0", "old": "1"}, {"babel": "2.19.0", "new": "2"}) == [
        "  babel 2.18.0 -> 2.19.0",
        "+ new 2",
        "- old 1",
    ]
