"""kuguan: composition root (bootstrap) and the command line. Nothing else lives here."""
from __future__ import annotations

import json
import sys
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

import typer

app = typer.Typer(help="kuguan 库管 — chat-first purchase · sales · inventory assistant", no_args_is_help=True,
                  pretty_exceptions_enable=False)
TenantOpt = Annotated[str, typer.Option("--tenant", help="tenant code")]


@dataclass
class Container:
    settings: Any
    engine: Any
    uow: Any
    clock: Any
    conversation: Any
    scheduler: Any
    tenant: str
    on_reading: Any = None   # (uow, reading, now) → messages: what a sensor's reading on a lot sets off (the cold chain)


def bootstrap(*, tenant: str = "default", clock: Any = None, migrate: bool = True) -> Container:
    """Wire everything: settings → engine → unit of work → NLU → conversation → jobs."""
    import warnings

    from sqlalchemy import exc as sa_exc

    from adapters import clock as clocks
    from adapters import forecast_port, pricetags, spreadsheet, traceability
    from adapters import settings as settings_mod
    from adapters.db import engine as engines
    from adapters.db import migrate as migrations
    from adapters.db import uow as uows
    from adapters.forecasting import charts
    from adapters.ocr import PhotoReader
    from bot.conversation import Conversation
    from locales import Translator
    from nlu import parser as nlu_parser
    from workflows import jobs

    warnings.filterwarnings("ignore", category=sa_exc.SAWarning)
    settings = settings_mod.load()
    engine = engines.make_engine(settings.database_url)
    if migrate:
        migrations.upgrade(engine)
    uow = uows.factory(engine, tenant)
    with uow() as u:
        tz = u.catalog.settings().timezone
        u.commit()
    clock = clock or clocks.SystemClock(tz)
    uow.clock = clock
    t = Translator.load()
    weather = forecast_port.weather(settings.weather_file)
    shared = forecast_port.SharedForecasts(settings.redis_url, tenant) if settings.redis_url else None
    forecaster = forecast_port.Forecaster(weather=weather, shared=shared)
    scheduler = jobs.Scheduler(uow=uow, clock=clock, t=t, forecaster=forecaster, weather=weather,
                               workday=forecast_port.workday)
    links = traceability.links(settings, tenant)
    conversation = Conversation(tenant=tenant, uow=uow, clock=clock, t=t, parser_factory=nlu_parser.Parser,
                                on_events=scheduler.on_events, forecast_chart=forecast_port.chart_reply(t, forecaster),
                                report=reports_reply(t, forecaster), reorder=reorder_reply(t, forecaster),
                                spreadsheet=spreadsheet.to_xlsx, lot_code=links.code, lot_labels=links.labels,
                                photo_reader=PhotoReader() if settings.read_photos else None,
                                line_chart=charts.lines_png, price_tags=pricetags.sheet,
                                server_url=settings.public_url.rstrip("/") if settings.public_url else None)
    scheduler.personal["todo"] = conversation.todo_for   # (每天早上8点把待办发给我: each one's own, as the chat says it)
    scheduler.personal["target_report"] = conversation.targets_for   # (每天晚上9点把目标进度发给我)
    scheduler.personal["till_report"] = conversation.till_for   # (每天晚上10点把日结发给我: the store's cash-ups)
    return Container(settings=settings, engine=engine, uow=uow, clock=clock, conversation=conversation,
                     scheduler=scheduler, tenant=tenant, on_reading=reading_checks(t))


def reading_checks(t: Any) -> Any:
    """What a sensor's reading on a lot sets off: the cold chain's check, its messages stored with the reading."""
    from workflows import coldchain, jobs

    def on_reading(uow: Any, r: dict[str, Any], now: datetime) -> list[Any]:
        box = jobs.Outbox()
        coldchain.check(uow, box, t, sku=r["sku"], lot=r["lot"], metric=r["metric"], value=r["value"], at=r["at"])
        return box.store(uow, now)
    return on_reading


def reports_reply(t: Any, forecaster: Any) -> Any:
    """The reports a chat message asks for now: the prep list (今日备货清单), one product's suggestion (为什么要订可乐),
    how long its stock lasts (可乐还能卖几天) or what does not sell (哪些货一周没动了)."""
    from workflows import reports

    per_product: dict[str, Callable[..., tuple[str, int | Decimal]]] = {"why": reports.why_now,
                                                                        "cover": reports.cover_now}

    def reply(uow: Any, *, kind: str, location: str, now: datetime, lang: str, sku: str | None = None,
              days: int | None = None, user: str = "", partner: str | None = None, qty: Decimal | None = None
              ) -> tuple[str, int | Decimal]:
        if kind == "slow":   # 哪些货一周没动了 ("" : every store)
            return reports.slow_now(uow, t, lang=lang, location=location, now=now, days=days)
        if kind == "make_list":   # 今天要做什么: the prep list's products made from a recipe, and their ingredients
            return reports.make_now(uow, t, lang=lang, location=location, now=now, forecaster=forecaster)
        if kind == "turnover":   # 库存周转天数 ("" : every store)
            return reports.turnover_now(uow, t, lang=lang, location=location, now=now, days=days)
        if kind in reports.NOW_REPORTS:   # 今日小结 · 库存日报 · 一周销量, asked now
            return reports.report_now(uow, t, kind=kind, lang=lang, location=location, now=now, user=user,
                                      forecaster=forecaster)
        if kind == "cover" and sku is not None and qty is not None:   # 可乐3箱够用几天: those 3 cases
            return reports.cover_now(uow, t, lang=lang, location=location, now=now, forecaster=forecaster, sku=sku,
                                     amount=qty)
        if kind in per_product and sku is not None:
            return per_product[kind](uow, t, lang=lang, location=location, now=now, forecaster=forecaster, sku=sku)
        return reports.prep_now(uow, t, lang=lang, location=location, now=now, forecaster=forecaster, supplier=partner)
    return reply


def reorder_reply(t: Any, forecaster: Any) -> Any:
    """The prep list's button: purchase requests for what it lists, made by the person who pressed it."""
    from workflows import reports

    def reorder(uow: Any, turn: Any, *, location: str, supplier: str | None = None) -> list[int]:
        return reports.request_purchases(uow, turn, t, location=location, now=turn.now, forecaster=forecaster,
                                         by=turn.user, supplier=supplier)
    return reorder


def store(*, tenant: str = "default") -> tuple[Any, Any]:
    """Just the database (for import, export, migrate): engine and unit-of-work factory."""
    import warnings

    from sqlalchemy import exc as sa_exc

    from adapters import settings as settings_mod
    from adapters.db import engine as engines
    from adapters.db import migrate as migrations
    from adapters.db import uow as uows

    warnings.filterwarnings("ignore", category=sa_exc.SAWarning)
    engine = engines.make_engine(settings_mod.load().database_url)
    migrations.upgrade(engine)
    return engine, uows.factory(engine, tenant)


def _now(tz: str = "Asia/Shanghai") -> datetime:
    from adapters.clock import SystemClock
    return SystemClock(tz).now()


@app.command()
def migrate() -> None:
    """Create or upgrade the database schema (Alembic)."""
    store()
    typer.echo("database is up to date")


@app.command("import")
def import_(kind: Annotated[str, typer.Argument(help="locations|partners|users|products|stock|sales|recipes|prices")],
            file: Annotated[Path, typer.Argument(exists=True, dir_okay=False)], tenant: TenantOpt = "default") -> None:
    """Import a CSV or XLSX file atomically (one bad row rejects the file)."""
    from adapters import importer
    _, uow_factory = store(tenant=tenant)
    with uow_factory() as uow:
        now = _now(uow.catalog.settings().timezone)
        try:
            n = importer.import_file(uow, kind, file, now=now)
        except importer.ImportError_ as exc:
            typer.echo(f"import {kind} failed: row {exc.row}: {exc.reason}; nothing was written", err=True)
            raise typer.Exit(1) from None
        placed = _reread(uow, now) if kind == "products" else 0
        uow.commit()
    typer.echo(f"imported {n} {kind} rows" + (f"; {placed} linked customers' orders read again" if placed else ""))


def _reread(uow: Any, now: datetime) -> int:
    """Products imported (new ones, new aliases): the linked customers' orders with lines we could not place are read
    again in the same transaction, as after 五花肉就是猪五花 in the chat; what the managers are told is kept in their
    chat."""
    from locales import Translator
    from workflows import jobs, network
    box = jobs.Outbox()
    n = network.reread(uow, box, Translator.load(), now=now)
    box.store(uow, now)
    return n


@app.command()
def export(kind: Annotated[str, typer.Argument(
        help="stock|moves|orders|bookings|rules|partners|products|users|recipes|prices|expenses|invoices|audit|deviations")],
           format: Annotated[str, typer.Option("--format")] = "json",
           out: Annotated[Path | None, typer.Option("--out")] = None, tenant: TenantOpt = "default") -> None:
    """Export stock, moves, orders or rules as JSON (one list) or CSV."""
    from adapters import importer
    _, uow_factory = store(tenant=tenant)
    with uow_factory(write=False) as uow:
        try:
            rows = importer.export_rows(uow, kind)
        except ValueError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(2) from None
    text = json.dumps(rows, ensure_ascii=False, indent=1) if format == "json" else importer.to_csv(rows)
    if out:
        out.write_text(text, encoding="utf-8")
    else:
        typer.echo(text)


@app.command("demo-seed")
def demo_seed(tenant: TenantOpt = "default", force: Annotated[bool, typer.Option("--force")] = False) -> None:
    """Seed the demo restaurant chain (first run only unless --force); prints passwords once."""
    from adapters import demo_seed as seed
    _, uow_factory = store(tenant=tenant)
    seed.run(uow_factory, now=_now(), force=force, echo=typer.echo)


@app.command()
def serve(tenant: TenantOpt = "default", host: Annotated[str | None, typer.Option()] = None,
          port: Annotated[int | None, typer.Option()] = None) -> None:
    """Run the web chat, webhooks and the scheduler on http://127.0.0.1:8000."""
    import uvicorn

    from adapters.webchat import server
    c = bootstrap(tenant=tenant)
    uvicorn.run(server.create_app(c), host=host or c.settings.host, port=port or c.settings.port, log_level="info")


@app.command()
def chat(jsonl: Annotated[bool, typer.Option("--jsonl", help="JSON lines on stdin/stdout")] = False,
         clock: Annotated[str | None, typer.Option("--clock", help="start the virtual clock here (ISO)")] = None,
         user: Annotated[str | None, typer.Option("--user")] = None, tenant: TenantOpt = "default") -> None:
    """Script mode (--jsonl) or an interactive terminal chat (--user NAME)."""
    from adapters import script
    from adapters.clock import VirtualClock
    start = datetime.fromisoformat(clock) if clock else _now()
    vclock = VirtualClock(start)
    c = bootstrap(tenant=tenant, clock=vclock)
    session = script.ScriptSession(conversation=c.conversation, clock=vclock, tenant=tenant,
                                   advance=c.scheduler.advance, uow=c.uow)
    if jsonl:
        script.run(session, sys.stdin)
        return
    if not user:
        typer.echo("--user NAME is required without --jsonl", err=True)
        raise typer.Exit(2)
    typer.echo(f"kuguan chat as {user} (Ctrl-D to quit)")
    while True:
        try:
            line = input("> ")
        except EOFError:
            break
        vclock.set(_now())
        for o in session.line(json.dumps({"user": user, "text": line}, ensure_ascii=False)):
            typer.echo(f"[{o.get('to', '!')}] {o.get('text') or o.get('error')}  {o.get('buttons') or ''}")


@app.command()
def configure(tenant: TenantOpt = "default",
              negative_policy: Annotated[str | None, typer.Option(help="warn|block")] = None,
              approval_limit: Annotated[str | None, typer.Option(help="purchase approval limit, yuan")] = None,
              timezone: Annotated[str | None, typer.Option(help="IANA time zone")] = None,
              name: Annotated[str | None, typer.Option()] = None,
              forecast_top_n: Annotated[int | None, typer.Option(help="forecast only the TOP-N products; 0 = all")] = None,
              auto_purchase: Annotated[bool | None, typer.Option("--auto-purchase/--no-auto-purchase",
                                                                 help="morning purchase requests")] = None,
              service_level: Annotated[str | None, typer.Option(
                  help="share of a store's products with demand served in full over its last 91 mornings, 0.5-0.999 "
                       "(default 0.95): the prep list and the purchase requests stock for it")] = None,
              store_code: Annotated[str | None, typer.Option("--store", help="a store code, for --job")] = None,
              job: Annotated[list[str] | None, typer.Option(
                  help="per-store job time, e.g. prep_list=06:30 (prep_list, auto_purchase, transfer_check, "
                       "evening_summary, expiry)")] = None,
              holiday: Annotated[list[str] | None, typer.Option(
                  help="a day off for the forecast calendar, DATE=NAME (e.g. 2027-02-06=春节)")] = None,
              workday: Annotated[list[str] | None, typer.Option(help="a make-up workday (调休补班), DATE")] = None,
              event: Annotated[list[str] | None, typer.Option(
                  help="an event day (店庆, promotion), DATE=NAME; the forecast learns its uplift")] = None,
              clear_day: Annotated[list[str] | None, typer.Option(
                  help="remove DATE from the tenant's holidays, workdays and events")] = None,
              closed: Annotated[list[str] | None, typer.Option(
                  help="a day a store is closed (店休), DATE[@STORE][=NAME] (no store: every store); the forecast "
                       "sells nothing on it")] = None,
              reopen: Annotated[list[str] | None, typer.Option(
                  help="a closed day open again, DATE[@STORE]")] = None,
              anomaly: Annotated[list[str] | None, typer.Option(
                  help="what counts as an anomaly, KEY=NUMBER: cost (a receipt's price off its usual by this share, "
                       "0.3), loss_times (3) and loss_share (0.1), sales_times (3), sales_usual (5), till (yuan, 20); KEY= resets "
                       "it")] = None) -> None:
    """Show or change the tenant's settings (negative stock policy, approval limit, time zone, forecasting,
    the forecast's holiday calendar)."""
    from decimal import Decimal, InvalidOperation
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from workflows import reports
    _, uow_factory = store(tenant=tenant)
    with uow_factory() as uow:
        row = uow.catalog.tenant_row()
        try:
            if negative_policy is not None:
                if negative_policy not in ("warn", "block"):
                    raise ValueError("negative-policy must be warn or block")
                row.negative_policy = negative_policy
            if approval_limit is not None:
                limit = Decimal(approval_limit)
                if not limit.is_finite() or limit < 0:
                    raise ValueError("approval-limit must be a number ≥ 0")
                row.approval_limit = limit
            if timezone is not None:
                ZoneInfo(timezone)
                row.timezone = timezone
            level = Decimal(service_level) if service_level is not None else None
            if level is not None:
                lo, hi = reports.SERVICE_LEVELS
                if not (level.is_finite() and lo <= level <= hi):
                    raise ValueError(f"service-level must be between {lo} and {hi}")
        except (ValueError, InvalidOperation, ZoneInfoNotFoundError) as exc:
            typer.echo(f"not changed: {exc}", err=True)
            raise typer.Exit(2) from None
        if name is not None:
            row.name = name
        if job:
            from adapters.db import tables
            from workflows.jobs import DEFAULT_JOBS
            loc = uow.catalog._one(tables.Location, tables.Location.code == store_code) if store_code else None
            if loc is None:
                typer.echo(f"not changed: --job needs --store with a known store code, not {store_code!r}", err=True)
                raise typer.Exit(2)
            settings = dict(loc.settings or {})
            jobs = dict(settings.get("jobs") or {})
            for spec in job:
                name, _, hhmm = spec.partition("=")
                hh, _, mm = hhmm.partition(":")
                if name not in DEFAULT_JOBS or not (hh.isdigit() and mm.isdigit() and int(hh) < 24 and int(mm) < 60):
                    typer.echo(f"not changed: bad --job {spec!r} (NAME=HH:MM)", err=True)
                    raise typer.Exit(2)
                jobs[name] = f"{int(mm)} {int(hh)} * * *"
            settings["jobs"] = jobs
            loc.settings = settings
            uow.catalog.s.add(loc)
        extra = dict(row.settings or {})
        try:
            cal = _calendar_settings(dict(extra.get("calendar") or {}), holiday=holiday or [], workday=workday or [],
                                     event=event or [], clear=clear_day or [], closed=closed or [],
                                     reopen=reopen or [], stores={loc.code for loc in uow.catalog.locations()})
        except ValueError as exc:
            typer.echo(f"not changed: {exc}", err=True)
            raise typer.Exit(2) from None
        if cal:
            extra["calendar"] = cal
        else:
            extra.pop("calendar", None)
        if forecast_top_n is not None:
            extra["forecast_top_n"] = forecast_top_n or None
        if auto_purchase is not None:
            extra["auto_purchase"] = auto_purchase
        if level is not None:
            extra["service_level"] = str(level)
        if anomaly:
            try:
                extra["anomaly"] = _anomaly_settings(dict(extra.get("anomaly") or {}), anomaly)
            except ValueError as exc:
                typer.echo(f"not changed: {exc}", err=True)
                raise typer.Exit(2) from None
            if not extra["anomaly"]:
                extra.pop("anomaly")
        row.settings = extra
        uow.catalog.s.add(row)
        uow.commit()
        st = uow.catalog.settings()
        shown = reports.service_level(uow)
    typer.echo(json.dumps({"tenant": st.code, "name": st.name, "timezone": st.timezone,
                           "negative_policy": st.negative_policy.value, "approval_limit": str(st.approval_limit),
                           "forecast_top_n": extra.get("forecast_top_n"), "auto_purchase": bool(extra.get("auto_purchase")),
                           "service_level": str(shown), "anomaly": extra.get("anomaly") or {},
                           "calendar": st.calendar},
                          ensure_ascii=False))


def _anomaly_settings(said: dict[str, str], specs: Sequence[str]) -> dict[str, str]:
    """The tenant's anomaly limits after ``specs`` (KEY=NUMBER, or KEY= to go back to the default); ValueError names
    the first unknown key or bad number."""
    from decimal import Decimal, InvalidOperation

    from workflows import anomalies

    for spec in specs:
        key, _, value = spec.partition("=")
        key = key.strip()
        if key not in anomalies.Limits.__dataclass_fields__:
            raise ValueError(f"unknown anomaly limit {key!r} (one of {', '.join(anomalies.Limits.__dataclass_fields__)})")
        if not value.strip():
            said.pop(key, None)
            continue
        try:
            v = Decimal(value.strip())
        except InvalidOperation:
            v = Decimal("NaN")
        if not v.is_finite() or v <= 0:
            raise ValueError(f"anomaly limit {key} must be a number > 0, not {value!r}")
        said[key] = str(v)
    return said


def _calendar_settings(cal: dict[str, Any], *, holiday: list[str], workday: list[str], event: list[str],
                       clear: list[str], closed: Sequence[str] = (), reopen: Sequence[str] = (),
                       stores: Collection[str] = ()) -> dict[str, Any]:
    """The tenant's calendar after the changes (the rest of it, the closed days said in the chat, kept); ValueError
    names the first bad date, spec or store."""
    from datetime import date

    from domain import closures

    def day(s: str) -> str:
        try:
            return date.fromisoformat(s.strip()).isoformat()
        except ValueError:
            raise ValueError(f"not a date (YYYY-MM-DD): {s!r}") from None

    def named(spec: str, what: str) -> tuple[str, str]:
        d, sep, name = spec.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"bad --{what} {spec!r} (DATE=NAME)")
        return day(d), name.strip()

    holidays = dict(cal.get("holidays") or {})
    workdays = set(cal.get("workdays") or [])
    events = dict(cal.get("events") or {})
    for d in (day(x) for x in clear):
        holidays.pop(d, None)
        workdays.discard(d)
        events.pop(d, None)
    for d, name in (named(x, "holiday") for x in holiday):
        holidays[d] = name
        workdays.discard(d)
    for d in (day(x) for x in workday):
        workdays.add(d)
        holidays.pop(d, None)
    for d, name in (named(x, "event") for x in event):
        events[d] = name
    kept = {k: v for k, v in cal.items() if k not in ("holidays", "workdays", "events")}
    said: list[tuple[str, str | None]] = [(x, None) for x in reopen]
    said += [(x.partition("=")[0], x.partition("=")[2].strip() or "店休") for x in closed]
    for spec, why in said:
        when, _, at = spec.partition("@")
        place = at.strip() or closures.ALL
        if place != closures.ALL and place not in stores:
            raise ValueError(f"no store {place!r} (DATE@STORE)")
        kept = closures.with_days(kept, place, [date.fromisoformat(day(when))], why)
    out: dict[str, Any] = {k: v for k, v in kept.items() if v}
    if holidays:
        out["holidays"] = dict(sorted(holidays.items()))
    if workdays:
        out["workdays"] = sorted(workdays)
    if events:
        out["events"] = dict(sorted(events.items()))
    return out


rules_app = typer.Typer(help="Rules: backtest in the sandbox")
app.add_typer(rules_app, name="rules")


@rules_app.command("backtest")
def rules_backtest(rule_id: int, days: Annotated[int, typer.Option("--days")] = 7, tenant: TenantOpt = "default",
                   as_json: Annotated[bool, typer.Option("--json")] = False,
                   until: Annotated[str | None, typer.Option("--until", help="end of the window (ISO); now")] = None
                   ) -> None:
    """Replay the last N days against a rule; compare with what people did; print the difference rate."""
    from workflows import backtest
    _, uow_factory = store(tenant=tenant)
    with uow_factory(write=False) as uow:
        try:
            end = datetime.fromisoformat(until) if until else _now(uow.catalog.settings().timezone)
            rep = backtest.run(uow, rule_id=rule_id, days=days, now=end)
        except LookupError:
            typer.echo(f"rule {rule_id} not found", err=True)
            raise typer.Exit(1) from None
    if as_json:
        typer.echo(json.dumps(rep.to_dict(), ensure_ascii=False))
        return
    for r in rep.rows:
        typer.echo(f"{r['day']} {r['location']}:{r['sku']:8} rule={','.join(r['rule']) or '-':20} "
                   f"people={r['people']:6} {'DIFFERS' if r['differs'] else 'same'}")
    typer.echo(f"decisions {rep.decisions}, differences {rep.differences}, "
               f"difference rate {rep.difference_rate:.1%}")


ledger_app = typer.Typer(help="The stock ledger's hash chain: verify that no recorded move was changed")
app.add_typer(ledger_app, name="ledger")


@ledger_app.command("verify")
def ledger_verify(anchor: Annotated[list[str] | None, typer.Option(
                      "--anchor", help="a fingerprint said earlier, POSITION:HASH (#1234 3f9a1c2b4d5e in the chat)")] = None,
                  tenant: TenantOpt = "default", as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Recompute every move's hash from the first; exit 1 at the first move that no longer matches its seal."""
    from domain import chain
    from workflows import lots
    anchors = []
    for a in anchor or []:
        pos, _, fp = a.lstrip("#").replace(" ", ":").partition(":")
        if not pos.isdigit() or len(fp) < 8 or any(ch not in "0123456789abcdefABCDEF" for ch in fp):
            typer.echo(f"bad anchor {a!r}: POSITION:HASH, the hash at least 8 hex digits", err=True)
            raise typer.Exit(2)
        anchors.append((int(pos), fp))
    _, uow_factory = store(tenant=tenant)
    with uow_factory(write=False) as uow:
        v = lots.verify(uow, anchors)
    if as_json:
        typer.echo(json.dumps(chain.as_dict(v), ensure_ascii=False))
    else:
        typer.echo(f"moves {v.count}, head #{v.count} {chain.fingerprint(v.head)} ({v.head})")
        if v.broken:
            typer.echo(f"BROKEN at #{v.broken.position} (move id {v.broken.move_id}): stored "
                       f"{v.broken.stored}, its content gives {v.broken.expected}")
        if not v.head_ok:
            typer.echo("the kept head does not match the moves")
        if v.unsealed:
            typer.echo(f"{v.unsealed} move(s) outside the chain (written around the application)")
        if v.audit is not None:
            aud = v.audit
            typer.echo(f"audits {aud.count}, head #{aud.count} {chain.fingerprint(aud.head)}: " + (
                "intact" if aud.ok else f"BROKEN at #{aud.broken.position} (audit id {aud.broken.move_id})"
                if aud.broken else f"{aud.unsealed} outside the chain" if aud.unsealed
                else "the kept head does not match"))
        for place, said, ok in v.anchors_ok:
            typer.echo(f"anchor #{place} {said}: {'matches' if ok else 'DOES NOT MATCH'}")
        typer.echo("ledger intact" if v.ok else "ledger NOT intact")
    if not v.ok:
        raise typer.Exit(1)


def _register_extras() -> None:
    try:
        from adapters.forecasting import cli as forecast_cli
    except ImportError:  # pragma: no cover - the forecasting package is optional at start-up
        return
    forecast_cli.register(app)


_register_extras()

if __name__ == "__main__":
    app()
