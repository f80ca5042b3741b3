"""Revoking a survey link (issue 8: token links expire and can be revoked): the QA manager
withdraws one address's link on the campaign page; the link stops working, no reminder goes to
it, the other addresses keep theirs, and an answered link stays counted."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from surveys.audience import issue_token, revoke_link
from surveys.models import Campaign, Invitation, Receipt
from surveys.outreach import remind, send_links
from surveys.submission import submit

from . import factories as f
from . import factories_surveys as fs


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def links(db):
    version, questions = fs.sheet_of_every_kind()
    campaign = fs.open_campaign(
        version=version,
        audience_kind="external",
        external_emails="employer@firm.kz\nalumna@example.kz\ngone@firm.kz",
    )
    invitations = {
        invitation.email: invitation
        for invitation in Invitation.objects.filter(target__campaign=campaign)
    }
    return campaign, invitations, questions


def mailed_tokens(campaign):
    """The campaign's links, e-mailed as the survey opens: {address: token}."""
    mail.outbox.clear()
    send_links(campaign=campaign)
    return {
        message.to[0]: re.search(r"/t/([\w-]+)/", message.body).group(1) for message in mail.outbox
    }


def answer_page(client, token):
    return client.get(reverse("surveys:token_answer", args=[token]))


def test_the_qa_manager_revokes_one_address_on_the_campaign_page(client, links):
    campaign, _invitations, _questions = links
    tokens = mailed_tokens(campaign)
    assert len(tokens) == 3
    qa = f.UserFactory(roles=["qa_manager"])
    client.force_login(qa)
    page = client.get(reverse("surveys:campaign_detail", args=[campaign.pk])).content.decode()
    assert reverse("surveys:campaign_revoke_link", args=[campaign.pk]) in page

    response = client.post(
        reverse("surveys:campaign_revoke_link", args=[campaign.pk]),
        {"email": "Gone@Firm.kz"},
        follow=True,
    )
    assert "The link of Gone@Firm.kz is revoked" in response.content.decode()
    client.logout()
    assert answer_page(client, tokens["gone@firm.kz"]).status_code == 404
    assert answer_page(client, tokens["employer@firm.kz"]).status_code == 200
    campaign.refresh_from_db()
    assert "gone@firm.kz" not in campaign.external_emails
    assert "alumna@example.kz" in campaign.external_emails

    mail.outbox.clear()
    remind(campaign, 2)
    assert sorted(address for message in mail.outbox for address in message.to) == [
        "alumna@example.kz",
        "employer@firm.kz",
    ]


def test_an_answered_link_is_spent_and_stays_counted(links):
    campaign, invitations, questions = links
    submit(invitations["employer@firm.kz"], {questions["likert"].pk: "4"})
    assert revoke_link(campaign, "employer@firm.kz") == 0
    assert Receipt.objects.filter(invitation__target__campaign=campaign).count() == 1
    assert Invitation.objects.filter(email="employer@firm.kz").exists()


def test_an_unknown_address_or_a_bad_one_is_said_so(client, links):
    campaign, _invitations, _questions = links
    client.force_login(f.UserFactory(roles=["qa_manager"]))
    url = reverse("surveys:campaign_revoke_link", args=[campaign.pk])
    page = client.post(url, {"email": "nobody@firm.kz"}, follow=True).content.decode()
    assert "nobody@firm.kz has no unanswered link to this survey." in page
    page = client.post(url, {"email": "not an address"}, follow=True).content.decode()
    assert "Enter the e-mail address whose link is to be revoked." in page
    assert Invitation.objects.filter(target__campaign=campaign).count() == 3


def test_only_who_runs_the_campaign_may_revoke(client, world, links):
    campaign, invitations, _questions = links
    token = issue_token(invitations["gone@firm.kz"])
    client.force_login(world.users["teacher"])
    url = reverse("surveys:campaign_revoke_link", args=[campaign.pk])
    assert client.post(url, {"email": "gone@firm.kz"}).status_code == 403
    client.logout()
    assert answer_page(client, token).status_code == 200
    assert Campaign.objects.get(pk=campaign.pk).external_emails.count("@") == 3
