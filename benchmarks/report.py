"""The measured tables, with issue 3's targets beside them, as Markdown.

run.py replaces only the part of docs/PERFORMANCE.md between the two markers, so
the written analysis around the tables survives a new run.
"""

from pathlib import Path

BEGIN = "<!-- bench:begin (written by `make bench`; edit outside these markers) -->"
END = "<!-- bench:end -->"


def write(path: Path, section: str) -> None:
    block = f"{BEGIN}\n{section.rstrip()}\n{END}"
    text = path.read_text() if path.exists() else f"# Performance\n\n{BEGIN}\n{END}\n"
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def mark(ok: bool | None) -> str:
    return "—" if ok is None else ("✅ met" if ok else "❌ missed")


def table(head: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def render(r: dict) -> str:
    parts = [
        environment(r),
        targets(r),
        targets_26(r),
        pages(r),
        both_ways(r),
        mixed(r),
        growth(r),
        profiles(r),
        search(r),
        data(r),
        cold(r),
        generation(r),
    ]
    if r.get("notes"):
        parts.insert(1, "\n".join(f"> **Note:** {note}" for note in r["notes"]))
    return "\n\n".join(p for p in parts if p) + "\n"


def environment(r: dict) -> str:
    env = r["environment"]
    rows = [[k, f"`{v}`" if k == "command" else (v or "none")] for k, v in env.items()]
    mode = r["mode"]
    rows.append(
        [
            "workspace",
            f"{mode['people']:,} people, {mode['conversations']:,} "
            f"conversations, {mode['notes']:,} notes (seed 1)",
        ]
    )
    rows.append(
        [
            "load",
            f"wrk, {mode['seconds']} s per run after a {mode['warmup']} s "
            f"warm-up, {', '.join(map(str, mode['levels']))} connections, "
            "127.0.0.1 only",
        ]
    )
    rows.append(["total time of this run", f"{r.get('total_minutes', '?')} min"])
    return "## The run\n\n" + table(["", ""], rows)


# ---- targets -------------------------------------------------------------------------


def run_at(page: dict, connections: int) -> dict | None:
    return next((run for run in page.get("runs", []) if run["connections"] == connections), None)


def share(run: dict) -> float:
    return 100 * run["rps"] / run["ceiling"]["rps"] if run["ceiling"]["rps"] else 0.0


def targets(r: dict) -> str:
    pages = r.get("pages", {})
    rows = []
    person = pages.get("Person page", {})
    at16 = run_at(person, 16)
    if person.get("in_process_min_ms"):
        fastest, bare = person["in_process_min_ms"], person["bare_min_ms"]
        rows.append(
            [
                "person page in-process, rendered (after a change): CPU-bound throughput "
                "on 2 cores",
                "recorded",
                f"{2000 / fastest:,.0f} req/s ({fastest} ms a request)",
                "—",
            ]
        )
        if person.get("kept_min_ms"):
            kept = person["kept_min_ms"]
            rows += [
                [
                    "person page in-process, kept copy: CPU-bound throughput on 2 cores",
                    "≥ 450 req/s",
                    f"{2000 / kept:,.0f} req/s ({kept} ms a request)",
                    mark(2000 / kept >= 450),
                ],
                [
                    "person page in-process, kept copy: share of the bare view",
                    "≥ 60 %",
                    f"{100 * bare / kept:.0f} %",
                    mark(bare / kept >= 0.6),
                ],
            ]
    if at16:
        rows += [
            [
                "person page, 16 connections: p99",
                "≤ 60 ms",
                f"{at16['p99_ms']} ms",
                mark(at16["p99_ms"] <= 60),
            ],
            [
                "person page, 16 connections: throughput",
                "≥ 450 req/s",
                f"{at16['rps']} req/s",
                mark(at16["rps"] >= 450),
            ],
            [
                "person page, 16 connections: share of the bare-view ceiling",
                "≥ 60 %",
                f"{share(at16):.0f} %",
                mark(share(at16) >= 60),
            ],
        ]
    for name in ("People list", "Today"):
        page = pages.get(name)
        if not page:
            continue
        for connections in (1, 16):
            run = run_at(page, connections)
            value = f"{run['p95_ms']} ms" if run else "not run: one request is too slow"
            rows.append(
                [
                    f"{name}, {connections} connection(s): p95",
                    "≤ 100 ms",
                    value,
                    mark(bool(run) and run["p95_ms"] <= 100),
                ]
            )
        sizes = (r["workspaces"][k]["counts"]["people"] for k in ("small", "big"))
        rows.append(
            [
                f"{name}: SQL queries per page, " + " → ".join(f"{n:,}" for n in sizes) + " people",
                "the same",
                f"{page['queries_small']} → {page['queries']}",
                mark(page["queries_small"] == page["queries"]),
            ]
        )
    for result, limit in zip(r.get("search", []), (25, 100), strict=False):
        ratio = result["service"]["p95_ms"] / max(result["raw"]["p95_ms"], 0.001)
        rows += [
            [
                f"search p95 at {result['notes']:,} notes",
                f"≤ {limit} ms",
                f"{result['service']['p95_ms']} ms",
                mark(result["service"]["p95_ms"] <= limit),
            ],
            [
                f"search at {result['notes']:,} notes: service / raw FTS5 (p95)",
                "≤ 2×",
                f"{ratio:.2f}×",
                mark(ratio <= 2),
            ],
        ]
    if len(r.get("search", [])) < 2:
        rows.append(
            ["search p95 at 1,000,000 notes", "≤ 100 ms", "not run (--no-million)", mark(None)]
        )
    for row in r.get("cold", []):
        limit = 150 if "help" in row["command"] else 350
        # The median, not the mean: this machine is shared, and one slow run says little.
        rows.append(
            [
                f"`{row['command']}` cold start ({row['workspace']}), median",
                f"≤ {limit} ms",
                f"{row['median_ms']} ms (fastest {row['min_ms']})",
                mark(row["median_ms"] <= limit),
            ]
        )
    rows += data_targets(r.get("data"))
    memory = r.get("memory") or {}
    if memory:
        rows.append(
            [
                "server peak memory under load (all processes)",
                "recorded",
                f"{memory['peak_rss_mb']} MB in {memory['processes']} processes",
                mark(None),
            ]
        )
    return "## Targets (issue 3) at a glance\n\n" + table(["what", "target", "measured", ""], rows)


def data_targets(d: dict | None) -> list[list]:
    if not d:
        return [
            ["import 10k rows / 100k rows", "≤ 5 s / ≤ 60 s", "not run", mark(None)],
            ["full export", "recorded", "not run", mark(None)],
            ["online backup of 1 GB", "≤ 10 s without blocking writers", "not run", mark(None)],
        ]
    rows = []
    for run in d["imports"]:
        limit = 5 if run["rows"] <= 10_000 else 60
        rows.append(
            [
                f"import {run['rows']:,} rows (LinkedIn CSV) against "
                f"{run.get('existing', 0):,} people",
                f"≤ {limit} s",
                outcome(run),
                mark(run["ok"] and run["seconds"] <= limit),
            ]
        )
    e = d["export"]
    rows.append(["full export (JSON)", "recorded", outcome(e), mark(None)])
    b = d["backup"]
    blocked = b.get("writes_per_s_during", 0) < 0.5 * b.get("writes_per_s_before", 0)
    rows.append(
        [
            f"online backup of {b['database_mb']:,.0f} MB",
            "≤ 10 s without blocking writers",
            outcome(b) + f"; writes {b['writes_per_s_before']}/s before, "
            f"{b['writes_per_s_during']}/s during, longest {b['longest_write_ms']} ms",
            mark(b["ok"] and b["seconds"] <= 10 and not blocked),
        ]
    )
    return rows


def outcome(run: dict) -> str:
    if not run["ok"]:
        return f"failed: {run['error']}"
    cpu = run.get("cpu_seconds")
    return f"{run['seconds']} s" + (f" (CPU {cpu} s)" if cpu is not None else "")


# ---- pages ---------------------------------------------------------------------------


def noise(run: dict) -> str:
    values = [run.get("other_cpu_pct"), run["ceiling"].get("other_cpu_pct")]
    return " / ".join(f"{v} %" for v in values) if None not in values else ""


def pages(r: dict) -> str:
    out = [
        "## Pages under load\n",
        "Each page is followed, in the same run on the same server, by the bare view "
        "(`benchmarks/views.py`) returning a static page of the same size behind the same "
        "middleware: the framework's ceiling. Latencies in ms, throughput in requests/s; "
        "% = page throughput / ceiling throughput. The machine is shared: *other CPU* is "
        "the share of both cores used by processes other than the server and wrk during "
        "the page run / the ceiling run; figures taken above ~20 % are noisy.",
    ]
    rows = []
    for name, page in r.get("pages", {}).items():
        label = (
            f"**{name}** `{page['path']}` ({page['bytes'] / 1024:.1f} KB, "
            f"{page['queries_small']}→{page['queries']} SQL)"
        )
        for run in page.get("runs", []):
            c = run["ceiling"]
            if not run["requests"]:
                rows.append(
                    [
                        label,
                        run["connections"],
                        f"no request finished in the run ({run['errors']} errors)",
                        "",
                        "",
                        "",
                        "",
                        "",
                        c["rps"],
                        c["p99_ms"],
                        "",
                        noise(run),
                    ]
                )
                label = ""
                continue
            rows.append(
                [
                    label,
                    run["connections"],
                    run["requests"],
                    run["rps"],
                    run["p50_ms"],
                    run["p95_ms"],
                    run["p99_ms"],
                    run["errors"] or "",
                    c["rps"],
                    c["p99_ms"],
                    f"{share(run):.0f} %",
                    noise(run),
                ]
            )
            label = ""
        for connections in page.get("skipped", []):
            rows.append(
                [
                    label,
                    connections,
                    "not run: a request alone takes "
                    f"{page['in_process_ms'] / 1000:.1f} s, so every one would time out",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                ]
            )
            label = ""
    out.append(
        table(
            [
                "page",
                "conns",
                "requests",
                "req/s",
                "p50",
                "p95",
                "p99",
                "errors",
                "ceiling req/s",
                "ceiling p99",
                "%",
                "other CPU",
            ],
            rows,
        )
    )
    person = r.get("pages", {}).get("Person page", {})
    if "conversations" in person:
        out.append(
            f"Person page: a person with {person['conversations']} conversations and "
            f"{person['notes']} notes."
        )
    out.append(in_process_costs(r))
    return "\n\n".join(filter(None, out))


def in_process_costs(r: dict) -> str:
    rows = []
    for name, page in r.get("pages", {}).items():
        if "in_process_min_ms" not in page:
            continue
        fastest, bare = page["in_process_min_ms"], page["bare_min_ms"]
        kept = page.get("kept_min_ms")
        rows.append(
            [
                name,
                page["in_process_ms"],
                fastest,
                f"{2000 / fastest:,.0f}",
                kept or "—",
                f"{2000 / kept:,.0f}" if kept else "—",
                bare,
                f"{100 * bare / (kept or fastest):.0f} %",
            ]
        )
    if not rows:
        return ""
    return (
        "What one request costs in-process (Django's test client, no server, median and "
        "fastest of up to 15 requests), next to the bare view of the same size. Less "
        "disturbed by the machine's other work than the load figures. *Rendered*: the "
        "kept pages forgotten before each request, as after any change to the data; "
        "*kept*: the same client looking again (coffeechat/web/pagecache.py). The req/s "
        "columns are what two cores could serve if that were the only work (2 / "
        "fastest).\n\n"
        + table(
            [
                "page",
                "rendered median ms",
                "rendered fastest ms",
                "rendered req/s on 2 cores",
                "kept fastest ms",
                "kept req/s on 2 cores",
                "bare view ms",
                "bare / kept",
            ],
            rows,
        )
    )


def profiles(r: dict) -> str:
    if not r.get("profiles"):
        return ""
    out = [
        "## Where the time goes (py-spy, under load)\n",
        "Share of busy worker samples, each charged to the innermost category it is in; "
        "then the busiest functions of our own code (inclusive).",
    ]
    for name, p in r["profiles"].items():
        cats = ", ".join(f"{k} {v} %" for k, v in p["categories"].items())
        funcs = "; ".join(f"`{k}` {v} %" for k, v in list(p["functions"].items())[:6])
        out.append(
            f"- **{name}** ({p['connections']} connections, {p['samples']} samples): "
            f"{cats}.  \n  Busiest: {funcs}."
        )
    return "\n".join(out)


# ---- search, cold start, generation -----------------------------------------------------


def search(r: dict) -> str:
    if not r.get("search"):
        return ""
    rows, kinds = [], []
    for s in r["search"]:
        rows.append(
            [
                f"{s['notes']:,}",
                s["queries"],
                s["service"]["p50_ms"],
                s["service"]["p95_ms"],
                s["raw"]["p50_ms"],
                s["raw"]["p95_ms"],
                f"{s['service']['p95_ms'] / max(s['raw']['p95_ms'], 0.001):.2f}×",
            ]
        )
        for kind, k in s["by_kind"].items():
            kinds.append(
                [
                    f"{s['notes']:,}",
                    kind,
                    k["service"]["p50_ms"],
                    k["service"]["p95_ms"],
                    k["raw"]["p50_ms"],
                    k["raw"]["p95_ms"],
                ]
            )
    raw_sql = r["search"][0]["raw_sql"]
    return (
        "## Search\n\n`coffeechat.search.services.search_for` (what the page calls) next to "
        f"the raw FTS5 query on the same database file, `{raw_sql}`, with the same MATCH "
        "expression. Queries: a quarter each of full names, one topic word, two topic "
        "words and three-letter prefixes, seeded; every query run once to warm up.\n\n"
        + table(
            [
                "notes",
                "queries",
                "service p50 ms",
                "service p95 ms",
                "raw p50 ms",
                "raw p95 ms",
                "service/raw p95",
            ],
            rows,
        )
        + "\n\nBy kind of query:\n\n"
        + table(["notes", "query", "service p50", "service p95", "raw p50", "raw p95"], kinds)
    )


def data(r: dict) -> str:
    d = r.get("data")
    if not d:
        return ""
    rows = [
        [
            f"`coffeechat import` of a {i['rows']:,}-row LinkedIn CSV into a workspace of "
            f"{i.get('existing', 0):,} people, some of them in the file",
            outcome(i),
        ]
        for i in d["imports"]
    ]
    e, b = d["export"], d["backup"]
    c = e["workspace"]
    rows.append(
        [
            f"`coffeechat export` (JSON) of {c['people']:,} people, "
            f"{c['conversations']:,} conversations, {c['notes']:,} notes",
            outcome(e) + (f", {e['mb']} MB" if e.get("mb") else ""),
        ]
    )
    rows.append(
        [
            f"`coffeechat backup` of a {b['database_mb']:,.0f} MB database while a writer "
            "commits every 10 ms",
            outcome(b) + f"; {b['writes_during']} writes during it "
            f"({b['writes_per_s_during']}/s, {b['writes_per_s_before']}/s before), "
            f"longest {b['longest_write_ms']} ms",
        ]
    )
    return "## Data in and out\n\n" + table(["what", "measured"], rows)


def cold(r: dict) -> str:
    if not r.get("cold"):
        return ""
    rows = [
        [
            f"`{c['command']}`",
            c["workspace"],
            c["tool"],
            c["runs"],
            c["mean_ms"],
            c["median_ms"],
            c["min_ms"],
            c["max_ms"],
        ]
        for c in r["cold"]
    ]
    text = "## CLI cold start\n\n" + table(
        ["command", "workspace", "timed with", "runs", "mean ms", "median", "min", "max"], rows
    )
    imports = r["cold"][0].get("imports")
    if imports:
        text += (
            "\n\nHeaviest imports of `coffeechat --help` (`python -X importtime`, "
            "cumulative): " + ", ".join(f"`{n}` {ms:.0f} ms" for n, ms in imports) + "."
        )
    return text


def generation(r: dict) -> str:
    rows = []
    generated = [r["workspaces"]["big"], r["workspaces"]["small"]] + [
        s["generated"] for s in r.get("search", []) if "generated" in s
    ]
    for g in generated:
        c = g["counts"]
        rows.append(
            [
                f"{c['people']:,}",
                f"{c['conversations']:,}",
                f"{c['events']:,}",
                f"{c['notes']:,}",
                f"{c['documents']:,}",
                c["seconds"],
                g["wall_seconds"],
                g["db_mb"],
                "yes" if g.get("reused") else "",
            ]
        )
    return "## `coffeechat demo-data` (the generator)\n\n" + table(
        [
            "people",
            "conversations",
            "events",
            "notes",
            "search documents",
            "generate s",
            "command wall s",
            "database MB",
            "reused from an earlier run",
        ],
        rows,
    )


# ---- issue 26: rendered pages, the mixed workload, growth ------------------------------

RENDERED_PAGES = ("Person page", "People list", "Today")


def rendered_share(run: dict) -> float | None:
    rendered = run.get("rendered")
    if not rendered or not run["ceiling"]["rps"]:
        return None
    return 100 * rendered["rps"] / run["ceiling"]["rps"]


def targets_26(r: dict) -> str:
    rows = []
    pages = r.get("pages", {})
    for name in RENDERED_PAGES:
        page = pages.get(name, {})
        for connections in (16, 1):
            run = run_at(page, connections)
            value = rendered_share(run) if run else None
            if value is not None:
                rows.append(
                    [
                        f"{name} rendered, {connections} connection(s): share of the "
                        "bare-view ceiling (same server, same run)",
                        "≥ 40 %",
                        f"{value:.0f} % ({run['rendered']['rps']} of "
                        f"{run['ceiling']['rps']} req/s)",
                        mark(value >= 40),
                    ]
                )
        run = run_at(page, 1)
        if run and run.get("rendered"):
            p50 = run["rendered"]["p50_ms"]
            rows.append(
                [f"{name} rendered, 1 connection: p50", "≤ 5 ms", f"{p50} ms", mark(p50 <= 5)]
            )
    team = (r.get("mixed") or {}).get("team") or {}
    if "all" in team:
        a = team["all"]
        rows += [
            [
                "mixed team workload (16 users, PostgreSQL, 2 processes): throughput",
                "≥ 250 req/s",
                f"{a['rps']} req/s",
                mark(a["rps"] >= 250),
            ],
            ["mixed team workload: p99", "≤ 150 ms", f"{a['p99_ms']} ms", mark(a["p99_ms"] <= 150)],
        ]
    elif team:
        rows.append(
            [
                "mixed team workload",
                "≥ 250 req/s, p99 ≤ 150 ms",
                f"not measured: {team.get('error')}",
                mark(None),
            ]
        )
    g = r.get("growth")
    if g:
        small = r["workspaces"]["small"]["counts"]["people"]
        big = g["workspace"]["counts"]["people"]
        for name, page in g["pages"].items():
            before = r.get("small_pages", {}).get(name, {}).get("in_process_ms")
            if before:
                ratio = page["in_process_ms"] / before
                rows.append(
                    [
                        f"{name} rendered in-process, {small:,} → {big:,} people",
                        "within 20 %",
                        f"{before} → {page['in_process_ms']} ms ({100 * (ratio - 1):+.0f} %)",
                        mark(ratio <= 1.2),
                    ]
                )
    if not rows:
        return ""
    return "## Targets (issue 26) at a glance\n\n" + table(["what", "target", "measured", ""], rows)


def both_ways(r: dict) -> str:
    rows = []
    for name, page in r.get("pages", {}).items():
        label = f"**{name}**"
        for run in page.get("runs", []):
            rendered = run.get("rendered")
            if not rendered:
                continue
            c = run["ceiling"]
            rows.append(
                [
                    label,
                    run["connections"],
                    run["rps"],
                    run["p50_ms"],
                    run["p99_ms"],
                    f"{share(run):.0f} %",
                    rendered["rps"],
                    rendered["p50_ms"],
                    rendered["p99_ms"],
                    f"{rendered_share(run):.0f} %",
                    c["rps"],
                ]
            )
            label = ""
    if not rows:
        return ""
    return (
        "### Every page both ways: kept and rendered\n\n"
        "*Kept*: a returning browser while nothing changed, answered from the page kept "
        "by coffeechat/web/pagecache.py (the table above). *Rendered*: first visits, so "
        "every request builds the page (what anyone meets after any change to the data: "
        "in personal mode the first look after each of your own edits; in team mode "
        "nearly always, see the mixed workload). Same server, same run, the same "
        "bare-view ceiling; % = throughput / ceiling.\n\n"
        + table(
            [
                "page",
                "conns",
                "kept req/s",
                "kept p50",
                "kept p99",
                "kept %",
                "rendered req/s",
                "rendered p50",
                "rendered p99",
                "rendered %",
                "ceiling req/s",
            ],
            rows,
        )
    )


def mixed(r: dict) -> str:
    m = r.get("mixed")
    if not m:
        return ""
    out = [
        "## Mixed workload (benchmarks/mixed.py)\n",
        "Simulated users, each on a keep-alive connection of their own, sending one "
        "request after the other with no think time: 90 % page views (Today, the people "
        "list at a random page, a random person, a random conversation, a search for a "
        "random name) and 10 % writes (a note, an ask, a reply, an edit of a person). "
        "*Team*: team mode on PostgreSQL, 2 server processes × 4 threads, 16 users each "
        "logged in to their own workspace. *Personal*: personal mode on SQLite, one user. "
        "*kept*: page views answered from a kept page. CPU per request: the server's "
        "processes (and PostgreSQL's, which on a shared machine include other sessions' "
        "queries).",
    ]
    for kind, res in m.items():
        if "all" not in res:
            out.append(f"- **{kind}**: not measured ({res.get('error')}).")
            continue
        a = res["all"]
        out.append(
            f"**{kind}** ({res['users']} user(s), {res['people_per_user']:,} people each, "
            f"{res['seconds']:.0f} s): {a['requests']:,} requests, **{a['rps']} req/s**, "
            f"p50 {a['p50_ms']} ms, p95 {a['p95_ms']} ms, p99 {a['p99_ms']} ms, "
            f"{a['errors']} failed; kept-page hit rate {res['kept_hit_pct']} % of page views; "
            f"server CPU {res['server_cpu_ms_per_request']} ms a request"
            + (f", PostgreSQL {res['postgres_cpu_ms_per_request']} ms" if kind == "team" else "")
            + f"; the machine was {res['machine_busy_pct']} % busy."
        )
        rows = [
            [
                label,
                f["requests"],
                f["rps"],
                f["p50_ms"],
                f["p95_ms"],
                f["p99_ms"],
                f["errors"] or "",
                f"{f['kept_pct']} %",
            ]
            for label, f in res["by_page"].items()
        ]
        out.append(
            table(["request", "count", "req/s", "p50", "p95", "p99", "failed", "kept"], rows)
        )
    return "\n\n".join(out)


def growth(r: dict) -> str:
    g = r.get("growth")
    if not g:
        return ""
    sizes = [
        ("small", r["workspaces"]["small"]["counts"]["people"]),
        ("big", r["workspaces"]["big"]["counts"]["people"]),
        ("growth", g["workspace"]["counts"]["people"]),
    ]
    sets = {"small": r.get("small_pages", {}), "big": r.get("pages", {}), "growth": g["pages"]}
    rows = []
    for name in g["pages"]:
        row = [name]
        for key, _ in sizes:
            page = sets[key].get(name)
            row.append(
                f"{page['in_process_ms']} ms, {page['bytes'] / 1024:.0f} KB, {page['queries']} SQL"
                if page and "in_process_ms" in page
                else "—"
            )
        rows.append(row)
    return "### As the data grows (rendered, in-process median)\n\n" + table(
        ["page", *(f"{n:,} people" for _, n in sizes)], rows
    )
