from django.apps import AppConfig


class BoardpackConfig(AppConfig):
    name = "boardpack"
    verbose_name = "Corporate Parenting Board pack"
