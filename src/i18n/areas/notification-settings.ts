import { defineArea } from "../area.ts";

/**
 * Messages of the notification settings: what each choice turns off, by section. Each choice has a
 * short label and a hint saying which notifications it covers (`….hint`).
 */
export const notificationSettings = defineArea(
  {
    "notifications.preferences.title": "Notifications",
    "notifications.preferences.pageTitle": "Notification settings",
    "notifications.preferences.intro": "Choose what you are notified about.",
    "notifications.preferences.link": "Choose what you are notified about",
    "notifications.preferences.back": "Back to your settings",
    "notifications.preferences.save": "Save notification preferences",
    "notifications.preferences.saved": "Your notification preferences are saved.",
    "notifications.preferences.mention": "Someone mentions me",
    "notifications.preferences.mention.hint": "Your @handle in a post or a comment you can see.",
    "notifications.preferences.reply": "Someone comments on my posts",
    "notifications.preferences.reply.hint":
      "A comment on one of your posts, or an answer to one of your comments.",
    "notifications.preferences.reaction": "Someone reacts to my posts",
    "notifications.preferences.reaction.hint":
      "A reaction (like, love, funny…) to one of your posts or comments.",
    "notifications.preferences.boost": "Someone boosts my posts",
    "notifications.preferences.boost.hint":
      "Someone shares one of your posts with the people who follow them.",
    "notifications.preferences.poll_ended": "A poll I voted in or created closes",
    "notifications.preferences.poll_ended.hint": "The poll is over and its results can be seen.",
    "notifications.preferences.follow": "Someone follows me or asks to",
    "notifications.preferences.follow.hint":
      "A new follower, or a request to follow you if you approve your followers.",
    "notifications.preferences.connection_request": "Someone asks to connect",
    "notifications.preferences.connection_request.hint":
      "A request to become one of your connections, for you to accept or decline.",
    "notifications.preferences.accepted": "Someone accepts my request",
    "notifications.preferences.accepted.hint":
      "Your request to connect with them, or to follow them when they approve their followers.",
    "notifications.preferences.message_request": "Someone I am not connected with writes to me",
    "notifications.preferences.message_request.hint":
      "A first message from someone who is not one of your connections: you choose whether to answer.",
    "notifications.preferences.contact_joined": "Someone I invited joins",
    "notifications.preferences.contact_joined.hint":
      "A contact you gave an invitation link to creates their account.",
    "notifications.preferences.event_invited": "Someone invites me to an event",
    "notifications.preferences.event_invited.hint": "An invitation to an event, for you to answer.",
    "notifications.preferences.event_attending": "News of events I go to or asked to go to",
    "notifications.preferences.event_attending.hint":
      "Reminders, changes, cancellations, a place freed up, the answer to your request to go.",
    "notifications.preferences.event_hosting": "News of events I organise",
    "notifications.preferences.event_hosting.hint":
      "Someone asks to go to an event you organise, or answers it with a message.",
    "notifications.preferences.section.posts": "Posts and comments",
    "notifications.preferences.section.people": "People",
    "notifications.preferences.section.events": "Events",
  },
  {
    "notifications.preferences.title": "Notifications",
    "notifications.preferences.pageTitle": "Paramètres des notifications",
    "notifications.preferences.intro": "Choisissez ce dont vous êtes averti·e.",
    "notifications.preferences.link": "Choisir ce dont vous êtes averti·e",
    "notifications.preferences.back": "Retour à vos paramètres",
    "notifications.preferences.save": "Enregistrer les préférences de notification",
    "notifications.preferences.saved": "Vos préférences de notification sont enregistrées.",
    "notifications.preferences.mention": "Quelqu’un me mentionne",
    "notifications.preferences.mention.hint":
      "Votre @identifiant dans une publication ou un commentaire que vous pouvez voir.",
    "notifications.preferences.reply": "Quelqu’un commente mes publications",
    "notifications.preferences.reply.hint":
      "Un commentaire sur l’une de vos publications, ou une réponse à l’un de vos commentaires.",
    "notifications.preferences.reaction": "Quelqu’un réagit à mes publications",
    "notifications.preferences.reaction.hint":
      "Une réaction (j’aime, j’adore, drôle…) à l’une de vos publications ou à l’un de vos commentaires.",
    "notifications.preferences.boost": "Quelqu’un partage mes publications",
    "notifications.preferences.boost.hint":
      "Quelqu’un partage l’une de vos publications avec les personnes qui le ou la suivent.",
    "notifications.preferences.poll_ended": "Un sondage auquel j’ai voté ou que j’ai créé se termine",
    "notifications.preferences.poll_ended.hint": "Le sondage est clos et ses résultats sont visibles.",
    "notifications.preferences.follow": "Quelqu’un me suit ou demande à me suivre",
    "notifications.preferences.follow.hint":
      "Un nouvel abonnement, ou une demande d’abonnement si vous approuvez vos abonnés.",
    "notifications.preferences.connection_request": "Quelqu’un propose de se connecter",
    "notifications.preferences.connection_request.hint":
      "Une demande pour faire partie de vos relations, que vous acceptez ou refusez.",
    "notifications.preferences.accepted": "Quelqu’un accepte ma demande",
    "notifications.preferences.accepted.hint":
      "Votre demande de relation, ou d’abonnement quand la personne approuve ses abonnés.",
    "notifications.preferences.message_request": "Quelqu’un avec qui je ne suis pas connecté·e m’écrit",
    "notifications.preferences.message_request.hint":
      "Un premier message de quelqu’un qui ne fait pas partie de vos relations\u202f: vous choisissez d’y répondre ou non.",
    "notifications.preferences.contact_joined": "Quelqu’un que j’ai invité·e nous rejoint",
    "notifications.preferences.contact_joined.hint":
      "Un contact à qui vous avez donné un lien d’invitation crée son compte.",
    "notifications.preferences.event_invited": "Quelqu’un m’invite à un événement",
    "notifications.preferences.event_invited.hint":
      "Une invitation à un événement, à laquelle vous répondez.",
    "notifications.preferences.event_attending": "Nouvelles des événements où je vais ou demande à aller",
    "notifications.preferences.event_attending.hint":
      "Rappels, changements, annulations, place libérée, réponse à votre demande pour y aller.",
    "notifications.preferences.event_hosting": "Nouvelles des événements que j’organise",
    "notifications.preferences.event_hosting.hint":
      "Quelqu’un demande à venir à un événement que vous organisez, ou y répond avec un message.",
    "notifications.preferences.section.posts": "Publications et commentaires",
    "notifications.preferences.section.people": "Personnes",
    "notifications.preferences.section.events": "Événements",
  },
);
