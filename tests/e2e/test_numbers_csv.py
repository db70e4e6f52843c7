"""A team member uploads a CSV of values, reads the preview, and saves it."""

import datetime as dt
from decimal import Decimal

from playwright.sync_api import expect

from measures.models import Value
from tests.library.helpers import adopted_north_star, member_of


def test_a_member_uploads_a_csv_reads_the_preview_and_saves_it(signed_in, tmp_path):
    north_star = adopted_north_star()
    page = signed_in(member_of(north_star.team))
    values = tmp_path / "values.csv"
    values.write_text("date,node,value\n2026-03-02,metric,10\n2026-03-04,metric,5\n2026-03-02,Nowhere,1\n")

    page.goto(f"/north-stars/{north_star.key}/numbers/")
    page.get_by_role("link", name="Upload a CSV").click()
    page.get_by_label("CSV file").set_input_files(values)
    page.get_by_role("button", name="Read the file and show a preview").click()

    expect(page.get_by_role("heading", level=1, name="Preview of “values.csv”")).to_be_visible()
    expect(page.get_by_text("Nothing is saved yet.")).to_be_visible()
    refused = page.get_by_role("table", name="Each refused row by its line in the file, and why")
    expect(refused.get_by_role("row", name="4")).to_contain_text("No node is called “Nowhere”")
    assert not Value.objects.exists()

    page.get_by_role("button", name="Save 1 value, leaving the refused rows out").click()

    expect(page.get_by_role("status")).to_contain_text("1 new value, 0 changed, 0 unchanged; 1 refused row left out.")
    assert dict(Value.objects.values_list("period_start", "value")) == {dt.date(2026, 3, 2): Decimal(15)}
