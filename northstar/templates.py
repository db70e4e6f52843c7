"""Django's template engine, rendering numbers and dates as they are, without the locale machinery.

The product speaks English only, and English shows numbers and dates exactly as Python
writes them or as a template's explicit `date` and `floatformat` filters say. Yet every
`{{ number }}` a template prints (ids in form controls, counts, minutes) went through
Django's localisation: a look-up of the active language and its number formats for each
one. A participant's page at the evaluation prints a few hundred, and under the server's
threads that look-up cost a fifth of the page's time, on every page and every push.

This is Django's `{% localize off %}`, for every template at once: the same text, made
directly. The test suite compares what pages and pushes show.
"""

from django.template import TemplateDoesNotExist
from django.template.backends.django import DjangoTemplates, Template, reraise
from django.template.context import make_context


class PlainTemplates(DjangoTemplates):
    def from_string(self, template_code):
        return PlainTemplate(self.engine.from_string(template_code), self)

    def get_template(self, template_name):
        return PlainTemplate(super().get_template(template_name).template, self)


class PlainTemplate(Template):
    def render(self, context=None, request=None):
        context = make_context(context, request, autoescape=self.backend.engine.autoescape)
        context.use_l10n = False
        try:
            return self.template.render(context)
        except TemplateDoesNotExist as exc:
            reraise(exc, self.backend)
