"""The web chat in real headless Chromium: log in, type, see the reply, press a button."""
from __future__ import annotations

import shutil

import httpx
import pytest

from adapters import passwords
from tests.e2e.conftest import make_chat, serving

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")




@pytest.fixture
def live(tmp_path, monkeypatch):
    chat = make_chat(tmp_path, monkeypatch)
    c = chat.container
    with c.uow() as uow:
        row = uow.catalog.user_row("amy")
        row.password_hash = passwords.hash_password("s3cret-pw")
        uow.catalog.s.add(row)
        uow.commit()
    with serving(c) as url:
        yield url, chat


@pytest.fixture
def chromium():  # type: ignore[no-untyped-def]
    """Playwright's context manager for the browser tests; skipped, visibly, where Chromium is not installed."""
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright
    return sync_playwright


def logged_in(p, url):  # type: ignore[no-untyped-def]
    """Headless Chromium on the web chat, logged in as amy: (browser, page)."""
    browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                      "--disable-component-update", "--disable-sync", "--no-first-run"])
    page = browser.new_page(accept_downloads=True)
    page.goto(url)
    page.fill("#username", "amy")
    page.fill("#password", "s3cret-pw")
    page.click("#loginbtn")
    page.wait_for_selector("#chat", state="visible")
    return browser, page


def test_login_with_a_wrong_password_is_refused(live):
    import httpx
    url, _ = live
    r = httpx.post(f"{url}/login", data={"username": "amy", "password": "nope"})
    assert r.status_code == 401
    assert httpx.get(f"{url}/me").status_code == 401


def test_someone_who_left_is_logged_out_and_cannot_log_in_again(live):
    url, chat = live
    with httpx.Client(base_url=url) as client:
        assert client.post("/login", data={"username": "amy", "password": "s3cret-pw"}).status_code == 200
        assert client.get("/me").status_code == 200
        chat.say("zhou", "amy离职了")
        chat.press("zhou", "确认")
        assert client.get("/me").status_code == 401                      # the session she had
        assert client.post("/login", data={"username": "amy", "password": "s3cret-pw"}).status_code == 401


def test_log_in_type_a_receipt_see_the_reply_and_press_undo_in_chromium(live, chromium):
    url, chat = live
    with chromium() as p:
        browser, page = logged_in(p, url)
        page.fill("#text", "收到牛奶2箱")
        page.click("#sendbtn")
        page.wait_for_selector(".msg.bot >> text=已记录", timeout=15000)
        assert chat.stock()["XH:B01"] == 60
        page.click(".msg.bot button:has-text('撤销')")
        page.wait_for_selector(".msg.bot >> text=已撤销", timeout=15000)
        assert chat.stock()["XH:B01"] == 36
        browser.close()


def test_a_message_typed_while_the_socket_reconnects_is_sent_once_it_is_back(live, chromium):
    url, chat = live
    with chromium() as p:
        browser, page = logged_in(p, url)
        page.wait_for_function("ws && ws.readyState === 1")
        page.evaluate("ws.close()")     # the page reconnects 1.5 s after a close
        page.fill("#text", "收到牛奶2箱")
        page.click("#sendbtn")
        assert page.input_value("#text") == ""      # taken, not left for the user to send again
        page.wait_for_selector(".msg.bot >> text=已记录", timeout=15000)
        browser.close()
    assert chat.stock()["XH:B01"] == 60     # recorded once


def test_history_after_login_includes_pushes_sent_while_offline(live):
    url, chat = live
    chat.say("zhou", "当咖啡豆库存低于10公斤时提醒阿梅")
    chat.press("zhou", "确认")
    chat.say("amy", "用了咖啡豆15公斤")
    with httpx.Client(base_url=url) as client:
        assert client.post("/login", data={"username": "amy", "password": "s3cret-pw"}).status_code == 200
        history = client.get("/me").json()["history"]
    assert any("已记录" in m["text"] for m in history)
    assert any("咖啡豆" in m["text"] and "规则" in m["text"] for m in history)


def test_an_export_arrives_as_a_download_that_opens_as_a_workbook_in_chromium(live, tmp_path, chromium):
    import openpyxl
    url, chat = live
    with chromium() as p:
        browser, page = logged_in(p, url)
        page.fill("#text", "导出库存")
        page.click("#sendbtn")
        link = page.wait_for_selector(".msg.bot a.file", timeout=15000)
        assert link.get_attribute("download").startswith("库存_徐汇店_")
        with page.expect_download() as got:
            link.click()
        path = tmp_path / "stock.xlsx"
        got.value.save_as(path)
        browser.close()
    ws = openpyxl.load_workbook(path)["库存"]
    header, *rows = list(ws.iter_rows(values_only=True))
    milk = next(r for r in rows if r[header.index("商品编码")] == "B01")
    assert milk[header.index("库存")] == chat.stock()["XH:B01"]


def test_a_delivery_notes_photo_taken_in_chromium_is_read_and_recorded_once_confirmed(live, tmp_path, chromium):

    from tests.e2e.notes import drawn
    url, chat = live
    # a phone's photo: large (the page draws it at 1600 pixels a side before sending) and a JPEG
    note = tmp_path / "note.jpg"
    note.write_bytes(drawn([["全脂牛奶", "", "箱", "3", "96.00", "288.00"]], total="合计:¥288.00", fmt="JPEG", scale=2.5))
    with chromium() as p:
        browser, page = logged_in(p, url)
        page.set_input_files("#photo", str(note))
        page.wait_for_selector(".msg.me img", timeout=15000)
        asked = page.wait_for_selector(".msg.bot >> text=送货单识别", timeout=30000)
        assert "1. 全脂牛奶 3箱 × 96 = 288" in asked.inner_text()
        assert chat.stock()["XH:B01"] == 36
        page.click(".msg.bot button:has-text('确认')")
        page.wait_for_selector(".msg.bot >> text=已记录", timeout=15000)
        browser.close()
    assert chat.stock()["XH:B01"] == 72
