"""A participant on a phone: their own task comes first, and every control is big enough for a finger."""

from django.utils import timezone
from playwright.sync_api import Page, ViewportSize, expect

from metrics.models import CandidateBoard
from metrics.pairing import make_pairs
from tests.e2e.helpers import assert_accessible
from tests.factories import candidate_with_inputs, workshop_at
from workshops.models import Participant

PHONE: ViewportSize = {"width": 390, "height": 844}
FINGER = 44  # CSS px, WCAG 2.5.5

# What a finger can tap in the page's main content, as a person would find it: visible controls.
TAP_TARGETS = """() => [...document.querySelectorAll(
    'main button, main input:not([type=hidden]), main select, main textarea, main summary, main a[href]'
  )].filter(el => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    // A link inside a sentence is exempt (WCAG's inline exception); so is what is not shown.
    const inline = el.tagName === 'A' && el.closest('p, li') && style.display === 'inline';
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && !inline;
  }).map(el => {
    const box = el.getBoundingClientRect();
    return {
      name: el.getAttribute('aria-label') || el.textContent.trim().slice(0, 40) || el.name || el.tagName,
      width: Math.round(box.width * 10) / 10, height: Math.round(box.height * 10) / 10,
    };
  })"""


def on_a_phone(page: Page) -> None:
    page.set_viewport_size(PHONE)
    page.reload()
    expect(page.get_by_role("status").filter(has_text="Live")).to_be_visible()


def test_on_a_phone_the_first_control_of_the_brainstorm_is_the_draft_editor(joined):
    workshop = workshop_at("brainstorm")
    grace = joined(workshop, "Grace")
    candidate_with_inputs(3, workshop=workshop, author=Participant.objects.get(display_name="Grace"))
    on_a_phone(grace)

    # A keyboard person skips the header, then takes the first step into the page.
    grace.keyboard.press("Tab")
    expect(grace.get_by_role("link", name="Skip to content")).to_be_focused()
    grace.keyboard.press("Enter")
    grace.keyboard.press("Tab")

    first = grace.get_by_role("textbox", name="I would be more confident our strategy is working if I saw more…")
    expect(first).to_be_focused()
    # The prompts are still there, after the editor.
    editor_top = first.bounding_box()["y"]
    prompts_top = grace.get_by_role("region", name="Activity").bounding_box()["y"]
    assert editor_top < prompts_top
    too_small = [t for t in grace.evaluate(TAP_TARGETS) if t["width"] < FINGER or t["height"] < FINGER]
    assert not too_small, f"too small for a finger: {too_small}"
    assert_accessible(grace)


def test_on_a_phone_every_rating_and_dot_control_is_big_enough_for_a_finger(joined):
    workshop = workshop_at("evaluate")
    grace = joined(workshop, "Grace")
    joined(workshop, "Linus")
    pairs = make_pairs(workshop)
    CandidateBoard.objects.create(workshop=workshop, revealed_at=timezone.now())
    for number in range(2):
        candidate_with_inputs(
            3,
            workshop=workshop,
            pair=pairs[0],
            metric_name=f"Weekly honoured bookings {number + 1}",
            shared_at=timezone.now(),
        )
    on_a_phone(grace)
    expect(grace.get_by_role("radio", name="Expresses value: Yes").first).to_be_visible()

    targets = grace.evaluate(TAP_TARGETS)
    assert any(target["name"] == "Expresses value: Yes" for target in targets), targets
    too_small = [t for t in targets if t["width"] < FINGER or t["height"] < FINGER]
    assert not too_small, f"too small for a finger: {too_small}"
    overflow = grace.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow == 0, f"the page is {overflow}px wider than the phone"
    assert_accessible(grace)


def test_on_a_phone_the_pick_buttons_come_before_the_long_game_cards(joined):
    workshop = workshop_at("game")
    grace = joined(workshop, "Grace")
    on_a_phone(grace)

    grace.keyboard.press("Tab")
    grace.keyboard.press("Enter")
    grace.keyboard.press("Tab")

    expect(grace.get_by_role("radio", name="Attention")).to_be_focused()
    pick_top = grace.get_by_role("radio", name="Attention").bounding_box()["y"]
    card_top = grace.get_by_role("article", name="Attention").bounding_box()["y"]
    assert pick_top < card_top
    # Each game is described once: the cards after the picks, not a second time.
    expect(grace.get_by_role("article", name="Attention")).to_have_count(1)
    too_small = [t for t in grace.evaluate(TAP_TARGETS) if t["width"] < FINGER or t["height"] < FINGER]
    assert not too_small, f"too small for a finger: {too_small}"
