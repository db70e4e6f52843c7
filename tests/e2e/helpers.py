"""Steps several browser tests take the same way."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from metrics.pairing import make_pairs
from workshops.models import Workshop


def start_a_candidate(page: Page, workshop: Workshop, button: str = "Start a candidate") -> None:
    """Click "Start a candidate" and wait until the page has drawn the new editor for the last time.

    The editor arrives twice: in the answer to the click, and in the notice that tells the
    person's other tabs (it carries the workshop's next version). Playwright types within
    milliseconds of the first; a field it fills while the second replaces the editor may be the
    old one, and its words go with it. A person takes longer than that to start typing, and a
    focused field is kept across live updates (static/js/fields.js).
    """
    before = Workshop.objects.values_list("version", flat=True).get(pk=workshop.pk)
    page.get_by_role("button", name=button).click()
    page.wait_for_function(
        "(seen) => { const v = document.getElementById('live-version'); return v && +v.dataset.version > seen; }",
        arg=before,
    )


def partners(joined, workshop: Workshop, *names: str) -> list[Page]:
    """Participants who joined and were paired, each page loaded again onto the pair's workspace."""
    pages = [joined(workshop, name) for name in names]
    make_pairs(workshop)
    for page in pages:
        page.reload()
        expect(page.get_by_role("status").filter(has_text="Live")).to_be_visible()
    return pages


# What a person cannot get past: a page may carry minor or moderate findings, never these.
BLOCKING_IMPACTS = ("serious", "critical")


def assert_accessible(page: Page) -> None:
    """axe-core finds no serious or critical accessibility problem on the page as it is now.

    Run once the page is live (its regions drawn), so what is checked is what a person uses.
    """
    violations = Axe().run(page).response["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    found = "\n".join(
        f"{v['impact']}: {v['id']} ({v['help']}) at {[node['target'] for node in v['nodes'][:5]]}" for v in blocking
    )
    assert not blocking, f"{page.url} has accessibility problems:\n{found}"
