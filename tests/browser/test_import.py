"""Issue 10's walk: import a LinkedIn file with duplicates in the background, watch the
progress bar, resolve the duplicates, and find the people."""

import pytest
from playwright.sync_api import expect

from coffeechat.accounts.services import local_user
from coffeechat.people.models import Person
from tests.conftest import make_organization, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = (
    'Notes:\n"When exporting your connection data, you may notice that some of the '
    'email addresses are missing."\n\nFirst Name,Last Name,URL,Email Address,Company,'
    "Position,Connected On\n"
)


def linkedin_file(path, rows=3000):
    lines = [
        f"Person{n},Example{n},https://www.linkedin.com/in/person-{n},,"
        f'"Company {n % 300}, Inc",Engineer,12 Mar 2024'
        for n in range(rows)
    ]
    lines += [
        "Katherine,Johnson,https://www.linkedin.com/in/kjohnson,,NASA,Mathematician,28 Aug 2021",
        "Alan,Turing,https://www.linkedin.com/in/alan-turing,,Bletchley Park,"
        "Cryptanalyst,7 Nov 2022",
        "Grace,Hopper,https://www.linkedin.com/in/GraceHopper/,,US Navy,Rear Admiral,1 Feb 2023",
    ]
    path.write_text(HEADER + "\n".join(lines) + "\n")
    return path


def test_import_with_duplicates_in_the_background(page, screenshot, settings, tmp_path, job_worker):
    settings.COFFEECHAT_IMPORT_INLINE_BYTES = 0  # treat the file as large: a background job
    me = local_user()
    make_person(me, name="Katherine G. Johnson", organization=make_organization(me, name="NASA"))
    make_person(
        me, name="Alan M. Turing", organization=make_organization(me, name="Bletchley Park")
    )
    make_person(me, name="Grace Hopper", profile_url="https://linkedin.com/in/gracehopper")

    page.goto("/data/")
    page.get_by_label("Contacts file").set_input_files(linkedin_file(tmp_path / "c.csv"))
    page.get_by_role("button", name="Check the file").click()

    progress = page.locator("#import-progress")
    expect(progress).to_be_visible()
    screenshot("1-progress")
    expect(page.locator("#import-counts")).to_contain_text("3000 new", timeout=30_000)
    assert progress.get_attribute("value") == progress.get_attribute("max") == "3003"
    expect(page.locator("#import-counts")).to_contain_text("1 already here")
    expect(page.locator("#import-counts")).to_contain_text("2 possible duplicates")
    screenshot("2-preview")

    page.get_by_role("radio", name="Add as new").first.check()  # Katherine: a different one
    page.get_by_role("button", name="Import").click()
    expect(page.locator("#import-done")).to_contain_text("3001 added", timeout=30_000)
    screenshot("3-done")

    page.get_by_role("link", name="See your people").click()
    page.get_by_role("searchbox", name="Search").press_sequentially("Turing", delay=30)
    expect(page.locator("#nav-results").get_by_role("link", name="Alan M. Turing")).to_be_visible()
    assert Person.objects.filter(name__contains="Turing").count() == 1  # merged
    assert Person.objects.filter(name__contains="Katherine").count() == 2  # added as new
    assert Person.objects.count() == 3 + 3001
    turing = Person.objects.get(name="Alan M. Turing")
    assert turing.title == "Cryptanalyst"  # its blank was filled
