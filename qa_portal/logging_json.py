"""Structured logs (issue 8, Operations): one JSON object per line in production.

``JsonFormatter`` writes time, level, logger and message, the exception when there is one, and
what is known of the request being served: its id, path, the signed-in person's id and the
response status; in a Celery worker, the task's name and id. ``RequestContextMiddleware``
gives each request an id (the proxy's ``X-Request-ID`` when it sends a sane one, a new one
otherwise), keeps the request at hand for every line logged while it is handled, and hands the
id back in the response header, so one request's lines can be found together. The worker and
beat log through the same handlers (``CELERY_WORKER_HIJACK_ROOT_LOGGER = False``).
"""

import contextvars
import datetime
import json
import logging
import re
import uuid

from celery import current_task

REQUEST_ID_HEADER = "X-Request-ID"
_SANE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
_request = contextvars.ContextVar("qa_portal_request", default=None)


class RequestContextMiddleware:
    """Remember the request's id, path and person for the log lines written while it runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        sent = request.headers.get(REQUEST_ID_HEADER, "")
        request.request_id = sent if _SANE_ID.fullmatch(sent) else uuid.uuid4().hex
        reset = _request.set(request)
        try:
            response = self.get_response(request)
        finally:
            _request.reset(reset)
        response[REQUEST_ID_HEADER] = request.request_id
        return response


def _user_id(request):
    # The person already read by the view (``django.contrib.auth.get_user`` keeps it there): a
    # log line never looks the session up itself.
    user = getattr(request, "_cached_user", None)
    return getattr(user, "pk", None) if getattr(user, "is_authenticated", False) else None


class JsonFormatter(logging.Formatter):
    """A log record as one line of JSON."""

    def format(self, record):
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        # Django logs a failed response after the middleware, with the request attached.
        request = getattr(record, "request", None) or _request.get()
        if getattr(request, "request_id", None):
            entry["request_id"] = request.request_id
        if request is not None and hasattr(request, "path"):
            entry["path"] = request.path
            entry["method"] = request.method
            user_id = _user_id(request)
            if user_id is not None:
                entry["user_id"] = user_id
        if current_task and current_task.request.id:
            entry["task"] = current_task.name
            entry["task_id"] = current_task.request.id
        if getattr(record, "status_code", None) is not None:
            entry["status"] = record.status_code
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack_info"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
