"""The brink command as a user meets it: one clear line and exit 2 for bad input, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from brink import cli

from conftest import ROOT


def brink(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "brink.cli", *args], input=stdin, capture_output=True, cwd=ROOT,
                          timeout=300)


def _one_error_line(result: subprocess.CompletedProcess) -> str:
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1, result.stderr.decode()
    assert "Traceback" not in lines[0]
    return lines[0]


@pytest.fixture
def bad_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"   \n\n  ")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (tmp_path / "latin1.txt").write_bytes("Le café de la paix à Genève".encode("latin-1"))
    (tmp_path / "folder").mkdir()
    return tmp_path


@pytest.mark.parametrize("name,message", [
    ("missing.txt", "no such file"),
    ("folder", "is a directory"),
    ("empty.txt", "empty input"),
    ("blank.txt", "empty input"),
    ("image.txt", "binary input"),
    ("latin1.txt", "not valid utf-8"),
])
def test_analyze_bad_input_prints_one_line_and_exits_2(bad_files, name, message):
    result = brink("analyze", str(bad_files / name))
    assert result.returncode == 2
    line = _one_error_line(result)
    assert name in line and message in line


def test_analyze_bad_date_exits_2(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("The council met on Tuesday.", encoding="utf-8")
    result = brink("analyze", str(story), "--published", "last Tuesday")
    assert result.returncode == 2
    assert "bad date 'last Tuesday'" in _one_error_line(result)


def test_analyze_reads_stdin_and_prints_the_article_json():
    result = brink("analyze", "-", "--json", "--published", "2024-03-05 10:00:00Z", stdin="Talks resumed in Geneva.".encode())
    assert result.returncode == 0, result.stderr.decode()
    article = json.loads(result.stdout)
    assert article["text"] == "Talks resumed in Geneva." and article["published"] == "2024-03-05"


def test_terminal_view_fits_80_columns():
    result = subprocess.run([sys.executable, "-m", "brink.cli", "analyze", "examples/seed.txt", "--published", "2022-01-07"],
                            capture_output=True, cwd=ROOT, timeout=300, env={"COLUMNS": "80", "PATH": ""})
    assert result.returncode == 0, result.stderr.decode()
    lines = result.stdout.decode().splitlines()
    assert "Quotes" in result.stdout.decode() and "Events" in result.stdout.decode()
    assert max(len(line) for line in lines) <= 80


def test_extract_skips_bad_lines_names_them_and_exits_1(tmp_path):
    source = tmp_path / "docs.jsonl"
    source.write_text("\n".join([
        json.dumps({"id": "a", "text": "The council met on Tuesday.", "published": "2024-01-02", "extra": 1}),
        '{"id": "b", "text": ',
        json.dumps({"id": "c", "text": ""}),
        json.dumps({"id": "d", "text": "Ministers held talks in Geneva."}),
        json.dumps({"id": "e", "text": "Dated badly.", "published": "someday"}),
    ]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = brink("extract", str(source), "-o", str(out), "--workers", "1")
    assert result.returncode == 1
    stderr = result.stderr.decode()
    assert f"{source}:2: malformed JSON" in stderr
    assert f"{source}:3: empty text" in stderr
    assert f"{source}:5: bad date 'someday'" in stderr
    assert "Traceback" not in stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["a", "d", "e"]  # a bad date costs the date, not the article
    assert records[0]["published"] == "2024-01-02" and records[2]["published"] is None


def test_extract_reads_a_folder_of_text_files_with_two_workers(tmp_path):
    for name, body in [("one", "Talks resumed in Geneva."), ("two", "The council voted on Monday."), ("three", "Rain.")]:
        (tmp_path / f"{name}.txt").write_text(body, encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(b"\xff\xfe\x00\x00binary")
    out = tmp_path / "articles.jsonl"
    result = brink("extract", str(tmp_path), "-o", str(out), "--workers", "2")
    assert result.returncode == 1
    assert "broken.txt: binary input" in result.stderr.decode()
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert ids == ["one", "three", "two"]


def test_extract_missing_input_exits_2(tmp_path):
    result = brink("extract", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "o.jsonl"))
    assert result.returncode == 2
    assert "nope.jsonl: no such file or directory" in _one_error_line(result)
    assert not (tmp_path / "o.jsonl").exists()


def test_internal_error_exits_1_with_a_debug_hint(monkeypatch, capsys, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Talks resumed in Geneva.", encoding="utf-8")

    def broken(*args, **kwargs):
        raise RuntimeError("stage exploded")

    monkeypatch.setattr(cli.pipeline, "analyze", broken)
    monkeypatch.setattr(sys, "argv", ["brink", "analyze", str(story)])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 1
    stderr = capsys.readouterr().err
    assert "internal error" in stderr and "stage exploded" in stderr and "--debug" in stderr


def test_user_actor_dictionary_resolves_a_new_person(tmp_path):
    people = tmp_path / "people.tsv"
    people.write_text("Ana Vell\tVell\tPRT\t\tGOV\tForeign Minister\t2023-01-01\t\n", encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text("Vell met her counterparts in Lisbon on Monday.", encoding="utf-8")
    result = brink("--actors", str(people), "analyze", str(story), "--published", "2024-05-06", "--json")
    assert result.returncode == 0, result.stderr.decode()
    vell = next(a for a in json.loads(result.stdout)["actors"] if a["name"] == "Ana Vell")
    assert (vell["country"], vell["sector"], vell["role"]) == ("PRT", "GOV", "Foreign Minister")


def test_missing_actor_dictionary_exits_2(tmp_path):
    result = brink("--actors", str(tmp_path / "none.tsv"), "analyze", "examples/seed.txt")
    assert result.returncode == 2
    assert "none.tsv: no such dictionary file" in _one_error_line(result)


def test_user_trigger_file_codes_a_new_verb(tmp_path):
    triggers = tmp_path / "triggers.tsv"
    triggers.write_text("words\tpos\tobject\tprep\tprep_object\tcameo\tnote\n"
                        "shadow\tVERB\t-\t-\t-\t150\tshows of force at sea\n", encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text("The Russian navy shadowed the British tanker on Monday.", encoding="utf-8")
    plain = brink("analyze", str(story), "--json")
    assert not any(e["cameo"] == "150" for e in json.loads(plain.stdout)["events"])
    result = brink("--triggers", str(triggers), "analyze", str(story), "--json")
    assert result.returncode == 0, result.stderr.decode()
    assert [e["trigger"]["text"] for e in json.loads(result.stdout)["events"] if e["cameo"] == "150"] == ["shadowed"]


def test_bad_trigger_file_names_the_line_and_exits_2(tmp_path):
    triggers = tmp_path / "triggers.tsv"
    triggers.write_text("words\tpos\tobject\tprep\tprep_object\tcameo\tnote\nshadow\tVERB\t-\t-\t-\t999\tx\n",
                        encoding="utf-8")
    result = brink("--triggers", str(triggers), "analyze", "examples/seed.txt")
    assert result.returncode == 2
    assert "triggers.tsv:2: '999' is not a CAMEO code" in _one_error_line(result)


@pytest.mark.parametrize("args, message", [
    (("analyze", "examples/seed.txt", "--bogus"), "No such option: --bogus"),
    (("analyze",), "Missing argument 'path'"),
    (("eval", "events"), "Missing argument 'gold'"),
])
def test_bad_usage_exits_2_with_one_line(args, message):
    result = brink(*args)
    assert result.returncode == 2
    assert message in _one_error_line(result)
