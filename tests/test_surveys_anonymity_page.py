"""The public page on how survey anonymity is protected (issue 4): open to everyone, in kk, ru
and en, and linked from the pages where people answer."""

import pytest
from django.urls import reverse
from django.utils import translation

from surveys.audience import issue_token
from surveys.models import Invitation

from . import factories as f
from . import factories_surveys as fs

HEADINGS = {
    "kk": "Жасырындығыңыз қалай қорғалады",
    "ru": "Как защищена ваша анонимность",
    "en": "How your anonymity is protected",
}


def url(language, name, *args):
    with translation.override(language):
        return reverse(name, args=args)


def page_url(language):
    return url(language, "surveys:anonymity")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_anyone_reads_the_page_in_their_language(client, language):
    response = client.get(page_url(language))

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{HEADINGS[language]}</h1>" in html
    if language != "en":
        assert HEADINGS["en"] not in html


@pytest.mark.django_db
def test_the_page_tells_what_is_kept_the_minimum_and_the_limits(client):
    html = client.get(page_url("en")).content.decode()

    assert "nothing links one to the other" in html
    assert "(usually 5, never fewer than 2)" in html
    assert "show it only to the teacher it is about" in html
    assert "not the QA manager, the rector, a dean, a teacher or the portal" in html
    assert "If a comment gives your name" in html


def open_survey_for_a_student():
    student = f.student()
    campaign = fs.open_campaign(audience_programme=student.student_profile.programme)
    return student, campaign.targets.get()


@pytest.mark.django_db
def test_the_answer_page_and_my_surveys_link_to_it(client):
    student, target = open_survey_for_a_student()
    client.force_login(student)

    answer = client.get(url("kk", "surveys:answer", target.pk)).content.decode()
    mine = client.get(url("kk", "surveys:mine")).content.decode()

    link = f'<a href="{page_url("kk")}"'
    assert link in answer
    # Next to the button that sends the answers.
    assert answer.index("survey-submit") < answer.index(link)
    assert link in mine


@pytest.mark.django_db
def test_the_page_answered_through_a_link_links_to_it_in_russian(client):
    campaign = fs.open_campaign(audience_kind="external", external_emails="alumna@example.kz")
    token = issue_token(Invitation.objects.get(target__campaign=campaign))

    html = client.get(url("ru", "surveys:token_answer", token)).content.decode()

    assert f'<a href="{page_url("ru")}"' in html
    assert HEADINGS["ru"] in html
