from django import forms


class SettingsForm(forms.Form):
    enabled = forms.BooleanField(required=False, label="Use the writing assistant")
    url = forms.CharField(
        required=False,
        max_length=500,
        label="Endpoint address",
        help_text="An OpenAI-compatible server, e.g. http://127.0.0.1:11434/v1 "
        "(Ollama) or http://127.0.0.1:8080/v1 (llama.cpp).",
    )
    model = forms.CharField(required=False, max_length=200, label="Model")
    api_key = forms.CharField(
        required=False,
        max_length=500,
        label="API key (if it needs one)",
        widget=forms.PasswordInput(render_value=False),
        help_text="Kept in your workspace; never shown again. Leave empty to keep the one saved.",
    )
    forget_key = forms.BooleanField(required=False, label="Forget the saved API key")
