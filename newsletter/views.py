import re

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import DetailView, FormView, ListView, TemplateView, UpdateView

from articles.models import Article
from cooperation.models import Partnership

from . import conf, confirmation, ratelimit, services
from .forms import PreferencesForm, SubscribeForm
from .models import Edition, Subscriber

SLUG_RE = re.compile(r"[-a-zA-Z0-9_]{1,50}")


class InvalidFormStatusMixin:
    """A form with errors is a 400 (the page is the same, with every value kept)."""

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


# No CSRF check: the footer form sits in pages cached for every visitor, so it cannot carry a
# per-visitor token. A forged sign-up can do no more than the form itself: send a confirmation
# e-mail (double opt-in, at most one an hour), under the per-address rate limit and the honeypot.
@method_decorator(csrf_exempt, name="dispatch")
class SubscribeView(InvalidFormStatusMixin, FormView):
    template_name = "newsletter/subscribe.html"
    form_class = SubscribeForm
    success_url = reverse_lazy("newsletter:subscribe-done")

    def get_initial(self):
        initial = {"source": self.request.path}
        slug = self.request.GET.get("partenariat", "")
        # Checked before the query: a raw GET value may hold anything, NUL bytes included.
        if SLUG_RE.fullmatch(slug):
            self.followed = Partnership.objects.filter(slug=slug).first()
            if self.followed:
                initial["partnerships"] = [self.followed.pk]
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)  # builds the form, hence self.followed
        context["followed"] = getattr(self, "followed", None)
        return context

    def post(self, request, *args, **kwargs):
        limit, period = conf.get("SIGNUP_RATE")
        wait = ratelimit.hit("newsletter-signup", ratelimit.client_ip(request), limit=limit, period=period)
        if wait:
            context = self.get_context_data(form=self.get_form(), rate_limited=True)
            context["retry_minutes"] = -(-wait // 60)
            response = self.render_to_response(context, status=429)
            response["Retry-After"] = str(wait)
            return response
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        if not form.is_bot:  # a filled honeypot gets the same answer, and nothing is stored
            data = form.cleaned_data
            services.request_subscription(
                email=data["email"],
                language=data["language"],
                domains=data["domains"],
                countries=data["countries"],
                partnerships=data["partnerships"],
                source_page=data["source"] or self.request.path,
            )
        return super().form_valid(form)


class SubscribeDoneView(TemplateView):
    template_name = "newsletter/subscribe_done.html"


@method_decorator(never_cache, name="dispatch")
class ConfirmView(TemplateView):
    """GET shows a button, POST confirms: a mail scanner following the link confirms nothing."""

    template_name = "newsletter/confirm.html"

    def dispatch(self, request, *args, **kwargs):
        self.subscriber, self.problem = confirmation.read_value(kwargs["signed"])
        if self.problem:
            status = 410 if self.problem == confirmation.EXPIRED else 400
            context = {"problem": self.problem}
            return render(request, "newsletter/confirm_invalid.html", context, status=status)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(subscriber=self.subscriber, **kwargs)

    def post(self, request, *args, **kwargs):
        services.confirm(self.subscriber)
        self.subscriber.refresh_from_db()
        return self.render_to_response(self.get_context_data(confirmed=True))


class SubscriberByTokenMixin:
    slug_field = "token"
    slug_url_kwarg = "token"
    model = Subscriber

    def get_subscriber(self):
        return get_object_or_404(Subscriber, token=self.kwargs["token"])


@method_decorator(never_cache, name="dispatch")
class PreferencesView(SubscriberByTokenMixin, InvalidFormStatusMixin, UpdateView):
    template_name = "newsletter/preferences.html"
    form_class = PreferencesForm
    context_object_name = "subscriber"

    def form_valid(self, form):
        services.update_preferences(form)
        messages.success(self.request, _("Vos préférences sont enregistrées."))
        return redirect(self.object.get_absolute_url())


@method_decorator([csrf_exempt, never_cache], name="dispatch")
class UnsubscribeView(SubscriberByTokenMixin, View):
    """RFC 8058 one-click: a POST without session or CSRF token unsubscribes at once."""

    def get(self, request, token):
        subscriber = self.get_subscriber()
        return render(request, "newsletter/unsubscribe.html", {"subscriber": subscriber})

    def post(self, request, token):
        subscriber = self.get_subscriber()
        services.unsubscribe(subscriber)
        return render(request, "newsletter/unsubscribe.html", {"subscriber": subscriber, "done": True})


@method_decorator(never_cache, name="dispatch")
class DeleteDataView(SubscriberByTokenMixin, View):
    def get(self, request, token):
        subscriber = self.get_subscriber()
        return render(request, "newsletter/delete_data.html", {"subscriber": subscriber})

    def post(self, request, token):
        services.erase(self.get_subscriber())
        return render(request, "newsletter/delete_data.html", {"done": True})


class ArchiveView(ListView):
    template_name = "newsletter/archive_list.html"
    context_object_name = "editions"
    paginate_by = 20

    def get_queryset(self):
        return Edition.objects.archived()


class ArchiveDetailView(DetailView):
    template_name = "newsletter/archive_detail.html"
    context_object_name = "edition"

    def get_queryset(self):
        articles = Article.objects.published().order_by("-published_on", "-pk")
        return Edition.objects.archived().prefetch_related(Prefetch("articles", queryset=articles))
