"""Browser journeys through the shell of the portal."""

import re

import pytest
from playwright.sync_api import expect

from .browser import chromium, page, phone, sign_in  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser


def test_student_signs_in_switches_to_russian_and_back(page, world):  # noqa: F811
    sign_in(page, "student@uni.example.kz")
    # Kazakh is the default even though the browser asks for English.
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    expect(page.locator("h1")).to_contain_text("Адам")
    expect(page.locator(".panel h2").first).to_be_visible()
    expect(page.locator("body")).to_contain_text("LAW101")

    page.click(".languages button[value=ru]")
    expect(page).to_have_url(re.compile(r"/ru/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator("body")).to_contain_text("LAW101")

    page.click(".languages button[value=kk]")
    expect(page).to_have_url(re.compile(r"^http://[^/]+/$"))
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    world.users["student"].refresh_from_db()
    assert world.users["student"].preferred_language == "kk"


def test_preferred_language_is_used_after_sign_in(page, world):  # noqa: F811
    student = world.users["student"]
    student.preferred_language = "ru"
    student.save()
    sign_in(page, student.email)
    expect(page).to_have_url(re.compile(r"/ru/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ru")


def test_wrong_password_shows_an_error_and_stays_on_sign_in(page, world):  # noqa: F811
    sign_in(page, "student@uni.example.kz", password="wrong-password")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.locator(".errors")).to_be_visible()


def test_dashboard_fits_a_360px_phone(phone, world):  # noqa: F811
    sign_in(phone, "qa@uni.example.kz")
    expect(phone.locator(".panel").first).to_be_visible()
    overflow = phone.evaluate("document.documentElement.scrollWidth")
    assert overflow <= 360, f"page is {overflow}px wide on a 360px screen"
    expect(phone.locator(".languages button[value=ru]")).to_be_visible()
