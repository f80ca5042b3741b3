"""Extension points through which the upper apps add to governance's pages.

governance is the ground floor and imports nothing above it (``governance.demo_signals`` does
the same for the demo data). An app that has something to show on a body's page registers a
provider in its ``AppConfig.ready``: a callable ``provider(body, user)`` returning
``[(label, url), …]`` for the person reading the page — e.g. documents links the body's charter
(seed 000 §3.1.1–3.1.2). Providers check themselves what the person may open.
"""

_body_link_providers = []


def register_body_links(provider):
    """Add a provider of links for body pages; registering the same one again does nothing."""
    if provider not in _body_link_providers:
        _body_link_providers.append(provider)
    return provider


def body_links(body, user):
    """The (label, url) pairs every registered provider gives for the body and the person."""
    return [link for provider in _body_link_providers for link in provider(body, user)]
