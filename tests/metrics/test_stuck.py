from metrics.evaluation import cell
from metrics.stuck import suggestions
from workshops.checklist import CHECKLIST


def row(value_scores: list[int], other_scores: list[int] | None = None) -> list:
    """A candidate's heatmap row: these ratings on "expresses value", the others on every other criterion."""
    return [cell(value_scores if c.key == "value" else (other_scores or [2, 2])) for c in CHECKLIST]


def kinds(found) -> list[str]:
    return [suggestion.kind for suggestion in found]


def test_candidates_that_all_rate_low_on_value_point_to_the_value_exchanges():
    found = suggestions(game_agreed=True, heatmap=[row([0, 1]), row([0, 0])])

    assert kinds(found) == ["value-exchange", "core-value"]
    assert "low on “expresses value”" in found[0].reasons[0]


def test_one_candidate_that_expresses_value_is_not_all_low():
    found = suggestions(game_agreed=True, heatmap=[row([0, 0]), row([2, 2])])

    assert not any("low on" in reason for reason in found[0].reasons)


def test_a_split_heatmap_is_named():
    found = suggestions(game_agreed=True, heatmap=[row([1, 1], other_scores=[0, 2])])

    assert any("split" in reason for reason in found[0].reasons)
    assert "beliefs" in kinds(found)


def test_no_game_agreed_also_offers_to_pick_the_game_again():
    assert kinds(suggestions(game_agreed=False, heatmap=[])) == ["value-exchange", "core-value", "game"]


def test_with_nothing_to_go_on_it_still_suggests_a_reset():
    found = suggestions(game_agreed=True, heatmap=[])

    assert kinds(found) == ["value-exchange"]
    assert found[0].reasons
