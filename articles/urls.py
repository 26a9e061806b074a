from django.urls import path, re_path

from . import feeds, views

app_name = "articles"

urlpatterns = [
    path("actualites/", views.ArticleListView.as_view(), name="article-list"),
    path("actualites/flux/rss/", feeds.ArticleFeed(), name="feed-rss"),
    path("actualites/flux/atom/", feeds.ArticleAtomFeed(), name="feed-atom"),
    path("actualites/themes/<slug:slug>/", views.ThemeView.as_view(), name="theme"),
    path("actualites/themes/<slug:slug>/rss/", feeds.ThemeFeed(), name="theme-feed-rss"),
    path("actualites/themes/<slug:slug>/atom/", feeds.ThemeAtomFeed(), name="theme-feed-atom"),
    # Tag slugs keep their accents (« éducation »), which <slug:> would refuse.
    re_path(r"^actualites/mots-cles/(?P<slug>[-\w]+)/$", views.TagView.as_view(), name="tag"),
    path("actualites/<slug:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
]
