"""How long a student waits: cold `import kit`, then the first load of the seed.

Each measurement runs in a fresh interpreter (nothing cached in memory), and
the script prints the median and range over several runs.

    .venv/bin/python benchmarks/import_time.py [--runs 15]
"""

import argparse
import json
import statistics
import subprocess
import sys

PROBE = """
import json, time
t0 = time.perf_counter()
import kit
t1 = time.perf_counter()
doc = kit.load("yomiuri-2024-04-06")
tables = (doc.paragraphs, doc.sentences, doc.tokens)
t2 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "first_load": t2 - t1}))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    results = [
        json.loads(subprocess.run([sys.executable, "-c", PROBE], capture_output=True,
                                  text=True, check=True).stdout)
        for _ in range(runs)
    ]  # fmt: skip
    for key, label in [("import", "import kit"), ("first_load", "first load + tables")]:
        times = [r[key] * 1000 for r in results]
        print(
            f"{label:22} median {statistics.median(times):7.1f} ms"
            f"   (min {min(times):.1f}, max {max(times):.1f}, {runs} fresh interpreters)"
        )


if __name__ == "__main__":
    main()
