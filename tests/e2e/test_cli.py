"""The real entrypoint: `python app.py …` as a subprocess (script mode, import/export, the shared evaluation)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CAFE, ROOT
from tests.e2e.conftest import free_port

SHARED_EVAL = ROOT.parent / "shared" / "eval"


def run(args: list[str], env: dict[str, str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "app.py", *args], cwd=ROOT, env=env, input=stdin, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    e = dict(os.environ, KUGUAN_DATABASE_URL=f"sqlite:///{tmp_path}/cli.db")
    for kind in ("locations", "partners", "users", "products", "stock"):
        r = run(["import", kind, str(CAFE / f"{kind}.csv")], e)
        assert r.returncode == 0, r.stderr
    return e


def test_help_lists_every_command():
    r = run(["--help"], dict(os.environ))
    for cmd in ("serve", "chat", "import", "export", "migrate", "demo-seed", "rules"):
        assert cmd in r.stdout


def test_a_bad_import_exits_nonzero_names_the_row_and_writes_nothing(env, tmp_path: Path):
    f = tmp_path / "stock.csv"
    f.write_text("location,sku,qty\nXH,B01,1\nXH,B01,-3\n", encoding="utf-8")
    before = run(["export", "stock"], env).stdout
    r = run(["import", "stock", str(f)], env)
    assert r.returncode != 0 and "row 3" in r.stderr
    assert run(["export", "stock"], env).stdout == before


def test_script_mode_prints_replies_and_a_done_marker_per_line(env):
    lines = [{"user": "amy", "text": "收到牛奶2箱"}, {"user": "amy", "press": "没有这个"},
             {"export": "stock"}, {"at": "2026-06-15T10:00:00+08:00"}]
    r = run(["chat", "--jsonl", "--clock", "2026-06-15T09:00:00+08:00"], env,
            stdin="\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n")
    out = [json.loads(x) for x in r.stdout.splitlines()]
    assert [o["done"] for o in out if "done" in o] == [1, 2, 3, 4]
    assert any(o.get("to") == "amy" and "已记录" in o.get("text", "") for o in out)
    assert any("error" in o for o in out)
    rows = next(o["rows"] for o in out if o.get("export") == "stock")
    assert sum(float(r["qty"]) for r in rows if r["location"] == "XH" and r["sku"] == "B01") == 60


@pytest.mark.skipif(not (SHARED_EVAL / "run_scenarios.py").exists(), reason="../shared/eval not present")
def test_the_shared_public_evaluation_passes_at_95_percent_or_more():
    r = subprocess.run([sys.executable, str(SHARED_EVAL / "run_scenarios.py"), "--catalog", str(SHARED_EVAL / "public"),
                        "--scenarios", str(SHARED_EVAL / "public" / "scenarios.jsonl"), "--python", sys.executable,
                        "--min", "95", "-v"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout[-3000:]


def test_demo_seed_runs_once_and_serve_answers_on_http(tmp_path: Path):
    import time

    import httpx
    e = dict(os.environ, KUGUAN_DATABASE_URL=f"sqlite:///{tmp_path}/serve.db")
    first = run(["demo-seed"], e)
    assert first.returncode == 0 and "xiaowang" in first.stdout          # passwords printed once
    second = run(["demo-seed"], e)
    assert "xiaowang" not in second.stdout
    port = free_port()
    proc = subprocess.Popen([sys.executable, "app.py", "serve", "--port", str(port)], cwd=ROOT, env=e,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(150):
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            pytest.fail("serve did not answer")
        assert r.status_code == 200 and "库管" in r.text
        assert httpx.get(f"http://127.0.0.1:{port}/healthz").json() == {"status": "ok"}
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_a_stores_job_time_is_configurable(env):
    r = run(["configure", "--store", "XH", "--job", "prep_list=06:05"], env)
    assert r.returncode == 0, r.stderr
    assert run(["configure", "--store", "XH", "--job", "prep_list=25:00"], env).returncode == 2
    assert run(["configure", "--store", "NOPE", "--job", "prep_list=06:00"], env).returncode == 2
    lines = [{"at": "2026-06-16T06:04:00+08:00"}, {"at": "2026-06-16T06:06:00+08:00"}]
    r = run(["chat", "--jsonl", "--clock", "2026-06-15T09:00:00+08:00"], env,
            stdin="\n".join(json.dumps(x) for x in lines) + "\n")
    out = [json.loads(x) for x in r.stdout.splitlines()]
    first = out[:[i for i, o in enumerate(out) if o.get("done") == 1][0]]
    second = out[len(first) + 1:]
    assert not any("备货清单" in (o.get("text") or "") and o.get("to") == "zhou" for o in first)
    assert any("备货清单" in (o.get("text") or "") and o.get("to") == "zhou" for o in second)


def test_the_forecast_calendar_is_configurable_per_tenant(env):
    r = run(["configure", "--holiday", "2027-02-06=春节", "--workday", "2027-02-14", "--event", "2027-03-08=女神节促销"],
            env)
    assert r.returncode == 0, r.stderr
    cal = json.loads(r.stdout)["calendar"]
    assert cal == {"holidays": {"2027-02-06": "春节"}, "workdays": ["2027-02-14"], "events": {"2027-03-08": "女神节促销"}}
    bad = run(["configure", "--event", "2027-13-01=x", "--holiday", "2027-05-01=劳动节"], env)
    assert bad.returncode == 2 and "2027-13-01" in bad.stderr
    assert run(["configure", "--holiday", "2027-05-01"], env).returncode == 2          # no name
    r = run(["configure", "--clear-day", "2027-02-14", "--clear-day", "2027-03-08"], env)
    assert json.loads(r.stdout)["calendar"] == {"holidays": {"2027-02-06": "春节"}}   # the bad ones changed nothing


def test_closed_days_are_configurable_and_kept_by_every_other_change(env):
    """configure rebuilt the calendar from its holidays, workdays and events alone: a closure said in the chat went
    with any change (even --name)."""
    r = run(["configure", "--closed", "2027-02-06@XH=装修", "--closed", "2027-02-07", "--event", "2027-03-08=促销"], env)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["calendar"]["closed"] == {"XH": {"2027-02-06": "装修"}, "*": {"2027-02-07": "店休"}}
    r = run(["configure", "--name", "老街咖啡"], env)
    assert json.loads(r.stdout)["calendar"]["closed"] == {"XH": {"2027-02-06": "装修"}, "*": {"2027-02-07": "店休"}}
    bad = run(["configure", "--closed", "2027-02-08@NOPE"], env)
    assert bad.returncode == 2 and "NOPE" in bad.stderr
    r = run(["configure", "--reopen", "2027-02-06@XH", "--reopen", "2027-02-07"], env)
    assert "closed" not in json.loads(r.stdout)["calendar"] and json.loads(r.stdout)["calendar"]["events"]


def test_the_service_level_is_configurable_per_tenant(env):
    r = run(["configure"], env)
    assert r.returncode == 0 and json.loads(r.stdout)["service_level"] == "0.95", r.stderr
    r = run(["configure", "--service-level", "0.98"], env)
    assert r.returncode == 0 and json.loads(r.stdout)["service_level"] == "0.98", r.stderr
    for bad in ("1.2", "0.3", "abc", "NaN"):
        r = run(["configure", "--service-level", bad, "--name", "changed"], env)
        assert r.returncode == 2 and "not changed" in r.stderr, (bad, r.stderr)
    r = run(["configure"], env)
    assert json.loads(r.stdout)["service_level"] == "0.98" and json.loads(r.stdout)["name"] != "changed"


def test_customers_agreed_prices_import_and_export_in_the_same_columns(env, tmp_path: Path):
    f = tmp_path / "prices.csv"
    f.write_text("customer,sku,price,unit\nK01,B01,60,箱\nK01,B09,8.5,\n", encoding="utf-8")
    r = run(["import", "prices", str(f)], env)
    assert r.returncode == 0 and "imported 2 prices rows" in r.stdout, r.stderr
    rows = json.loads(run(["export", "prices"], env).stdout)
    assert [(x["partner"], x["kind"], x["sku"], x["price"], x["unit"]) for x in rows] == [
        ("K01", "customer", "B01", "5", "升"), ("K01", "customer", "B09", "8.5", "个")]
    # a sale to 盒马 with no price said is at its agreed price (5 a 升), not the catalog's none
    lines = [{"user": "zhou", "text": "盒马拿了牛奶1箱"}, {"user": "zhou", "press": "确认"}, {"export": "moves"}]
    r = run(["chat", "--jsonl", "--clock", "2026-06-15T09:00:00+08:00"], env,
            stdin="\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n")
    moves = next(o["rows"] for o in map(json.loads, r.stdout.splitlines()) if o.get("export") == "moves")
    (sale,) = [m for m in moves if m["kind"] == "sale"]
    assert sale["partner"] == "K01" and float(sale["unit_price"]) == 5, sale
    for bad, why in (("K09,B01,5,\n", "unknown partner"), ("X01,B01,5,\n", "unknown partner"),
                     ("K01,B99,5,\n", "unknown sku"), ("K01,B01,x,\n", "price"), ("K01,B01,5,桶\n", "no unit")):
        f.write_text("customer,sku,price,unit\nK01,B09,9,\n" + bad, encoding="utf-8")
        r = run(["import", "prices", str(f)], env)
        assert r.returncode == 1 and why in r.stderr and "row 3" in r.stderr, (bad, r.stderr)
    assert [x["price"] for x in json.loads(run(["export", "prices"], env).stdout)] == ["5", "8.5"]   # none written
    f.write_text("customer,sku,price,unit\nK01,B09,,\n", encoding="utf-8")   # an empty price: taken away
    assert run(["import", "prices", str(f)], env).returncode == 0
    assert [x["sku"] for x in json.loads(run(["export", "prices"], env).stdout)] == ["B01"]
    # a supplier's (光明: what we pay it), in a file of the new columns: its receipts without a price are at it
    f.write_text("partner,sku,price,unit\nV01,B01,54,箱\n", encoding="utf-8")
    assert run(["import", "prices", str(f)], env).returncode == 0
    rows = json.loads(run(["export", "prices"], env).stdout)
    assert sorted((x["partner"], x["kind"], x["sku"], x["price"]) for x in rows) == [
        ("K01", "customer", "B01", "5"), ("V01", "supplier", "B01", "4.5")]
