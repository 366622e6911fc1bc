"""`make bench`: every benchmark, one after the other; each prints its table and writes bench/results-*.md."""
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = ["clean.py", "dates.py", "topics.py", "stories.py", "scale.py"]


def main() -> int:
    failed = []
    for name in BENCHES:
        script = HERE / name
        if not script.exists():
            print(f"bench: {name} is not written yet, skipped", flush=True)
            continue
        print(f"\n=== bench/{name}", flush=True)
        if subprocess.run([sys.executable, str(script), *sys.argv[1:]], cwd=HERE.parent).returncode != 0:
            failed.append(name)
    if failed:
        print("bench: failed: " + ", ".join(failed), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
