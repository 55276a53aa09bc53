"""Runs every benchmarks/bench_*.py in turn (make bench)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

here = Path(__file__).parent
rc = 0
for f in sorted(here.glob("bench_*.py")):
    print(f"== {f.name}", flush=True)
    rc |= subprocess.call([sys.executable, str(f)], cwd=here.parent)
sys.exit(rc)
