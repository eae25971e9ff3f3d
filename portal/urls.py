from django.urls import path  # noqa: F401

from . import views  # noqa: F401

# The young person's own pages, all under /you/ (config/urls.py).
urlpatterns = []
