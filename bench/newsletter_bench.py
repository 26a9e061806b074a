"""Send one edition to N subscribers through a loopback SMTP server; print messages per second.

Not a test. It migrates the database it is given and replaces its newsletter data, so give it a
database of its own:

    DATABASE_URL=postgres://root@127.0.0.1:5432/helper_news_bench \\
        .venv/bin/python bench/newsletter_bench.py [--subscribers 10000] [--workers 2] [--batch-size 100]
        [--mode db_worker|inline]

--mode db_worker (default) runs the production path: the edition's tasks are queued in the
database and `manage.py db_worker --batch` processes send them. --mode inline runs the claim/send
loop directly in forked processes (no task queue, no Django start-up in the timing).
The SMTP server (aiosmtpd, counting what it accepts) runs in a process of its own.
"""

import argparse
import multiprocessing
import os
import resource
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def smtp_server(port, accepted, ready, stop, cpu):
    import logging

    from aiosmtpd.controller import Controller

    logging.getLogger("mail.log").setLevel(logging.WARNING)

    class Counter:
        async def handle_DATA(self, server, session, envelope):
            with accepted.get_lock():
                accepted.value += len(envelope.rcpt_tos)
            return "250 OK"

    controller = Controller(Counter(), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()
    cpu.value = time.process_time()


def setup_django(port, args):
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.bench_settings"  # DEBUG off: no query log
    os.environ["NEWSLETTER_BENCH_BATCH_SIZE"] = str(args.batch_size)
    os.environ["NEWSLETTER_BENCH_WORKERS"] = str(args.workers)
    os.environ["EMAIL_HOST"] = "127.0.0.1"
    os.environ["EMAIL_PORT"] = str(port)
    os.environ.setdefault("SITE_URL", "https://atlas.example.org")
    import django

    django.setup()


def prepare(count):
    from django.core.management import call_command
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from articles.models import Article
    from cooperation.models import Domain
    from newsletter.models import Edition, Subscriber

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    Edition.objects.all().delete()
    Subscriber.objects.all().delete()
    DBTaskResult.objects.filter(task_path__startswith="newsletter.").delete()
    domains = [
        Domain.objects.get_or_create(slug=f"bench-{n}", defaults={"name": f"Banc {n}"})[0] for n in range(3)
    ]
    articles = []
    for n in range(6):
        article, _ = Article.objects.get_or_create(
            slug=f"bench-article-{n}",
            defaults={
                "title": f"Article de banc d'essai n° {n}",
                "standfirst": "Un chapô de deux lignes, comme en écrit la rédaction pour chaque article.",
                "text": "<p>Texte</p>",
                "publication": "published",
                "published_on": timezone.localdate(),
            },
        )
        article.domains.set([domains[n % 3]])
        articles.append(article)
    now = timezone.now()
    subscribers = Subscriber.objects.bulk_create(
        (
            Subscriber(
                email=f"banc{n}@example.org",
                status=Subscriber.Status.ACTIVE,
                language="en" if n % 4 == 0 else "fr",
                consent_at=now,
                confirmed_at=now,
            )
            for n in range(count)
        ),
        batch_size=2000,
    )
    # A third follow one field; the others take everything.
    through = Subscriber.domains.through
    through.objects.bulk_create(
        (
            through(subscriber_id=s.pk, domain_id=domains[i % 3].pk)
            for i, s in enumerate(subscribers)
            if i % 3 == 0
        ),
        batch_size=2000,
    )
    edition = Edition.objects.create(
        subject="Lettre du banc d'essai", introduction="Bonjour,\nVoici les nouvelles."
    )
    edition.articles.set(articles)
    return edition


def inline_worker(edition_id, batch_size):
    from django.db import connection

    from newsletter.sending import Worker

    Worker(batch_size=batch_size).run(edition_id)
    connection.close()


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--mode", choices=["db_worker", "inline"], default="db_worker")
    args = parser.parse_args()

    port = free_port()
    accepted = multiprocessing.Value("i", 0)
    ready, stop = multiprocessing.Event(), multiprocessing.Event()
    server_cpu = multiprocessing.Value("d", 0.0)
    server = multiprocessing.Process(
        target=smtp_server, args=(port, accepted, ready, stop, server_cpu), daemon=True
    )
    server.start()
    ready.wait(10)

    setup_django(port, args)
    from django.conf import settings
    from django.db import connections
    from django.db.models import Max, Min

    from newsletter import services
    from newsletter.models import Delivery

    print(f"database: {settings.DATABASES['default']['ENGINE']} {settings.DATABASES['default']['NAME']}")
    edition = prepare(args.subscribers)
    started = time.perf_counter()
    deliveries = services.request_send(edition)  # queues the tasks (db backend) on commit
    queued = time.perf_counter()
    if args.mode == "inline":  # no task queue: the loops below do the work
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.filter(task_path__startswith="newsletter.").delete()
    connections.close_all()  # before forking: children must open their own

    if args.mode == "db_worker":
        command = [sys.executable, str(ROOT / "manage.py"), "db_worker", "--batch", "--no-reload"]
        command += ["--no-startup-delay", "--verbosity", "0"]
        processes = [subprocess.Popen(command, cwd=ROOT) for _ in range(args.workers)]
        for process in processes:
            process.wait()
    else:
        processes = [
            multiprocessing.Process(target=inline_worker, args=(edition.pk, args.batch_size))
            for _ in range(args.workers)
        ]
        for process in processes:
            process.start()
        for process in processes:
            process.join()
    elapsed = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers (the server is still running)
    worker_cpu = usage.ru_utime + usage.ru_stime

    stop.set()
    server.join(10)
    counts = edition.progress()
    span = Delivery.objects.filter(edition=edition, status="sent").aggregate(
        first=Min("sent_at"), last=Max("sent_at")
    )
    sent = counts["sent_count"]
    print(f"subscribers: {args.subscribers}, deliveries: {deliveries}, workers: {args.workers} ({args.mode})")
    print(f"batch size: {args.batch_size}; deliveries created and queued in {queued - started:.2f} s")
    print(f"outcomes: {counts}; messages accepted by the SMTP server: {accepted.value}")
    print(f"wall time {elapsed:.1f} s (including worker start-up): {sent / elapsed:.0f} messages/s")
    if span["first"] and span["last"] and span["last"] > span["first"]:
        seconds = (span["last"] - span["first"]).total_seconds()
        print(f"first to last message {seconds:.1f} s: {sent / seconds:.0f} messages/s")
    per_message = 1000 * worker_cpu / max(sent, 1)
    print(
        f"CPU: workers {worker_cpu:.1f}s ({per_message:.1f} ms/message), SMTP server {server_cpu.value:.1f}s"
    )
    if accepted.value != sent:
        sys.exit("MISMATCH between recorded sends and messages accepted by the server")


if __name__ == "__main__":
    main()
