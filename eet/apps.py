from django.apps import AppConfig


class EetConfig(AppConfig):
    name = "eet"
    verbose_name = "Education, employment and training"
