"""Driving a JupyterLab page with Playwright: the menus, waiting for a run to
finish, and the errors a notebook shows. Shared by the live-Lab test and the
JupyterHub test (every wait is bounded)."""

from __future__ import annotations

import re

PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
ERROR_TEXT = re.compile(r"Traceback|\b\w+Error\b")


def menu(page, top: str, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{top}$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(item)}")).first.click()


def wait_until_run(page, timeout: float = 90) -> None:
    """Every code cell of the open notebook has run and the kernel is idle."""
    page.wait_for_function(
        """panel => {
            const p = document.querySelector(panel);
            if (!p) return false;
            const prompts = [...p.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')].map(e => e.textContent);
            return prompts.length > 0 && prompts.every(t => /\\[\\d+\\]/.test(t))
                && p.querySelector(".jp-Notebook-ExecutionIndicator[data-status='idle']") !== null;
        }""", arg=PANEL, timeout=timeout * 1000, polling=250)


def run_all(page) -> None:
    """Clear the saved outputs (and execution counts, so we can tell when the
    run is over), show the inputs' prompts, then Run > Run All Cells."""
    menu(page, "Edit", "Clear Outputs of All Cells")
    menu(page, "View", "Expand All Code")
    menu(page, "Run", "Run All Cells")
    wait_until_run(page)


def errors_shown(page) -> list[str]:
    texts = page.locator(f"{PANEL} .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'], "
                         f"{PANEL} .jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr']").all_inner_texts()
    return [t[:500] for t in texts if ERROR_TEXT.search(t)]
