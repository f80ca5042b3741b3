"""Celery tasks of the governance app, one module per area (all imported for the worker)."""

import importlib
import pkgutil

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
