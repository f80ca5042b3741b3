from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator

from .models import User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name_kk", "full_name_ru", "full_name_en", "preferred_language"]


class LoginForm(AuthenticationForm):
    """Django's sign-in form, refusing an e-mail longer than any account's: Django only sets
    the field's length for the browser, and django-axes, recording the failed attempt, could not
    store a longer one (its column holds 255 characters; issue 8, a 500 found by fuzzing)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))
