from difflib import SequenceMatcher

from coffeechat.domain.duplicates import (
    Contact,
    likely_duplicates,
    normal_profile_url,
)


def ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio() * 100


def ids(matches):
    return [m.id for m in matches]


def test_the_same_email_in_another_case_is_a_duplicate():
    found = likely_duplicates(
        Contact(None, "G. Hopper", email="Grace@Navy.mil"),
        [Contact(1, "Grace Hopper", email="grace@navy.mil")],
        ratio,
    )
    assert ids(found) == [1]
    assert "same email" in found[0].reason


def test_profile_urls_match_without_scheme_case_or_trailing_slash():
    assert normal_profile_url("https://www.LinkedIn.com/in/Grace/") == "linkedin.com/in/grace"
    found = likely_duplicates(
        Contact(None, "X", profile_url="linkedin.com/in/grace"),
        [Contact(2, "Y", profile_url="http://www.linkedin.com/in/Grace/")],
        ratio,
    )
    assert ids(found) == [2]


def test_a_close_name_at_the_same_organization_is_a_duplicate():
    found = likely_duplicates(
        Contact(None, "Jon Smith", organization_id=5),
        [Contact(3, "John Smith", organization_id=5)],
        ratio,
    )
    assert ids(found) == [3]


def test_a_close_name_elsewhere_is_not():
    assert (
        likely_duplicates(
            Contact(None, "Jon Smith", organization_id=5),
            [Contact(3, "John Smith", organization_id=6)],
            ratio,
        )
        == []
    )


def test_a_record_is_not_its_own_duplicate():
    assert (
        likely_duplicates(
            Contact(3, "A", email="a@x.org"), [Contact(3, "A", email="a@x.org")], ratio
        )
        == []
    )


def test_blank_emails_do_not_match_each_other():
    assert likely_duplicates(Contact(None, "Ann"), [Contact(1, "Bob")], ratio) == []


def test_a_profile_url_the_url_parser_refuses_is_compared_as_text():
    # urlsplit raises ValueError on an invalid bracketed host; a typo must not break
    # the duplicate check or an import.
    assert normal_profile_url("https://[x]/") == normal_profile_url("HTTPS://[X]")
    assert normal_profile_url("https://[") == "https://["
