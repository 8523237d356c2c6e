"""The one client for any OpenAI-compatible endpoint: chat completions, streamed.

It wraps the `openai` package (docs/DECISIONS.md says why) so that the rest of the
app sees two things only: pieces of text as they arrive, and `Unavailable` with a
sentence a person can act on. The package is imported on first use: importing it
costs over a second, which `coffeechat today` and every page that never drafts
should not pay.
"""

import threading
import time
from collections.abc import Iterator

from .config import Endpoint


class Unavailable(Exception):
    """The endpoint did not give a usable answer; the message says what to do."""


_clients: dict[tuple, object] = {}
_clients_lock = threading.Lock()


def _client_for(endpoint: Endpoint, timeout: float):
    """One client per endpoint, key and timeout, kept: making one builds an SSL context
    and a connection pool (140 ms here), which every draft would otherwise wait for."""
    import openai

    key = (endpoint.url, endpoint.api_key, timeout)
    with _clients_lock:
        client = _clients.get(key)
        if client is None:
            if len(_clients) >= 8:  # settings changed many times: start afresh
                _clients.clear()
            client = _clients[key] = openai.OpenAI(
                base_url=endpoint.url,
                api_key=endpoint.api_key or "none",
                timeout=timeout,
                max_retries=0,
            )
        return client


def stream_chat(
    endpoint: Endpoint,
    messages: list[dict],
    *,
    timeout: float,
    deadline: float | None = None,
    max_tokens: int = 600,
) -> Iterator[str]:
    """The answer's text, piece by piece. Raises Unavailable on any failure.

    `timeout` bounds each wait for the endpoint (connecting, the next piece), so a
    server that hangs ends the draft; `deadline` (time.monotonic()) bounds the whole.
    """
    import openai

    client = _client_for(endpoint, timeout)
    try:
        stream = client.chat.completions.create(
            model=endpoint.model,
            messages=messages,
            stream=True,
            max_tokens=max_tokens,
            temperature=0.4,
        )
    except openai.APIError as error:
        raise Unavailable(_explain(error, endpoint)) from None
    received = finished = False
    try:
        for chunk in stream:
            if deadline is not None and time.monotonic() > deadline:
                raise Unavailable(f"{endpoint.label} took too long; the draft was stopped.")
            text = _text_of(chunk)
            finished = finished or bool(chunk.choices and chunk.choices[0].finish_reason)
            if text:
                received = True
                yield text
    except Unavailable:
        raise
    except openai.APIError as error:
        raise Unavailable(_explain(error, endpoint)) from None
    except Exception:  # a broken connection or a chunk that is not a completion
        raise Unavailable(
            f"{endpoint.label} sent an answer that could not be read (it may "
            "have been cut off). Try again, or use the template."
        ) from None
    finally:
        stream.close()
    if not received:
        raise Unavailable(
            f"{endpoint.label} answered with no text of a chat completion: "
            "is it an OpenAI-compatible endpoint? The template still works."
        )
    if not finished:
        # Every OpenAI-compatible server ends a whole answer with a finish reason.
        raise Unavailable(
            f"The answer from {endpoint.label} was cut off halfway. Try again, or use the template."
        )


def _text_of(chunk) -> str:
    if not getattr(chunk, "choices", None):
        return ""
    delta = chunk.choices[0].delta
    return (delta.content or "") if delta is not None else ""


def _explain(error, endpoint: Endpoint) -> str:
    import openai

    if isinstance(error, openai.APITimeoutError):
        return (
            f"{endpoint.label} did not answer in time. Is the model still loading? "
            "Try again, or use the template."
        )
    if isinstance(error, openai.APIConnectionError):
        return f"Could not reach {endpoint.url}: is the server running? The template still works."
    if isinstance(error, openai.NotFoundError):
        return (
            f"{endpoint.url} does not know the model “{endpoint.model}” (or is not an "
            "OpenAI-compatible endpoint). Check the model name in Settings."
        )
    if isinstance(error, openai.AuthenticationError | openai.PermissionDeniedError):
        return f"{endpoint.url} refused the API key. Check it in Settings."
    if isinstance(error, openai.APIStatusError):
        return (
            f"{endpoint.url} answered with an error ({error.status_code}). Try again "
            "later, or use the template."
        )
    return (
        f"{endpoint.label} sent an answer that could not be read (it may have been cut "
        "off). Try again, or use the template."
    )
