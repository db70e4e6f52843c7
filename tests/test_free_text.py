"""Every text a person types goes through one field: cleaned the same way, never cut, its length explained."""

import pytest
from django import forms

from accounts.forms import AccountForm
from library.forms import NorthStarEditForm, TeamNameForm
from northstar.forms import FreeTextField
from workshops.forms import NoteForm, SegmentForm

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # one emoji made of four, joined


def test_it_trims_and_takes_out_control_characters():
    assert FreeTextField().clean("  \x07Grace\x1b Hopper\t ") == "Grace Hopper"


@pytest.mark.parametrize("override", ["\u202e", "\u202d", "\u202a", "\u202b", "\u2066", "\u2067", "\u2068", "\u200b"])
def test_it_takes_out_direction_overrides_and_zero_width_spaces(override):
    assert FreeTextField().clean(f"invoice{override}fdp.exe") == "invoicefdp.exe"


def test_it_keeps_an_emoji_family_joined():
    assert FreeTextField().clean(f"Team {FAMILY}") == f"Team {FAMILY}"


def test_multiline_text_keeps_its_line_breaks():
    assert FreeTextField(multiline=True).clean("First\r\n\x07Second\n\n\n\nThird") == "First\nSecond\n\nThird"


def test_a_nul_byte_is_refused_not_dropped():
    with pytest.raises(forms.ValidationError, match="Null characters are not allowed"):
        FreeTextField().clean("Gr\x00ace")


def test_only_invisible_characters_count_as_nothing_typed():
    with pytest.raises(forms.ValidationError, match="no visible characters"):
        FreeTextField().clean("\u200b\u202e\x07 ")
    assert FreeTextField(required=False).clean("\u200b\u202e") == ""


def test_a_long_text_is_refused_with_the_limit_and_its_length_never_cut():
    with pytest.raises(forms.ValidationError) as refused:
        FreeTextField(max_length=10).clean("x" * 12)

    assert refused.value.messages == ["Ensure this value has at most 10 characters (it has 12)."]


def test_the_length_is_counted_after_cleaning():
    assert FreeTextField(max_length=10).clean("  Grace\u200b\u200b\u200b\u200b  ") == "Grace"


def test_the_browser_is_not_told_to_cut_a_pasted_text():
    assert "maxlength" not in FreeTextField(max_length=10).widget_attrs(forms.TextInput())


@pytest.mark.parametrize(
    ("form", "field"),
    [
        (AccountForm, "display_name"),
        (NoteForm, "text"),
        (SegmentForm, "title"),
        (SegmentForm, "facilitator_notes"),
        (NorthStarEditForm, "note"),
        (TeamNameForm, "name"),
    ],
)
def test_a_form_in_each_app_uses_it(form, field):
    assert isinstance(form.base_fields[field], FreeTextField)


def test_a_model_form_keeps_line_breaks_where_it_offers_a_text_area():
    assert SegmentForm.base_fields["facilitator_notes"].multiline
    assert not SegmentForm.base_fields["title"].multiline


def test_every_text_field_of_every_form_is_free_text():
    # Passwords, emails, addresses and the ids and keys a page sends back are not prose.
    not_prose = (forms.EmailField, forms.URLField)
    kept_as_typed = {"password", "old_password", "new_password1", "new_password2", "next", "key", "field"}
    # FieldForm's value keeps the space before the next word while people type together.
    kept_as_typed |= {"value", "base", "pair"}
    # A SQL source's query and its database's address are code and an address, kept exactly as typed.
    kept_as_typed |= {"query", "url"}
    found, pending = [], [forms.BaseForm]
    while pending:
        form = pending.pop()
        pending += form.__subclasses__()
        apps = ("accounts.", "bets.", "changes.", "checkups.", "library.", "measures.", "metrics.", "reviews.")
        if not form.__module__.startswith((*apps, "workshops.")):
            continue
        for name, field in getattr(form, "base_fields", {}).items():
            if type(field) is forms.CharField and name not in kept_as_typed and not isinstance(field, not_prose):
                found.append(f"{form.__module__}.{form.__name__}.{name}")

    assert found == []


# Flags, choices and numbers a request carries go through a form too ---------------------------


def test_a_posted_flag_is_yes_only_for_the_values_a_button_or_checkbox_sends():
    from django.http import QueryDict

    from northstar.forms import posted_flag

    for value, expected in (("1", True), ("on", True), ("true", True), ("0", False), ("false", False), ("", False)):
        assert posted_flag(QueryDict(f"hide={value}"), "hide") is expected, value
    assert posted_flag(QueryDict(""), "hide") is False


def test_a_posted_choice_outside_the_list_is_refused_in_words_and_a_missing_one_takes_the_default():
    from django.http import Http404, QueryDict

    from northstar.forms import posted_choice

    assert posted_choice(QueryDict("direction=up"), "direction", ("up", "down"), message="Up or down.") == "up"
    assert posted_choice(QueryDict(""), "direction", ("up", "down"), default="down", message="Up or down.") == "down"
    for garbage in ("sideways", "up\x00", "x" * 500):
        with pytest.raises(Http404, match=r"Up or down\."):
            posted_choice({"direction": garbage}, "direction", ("up", "down"), message="Up or down.")
    with pytest.raises(Http404, match=r"Up or down\."):
        posted_choice(QueryDict(""), "direction", ("up", "down"), message="Up or down.")


def test_a_posted_number_is_none_unless_it_fits_an_id():
    from django.http import QueryDict

    from northstar.forms import posted_number

    assert posted_number(QueryDict("a=7"), "a") == 7
    for garbage in ("", "-1", "0", "seven", "9" * 30, "1.5"):
        assert posted_number({"a": garbage}, "a") is None, garbage
