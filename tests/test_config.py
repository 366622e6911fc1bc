"""site.yaml is validated by a schema: every bad key named with its line and what was expected."""
import time

import pytest

from generator.config import ConfigErrors, load_config
from generator.yamlload import MAX_YAML_CHARS, MAX_YAML_DEPTH, load_yaml

from .conftest import run_dossier


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # messages name files relative to where the command runs


def write(tmp_path, text):
    path = tmp_path / "site.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def messages(path, **kwargs):
    with pytest.raises(ConfigErrors) as caught:
        load_config(path, **kwargs)
    return [str(p) for p in caught.value.problems]


def test_defaults_when_site_yaml_is_empty(tmp_path):
    config = load_config(write(tmp_path, ""))
    assert (config.title, config.language, config.timezone, config.base_path) == ("Dossier", "en", "UTC", "/")


def test_every_bad_key_is_reported_by_name_and_line(tmp_path):
    path = write(
        tmp_path,
        "title: Ok\nlanguage: 12 three\ntimezone: Mars/Olympus\nbase_path: repo\n"
        "sources:\n  herald:\n    url: ftp://x\n    clean:\n      keep: ['(unclosed']\n",
    )
    found = messages(path)
    assert any(m.startswith("site.yaml:2: language: expected a language tag") for m in found), found
    assert any(m.startswith("site.yaml:3: timezone: expected a time zone name") for m in found), found
    assert any(m.startswith("site.yaml:4: base_path: expected a path that starts and ends with '/'") for m in found)
    assert any(m.startswith("site.yaml:7: sources.herald.url: expected an http:// or https:// address") for m in found)
    assert any(m.startswith("site.yaml:9: sources.herald.clean.keep[0]: not a valid regular expression") for m in found)
    assert len(found) == 5


def test_unknown_keys_are_warnings_with_a_suggestion_and_errors_when_strict(tmp_path):
    path = write(tmp_path, "title: Ok\ntitel: typo\n")
    config = load_config(path)
    assert [str(w) for w in config.warnings] == ["site.yaml:2: titel: unknown key 'titel' is ignored; did you mean 'title'?"]
    assert messages(path, strict=True) == [
        "site.yaml:2: titel: unknown key 'titel' is ignored; did you mean 'title'? (an error under --strict)"
    ]


def test_yaml_1_1_booleans_stay_text(tmp_path):
    config = load_config(write(tmp_path, "title: NO\ndescription: yes\n"))
    assert config.title == "NO"
    assert config.description == "yes"


def test_syntax_error_names_the_line(tmp_path):
    assert messages(write(tmp_path, "title: Ok\nsources: [a, b\n")) [0].startswith("site.yaml:")


def test_alias_bomb_is_refused_quickly(tmp_path):
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        name = chr(ord("a") + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    found = messages(write(tmp_path, "\n".join(lines) + "\n"))
    assert found == ["site.yaml:2: YAML aliases (*name) are not allowed; write the value out in full; fix the YAML syntax"]


def test_deep_nesting_is_refused_quickly_with_the_line_where_it_goes_too_deep(tmp_path):
    started = time.monotonic()
    cases = {
        "title: Deep\nsources: " + "[" * 200_000 + "]" * 200_000 + "\n": "site.yaml:2:",  # valid YAML, just deep
        "[" * 200_000: "site.yaml:1:",  # never closed
        "title: Deep\n" + "".join(" " * i + f"k{i}:\n" for i in range(300)): "site.yaml:101:",  # by indentation
    }
    for text, where in cases.items():
        assert messages(write(tmp_path, text)) == [
            f"{where} too deeply nested: more than {MAX_YAML_DEPTH} levels of lists and mappings; "
            "remove the extra brackets or indentation"
        ]
    assert time.monotonic() - started < 10
    nested = load_yaml("a: " + "[" * (MAX_YAML_DEPTH - 1) + "]" * (MAX_YAML_DEPTH - 1))  # within the cap: read
    for _ in range(MAX_YAML_DEPTH - 1):
        nested = nested["a"] if isinstance(nested, dict) else nested[0]
    assert nested == []


def test_a_site_yaml_over_the_size_cap_is_refused_without_reading_all_of_it(tmp_path):
    over = "title: Big\n#" + "x" * MAX_YAML_CHARS + "\n"
    assert messages(write(tmp_path, over)) == [
        f"site.yaml: too large: {len(over):,} characters of YAML, more than the {MAX_YAML_CHARS:,} allowed; "
        f"keep it under {MAX_YAML_CHARS:,} characters"
    ]
    huge = tmp_path / "site.yaml"
    with open(huge, "wb") as f:  # 2 GB as the file system sees it, mostly a hole
        f.write(b"title: Huge\n#")
        f.truncate(2 << 30)
    started = time.monotonic()
    assert messages(huge) == [
        f"site.yaml: too large: more than the {MAX_YAML_CHARS:,} characters allowed; keep it under {MAX_YAML_CHARS:,} characters"
    ]
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("text, where", [
    ("title: Deep\nsources: " + "[" * 200_000 + "]" * 200_000 + "\n", "site.yaml:2: too deeply nested"),
    ("title: Big\n#" + "x" * (MAX_YAML_CHARS + 1) + "\n", "site.yaml: too large"),
], ids=["200000-deep", "over-the-size-cap"])
def test_resource_exhausting_site_yaml_stops_the_build_with_exit_2_and_keeps_the_old_site(project, text, where):
    assert run_dossier("build", cwd=project).returncode == 0
    before = (project / "build/index.html").read_bytes()
    (project / "site.yaml").write_text(text, encoding="utf-8")
    result = run_dossier("build", cwd=project)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(where) and "Traceback" not in result.stderr
    assert (project / "build/index.html").read_bytes() == before


def test_url_gives_the_base_path_and_cli_base_path_wins(tmp_path):
    path = write(tmp_path, "url: https://someone.github.io/my-dossier\n")
    assert load_config(path).base_path == "/my-dossier/"
    assert load_config(path, base_path="/other/").base_path == "/other/"


def test_bad_config_stops_the_build_with_exit_2_and_keeps_the_old_site(project):
    assert run_dossier("build", cwd=project).returncode == 0
    before = (project / "build/index.html").read_bytes()
    (project / "site.yaml").write_text("title: [broken\n")
    result = run_dossier("build", cwd=project)
    assert result.returncode == 2
    assert result.stderr.startswith("site.yaml:")
    assert (project / "build/index.html").read_bytes() == before
