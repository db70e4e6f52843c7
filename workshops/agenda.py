"""The agenda templates a new workshop starts from, with facilitator notes in our own words."""

from dataclasses import dataclass


@dataclass(frozen=True)
class SegmentPlan:
    kind: str
    title: str
    minutes: int
    notes: str


# What the facilitator reads out at the start, so nobody fears the model will be used to judge them.
SAFETY_FRAMING = (
    "Nothing said here will be used to rate anyone's performance; the North Star is about how our product "
    "helps customers and the business, not about who works hardest. Every objection is welcome, half-formed "
    "ideas included, and I will point out my own mistakes as we go."
)

OPENING = (
    "Say why we are here: to agree on one measure of the value our product creates, and the few "
    "things we can do to move it. Ask: When did our work last feel clearly worth it? Could each of us "
    "state our product strategy in one sentence? How does what we ship today show up in next year's "
    "results? Remind everyone this is not about judging people: the team owns the model and improves it."
    "\n\nRead out before you begin: " + SAFETY_FRAMING
)
GAME = (
    "Introduce the three games: attention (time customers choose to spend with us), transaction "
    "(exchanges customers complete through us) and productivity (work customers get done, faster and "
    "better). Ask everyone to pick one alone, then reveal the spread and talk about the differences. "
    "Push for a single game, tied to the moment the customer gets value."
)
GOOD_BAD = (
    "Walk through the seven checklist criteria and ask how each applies to our product. Then ask for "
    "deliberately terrible North Stars for our own company: they are fun, and they mark out what we "
    "do not want. Point at the vanity metrics that feel good but predict little."
)
STRUCTURE = (
    "Explain the shape: one metric, and three to five inputs the team can act on that together "
    "produce it. Think of it as a formula, even if it is not a precise one. Show breadth, depth, "
    "frequency and efficiency as a pattern for finding inputs, using the worked example."
)
WARM_UP = (
    "Practise on a product everyone knows before tackling our own. Split into small groups; each "
    "group picks the game, names a North Star Metric, breaks it into inputs and says what business "
    "results it should lead to. Show the completed example if a group is stuck; compare the worksheets at the end."
)
BRAINSTORM = (
    "Silence for a few minutes: everyone drafts their own candidates alone, using the fill-in-the-blank "
    "statement and the checklist. Quantity first; no discussion yet. Drafts stay private until shared."
)
PAIR_SHARE = (
    "Pair people up. Each explains their candidates; together they sharpen them and agree on the one "
    "or two they want to bring to the group."
)
EVALUATE = (
    "Each pair presents. Score the candidates against the checklist, look at where people disagree "
    "most, and talk about that before voting. The conversation matters more than the numbers."
)
CONVERGE = (
    "Agree what you can: the game, the strongest candidate and its inputs, what you can rule out, and "
    "what you still need to learn before finalising. Record open questions and who will follow up."
)

VALUE_EXCHANGE = (
    "When the room cannot agree, go back to the customer. List together the moments on their journey "
    "where they give something (time, money, effort, data) and get something back. Then everyone rates "
    "how much value each exchange carries, alone. The few that rate highest are where a North Star "
    "should look: they come back as prompts in the next brainstorm."
)

CORE_VALUE = (
    "Ask the group to finish one sentence together: customers get ___ when ___. Keep it to the single "
    "exchange the product exists for. Then run the quick anonymous poll: if this disappeared tomorrow, "
    "how would customers feel? Reveal the answers and ask what the spread says about the sentence."
)

BELIEFS = (
    "When people disagree about the metric, they often disagree about the world underneath it. Ask everyone "
    "to complete the belief templates alone and in silence; nobody sees anyone else's until you reveal them. "
    "Then read each template's beliefs together: where do we believe different things, and which belief "
    "would we most like to test?"
)

VISION = (
    "A North Star should serve the product's vision. Fill in the template together, or review the one you "
    "have: for whom, what they need, what the product is and does, what it is unlike, and how we are "
    "different. Keep it short enough to say aloud; it stays with the workshop and comes back in converge."
)

# Activities the facilitator adds while the workshop runs (the stuck button among them).
ACTIVITY_PLANS: dict[str, SegmentPlan] = {
    "value-exchange": SegmentPlan("value-exchange", "Key value exchanges", 15, VALUE_EXCHANGE),
    "brainstorm": SegmentPlan("brainstorm", "Silent brainstorm", 10, BRAINSTORM),
    "beliefs": SegmentPlan("beliefs", "Beliefs", 15, BELIEFS),
    "vision": SegmentPlan("vision", "Product vision", 15, VISION),
    "core-value": SegmentPlan("core-value", "Core value exchange", 10, CORE_VALUE),
    "game": SegmentPlan("game", "Identify the game", 10, GAME),
}

AGENDA_TEMPLATES: dict[str, tuple[str, list[SegmentPlan]]] = {
    "120": (
        "120 minutes: the full workshop",
        [
            SegmentPlan("opening", "Opening discussion", 15, OPENING),
            SegmentPlan("game", "Identify the game", 15, GAME),
            SegmentPlan("good-bad", "Good and bad North Stars", 15, GOOD_BAD),
            SegmentPlan("structure", "The structure: metric and inputs", 15, STRUCTURE),
            SegmentPlan("warm-up", "Warm-up on another product", 15, WARM_UP),
            SegmentPlan("brainstorm", "Silent brainstorm", 10, BRAINSTORM),
            SegmentPlan("pair-share", "Pair and share", 10, PAIR_SHARE),
            SegmentPlan("evaluate", "Share and evaluate", 15, EVALUATE),
            SegmentPlan("converge", "Converge on our North Star", 10, CONVERGE),
        ],
    ),
    "60": (
        "60 minutes: the short version",
        [
            SegmentPlan("opening", "Opening discussion", 5, OPENING),
            SegmentPlan("game", "Identify the game", 5, GAME),
            SegmentPlan("good-bad", "Good and bad North Stars", 5, GOOD_BAD),
            SegmentPlan("structure", "The structure: metric and inputs", 5, STRUCTURE),
            SegmentPlan("warm-up", "Warm-up on another product", 10, WARM_UP),
            SegmentPlan("brainstorm", "Silent brainstorm", 7, BRAINSTORM),
            SegmentPlan("pair-share", "Pair and share", 8, PAIR_SHARE),
            SegmentPlan("evaluate", "Share and evaluate", 10, EVALUATE),
            SegmentPlan("converge", "Converge on our North Star", 5, CONVERGE),
        ],
    ),
    "empty": ("Empty agenda: I will build my own", []),
}

# Who to invite: a group small enough to talk, broad enough to cover the product and the business.
GROUP_SIZE = (5, 9)

AGENDA_CHOICES = [(key, label) for key, (label, _) in AGENDA_TEMPLATES.items()]
