from django import forms

from .models import User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name_kk", "full_name_ru", "full_name_en", "preferred_language"]
