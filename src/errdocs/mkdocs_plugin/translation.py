"""Build the site in another language (its own MkDocs config) in a process of its own, beside this build.

A process of its own because MkDocs keeps one instance of each plugin that has on_startup per process, so a
second config loaded here would share this very plugin (and Material's search) with this build. It starts
with this build (on_config) and runs while this build reads the catalog and renders its own pages; this build
waits for it at the end (on_post_build), so the two languages take the time of the longer one on two cores.
A plain `mkdocs build` of each language, run side by side, is what bench/build_speed.py compares with. A
one-off build forks this process where that is safe (`forkable`), so the translation starts with everything
this process has imported instead of spending half a second of a new interpreter's on it, and clears MkDocs'
plugin cache to get its own plugins; elsewhere it runs `mkdocs build` in a new interpreter. It builds into a
hidden folder of the site (`.zh-building`), which MkDocs does not empty when this build starts (it leaves
hidden files alone), and which becomes `zh/` once both are done; a dirty build (`mkdocs serve --dirty`)
empties nothing, so there it builds `zh/` in place, as its next build expects to find it.

While serving, the process is a worker that lives as long as the session (`python -m
errdocs.mkdocs_plugin.translation CONFIG SITE_DIR`, one build per line on its stdin, one JSON line of outcome
on its stdout), so that its dirty builds remember the previous one (incremental.py) and an edit rebuilds
only the pages it changed in this language too.

The paste search's index is the same file in every language (render.PASTE_INDEX), so the translation's process
does not compute it: the build that started it writes its own copy into the translation's site once that is
built (`finish`). The build waits for both processes, and the translation's took as long as this one's or
longer (Material's search cuts its Chinese with jieba), so the index is computed once, where it costs least
(bench/RESULTS.md). Its environment says so (SHARED_PASTE_INDEX), with what the index it will get was made
from, which must be its own catalog and URLs.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from mkdocs.exceptions import PluginError

# Set in a translation's environment: the building site writes the paste index into it. Its value (a JSON
# object: `shared_index`) says what that index was made from, which the translation checks is its own too.
SHARED_PASTE_INDEX = "ERRDOCS_SHARED_PASTE_INDEX"


def shared_index(catalog_dir: Path, use_directory_urls: bool) -> dict[str, str]:
    """What a paste index is made from: the catalog directory and how pages are addressed."""
    return {"catalog": str(catalog_dir), "urls": "directory URLs" if use_directory_urls else "file URLs"}


class Translation:
    """One language's site, built into `site_dir` by a separate process: once, or on request while serving."""

    def __init__(self, name: str, config_file: Path, site_dir: Path, *, strict: bool, serving: bool,
                 dirty: bool, index: dict[str, str]) -> None:
        self.name, self.config_file, self.site_dir = name, config_file, site_dir
        self.strict, self.serving, self.dirty, self.index = strict, serving, dirty, index
        self.process: subprocess.Popen | _Forked | None = None
        self.pending = False
        self.build_dir = site_dir if dirty else site_dir.with_name(f".{site_dir.name}-building")

    def start(self) -> None:
        """Start a build, which runs while the caller does its own work."""
        self.pending = True
        environment = {**os.environ, SHARED_PASTE_INDEX: json.dumps(self.index)}
        if not self.serving:
            shutil.rmtree(self.build_dir, ignore_errors=True)  # what a killed build left
            if forkable():
                self.process = _Forked.start(self.config_file, self.build_dir, self.strict, environment)
                return
            command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(self.config_file),
                       "--site-dir", str(self.build_dir)] + (["--strict"] if self.strict else [])
            self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                            env=environment)
            return
        if self.process is None or self.process.poll() is not None:
            command = [sys.executable, "-m", __name__, str(self.config_file), str(self.build_dir)]
            self.process = subprocess.Popen(command + (["--dirty"] if self.dirty else []), stdin=subprocess.PIPE,
                                            stdout=subprocess.PIPE, text=True, env=environment)
        assert self.process.stdin is not None
        self.process.stdin.write("build\n")
        self.process.stdin.flush()

    def finish(self, shared: dict[str, str]) -> list[str]:
        """Wait for the build started last and write `shared` (the paste index, by its path) into its site;
        returns its warnings, raises PluginError if it failed."""
        process = self.process
        if process is None or not self.pending:
            return []
        self.pending = False
        if isinstance(process, _Forked):
            self.process = None
            ok, lines = process.outcome()
        elif not self.serving:
            self.process = None
            _, stderr = process.communicate()
            ok, lines = process.returncode == 0, stderr.strip().splitlines()
        else:
            assert process.stdout is not None
            answer = process.stdout.readline()
            if not answer:
                self.process = None
                raise PluginError(f"the {self.name} site ({self.config_file.name}) stopped building "
                                  f"(exit status {process.wait()})")
            outcome = json.loads(answer)
            ok, lines = outcome["ok"], outcome["log"]
        if not ok:
            raise PluginError(f"the {self.name} site ({self.config_file.name}) did not build:\n" + "\n".join(lines))
        for path, text in shared.items():
            target = self.build_dir / path
            # A dirty build's site is kept: its copy is written again only when the index changed.
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
        if self.build_dir != self.site_dir:
            shutil.rmtree(self.site_dir, ignore_errors=True)
            os.replace(self.build_dir, self.site_dir)
        return lines

    def stop(self) -> None:
        """End the build or the worker, if any."""
        process, self.process, self.pending = self.process, None, False
        if process is not None and process.poll() is None:
            if self.serving and process.stdin is not None:
                process.stdin.close()  # the worker shuts its plugins down and exits
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    pass
            if process.poll() is None:
                process.kill()
                process.wait()
        if self.build_dir != self.site_dir:
            shutil.rmtree(self.build_dir, ignore_errors=True)


def forkable() -> bool:
    """Whether a one-off build may fork this process rather than start a new interpreter: on Linux (where a
    forked child may go on running Python as it is), and with no other thread, which could hold a lock at the
    moment of the fork and leave it held in the child for good."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


class _Forked:
    """A one-off build in a child of this process. The child starts with what this process has imported
    (MkDocs, Material, the plugins, this package's modules), which a new interpreter spends about half a
    second on before its build begins (bench/RESULTS.md); the build runs as `mkdocs build --quiet` would run
    it, and its outcome comes back through a pipe as one JSON object. It has poll, kill and wait, as a
    subprocess.Popen has, for Translation.stop."""

    def __init__(self, pid: int, outcome: int) -> None:
        self.pid, self.returncode = pid, None
        self.outcome_fd: int | None = outcome  # None once read or closed

    @classmethod
    def start(cls, config_file: Path, site_dir: Path, strict: bool, environment: dict[str, str]) -> _Forked:
        read, write = os.pipe()
        sys.stdout.flush()  # what this process has written but not yet flushed would be written twice
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            os.close(read)
            _forked_build(str(config_file), str(site_dir), strict, environment, write)
        os.close(write)
        return cls(pid, read)

    def outcome(self) -> tuple[bool, list[str]]:
        """Wait for the build; whether it built, and its warnings and errors."""
        assert self.outcome_fd is not None, "an outcome is read once"
        fd, self.outcome_fd = self.outcome_fd, None
        with os.fdopen(fd, encoding="utf-8") as pipe:
            answer = pipe.read()
        status = self.wait()
        if not answer:
            return False, [f"the build stopped (exit status {status})"]
        outcome = json.loads(answer)
        return outcome["ok"], outcome["log"]

    def poll(self) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def kill(self) -> None:
        if self.poll() is None:
            os.kill(self.pid, signal.SIGKILL)
        if self.outcome_fd is not None:
            os.close(self.outcome_fd)
            self.outcome_fd = None

    def wait(self) -> int:
        if self.returncode is None:
            self.returncode = os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])
        return self.returncode


def _forked_build(config_file: str, site_dir: str, strict: bool, environment: dict[str, str],
                  outcome: int) -> NoReturn:
    """The forked child: one build of `config_file`, its outcome written to `outcome`; it never returns into
    the parent's build."""
    status = os.EX_SOFTWARE
    try:
        from mkdocs.commands.build import build
        from mkdocs.config import config_options, load_config
        from mkdocs.config.defaults import MkDocsConfig

        os.environ.clear()
        os.environ.update(environment)
        # MkDocs keeps one instance of each plugin with on_startup per process (its Plugins option's cache), and
        # this process's are the parent's, in the middle of its build: the translation gets its own.
        for _, option in MkDocsConfig._schema:
            if isinstance(option, config_options.Plugins):
                option.plugin_cache = {}

        def one_off() -> None:
            config = load_config(config_file, site_dir=site_dir, strict=True if strict else None)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()

        # As `mkdocs build --quiet`, the way a one-off translation has always been built: MkDocs' logger at ERROR,
        # so that warnings are dropped before strict mode counts them (the serve worker shows them).
        answer = _collected(_quiet_loggers(logging.ERROR), one_off)
        with os.fdopen(outcome, "w", encoding="utf-8") as pipe:
            json.dump(answer, pipe)
        status = 0
    finally:
        os._exit(status)


class _Collected(logging.Handler):
    """The warnings and errors of one build, as `mkdocs build --quiet` would print them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname:<8}-  {record.getMessage()}")


def _quiet_loggers(mkdocs_level: int = logging.INFO) -> list[logging.Logger]:
    """MkDocs' loggers (from `mkdocs_level` up) and those of serve_errors.py, which print nothing here: what
    matters of a build is collected and sent to the building process, which logs it (the serving process
    reports the same catalog's problems itself)."""
    mkdocs, serve = logging.getLogger("mkdocs"), logging.getLogger("errdocs.serve")
    for logger, level in ((mkdocs, mkdocs_level), (serve, logging.INFO)):
        logger.handlers.clear()  # a forked child has its parent's, which print to the parent's terminal
        logger.setLevel(level)
        logger.propagate = False
    return [mkdocs, serve]


def _collected(loggers: list[logging.Logger], build: Callable[[], None]) -> dict:
    """Run one build; whether it built, and the lines it logged at warning level and above."""
    collected = _Collected()
    for logger in loggers:
        logger.addHandler(collected)
    try:
        build()
        ok = True
    except Exception as error:  # noqa: BLE001 - reported to the building process, which shows it
        ok = False
        collected.lines.append(f"{type(error).__name__}: {error}")
    finally:
        for logger in loggers:
            logger.removeHandler(collected)
    return {"ok": ok, "log": collected.lines}


def work(config_file: str, site_dir: str, dirty: bool) -> None:
    """The worker: build on every line of stdin, as `mkdocs serve` builds, until stdin closes."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    loggers = _quiet_loggers()
    config = load_config(config_file, site_dir=site_dir)
    config.plugins.on_startup(command="serve", dirty=dirty)
    try:
        for _ in sys.stdin:
            answer = _collected(loggers, lambda: build(load_config(config_file, site_dir=site_dir), dirty=dirty))
            print(json.dumps(answer), flush=True)
    finally:
        config.plugins.on_shutdown()


if __name__ == "__main__":
    work(sys.argv[1], sys.argv[2], "--dirty" in sys.argv[3:])
