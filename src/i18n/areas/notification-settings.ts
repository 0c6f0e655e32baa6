import { defineArea } from "../area.ts";

/** Messages of the notification settings: what each choice turns off, by section. */
export const notificationSettings = defineArea(
  {
    "notifications.preferences.title": "Notifications",
    "notifications.preferences.intro": "Choose what you are notified about.",
    "notifications.preferences.save": "Save notification preferences",
    "notifications.preferences.saved": "Your notification preferences are saved.",
    "notifications.preferences.mention": "Someone mentions me",
    "notifications.preferences.reply": "Someone comments on my posts",
    "notifications.preferences.reaction": "Someone reacts to my posts",
    "notifications.preferences.boost": "Someone boosts my posts",
    "notifications.preferences.poll_ended": "A poll I voted in or created closes",
    "notifications.preferences.follow": "Someone follows me or asks to",
    "notifications.preferences.connection_request": "Someone asks to connect",
    "notifications.preferences.accepted": "Someone accepts my request to connect or to follow them",
    "notifications.preferences.message_request": "Someone I am not connected with writes to me",
    "notifications.preferences.contact_joined": "Someone I invited joins",
    "notifications.preferences.event_invited": "Someone invites me to an event",
    "notifications.preferences.event_attending":
      "News of events I go to or asked to go to: reminders, changes, cancellations, a place freed, an answer to my request",
    "notifications.preferences.event_hosting": "Someone asks to go to my event or answers it with a message",
    "notifications.preferences.section.posts": "Posts and comments",
    "notifications.preferences.section.people": "People",
    "notifications.preferences.section.events": "Events",
  },
  {
    "notifications.preferences.title": "Notifications",
    "notifications.preferences.intro": "Choisissez ce dont vous êtes averti·e.",
    "notifications.preferences.save": "Enregistrer les préférences de notification",
    "notifications.preferences.saved": "Vos préférences de notification sont enregistrées.",
    "notifications.preferences.mention": "Quelqu’un me mentionne",
    "notifications.preferences.reply": "Quelqu’un commente mes publications",
    "notifications.preferences.reaction": "Quelqu’un réagit à mes publications",
    "notifications.preferences.boost": "Quelqu’un partage mes publications",
    "notifications.preferences.poll_ended": "Un sondage auquel j’ai voté ou que j’ai créé se termine",
    "notifications.preferences.follow": "Quelqu’un me suit ou demande à me suivre",
    "notifications.preferences.connection_request": "Quelqu’un propose de se connecter",
    "notifications.preferences.accepted": "Quelqu’un accepte ma demande de connexion ou d’abonnement",
    "notifications.preferences.message_request": "Quelqu’un avec qui je ne suis pas connecté·e m’écrit",
    "notifications.preferences.contact_joined": "Quelqu’un que j’ai invité·e nous rejoint",
    "notifications.preferences.event_invited": "Quelqu’un m’invite à un événement",
    "notifications.preferences.event_attending":
      "Nouvelles des événements où je vais ou demande à aller : rappels, changements, annulations, place libérée, réponse à ma demande",
    "notifications.preferences.event_hosting":
      "Quelqu’un demande à venir à mon événement ou y répond avec un message",
    "notifications.preferences.section.posts": "Publications et commentaires",
    "notifications.preferences.section.people": "Personnes",
    "notifications.preferences.section.events": "Événements",
  },
);
