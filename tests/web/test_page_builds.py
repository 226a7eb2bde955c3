"""A page's first build (render, gzip, brotli) never holds up requests for other pages,
and a language's first page compiles no template another language has compiled."""

from __future__ import annotations

import gc
import threading
from concurrent.futures import ThreadPoolExecutor

import jinja2
import pytest
from starlette.testclient import TestClient

from helpsite.web import answers
from helpsite.web.app import create_app
from helpsite.web.worker_start import THRESHOLDS, settle

BR = {"Accept-Encoding": "gzip, br"}


def test_a_page_being_built_does_not_hold_up_a_ready_one(settings, monkeypatch):
    app = create_app(settings)
    entered, release = threading.Event(), threading.Event()
    real_prepare = answers.prepare

    def slow_build(*args):
        # Only the builder thread waits: a build done on the event loop would stop every
        # request, and this test would see no build start at all.
        if threading.current_thread().name.startswith("helpsite-pages"):
            entered.set()
            assert release.wait(30)
        return real_prepare(*args)

    monkeypatch.setattr(answers, "prepare", slow_build)
    with TestClient(app, base_url="https://testserver") as client, ThreadPoolExecutor(1) as pool:
        assert client.get("/en/gb", headers={"Accept-Encoding": "identity"}).status_code == 200
        first_visit = pool.submit(client.get, "/de/gb", headers=BR)
        try:
            assert entered.wait(30), "the new page was not built beside the event loop"
            ready = client.get("/en/gb", headers={"Accept-Encoding": "identity"})
            assert ready.status_code == 200 and not first_visit.done()
            exit_ = client.get("/exit", follow_redirects=False)
            assert exit_.status_code == 303 and not first_visit.done()
        finally:
            release.set()
        built = first_visit.result(timeout=30)
    assert built.status_code == 200 and built.headers["content-encoding"] == "br"
    assert 'lang="de"' in built.text


def test_a_failing_build_is_answered_by_the_app(settings, monkeypatch):
    app = create_app(settings)

    def broken(*args):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(answers, "prepare", broken)
    with TestClient(app, base_url="https://testserver") as client:
        response = client.get("/fr/gb", headers=BR)
    assert response.status_code == 200 and 'lang="fr"' in response.text


def test_a_new_language_compiles_no_template_again(settings, monkeypatch):
    app = create_app(settings)
    compiled: list[str | None] = []
    real_compile = jinja2.Environment.compile

    def counting(self, source, name=None, *args, **kwargs):
        compiled.append(name)
        return real_compile(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    with TestClient(app, base_url="https://testserver") as client:
        assert client.get("/en/gb").status_code == 200
        assert client.get("/en/safety").status_code == 200
        compiled.clear()
        for url in ("/fr/gb", "/ar/gb", "/uk/safety"):
            response = client.get(url)
            assert response.status_code == 200
    assert compiled == []


@pytest.fixture
def restored_gc():
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


def test_a_served_worker_starts_with_templates_compiled_and_its_heap_frozen(
    settings, restored_gc, monkeypatch
):
    app = create_app(settings)
    compiled: list[str | None] = []
    real_compile = jinja2.Environment.compile
    monkeypatch.setattr(
        jinja2.Environment,
        "compile",
        lambda self, source, name=None, *a, **kw: (
            compiled.append(name) or real_compile(self, source, name, *a, **kw)
        ),
    )
    settle(app)
    assert gc.get_freeze_count() > 10_000  # the content, catalogs and templates
    assert gc.get_threshold() == THRESHOLDS
    assert {"help.html", "chooser.html", "safety.html"} <= set(compiled)
    compiled.clear()
    with TestClient(app, base_url="https://testserver") as client:
        assert client.get("/de/gb").status_code == 200
    assert compiled == []  # the first visitor waits for no compiler
