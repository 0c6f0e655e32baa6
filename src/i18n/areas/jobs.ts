import { defineArea } from "../area.ts";

/** The administrator's view of background jobs. */
export const jobs = defineArea(
  {
    "jobs.title": "Background jobs",
    "jobs.link": "Background jobs",
    "jobs.back": "Back to administration",
    "jobs.intro":
      "Work done outside requests: timeline fan-out, notifications, imports, exports, reminders. Failed jobs are retried with growing delays, then kept here for 30 days.",
    "jobs.overdue":
      "{count} jobs have been waiting for more than a minute: check that a worker is running (liens worker, or LIENS_WORKER=inline).",
    "jobs.counts": "Jobs by kind and state",
    "jobs.none": "No jobs yet.",
    "jobs.kind": "Kind",
    "jobs.status": "State",
    "jobs.count": "Number",
    "jobs.status.pending": "waiting",
    "jobs.status.running": "running",
    "jobs.status.done": "done",
    "jobs.status.failed": "failed",
    "jobs.failed": "Failed jobs",
    "jobs.failed.none": "No failed jobs.",
    "jobs.attempts": "{count, plural, one {# attempt} other {# attempts}}",
    "jobs.retry": "Retry",
    "jobs.retrying": "Failing, will be tried again",
    "jobs.retrying.none": "No job is waiting to be tried again.",
    "jobs.retrying.next": "next attempt {date}",
  },
  {
    "jobs.title": "Tâches de fond",
    "jobs.link": "Tâches de fond",
    "jobs.back": "Retour à l’administration",
    "jobs.intro":
      "Le travail fait hors des requêtes : diffusion dans les fils, notifications, imports, exports, rappels. Une tâche qui échoue est relancée à intervalles croissants, puis gardée ici 30 jours.",
    "jobs.overdue":
      "{count} tâches attendent depuis plus d’une minute : vérifiez qu’un exécutant tourne (liens worker, ou LIENS_WORKER=inline).",
    "jobs.counts": "Tâches par type et par état",
    "jobs.none": "Aucune tâche pour l’instant.",
    "jobs.kind": "Type",
    "jobs.status": "État",
    "jobs.count": "Nombre",
    "jobs.status.pending": "en attente",
    "jobs.status.running": "en cours",
    "jobs.status.done": "faite",
    "jobs.status.failed": "échouée",
    "jobs.failed": "Tâches échouées",
    "jobs.failed.none": "Aucune tâche échouée.",
    "jobs.attempts": "{count, plural, one {# essai} other {# essais}}",
    "jobs.retry": "Relancer",
    "jobs.retrying": "En échec, seront réessayées",
    "jobs.retrying.none": "Aucune tâche n’attend d’être réessayée.",
    "jobs.retrying.next": "prochain essai le {date}",
  },
);
