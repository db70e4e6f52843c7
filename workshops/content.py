"""What the segments show on screen: prompts, the three games, the worked example. Our own words."""

from dataclasses import dataclass

from workshops.checklist import CHECKLIST, HEURISTICS, VANITY_EXAMPLES

OPENING_QUESTIONS = [
    "What would it take for each of us to feel the impact of our work more clearly?",
    "Can we state our product strategy in a sentence? If not, what gets in the way?",
    "What does being led by the product mean for us in practice?",
    "How does what we build this quarter show up in the results of next year?",
]


@dataclass(frozen=True)
class Game:
    key: str
    name: str
    question: str
    statements: list[str]
    similar_products: list[str]
    example_metric: str
    example_definition: str


GAMES = [
    Game(
        "attention",
        "Attention",
        "How much of their time do customers choose to give us?",
        [
            "We do better when customers spend more time with us.",
            "We compete for people's focus and mindshare.",
            "People come to us to read, watch, listen or play.",
        ],
        ["a social network", "a video streaming service", "a daily newspaper"],
        "Regular readers (a newspaper)",
        "Subscribers who read more than seven articles in a month.",
    ),
    Game(
        "transaction",
        "Transaction",
        "How many exchanges do customers complete through us?",
        [
            "We do better when customers buy, order or book through us.",
            "Payments and commerce are at the heart of the business.",
            "People come to us to purchase, order, transact and track.",
        ],
        ["an online marketplace", "a discount retailer", "an insurance provider"],
        "Full baskets (a retailer)",
        "Monthly orders that contain more than a set number of items.",
    ),
    Game(
        "productivity",
        "Productivity",
        "How quickly and well do customers get their work done?",
        [
            "We do better when customers finish their tasks efficiently.",
            "Getting things done, with few errors, is what people value.",
            "People come to us to make, build, configure and complete work.",
        ],
        ["a CRM", "design software", "a legal research tool"],
        "Useful searches (a research tool)",
        "Share of searches where the user opens one of the first five results.",
    ),
]
GAMES_BY_KEY = {game.key: game for game in GAMES}

# The worked example for "structure": a grocery delivery service.
STRUCTURE_EXAMPLE = {
    "metric": "Items delivered on time each month",
    "definition": "Items that reach customers within their chosen delivery window, per calendar month.",
    "value": "Customers get their groceries when they need them, so they keep ordering.",
    "inputs": [
        ("breadth", "Ordering customers", "Customers who place at least one order in the month."),
        ("depth", "Basket size", "Average number of items in an order."),
        ("frequency", "Orders per customer", "Orders completed per ordering customer in the month."),
        ("efficiency", "On-time rate", "Share of orders delivered inside the promised window."),
    ],
}

WARM_UP_PRODUCT = {
    "name": "a restaurant booking service",
    "product": "Diners discover restaurants, read reviews and reserve a table online.",
    "business_model": "Free for diners; restaurants pay a monthly subscription plus a fee for each booking.",
}

WARM_UP_EXAMPLE = {
    "team": "A music streaming service",
    "game": "Attention",
    "metric": "Listening time of paying subscribers",
    "breadth": "Trial users; paying subscribers; listeners on more than one device",
    "depth": "Hours per session; songs shared per listener each month; recommended songs played per session",
    "frequency": "Sessions per week; typical gap between sessions",
    "other": "",
    "impact": "More subscribers renewing month after month.",
}

# The warm-up worksheet, in the order groups fill it in: (field, label, prompt).
WORKSHEET_FIELDS = [
    ("game", "Game", "Attention, transaction or productivity?"),
    ("metric", "North Star Metric", "One measure of the value customers get from the product."),
    *[(key, name, question) for key, name, question in HEURISTICS],
    ("other", "Other inputs", "A lever that fits none of the four patterns."),
    ("impact", "Business impact", "Which business results should follow when the metric grows?"),
]


def worksheet_rows(values: dict) -> list[tuple[str, str]]:
    """A worksheet's filled-in fields as (label, text), for read-only display."""
    return [(label, values.get(key, "")) for key, label, _ in WORKSHEET_FIELDS if values.get(key)]


# The belief templates, in the order they are filled in and revealed: (key, name, sentence to complete).
BELIEF_TEMPLATES = [
    ("competitors", "About competitors", "We believe our competitors will ___, so for us ___."),
    ("technology", "Changes in technology", "We believe that ___ in technology will change how customers ___."),
    ("why-we-win", "Why we win", "We believe we win because ___, and others find that hard to copy."),
    ("behaviour", "What drives customers", "We believe customers ___ because ___."),
    ("focus", "Where focus buys leeway", "We believe that if we focus on ___, we can leave ___ alone for now."),
]

BRAINSTORM_STATEMENT = (
    "I would feel surer that our strategy is building lasting growth if I saw more ______, "
    "which we could measure as ______."
)
METRIC_STATEMENT = "Our North Star Metric is called ______, and we define it as ______."

__all__ = ["CHECKLIST", "HEURISTICS", "VANITY_EXAMPLES"]
