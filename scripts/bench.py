#!/usr/bin/env python3
"""Benchmark npmcheck's start-up and scaling against fixed reference points (issue 7).

    .venv/bin/python scripts/bench.py [--runs N] [--json] [--sizes 10,100,1000]

Every measurement is a fresh process started the way a user starts it (the installed
`npmcheck` entry point, run by this interpreter's environment); the commands compared with
each other are run in turn, round after round, so that both see the same machine state. The
median of N runs is reported, with the peak resident memory of each process (from wait4).

Two cache states are measured:
  warm  the validation cache is filled (normal use: every run after the first);
  cold  NPMCHECK_NO_CACHE=1, so every file is parsed, validated and checked again.

Targets (issues 7 and 10), each judged in the cache state it names:
  assess      `npmcheck assess turkmenistan --format json`, warm / `python -c "import typer, yaml"`
                                                                                       <= 1.2
  complete    shell completion of a country id (`_NPMCHECK_COMPLETE=complete_bash COMP_WORDS=
              'npmcheck assess tu' COMP_CWORD=2 npmcheck`, what bash runs on Tab) / the same
                                                                                       <= 1.0
  assess cold the same assess with NPMCHECK_NO_CACHE=1 / the same reference             <= 2
  validate    `npmcheck validate` (all bundled data) / `check-jsonschema` on one profile, warm
                                                                                       <= 0.5
  compare     `npmcheck compare --all --format json` over 1,000 generated profiles, warm <= 3 s
              and t(1000) / t(100)                                                      <= 12
The reference and the three start-up commands run in turn in the same rounds, so that their
ratios see the same machine state (this machine is shared: absolute times vary by +-20 %).
Each start-up ratio is judged on medians; the ratio of the fastest runs is printed beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
MINI = ROOT / "tests" / "fixtures" / "mini"
FINDING_STATUSES = ("met", "partial", "not_met", "unknown")


@dataclass
class Result:
    """The runs of one command: wall-clock seconds and peak memory (KiB) of each."""

    label: str
    argv: list[str]
    mode: str
    extra_env: dict[str, str] = field(default_factory=dict)
    role: str = ""  # what a start-up target calls it: reference, assess, country, criterion
    seconds: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)
    error: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")

    @property
    def rss_mib(self) -> float:
        return statistics.median(self.rss_kib) / 1024 if self.rss_kib else float("nan")

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "mode": self.mode, "argv": self.argv,
                "median_s": round(self.median, 4),
                "min_s": round(min(self.seconds), 4) if self.seconds else None,
                "max_s": round(max(self.seconds), 4) if self.seconds else None,
                "peak_rss_mib": round(self.rss_mib, 1), "runs": len(self.seconds),
                "error": self.error}


def run_once(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, int, int, str]:
    """(seconds, peak RSS in KiB, exit code, stderr tail) of one fresh process."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, env=env,
                                   cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        tail = err.read()[-600:].decode("utf-8", "replace")
    return elapsed, int(usage.ru_maxrss), process.returncode, tail


def measure(results: list[Result], runs: int, env: dict[str, str], cwd: Path,
            ok_codes: tuple[int, ...] = (0,)) -> None:
    """Run each command once to warm up (and fill the cache), then `runs` rounds in turn."""
    for result in results:
        _, _, code, tail = run_once(result.argv, env_for(env, result), cwd)
        if code not in ok_codes:
            result.error = f"exit {code}: {tail.strip().splitlines()[-1] if tail.strip() else ''}"
    for _ in range(runs):
        for result in results:
            if result.error:
                continue
            seconds, rss, code, tail = run_once(result.argv, env_for(env, result), cwd)
            if code not in ok_codes:
                result.error = f"exit {code}: {tail.strip()[-200:]}"
                continue
            result.seconds.append(seconds)
            result.rss_kib.append(rss)


def env_for(base: dict[str, str], result: Result) -> dict[str, str]:
    env = {**base, **result.extra_env}
    if result.mode == "cold":
        env["NPMCHECK_NO_CACHE"] = "1"
    else:
        env.pop("NPMCHECK_NO_CACHE", None)
    return env


def entry_point(name: str) -> list[str] | None:
    script = BIN / name
    if script.exists():
        return [str(script)]
    found = shutil.which(name)
    return [found] if found else None


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    ram = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        ram = "?"
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram": ram,
            "python": platform.python_version(), "platform": platform.platform(),
            "date": time.strftime("%Y-%m-%d")}


# ---------------------------------------------------------------- data


def bundled_profiles() -> list[Path]:
    return sorted((ROOT / "profiles").glob("*.yaml"))


def has_bundled_catalogue() -> bool:
    return any((ROOT / "criteria").rglob("*.yaml"))


def pick_base(explicit: Path | None) -> Path:
    """The profile the generated ones vary: given, else a middle-sized bundled one, else the
    fixture. It must load without errors under the catalogue in use."""
    if explicit is not None:
        return explicit
    if has_bundled_catalogue():
        profiles = sorted(bundled_profiles(), key=lambda p: p.stat().st_size)
        if profiles:
            return profiles[len(profiles) // 2]
    return MINI / "profiles" / "operating.yaml"


def derived_criteria(data_args: list[str], env: dict[str, str]) -> set[str]:
    """Criteria whose status follows from facts: a profile may not contradict them."""
    npmcheck = entry_point("npmcheck") or [sys.executable, "-m", "npmcheck"]
    out = subprocess.run([*npmcheck, "criteria", "--format", "json", *data_args], env=env,
                         capture_output=True, text=True, check=False, cwd=ROOT)
    if out.returncode != 0:
        return set()
    return {c["id"] for c in json.loads(out.stdout)["criteria"] if c.get("derived")
            or c.get("derive")}


def generate(folder: Path, base: Path, count: int, derived: set[str]) -> None:
    """`count` profiles in folder/profiles: the base with new ids, codes and names, and the
    statuses of its judged (not derived) findings turned round."""
    data = yaml.load(base.read_text("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    target = folder / "profiles"
    target.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        profile = json.loads(json.dumps(data, default=str))  # dates back to their text
        letters = "".join(chr(97 + (i // 26**k) % 26) for k in (2, 1, 0))  # ids have no digits
        profile["country"]["id"] = f"gen-{letters}"
        profile["country"]["code"] = letters[1:].upper()
        profile["country"]["name"] = {"en": f"Generated {i:04d}", "ru": f"Образец {i:04d}"}
        for n, (cid, finding) in enumerate(sorted(profile.get("findings", {}).items())):
            if cid not in derived and isinstance(finding, dict) and "status" in finding:
                finding["status"] = FINDING_STATUSES[(i + n) % len(FINDING_STATUSES)]
                if finding["status"] != "met":
                    finding.pop("checklist", None)
                if finding["status"] != "unknown" and not finding.get("sources"):
                    finding["sources"] = [profile["sources"][0]["id"]]  # a judgement cites one
        (target / f"gen-{letters}.yaml").write_text(
            yaml.safe_dump(profile, allow_unicode=True, sort_keys=False), "utf-8")


# ---------------------------------------------------------------- report


def verdict(value: float, limit: float) -> str:
    return "PASS" if value <= limit else "FAIL"


def table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i])
                               for i, cell in enumerate(row)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per command (default 15)")
    parser.add_argument("--sizes", default="10,100,1000",
                        help="numbers of generated profiles for compare (default 10,100,1000)")
    parser.add_argument("--base", type=Path, help="profile to vary for the generated ones")
    parser.add_argument("--modes", default="warm,cold", help="cache states (default warm,cold)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--no-validate", action="store_true",
                        help="leave out the validate group (with --sizes '': start-up only)")
    args = parser.parse_args()
    modes = [m for m in args.modes.split(",") if m in ("warm", "cold")]
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]

    npmcheck = entry_point("npmcheck")
    if npmcheck is None:
        print("bench: the npmcheck entry point is not installed next to this Python",
              file=sys.stderr)
        return 2
    python = [sys.executable]
    work = Path(tempfile.mkdtemp(prefix="npmcheck-bench-"))
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("NPMCHECK_", "PYTHONDONTWRITEBYTECODE", "SOURCE_DATE_EPOCH"))}
    env.update({"NPMCHECK_CACHE": str(work / "cache"), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
                "PYTHONHASHSEED": "0"})
    notes: list[str] = []
    # Bytecode as an installed package has it: compile once, as pip does at install time.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src" / "npmcheck")],
                   check=False, stdout=subprocess.DEVNULL)

    bundled = has_bundled_catalogue()
    tm = ROOT / "profiles" / "turkmenistan.yaml"
    if bundled and tm.exists():
        assess_args = ["assess", "turkmenistan", "--format", "json"]
    else:
        assess_args = ["assess", "--data", str(MINI), "nonparty", "--format", "json"]
        notes.append("no bundled catalogue/turkmenistan yet: assess ran on tests/fixtures/mini")
    data_args = [] if bundled else ["--data", str(MINI)]
    if bundled and tm.exists():
        complete_country, complete_criterion = "npmcheck assess tu", "npmcheck criteria ind"
        completion_env: dict[str, str] = {}
    else:  # completion reads the data folders of NPMCHECK_PATH (it has no --data)
        complete_country, complete_criterion = "npmcheck assess no", "npmcheck criteria man"
        completion_env = {"NPMCHECK_PATH": str(MINI)}
    checker = entry_point("check-jsonschema")
    one_profile = tm if tm.exists() else (bundled_profiles() or [MINI / "profiles" /
                                                                  "operating.yaml"])[0]

    groups: list[tuple[str, list[Result]]] = []
    try:
        # start-up: the reference, assess warm and cold, and completion, in the same rounds
        startup = [Result("python -c 'import typer, yaml'", [*python, "-c", "import typer, yaml"],
                          "warm", role="reference")]
        assess_label = "npmcheck " + " ".join(a if "/" not in a else Path(a).name
                                              for a in assess_args)
        for mode in modes:
            startup.append(Result(assess_label, [*npmcheck, *assess_args], mode, role="assess"))
        for role, words in (("country", complete_country), ("criterion", complete_criterion)):
            startup.append(Result(f"complete a {role} id ('{words}')", list(npmcheck), "warm", {
                "_NPMCHECK_COMPLETE": "complete_bash", "COMP_WORDS": words,
                "COMP_CWORD": str(len(words.split()) - 1), **completion_env}, role=role))
        measure(startup, args.runs, env, ROOT)
        groups.append(("startup", startup))
        for mode in modes if not args.no_validate else ():
            trio = [Result("npmcheck validate", [*npmcheck, "validate", *data_args], mode)]
            if checker:
                trio.insert(0, Result(
                    f"check-jsonschema ({one_profile.name})",
                    [*checker, "--schemafile",
                     str(ROOT / "src/npmcheck/load/schemas/profile.schema.json"), str(one_profile)],
                    mode))
            else:
                notes.append("check-jsonschema is not installed: no validate ratio")
            measure(trio, args.runs, env, ROOT, ok_codes=(0, 1, 2))
            groups.append((f"validate/{mode}", trio))

        base = pick_base(args.base)
        derived = derived_criteria(data_args, env)
        shown = base.relative_to(ROOT) if base.is_relative_to(ROOT) else base
        notes.append(f"generated profiles vary {shown}")
        scale: dict[str, list[Result]] = {m: [] for m in modes}
        for size in sizes:
            folder = work / f"gen-{size}"
            generate(folder, base, size, derived)
            loaded = subprocess.run([*npmcheck, "countries", "--format", "json", *data_args,
                                     "--data", str(folder)], env=env, cwd=ROOT, check=False,
                                    capture_output=True, text=True)
            valid = sum(1 for c in json.loads(loaded.stdout or "[]")
                        if c["id"].startswith("gen-")) if loaded.returncode == 0 else 0
            if valid != size:
                notes.append(f"only {valid} of the {size} generated profiles are valid")
            for mode in modes:
                scale[mode].append(Result(
                    f"compare --all, {size} generated",
                    [*npmcheck, "compare", "--all", "--format", "json", *data_args,
                     "--data", str(folder)], mode))
        for mode in modes:
            # fewer rounds for the large sets: each run takes seconds when the cache is cold
            measure(scale[mode], max(3, args.runs // 3), env, ROOT)
            groups.append((f"compare/{mode}", scale[mode]))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    by_name = dict(groups)
    targets: list[dict[str, Any]] = []
    startup_runs = {(r.role, r.mode): r for r in by_name.get("startup", []) if not r.error}
    reference = startup_runs.get(("reference", "warm"))
    if reference is not None:
        for key, name, limit, judged in (
                (("assess", "warm"), "assess / import typer,yaml <= 1.2", 1.2, True),
                (("country", "warm"), "complete country / import typer,yaml <= 1.0", 1.0, True),
                (("criterion", "warm"), "complete criterion / import typer,yaml <= 1.0", 1.0,
                 False),
                (("assess", "cold"), "assess cold / import typer,yaml <= 2", 2.0, True)):
            if key in startup_runs:
                run = startup_runs[key]
                targets.append({"target": name, "mode": key[1], "judged": judged,
                                "value": round(run.median / reference.median, 2),
                                "limit": limit,
                                # fastest against fastest: the least disturbed runs, shown
                                # beside the judged ratio of medians on a busy machine
                                "min_ratio": round(min(run.seconds) / min(reference.seconds),
                                                   2)})
    for mode in modes:
        validate = by_name.get(f"validate/{mode}")
        if validate and len(validate) == 2 and not any(r.error for r in validate):
            ratio = validate[1].median / validate[0].median
            targets.append({"target": "validate / check-jsonschema <= 0.5", "mode": mode,
                            "judged": mode == "warm",
                            "value": round(ratio, 2), "limit": 0.5})
        compare = {int(re.findall(r"\d+", r.label)[0]): r
                   for r in by_name.get(f"compare/{mode}", []) if not r.error}
        if 1000 in compare:
            targets.append({"target": "compare 1,000 profiles <= 3 s", "mode": mode,
                            "judged": mode == "warm",
                            "value": round(compare[1000].median, 2), "limit": 3.0})
        if 1000 in compare and 100 in compare:
            ratio = compare[1000].median / compare[100].median
            targets.append({"target": "t(1000) / t(100) <= 12", "mode": mode,
                            "judged": mode == "warm",
                            "value": round(ratio, 2), "limit": 12.0})
    for t in targets:
        t["verdict"] = verdict(t["value"], t["limit"])

    if args.json:
        print(json.dumps({"machine": machine(), "runs": args.runs, "notes": notes,
                          "results": [r.to_dict() for _, rs in groups for r in rs],
                          "targets": targets}, indent=2, ensure_ascii=False))
        return 0 if all(t["verdict"] == "PASS" for t in targets if t["judged"]) else 1

    info = machine()
    print(f"npmcheck benchmark, {info['date']}: {info['nproc']} x {info['cpu']}, "
          f"{info['ram']} RAM, Python {info['python']}; median of {args.runs} runs "
          f"({max(3, args.runs // 3)} for compare), fresh process each")
    print("warm = validation cache filled (normal use); cold = NPMCHECK_NO_CACHE=1\n")
    rows = [["command", "cache", "median", "min", "peak RSS", "vs first"]]
    for _, results in groups:
        if not results:
            continue
        first = results[0].median
        for r in results:
            if r.error:
                rows.append([r.label, r.mode, "error", "", "", r.error[:60]])
                continue
            rows.append([r.label, r.mode, f"{r.median * 1000:.0f} ms",
                         f"{min(r.seconds) * 1000:.0f} ms", f"{r.rss_mib:.0f} MiB",
                         f"{r.median / first:.2f}x"])
    print(table(rows))
    print()
    rows = [["target", "cache", "value", "min/min", "verdict"]]
    for t in targets:
        verdict_shown = t["verdict"] if t["judged"] else f"({t['verdict']}, info)"
        rows.append([t["target"], t["mode"], f"{t['value']}", f"{t.get('min_ratio', '')}",
                     verdict_shown])
    print(table(rows))
    for note in notes:
        print(f"note: {note}")
    return 0 if all(t["verdict"] == "PASS" for t in targets if t["judged"]) else 1


if __name__ == "__main__":
    sys.exit(main())
